"""Share suggestions: who else might value what you just gave, ranked and explained in a few words.

Pure functions turn a candidate's evidence into a score and a few short reasons (`score`,
`reasons`, `rank`), so every signal can be tested on its own, without a journal. SQL gathers the
evidence in `suggest_gather.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from netjournal.core.records import ContactRef

MAX_SUGGESTIONS = 5
SHAREABLE_KINDS = frozenset({"article", "advice", "recommendation", "opportunity", "other"})
"""Kinds that can be passed on as they are. An introduction, a meeting, a favor, a gift or
feedback on someone's own work was for that person, so nobody else is suggested for it."""

# What each signal is worth. An item's own tag is the strongest hint; a shared tag with the
# person it went to is the weakest, since such tags are often about closeness, not interests.
ITEM_TAG = 3.0
WORD_TAG = 2.5
PAST_GIFT = 2.0
PAST_GIFT_SAME_KIND = 0.5
PAST_GIFT_CLOSE = 0.5
MENTION = 1.5
SHARED_TAG = 1.0
DUE = 0.5
COUNTED_PER_SIGNAL = 2
"""More than two matching tags or words add nothing: one person tagged with everything
shouldn't crowd out the rest."""

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MIN_WORD_LENGTH = 3
_SCANNED_CHARS = 2000
_TITLE_CHARS = 28

# Common English words, and the verbs people log gifts with: they say nothing about the topic.
_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each even ever
    few for from further get gets getting got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let like made make many may me might more
    most much must my myself new no nor not now of off on once one only or other our ours
    ourselves out over own really same she should since so some still such than that the their
    theirs them themselves then there these they this those through to too two under until up
    upon us very via was way we well were what when where which while who whom why will with
    within without would yet you your yours yourself yourselves
    sent send sending sends shared share sharing shares gave give given giving gives told tell
    passed forwarded article articles link links post posts thing things stuff someone something
    note notes idea ideas piece bit lot
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_TOKEN = re.compile(r"[^\W_]+")
_FIELD_WORDS = {"notes": "notes", "role": "role", "company": "company", "how_met": "how you met"}


@dataclass(frozen=True)
class Suggestion:
    """Someone who might value what was just given, and why, in a few words."""

    contact: ContactRef
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PastGift:
    """Something you gave this contact before that shares words with the new item."""

    summary: str
    on: date
    words: int
    """How many of the new item's words it shares."""
    same_kind: bool = False


@dataclass(frozen=True)
class Evidence:
    """Everything that speaks for one candidate; `score` and `reasons` read nothing else."""

    contact: ContactRef
    item_tags: tuple[str, ...] = ()
    """The item's own tags that this contact has."""
    word_tags: tuple[str, ...] = ()
    """Words of the summary that are tags this contact has."""
    shared_tags: tuple[str, ...] = ()
    """Tags this contact shares with the people the item went to."""
    mentions: tuple[str, ...] = ()
    """Words of the summary found in the contact's notes, role, company or how you met."""
    mention_fields: Mapping[str, str] = field(default_factory=dict)
    """For some mentioned words, which field holds them (for the reason's wording)."""
    gift: PastGift | None = None
    due: bool = False


# ---------------------------------------------------------------------------- words


