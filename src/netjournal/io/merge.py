"""Merging an imported contact into one already known, field by field: what is there wins,
unless it is empty. Merging the same thing twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from netjournal.core.records import ChannelDraft, ContactDraft, DateDraft
from netjournal.io.profiles import profile_key

TEXT_FIELDS = (
    "nickname",
    "company",
    "role",
    "location",
    "how_met",
    "email",
    "phone",
    "website",
    "notes",
)
FIELD_LABELS = {
    "how_met": "how you met",
    "cadence_days": "rhythm",
}


def channel_key(channel: ChannelDraft) -> tuple[str, str]:
    """Two channels are one when they are on one platform and name one profile."""
    return channel.platform, profile_key(channel.handle) or channel.handle.strip().casefold()


def merge_contact(known: ContactDraft, incoming: ContactDraft) -> tuple[ContactDraft, list[str]]:
    """`known` with its empty fields filled from `incoming`, and the names of what changed.

    Tags are united; channels are added when new, and a known channel gains a connected-on
    date or a follow it lacked. The name always stays as it is.
    """
    changes: dict[str, object] = {}
    for name in TEXT_FIELDS:
        mine, theirs = getattr(known, name), getattr(incoming, name)
        if not mine and theirs:
            changes[name] = theirs
    if known.cadence_days is None and incoming.cadence_days is not None:
        changes["cadence_days"] = incoming.cadence_days
    changes.update(_birthday(known, incoming))
    tags = tuple(dict.fromkeys((*known.tags, *incoming.tags)))
    if tags != known.tags:
        changes["tags"] = tags
    channels = merge_channels(known.channels or (), incoming.channels or ())
    if channels != (known.channels or ()):
        changes["channels"] = channels
    dates = merge_dates(known.dates or (), incoming.dates or ())
    if dates != (known.dates or ()):
        changes["dates"] = dates
    if not changes:
        return known, []
    fields = [FIELD_LABELS.get(n, n) for n in changes if not n.startswith("birthday_")]
    if any(n.startswith("birthday_") for n in changes):
        fields.append("birthday")
    return replace(known, **changes), fields  # type: ignore[arg-type]


def _birthday(known: ContactDraft, incoming: ContactDraft) -> dict[str, int | None]:
    if incoming.birthday_month is None or incoming.birthday_day is None:
        return {}
    if known.birthday_month is None:
        return {
            "birthday_month": incoming.birthday_month,
            "birthday_day": incoming.birthday_day,
            "birthday_year": incoming.birthday_year,
        }
    same_day = (known.birthday_month, known.birthday_day) == (
        incoming.birthday_month,
        incoming.birthday_day,
    )
    if same_day and known.birthday_year is None and incoming.birthday_year is not None:
        return {"birthday_year": incoming.birthday_year}
    return {}


def merge_dates(
    known: tuple[DateDraft, ...], incoming: tuple[DateDraft, ...]
) -> tuple[DateDraft, ...]:
    """Known dates, then each incoming one not already there (same label and day)."""
    seen = {(d.label.casefold(), d.month, d.day) for d in known}
    added = [d for d in incoming if (d.label.casefold(), d.month, d.day) not in seen]
    return (*known, *dict.fromkeys(added))


def merge_channels(
    known: tuple[ChannelDraft, ...], incoming: tuple[ChannelDraft, ...]
) -> tuple[ChannelDraft, ...]:
    merged = list(known)
    where: dict[tuple[str, str], int] = {}
    for index, channel in enumerate(known):
        where.setdefault(channel_key(channel), index)
    for channel in incoming:
        key = channel_key(channel)
        if key not in where:
            where[key] = len(merged)
            merged.append(channel)
            continue
        mine = merged[where[key]]
        connected: date | None = mine.connected_on or channel.connected_on
        merged[where[key]] = replace(
            mine,
            i_follow=mine.i_follow or channel.i_follow,
            they_follow=mine.they_follow or channel.they_follow,
            connected_on=connected,
        )
    return tuple(merged)
