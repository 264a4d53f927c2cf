"""Cleaning and checking drafts before any session opens (RELIABILITY.md 11 and 14).

Each function returns a cleaned copy of its draft or raises InputError with a sentence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from netjournal.core.errors import InputError
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    DateDraft,
    ExchangeDraft,
    ReflectionDraft,
)
from netjournal.core.text import clean_line, clean_text, split_tags
from netjournal.core.vocab import parse_direction, parse_kind, parse_platform

MAX_LINE = 100_000
MAX_TEXT = 1_000_000
MAX_DATE_LABEL = 60
FIRST_YEAR = 1900
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _line(value: str, what: str, *, required: bool = False) -> str:
    cleaned = clean_line(value)
    if required and not cleaned:
        raise InputError(f"The {what} can't be empty.")
    if len(cleaned) > MAX_LINE:
        raise InputError(
            f"The {what} is too long ({len(cleaned):,} characters; the limit is {MAX_LINE:,})."
        )
    return cleaned


def _text(value: str, what: str, *, required: bool = False) -> str:
    cleaned = clean_text(value).strip("\n")
    if required and not cleaned.strip():
        raise InputError(f"The {what} can't be empty.")
    if len(cleaned) > MAX_TEXT:
        raise InputError(
            f"The {what} is too long ({len(cleaned):,} characters; the limit is {MAX_TEXT:,})."
        )
    return cleaned


def _tags(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(split_tags(list(values)))


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
        handle=_line(channel.handle, "handle or link", required=True),
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
    email = _line(draft.email, "email")
    if email and ("@" not in email or " " in email):
        raise InputError(f"{email!r} doesn't look like an email address.")
    return replace(
        draft,
        name=_line(draft.name, "name", required=True),
        nickname=_line(draft.nickname, "nickname"),
        company=_line(draft.company, "company"),
        role=_line(draft.role, "role"),
        location=_line(draft.location, "location"),
        how_met=_line(draft.how_met, "how you met"),
        email=email,
        phone=_line(draft.phone, "phone"),
        website=_line(draft.website, "website"),
        cadence_days=validate_cadence(draft.cadence_days),
        notes=_text(draft.notes, "notes"),
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
        summary=_line(draft.summary, "summary", required=True),
        details=_text(draft.details, "details"),
        url=_line(draft.url, "link"),
        occurred_time=when,
        tags=_tags(draft.tags),
        contact_ids=tuple(dict.fromkeys(draft.contact_ids)),
    )


def validate_reflection(draft: ReflectionDraft, today: date) -> ReflectionDraft:
    if draft.written_on is not None and draft.written_on > today:
        raise InputError("A reflection can only be dated today or earlier.")
    return replace(
        draft,
        body=_text(draft.body, "reflection", required=True),
        title=_line(draft.title, "title"),
        prompt=_line(draft.prompt, "prompt"),
        tags=_tags(draft.tags),
        contact_ids=tuple(dict.fromkeys(draft.contact_ids)),
    )
