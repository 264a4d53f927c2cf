"""The machine's clock, read in one place; everything else is handed "today" and "now"."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from netjournal.core.errors import InputError

ENV_TODAY = "NETJOURNAL_TODAY"
"""Pins "today" to an ISO date. For tests and demos only; real use follows the local calendar."""


def utc_now() -> datetime:
    """The current time as an aware UTC datetime (SQLModel refuses naive ones)."""
    return datetime.now(UTC)


def local_today() -> date:
    """Today in the local calendar: the day a person would write on a note."""
    return datetime.now(UTC).astimezone().date()


def today_source() -> Callable[[], date]:
    """The day netjournal works in: the local calendar, or NETJOURNAL_TODAY when it is set."""
    raw = os.environ.get(ENV_TODAY, "").strip()
    if not raw:
        return local_today
    try:
        pinned = date.fromisoformat(raw)
    except ValueError:
        raise InputError(
            f"{ENV_TODAY} must be an ISO date like 2026-11-25, not {raw!r}; unset it to use today."
        ) from None
    return lambda: pinned


def now_source(today: Callable[[], date]) -> Callable[[], datetime]:
    """The time to stamp writes with: the real time, or noon of a pinned or injected day, so a
    journal written under a fixed clock is the same on any day."""
    if today is local_today:
        return utc_now
    return lambda: datetime.combine(today(), time(12, 0), tzinfo=UTC)