def fold(value: str) -> str:
    """Lower-case and strip accents, as the full-text index's tokenizer does."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(value: str) -> list[str]:
    return _TOKEN.findall(fold(value))


def summary_words(summary: str, drop: Iterable[str] = ()) -> tuple[str, ...]:
    """The words of a summary worth matching: no stop words, none shorter than three letters,
    none of `drop` (the recipients' names), at most eight, in first-seen order."""
    dropped = {fold(word) for word in drop}
    words: list[str] = []
    for word in tokens(summary[:_SCANNED_CHARS]):
        if (
            len(word) < MIN_WORD_LENGTH
            or len(word) > MAX_WORD_LENGTH
            or word.isdigit()
            or word in STOP_WORDS
            or word in dropped
            or word in words
        ):
            continue
        words.append(word)
        if len(words) == MAX_WORDS:
            break
    return tuple(words)


def fts_phrase(word: str) -> str:
    """One word as an FTS5 string: quoted, so AND, NEAR, `*` or `^` are only text."""
    return '"' + word.replace('"', '""') + '"'


def fts_query(words: Sequence[str], columns: Sequence[str] = ()) -> str:
    """Any of `words`, optionally only in `columns`; safe for any input."""
    anyof = " OR ".join(fts_phrase(word) for word in words)
    if not columns:
        return anyof
    return "{" + " ".join(columns) + "} : (" + anyof + ")"


# ---------------------------------------------------------------------------- scoring


def score(evidence: Evidence) -> float:
    total = ITEM_TAG * min(len(evidence.item_tags), COUNTED_PER_SIGNAL)
    total += WORD_TAG * min(len(evidence.word_tags), COUNTED_PER_SIGNAL)
    total += MENTION * min(len(evidence.mentions), COUNTED_PER_SIGNAL)
    total += SHARED_TAG * min(len(evidence.shared_tags), COUNTED_PER_SIGNAL)
    gift = evidence.gift
    if gift is not None:
        total += PAST_GIFT
        total += PAST_GIFT_SAME_KIND if gift.same_kind else 0.0
        total += PAST_GIFT_CLOSE if gift.words > 1 else 0.0
    if evidence.due and total > 0:
        total += DUE
    return total


def _hashtags(names: Sequence[str]) -> str:
    return ", ".join(f"#{name}" for name in names[:COUNTED_PER_SIGNAL])


_TITLE_LEAD = frozenset(
    ("sent", "send", "shared", "share", "gave", "give", "forwarded", "the", "a", "an", "my")
)


def _title(summary: str) -> str:
    """A past gift's summary as a short title: "Sent the SEO checklist" → "SEO checklist"."""
    words = summary.split()
    while len(words) > 1 and fold(words[0]) in _TITLE_LEAD:
        words.pop(0)
    line = " ".join(words).rstrip(".")
    if len(line) <= _TITLE_CHARS:
        return line
    return line[: _TITLE_CHARS - 1].rstrip() + "…"


def _month(day: date, today: date) -> str:
    return day.strftime("%B") if day.year == today.year else day.strftime("%B %Y")


def _mention(words: Sequence[str], fields: Mapping[str, str]) -> str:
    shown = words[:COUNTED_PER_SIGNAL]
    where = {fields.get(word, "") for word in shown}
    place = where.pop() if len(where) == 1 else ""
    listed = " and ".join(shown)
    if place == "notes":
        return f"notes mention {listed}"
    if place:
        return f"{_FIELD_WORDS[place]} mentions {listed}"
    return f"mentions {listed}"


def reasons(evidence: Evidence, today: date) -> tuple[str, ...]:
    """A few words per signal, strongest first."""
    said: list[str] = []
    tagged = (*evidence.item_tags, *evidence.word_tags)
    if tagged:
        said.append(f"tagged {_hashtags(tagged)}")
    if evidence.gift is not None:
        gift = evidence.gift
        said.append(f"you sent them “{_title(gift.summary)}” in {_month(gift.on, today)}")
    if evidence.mentions:
        said.append(_mention(evidence.mentions, evidence.mention_fields))
    if evidence.shared_tags:
        said.append(f"also tagged {_hashtags(evidence.shared_tags)}")
    if evidence.due:
        said.append("due to reconnect")
    return tuple(said)


def rank_order(evidence: Evidence) -> tuple[float, str, int]:
    """Highest score first, then by name: the order `rank` and the gathering's pools use."""
    return (-score(evidence), evidence.contact.name.casefold(), evidence.contact.id)


def rank(
    candidates: Iterable[Evidence], today: date, limit: int = MAX_SUGGESTIONS
) -> list[Suggestion]:
    """The best `limit` (at most five) candidates, highest score first, then by name."""
    limit = max(0, min(limit, MAX_SUGGESTIONS))
    scored = sorted((e for e in candidates if score(e) > 0), key=rank_order)[:limit]
    return [Suggestion(e.contact, score(e), reasons(e, today)) for e in scored]


def worth_sharing(direction: str, kind: str) -> bool:
    """Whether an exchange is something others might value too: given, and passable on."""
    return direction == "gave" and kind in SHAREABLE_KINDS
