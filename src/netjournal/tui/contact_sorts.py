"""How the Contacts list orders people: by name, last exchange, balance or due."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from netjournal.core.records import ContactSummary

SORTS = ("name", "last", "balance", "due")
SORT_LABELS = {"name": "name", "last": "last exchange", "balance": "balance", "due": "due"}

SortKey = Callable[[ContactSummary], Any]


def _name_key(summary: ContactSummary) -> str:
    return summary.name.casefold()


def _last_key(summary: ContactSummary) -> tuple[bool, int]:
    # Most recent first; never-exchanged at the end.
    last = summary.last_exchange
    return (last is None, -last.toordinal() if last is not None else 0)


def _balance_key(summary: ContactSummary) -> tuple[bool, float]:
    # Most one-sided towards giving first, then down to mostly receiving; no exchanges last.
    return (summary.balance is None, -(summary.balance or 0.0))


_DUE_ORDER = {"overdue": 0, "due": 1, "ok": 2, "snoozed": 3, "none": 4}


def _due_key(summary: ContactSummary) -> tuple[int, float]:
    return (_DUE_ORDER.get(summary.due, 5), -summary.overdue_ratio)


SORT_KEYS: dict[str, SortKey] = {
    "name": _name_key,
    "last": _last_key,
    "balance": _balance_key,
    "due": _due_key,
}


def sort_summaries(summaries: Sequence[ContactSummary], sort: str) -> list[ContactSummary]:
    """Order by `sort`, ties by name, so the order never depends on how the data was read."""
    by_name = sorted(summaries, key=_name_key)
    return by_name if sort == "name" else sorted(by_name, key=SORT_KEYS[sort])
