"""The journal's fixed vocabulary: directions, kinds and platforms, with the words users type.

Cheap to import, so shell help can list them without loading the database layer.
"""

from __future__ import annotations

from netjournal.core.errors import InputError

DIRECTIONS = ("gave", "received", "mutual")
DIRECTION_KEYS = {"g": "gave", "r": "received", "m": "mutual"}
DIRECTION_ALIASES = {
    "give": "gave",
    "given": "gave",
    "shared": "gave",
    "receive": "received",
    "got": "received",
    "both": "mutual",
}

KINDS = (
    "article",
    "introduction",
    "advice",
    "recommendation",
    "favor",
    "feedback",
    "opportunity",
    "meeting",
    "gift",
    "other",
)
DEFAULT_KIND = "article"
"""What is logged when no kind is named, in the app and the shell alike: the commonest thing
people log is something they shared."""
KIND_LABELS = {
    "article": "article or link",
    "introduction": "introduction",
    "advice": "advice",
    "recommendation": "recommendation or endorsement",
    "favor": "favor",
    "feedback": "feedback",
    "opportunity": "opportunity or referral",
    "meeting": "meeting or conversation",
    "gift": "gift",
    "other": "other",
}
KIND_WORDS = {
    "article": "article",
    "introduction": "intro",
    "advice": "advice",
    "recommendation": "recommendation",
    "favor": "favor",
    "feedback": "feedback",
    "opportunity": "opportunity",
    "meeting": "meeting",
    "gift": "gift",
    "other": "",
}
"""A kind in one short word, for reasons like "last: 3 months ago (meeting)"; "other" says
nothing worth showing."""
KIND_NOUNS = {
    "article": "an article",
    "introduction": "an introduction",
    "advice": "advice",
    "recommendation": "a recommendation",
    "favor": "a favor",
    "feedback": "feedback",
    "opportunity": "an opportunity",
    "meeting": "a meeting",
    "gift": "a gift",
    "other": "something",
}
"""A kind inside a sentence: "gave Ana an article"."""
KIND_ALIASES = {
    "link": "article",
    "post": "article",
    "intro": "introduction",
    "endorsement": "recommendation",
    "recommend": "recommendation",
    "favour": "favor",
    "help": "favor",
    "referral": "opportunity",
    "job": "opportunity",
    "conversation": "meeting",
    "call": "meeting",
    "coffee": "meeting",
    "chat": "meeting",
    "present": "gift",
}

PLATFORMS = ("linkedin", "x", "mastodon", "bluesky", "github", "blog", "email", "other")
PLATFORM_LABELS = {
    "linkedin": "LinkedIn",
    "x": "X",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "github": "GitHub",
    "blog": "Blog",
    "email": "Email",
    "other": "Other",
}
PLATFORM_ALIASES = {"twitter": "x", "x/twitter": "x", "bsky": "bluesky", "mail": "email"}


def _lookup(
    value: str, names: tuple[str, ...], aliases: dict[str, str], what: str, extra: str = ""
) -> str:
    key = value.strip().casefold()
    if key in names:
        return key
    if key in aliases:
        return aliases[key]
    starts = [n for n in names if key and n.startswith(key)]
    if len(starts) == 1:
        return starts[0]
    raise InputError(f"{value!r} is not a {what}. Use one of: {', '.join(names)}.{extra}")


def parse_direction(value: str) -> str:
    key = value.strip().casefold()
    if key in DIRECTION_KEYS:
        return DIRECTION_KEYS[key]
    return _lookup(value, DIRECTIONS, DIRECTION_ALIASES, "direction")


def parse_kind(value: str) -> str:
    return _lookup(value, KINDS, KIND_ALIASES, "kind of exchange")


def parse_platform(value: str) -> str:
    return _lookup(value, PLATFORMS, PLATFORM_ALIASES, "platform")
