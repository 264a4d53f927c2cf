"""Cleaning and checking drafts before any session opens, and the length limits of every field.

Each validate_ function returns a cleaned copy of its draft or raises InputError with a sentence;
the shorten_ functions cut an imported draft to the limits instead, and say which fields they cut.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from netjournal.core import limits
from netjournal.core.errors import InputError
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    ContactFields,
    DateDraft,
    ExchangeDraft,
    ExchangeFields,
    ReflectionDraft,
    Text,
    texts,
)
from netjournal.core.text import clean_line, clean_text, split_tags
from netjournal.core.vocab import parse_direction, parse_kind, parse_platform

# The length limits live in core/limits.py; they are named here too for the code that checks them.
NAME, LINE, HOW_MET, EMAIL, PHONE = (
    limits.NAME,
    limits.LINE,
    limits.HOW_MET,
    limits.EMAIL,
    limits.PHONE,
)
LINK, SUMMARY, PROMPT, NOTES = limits.LINK, limits.SUMMARY, limits.PROMPT, limits.NOTES
REFLECTION, MAX_DATE_LABEL, TAG = limits.REFLECTION, limits.MAX_DATE_LABEL, limits.TAG

CONTACT_TEXTS = texts(ContactFields)
EXCHANGE_TEXTS = texts(ExchangeFields)
REFLECTION_TEXTS = (
    ("body", Text("reflection", REFLECTION, multi_line=True, required=True)),
    ("title", Text("title", LINE)),
    ("prompt", Text("prompt", PROMPT)),
)
FIRST_YEAR = 1900
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _too_long(what: str, length: int, limit: int) -> InputError:
    verb = "are" if what.endswith("s") else "is"
    return InputError(
        f"The {what} {verb} too long ({length:,} characters; the limit is {limit:,}). "
        "Shorten it and save again."
    )


def _line(value: str, what: str, limit: int, *, required: bool = False) -> str:
    cleaned = clean_line(value)
    if required and not cleaned:
        raise InputError(f"The {what} can't be empty.")
    if len(cleaned) > limit:
        raise _too_long(what, len(cleaned), limit)
    return cleaned


def _text(value: str, what: str, limit: int, *, required: bool = False) -> str:
    cleaned = clean_text(value).strip("\n")
    if required and not cleaned.strip():
        raise InputError(f"The {what} can't be empty.")
    if len(cleaned) > limit:
        raise _too_long(what, len(cleaned), limit)
    return cleaned


def _texts(draft: Any, declared: tuple[tuple[str, Text], ...]) -> dict[str, Any]:
    """Every free-text field of `draft` cleaned and checked against its declared limit."""
    return {
        name: (_text if spec.multi_line else _line)(
            getattr(draft, name), spec.what, spec.limit, required=spec.required
        )
        for name, spec in declared
    }


def _tags(values: tuple[str, ...]) -> tuple[str, ...]:
    tags = tuple(split_tags(list(values)))
    for tag in tags:
        if len(tag) > TAG:
            raise InputError(
                f'The tag "{tag[:20]}…" is too long ({len(tag):,} characters; the limit is '
                f"{TAG}). Shorten it and save again."
            )
    return tags


def validate_birthday(month: int | None, day: int | None, year: int | None) -> None:
    if month is None and day is None and year is None:
        return
    if month is None or day is None:
        raise InputError("A birthday needs both a month and a day (the year is optional).")
    if not 1 <= month <= 12:
        raise InputError("A birthday's month must be between 1 and 12.")
    if year is not None and not 1800 <= year <= 9999:
        raise InputError("A birthday's year must be a four-digit year, or left out.")
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= last:
        raise InputError(f"{calendar.month_name[month]} has no day {day}.")


def validate_date(draft: DateDraft, today: date) -> DateDraft:
    """A remembered date: a short label, a real month and day, and a past year or none.

    29 Feb is allowed without a year (it falls on 28 Feb in other years).
    """
    label = clean_line(draft.label)
    if not label:
        raise InputError("A date needs a label, like Anniversary or Name day.")
    if len(label) > MAX_DATE_LABEL:
        raise InputError(
            f'The date label "{label[:20]}…" is too long ({len(label)} characters; '
            f"the limit is {MAX_DATE_LABEL})."
        )
    named = f'"{label}"'
    if not 1 <= draft.month <= 12:
        raise InputError(f"The date {named} has month {draft.month}; months run 1 to 12.")
    year = draft.year
    if year is not None and not FIRST_YEAR <= year <= today.year:
        raise InputError(
            f"The date {named} has year {year}; give a year from {FIRST_YEAR} to "
            f"{today.year}, or leave it out."
        )
    last = calendar.monthrange(year if year is not None else 2000, draft.month)[1]
    if not 1 <= draft.day <= last:
        in_year = f" {year}" if year is not None else ""
        raise InputError(
            f"The date {named} is on {calendar.month_name[draft.month]} {draft.day}, "
            f"but {calendar.month_name[draft.month]}{in_year} has no day {draft.day}."
        )
    return DateDraft(label, draft.month, draft.day, year)


def validate_cadence(days: int | None) -> int | None:
    if days is None or days == 0:
        return None
    if not 1 <= days <= 3650:
        raise InputError("A cadence is a number of days between 1 and 3650 (or none).")
    return days


def validate_channel(channel: ChannelDraft) -> ChannelDraft:
    return replace(
        channel,
        platform=parse_platform(channel.platform),
        handle=_line(channel.handle, "handle or link", LINK, required=True),
    )


def _one_per_profile(channels: Iterable[ChannelDraft]) -> tuple[ChannelDraft, ...]:
    """The same handle twice on one platform is one profile: its follows are united and it
    keeps the earliest connected-on date, so every later merge of the contact is stable."""
    kept: dict[tuple[str, str], ChannelDraft] = {}
    for channel in channels:
        key = (channel.platform, channel.handle.casefold())
        mine = kept.get(key)
        if mine is None:
            kept[key] = channel
            continue
        dates = [d for d in (mine.connected_on, channel.connected_on) if d is not None]
        kept[key] = replace(
            mine,
            i_follow=mine.i_follow or channel.i_follow,
            they_follow=mine.they_follow or channel.they_follow,
            connected_on=min(dates) if dates else None,
        )
    return tuple(kept.values())


def validate_contact(draft: ContactDraft, today: date) -> ContactDraft:
    validate_birthday(draft.birthday_month, draft.birthday_day, draft.birthday_year)
    if draft.added_on is not None and draft.added_on > today:
        raise InputError("A contact can't be added with a date in the future.")
    cleaned = _texts(draft, CONTACT_TEXTS)
    email = cleaned["email"]
    if email and ("@" not in email or " " in email):
        raise InputError(f"{email!r} doesn't look like an email address.")
    return replace(
        draft,
        **cleaned,
        cadence_days=validate_cadence(draft.cadence_days),
        tags=_tags(draft.tags),
        channels=None
        if draft.channels is None
        else _one_per_profile(validate_channel(c) for c in draft.channels),
        dates=None if draft.dates is None else tuple(validate_date(d, today) for d in draft.dates),
    )


def validate_exchange(draft: ExchangeDraft, today: date) -> ExchangeDraft:
    if not draft.contact_ids:
        raise InputError("Pick at least one contact for this exchange.")
    if draft.occurred_on is not None and draft.occurred_on > today:
        raise InputError("An exchange can only be dated today or earlier.")
    if draft.weight not in (1, 2, 3):
        raise InputError("The weight must be 1, 2 or 3.")
    when = clean_line(draft.occurred_time)
    if when and not _TIME.match(when):
        raise InputError(f"{when!r} isn't a time; use HH:MM, like 14:30.")
    return replace(
        draft,
        direction=parse_direction(draft.direction),
        kind=parse_kind(draft.kind),
        **_texts(draft, EXCHANGE_TEXTS),
        occurred_time=when,
        tags=_tags(draft.tags),
        contact_ids=tuple(dict.fromkeys(draft.contact_ids)),
    )


def validate_reflection(draft: ReflectionDraft, today: date) -> ReflectionDraft:
    if draft.written_on is not None and draft.written_on > today:
        raise InputError("A reflection can only be dated today or earlier.")
    return replace(
        draft,
        **_texts(draft, REFLECTION_TEXTS),
        tags=_tags(draft.tags),
        contact_ids=tuple(dict.fromkeys(draft.contact_ids)),
    )


# ------------------------------------------------------------------ cutting imports to size

Draft = TypeVar("Draft", ContactDraft, ExchangeDraft, ReflectionDraft)


def _cut(value: str, limit: int, *, one_line: bool) -> str:
    if len(value) <= limit:
        return value  # cleaning only ever shortens
    cleaned = clean_line(value) if one_line else clean_text(value).strip("\n")
    if len(cleaned) <= limit:
        return value
    return cleaned[: limit - 1].rstrip() + "…"


def shorten(draft: Draft) -> tuple[Draft, tuple[str, ...]]:
    """`draft` with every text longer than its limit cut to it (ending in "…"), and the names
    of the fields that were cut. For imports, where a row is better kept shortened than lost;
    what a user types is refused instead (validate_*)."""
    declared: tuple[tuple[str, Text], ...]
    if isinstance(draft, ContactDraft):
        declared = CONTACT_TEXTS
    elif isinstance(draft, ExchangeDraft):
        declared = EXCHANGE_TEXTS
    else:
        declared = REFLECTION_TEXTS
    changes: dict[str, Any] = {}
    for name, spec in declared:
        value = getattr(draft, name)
        cut = _cut(value, spec.limit, one_line=not spec.multi_line)
        if cut is not value:
            changes[name] = cut
    if any(len(tag) > TAG for tag in draft.tags):
        tags = split_tags(list(draft.tags))
        if any(len(tag) > TAG for tag in tags):
            changes["tags"] = tuple(_cut(tag, TAG, one_line=True) for tag in tags)
    if isinstance(draft, ContactDraft):
        if draft.channels and any(len(c.handle) > LINK for c in draft.channels):
            changes["channels"] = tuple(
                replace(c, handle=_cut(c.handle, LINK, one_line=True)) for c in draft.channels
            )
        if draft.dates and any(len(d.label) > MAX_DATE_LABEL for d in draft.dates):
            changes["dates"] = tuple(
                replace(d, label=_cut(d.label, MAX_DATE_LABEL, one_line=True)) for d in draft.dates
            )
    if not changes:
        return draft, ()
    return replace(draft, **changes), tuple(changes)
