"""The machine's clock, read in one place; everything else is handed "today" and "now"."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """The current time as an aware UTC datetime (SQLModel refuses naive ones)."""
    return datetime.now(UTC)


def local_today() -> date:
    """Today in the local calendar: the day a person would write on a note."""
    return datetime.now(UTC).astimezone().date()
