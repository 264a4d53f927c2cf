"""The `Run` every command is handed (where the journal is, which day it is), and reading the
names and dates typed on a command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from netjournal.core.errors import InputError
from netjournal.core.storage import paths
from netjournal.core.text import clean_line, shell_argument

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.lean import LeanJournal
    from netjournal.core.records import ContactRef


@dataclass
class Run:
    """What every command needs: where the journal is, and which day it is."""

    locations: paths.Locations
    today: Callable[[], date]
    demo: bool = False

    @contextmanager
    def journal(self) -> Iterator[Journal]:
        """The journal, open only for the length of the `with` block."""
        from netjournal.core.journal import open_journal

        with open_journal(self.locations.journal, today=self.today) as journal:
            _tell(journal.notice)
            yield journal

    @contextmanager
    def lean_journal(self) -> Iterator[Journal | LeanJournal]:
        """The journal through plain sqlite3 when it can be (a journal at this version), else
        the full one; for the commands people run most (`log`, `due`, `contacts`)."""
        from netjournal.core.lean import LeanJournal

        lean = LeanJournal.open(self.locations.journal, self.today)
        if lean is None:
            with self.journal() as journal:
                yield journal
            return
        _tell(lean.notice)
        try:
            yield lean
        finally:
            lean.close()

    def has_journal(self) -> bool:
        return self.locations.journal.exists()


def _tell(notice: str | None) -> None:
    if notice:
        from netjournal.cli.output import say

        say(notice, err=True)


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def resolve_all(
    journal: Journal | LeanJournal, text: str, *, required: bool = True
) -> list[ContactRef]:
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


def parse_day(text: str | None, journal: Journal | LeanJournal) -> date | None:
    if text is None:
        return None
    from netjournal.core.dates import parse_date

    return parse_date(text, journal.today())
