"""Why someone is highlighted, in words: the reasons Home, Contacts and `netjournal due` show,
and the definitions behind the numbers (docs/guide.md explains them at more length)."""

from __future__ import annotations

from datetime import date

from netjournal.core.dates import humanize_date
from netjournal.core.records import ContactSummary
from netjournal.core.vocab import KIND_WORDS

DEEP_MIN_EXCHANGES = 3
DEEP_MIN_MONTHS = 2


def window_words(days: int) -> str:
    """A window of days as people say it: 365 days are "12 months", 90 days "90 days"."""
    if days % 365 == 0:
        return f"{days // 365 * 12} months"
    return f"{days} days"


def last_exchange(summary: ContactSummary, today: date) -> str:
    """ "3 months ago (meeting)", "3 months ago", or "never"."""
    if summary.last_exchange is None:
        return "never"
    when = humanize_date(summary.last_exchange, today)
    word = KIND_WORDS.get(summary.last_kind, "")
    return f"{when} ({word})" if word else when


def days_over(summary: ContactSummary) -> str:
    """ "62 days over", "1 day over", or "due today" on the day the rhythm runs out."""
    over = summary.days_over
    if over <= 0:
        return "due today"
    return f"{over} {'day' if over == 1 else 'days'} over"


def reconnect_reason(summary: ContactSummary, today: date) -> str:
    """Why someone is on the Reconnect list.

    "last: 3 months ago (meeting) · rhythm 30 days · 62 days over". When the clock started later
    than the last exchange (a touch, or the day they were added), that day is named too.
    """
    parts = [f"last: {last_exchange(summary, today)}"]
    last = summary.last_exchange
    if last is None or summary.clock_start > last:
        parts.append(f"clock from {humanize_date(summary.clock_start, today)}")
    if summary.cadence_days:
        parts.append(f"rhythm {summary.cadence_days} days")
        parts.append(days_over(summary))
    return " · ".join(parts)


def lean_reason(summary: ContactSummary, window_days: int) -> str:
    """The counts behind a one-sided relationship: "you gave 5, received 1 in 12 months".

    A mutual exchange counts on both sides, as it does in the balance.
    """
    return (
        f"you gave {summary.gave_count}, received {summary.received_count} "
        f"in {window_words(window_days)}"
    )


def active_meaning(active_days: int) -> str:
    """What "active" means: "an exchange in the last 90 days"."""
    return f"an exchange in the last {window_words(active_days)}"


def deep_meaning(window_days: int) -> str:
    """What "deep" means: value both ways, repeated, over time — one coffee is not depth."""
    return (
        f"value both ways, at least {DEEP_MIN_EXCHANGES} exchanges, in {DEEP_MIN_MONTHS} or "
        f"more different months, within {window_words(window_days)}"
    )
