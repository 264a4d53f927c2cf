"""The journal through a plain `sqlite3` connection: Home's first frame, and the shell's
`log`, `due` and `contacts`, without loading SQLAlchemy, SQLModel or Alembic.

Opening it makes the checks every open makes and holds this program's share of the journal; it
declines a journal that must first be created or upgraded, which only the full open
(`journal.open_journal`) does. Every read and write here is the same function the service layer
calls (`Journal`), on the same plain SQL, so the two can't drift apart.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from netjournal.core import exchange_writes
from netjournal.core.clock import now_source
from netjournal.core.errors import InputError
from netjournal.core.exchange_reads import load_exchanges
from netjournal.core.find import names
from netjournal.core.highlights import insights, ledger, upcoming
from netjournal.core.records import (
    ContactRef,
    ContactSummary,
    ExchangeDraft,
    ExchangeRecord,
    Highlights,
    MonthTotal,
    UpcomingDate,
)
from netjournal.core.settings import Settings
from netjournal.core.storage import db
from netjournal.core.storage.file_errors import describe_error, explained
from netjournal.core.storage.identity import HEAD_REVISION
from netjournal.core.storage.migrate import MigrationScripts
from netjournal.core.storage.preflight import (
    inspect_path,
    journal_revision,
    mark_closed,
    mark_open,
    record_checked,
)
from netjournal.core.storage.privacy import tighten
from netjournal.core.storage.sharing import JournalLock
from netjournal.core.suggestions.suggest import Suggestion
from netjournal.core.suggestions.suggest_gather import suggest
from netjournal.core.validation import validate_exchange


class LeanJournal:
    """A journal open for Home's reads, before (or without) the data stack."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        lock: JournalLock,
        today: Callable[[], date],
    ) -> None:
        self.path = path
        self._connection = connection
        self._lock = lock
        self._today = today
        self._inode = mark_open(path)
        self._guard = threading.RLock()
        self.now = now_source(today)
        self.notice: str | None = None
        """A sentence for the user about the file, from opening it (e.g. its modes tightened)."""

    @classmethod
    def open(
        cls, path: Path, today: Callable[[], date], *, full_check: bool = True
    ) -> LeanJournal | None:
        """The journal at `path`, or None when it must be created or upgraded first.

        A file that isn't a healthy journal is refused with a sentence, as every open does.
        SQLite's full check runs when a day has passed since the last one, unless `full_check`
        is False (the app's first frame leaves it to the full open that follows).
        """
        path = Path(path).absolute()
        with explained(path):
            if path.is_symlink() and path.exists():
                path = path.resolve()
            if not path.exists() or journal_revision(path) != HEAD_REVISION:
                return None
            inspection = inspect_path(
                path, MigrationScripts(), full_check=None if full_check else False
            )
            notice = tighten(path)
            lock = JournalLock.shared(path)
            if inspection.checked_in_full:
                record_checked(path)
            try:
                connection = db.connect(path)
            except BaseException:
                lock.release()
                raise
            opened = cls(path, connection, lock, today)
            opened.notice = notice
            return opened

    def today(self) -> date:
        return self._today()

    def settings(self) -> Settings:
        with self._reading() as connection:
            return ledger.read_settings(connection)

    def highlights(self, recent: int = 8) -> Highlights:
        today = self.today()
        self._freshen(today)
        with self._reading() as connection:
            return insights.load_highlights(
                connection, ledger.read_settings(connection), today, recent=recent
            )

    def contact_summaries(self, include_archived: bool = False) -> list[ContactSummary]:
        """Every live contact with every highlight rule applied, by name."""
        today = self.today()
        self._freshen(today)
        with self._reading() as connection:
            found = insights.load_summaries(
                connection,
                ledger.read_settings(connection),
                today,
                include_archived=include_archived,
            )
        return sorted(found, key=lambda s: s.name.casefold())

    def resolve_contact(self, fragment: str) -> ContactRef:
        with self._reading() as connection:
            return names.resolve_contact(connection, fragment)

    def match_contacts(self, fragment: str) -> list[ContactRef]:
        with self._reading() as connection:
            return names.match_contacts(connection, fragment)

    def log_exchange(self, draft: ExchangeDraft) -> int:
        """Validate and write one exchange, its ledger rows with it; see `Journal.log_exchange`."""
        today = self.today()
        clean = validate_exchange(draft, today)
        with self._failures_explained(), db.writing(self._connection) as connection:
            exchange_writes.check_contacts(connection, clean.contact_ids)
            exchange_id = exchange_writes.add_exchange(connection, clean, today, self.now())
            ledger.flush(connection, today)
        return exchange_id

    def exchange(self, exchange_id: int) -> ExchangeRecord:
        with self._reading() as connection:
            found = load_exchanges(connection, ids=[exchange_id])
        if not found:
            raise InputError("That exchange no longer exists.")
        return found[0]

    def suggest_recipients(
        self,
        summary: str,
        *,
        tags: Sequence[str] = (),
        chosen: Sequence[int] = (),
        kind: str = "article",
        limit: int = 5,
    ) -> list[Suggestion]:
        """Up to five others who might value what was given to `chosen`; see `suggest_gather`."""
        with self._reading() as connection:
            return suggest(
                connection,
                summary,
                tags=tags,
                chosen=chosen,
                kind=kind,
                today=self.today(),
                settings=ledger.read_settings(connection),
                limit=limit,
            )

    def months(self, count: int = 12) -> list[MonthTotal]:
        with self._reading() as connection:
            return insights.load_months(connection, self.today(), count)

    def upcoming(self, days: int | None = None) -> list[UpcomingDate]:
        with self._reading() as connection:
            window = ledger.read_settings(connection).upcoming_days if days is None else days
            if window <= 0:
                return []
            rows = upcoming.load_date_rows(connection)
        return upcoming.upcoming(rows, self.today(), window)

    def _freshen(self, today: date) -> None:
        """Bring ledger rows that time (or an interrupted write) left behind up to `today`."""
        with self._reading() as connection:
            stale = ledger.needs_freshening(connection, today)
        if stale:
            with self._failures_explained(), db.writing(self._connection) as connection:
                ledger.freshen(connection, today)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        mark_closed(self._inode)
        self._lock.release()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._failures_explained(), db.reading(self._connection) as connection:
            yield connection

    @contextlib.contextmanager
    def _failures_explained(self) -> Iterator[None]:
        """One thread at a time on the connection; SQLite's failures leave as sentences."""
        with self._guard:
            try:
                yield
            except sqlite3.Error as exc:
                raise describe_error(exc, self.path) from exc
