"""Birthdays and other remembered dates: when each comes round next, and which are near.

The arithmetic is pure (`next_occurrence`, `upcoming`); `load_date_rows` is the one query,
in plain SQL that the service layer and the lean path both run.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netjournal.core.records import ContactRef, UpcomingDate
from netjournal.core.storage.db import Connection

BIRTHDAY = "Birthday"


@dataclass(frozen=True)
class DateRow:
    """One remembered date of one contact, as read from the journal."""

    contact_id: int
    name: str
    label: str
    month: int
    day: int
    year: int | None


def occurrence_in(year: int, month: int, day: int) -> date:
    """The day `month`/`day` falls on in `year`: 29 Feb is 28 Feb in a common year."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_occurrence(month: int, day: int, today: date) -> date:
    """The first day on or after `today` that `month`/`day` falls on."""
    this_year = occurrence_in(today.year, month, day)
    return this_year if this_year >= today else occurrence_in(today.year + 1, month, day)


def years_on(on: date, year: int | None) -> int | None:
    """The age turned, or the years since, on `on`; None without a year or before the first."""
    if year is None or on.year <= year:
        return None
    return on.year - year


def upcoming(rows: Iterable[DateRow], today: date, days: int) -> list[UpcomingDate]:
    """Every date falling within `days` days from `today` (both ends included), soonest first.

    `days` of 0 means today only; a negative window is empty.
    """
    if days < 0:
        return []
    last = today + timedelta(days=days)
    found = []
    for row in rows:
        if not 1 <= row.month <= 12:
            continue  # the schema forbids it; a damaged row must not take Home down
        on = next_occurrence(row.month, row.day, today)
        if on > last:
            continue
        found.append(
            UpcomingDate(
                contact=ContactRef(row.contact_id, row.name),
                label=row.label,
                on=on,
                days_away=(on - today).days,
                turning=years_on(on, row.year),
            )
        )
    found.sort(key=lambda u: (u.on, u.label != BIRTHDAY, u.contact.name.casefold(), u.label))
    return found


# Live contacts only: not deleted, not archived. Birthdays and other dates in one pass.
_DATE_ROWS = """
    SELECT c.id, c.name, :birthday, c.birthday_month, c.birthday_day, c.birthday_year
      FROM contact c
     WHERE c.deleted_at IS NULL AND NOT c.archived
       AND c.birthday_month IS NOT NULL AND c.birthday_day IS NOT NULL
    UNION ALL
    SELECT c.id, c.name, d.label, d.month, d.day, d.year
      FROM contact_date d JOIN contact c ON c.id = d.contact_id
     WHERE c.deleted_at IS NULL AND NOT c.archived
"""


def load_date_rows(connection: Connection) -> list[DateRow]:
    rows = connection.execute(_DATE_ROWS, {"birthday": BIRTHDAY}).fetchall()
    return [DateRow(*row) for row in rows]
