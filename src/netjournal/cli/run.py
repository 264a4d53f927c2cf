"""The `Run` every command is handed (where the journal is, which day it is), and reading the
names and dates typed on a command line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from netjournal.core import paths
from netjournal.core.errors import InputError
from netjournal.core.text import clean_line, shell_argument

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.records import ContactRef

ENV_TODAY = "NETJOURNAL_TODAY"
"""Pins "today" to an ISO date. For tests and demos only; real use follows the local calendar."""


def today_source() -> Callable[[], date]:
    """The one place that reads NETJOURNAL_TODAY."""
    raw = os.environ.get(ENV_TODAY, "").strip()
    if not raw:
        return _local_today
    try:
        pinned = date.fromisoformat(raw)
    except ValueError:
        raise InputError(
            f"{ENV_TODAY} must be an ISO date like 2026-11-25, not {raw!r}; unset it to use today."
        ) from None
    return lambda: pinned


def _local_today() -> date:
    from netjournal.core.journal import local_today

    return local_today()


@dataclass
class Run:
    """What every command needs: where the journal is, and which day it is."""

    locations: paths.Locations
    today: Callable[[], date]
    demo: bool = False

    @contextmanager
    def journal(self) -> Iterator[Journal]:
        """The journal, open (and locked) only for the length of the `with` block."""
        from netjournal.core.journal import open_journal

        with open_journal(self.locations.journal, today=self.today) as journal:
            yield journal

    def has_journal(self) -> bool:
        return self.locations.journal.exists()


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def resolve_all(journal: Journal, text: str, *, required: bool = True) -> list[ContactRef]:
    """Every comma-separated name as one contact; any ambiguity refuses the lot.

    A name that itself holds a comma ("Smith, John") is one contact when it is exactly the
    name of one.
    """
    names = _split_names(text)
    if required and not names:
        raise InputError('Name at least one contact, e.g. "Ana Lima" or "Ana Lima,Bruno".')
    if len(names) > 1:
        typed = clean_line(text).casefold()
        whole = [r for r in journal.match_contacts(text) if clean_line(r.name).casefold() == typed]
        if len(whole) == 1:
            return whole
    refs = []
    for name in names:
        if len(names) > 1 and not journal.match_contacts(name):
            raise InputError(
                f"No contact matches {name!r}. Add them first with: netjournal add "
                f"{shell_argument(name)} — or, if {clean_line(text)!r} is one person, with: "
                f"netjournal add {shell_argument(text)}"
            )
        refs.append(journal.resolve_contact(name))
    return list({ref.id: ref for ref in refs}.values())


def parse_day(text: str | None, journal: Journal) -> date | None:
    if text is None:
        return None
    from netjournal.core.dates import parse_date

    return parse_date(text, journal.today())
