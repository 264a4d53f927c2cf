"""Opening a journal safely: connection settings, transactions, sharing it, upgrading it.

Every SQLite failure leaves here as a `JournalFileError` sentence (docs/data-safety.md).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from netjournal.core.clock import local_today
from netjournal.core.errors import JournalFileError
from netjournal.core.highlights import ledger
from netjournal.core.storage import db, paths
from netjournal.core.storage.file_errors import describe_error, explained
from netjournal.core.storage.identity import APPLICATION_ID
from netjournal.core.storage.migrate import MigrationScripts, backup_before_migration, upgrade
from netjournal.core.storage.paths import fsync_dir, make_private_dir
from netjournal.core.storage.preflight import (
    Inspection,
    file_size,
    forget_checked,
    inspect_path,
    mark_closed,
    mark_open,
    record_checked,
    sidecar,
)
from netjournal.core.storage.privacy import tighten
from netjournal.core.storage.sharing import JournalLock

_MODE_OPTION = "netjournal_mode"


class Store:
    """One open journal: its engine, this program's share of it, and short sessions for units of
    work. Other programs may have the same journal open; SQLite keeps their writes apart."""

    def __init__(self, path: Path, engine: sqlalchemy.Engine, lock: JournalLock) -> None:
        self.path = path
        self.engine = engine
        self._read_engine = engine.execution_options(**{_MODE_OPTION: "read"})
        self._lock = lock
        self._inode = mark_open(path)
        self._closed = False
        self._this_thread = threading.local()
        self._commits = itertools.count(1)
        self.generation = 0
        """Changes with every committed write (and `replaced()`): what a reader may memoize by."""
        self.notice: str | None = None
        """A sentence for the user about the file, from opening it (e.g. its modes tightened)."""
        self.today: Callable[[], date] = local_today
        """The day the ledger's figures are computed for; the Journal hands in its own clock."""

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', closed' if self._closed else ''})"

    @contextlib.contextmanager
    def writer(self) -> Iterator[Session]:
        """One short write transaction: BEGIN IMMEDIATE now, commit on normal exit.

        Any exception rolls everything back; SQLite errors leave as `JournalFileError` sentences.
        Objects stay readable after the commit (nothing is expired).
        """
        self._check_open()
        if getattr(self._this_thread, "writing", False):
            # The inner BEGIN IMMEDIATE would wait on the outer one for the whole busy timeout.
            raise RuntimeError("store.writer() was entered again inside a writer on this thread")
        session = Session(self.engine, expire_on_commit=False)
        self._this_thread.writing = True
        try:
            # Taking the write lock up front means a busy journal is reported before any work.
            changes_before = _total_changes(session)
            yield session
            session.flush()
            ledger.flush(dbapi_connection(session), self.today())
            after = _total_changes(session)
            changed = after is None or after != changes_before
            session.commit()
            if changed:
                self.generation = next(self._commits)
        except (DBAPIError, sqlite3.Error) as exc:
            _rollback_quietly(session)
            raise describe_error(exc, self.path) from exc
        except BaseException:
            _rollback_quietly(session)
            raise
        finally:
            self._this_thread.writing = False
            with contextlib.suppress(DBAPIError, sqlite3.Error):
                session.close()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only unit of work in a deferred transaction, rolled back at exit.

        Objects loaded here keep their loaded attributes after the block (close() detaches them
        without expiring), but copy what you need into plain records before leaving it.
        """
        self._check_open()
        session = Session(self._read_engine)
        try:
            session.connection()
            yield session
        except (DBAPIError, sqlite3.Error) as exc:
            raise describe_error(exc, self.path) from exc
        finally:
            with contextlib.suppress(DBAPIError, sqlite3.Error):
                session.close()

    def replaced(self) -> None:
        """Say that the file's contents were replaced outside `writer()` (a restore)."""
        self.generation = next(self._commits)
        forget_checked(self.path)

    @contextlib.contextmanager
    def alone(self, what: str) -> Iterator[None]:
        """Keep every other netjournal out for `what` ("restore"), or refuse with a sentence."""
        self._check_open()
        self._lock.make_exclusive(what)
        try:
            yield
        finally:
            self._lock.make_shared()

    def others_have_it_open(self) -> bool:
        return not self._lock.alone()

    def close(self) -> None:
        """Dispose the engine, then release this program's share. Calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            self.engine.dispose()
        finally:
            mark_closed(self._inode)
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise JournalFileError(f"{self.path} was closed; open it again to continue.")


def open_store(
    path: Path,
    *,
    create: bool = True,
    backup_dir: Path | None = None,
    migrate: bool = True,
) -> Store:
    """Open the journal at `path` (creating it if allowed), refusing anything that isn't one.

    Any number of programs may have one journal open. `migrate=False` leaves an existing journal at
    its stored schema (a new one is always built).
    """
    return _open_store(
        path, create=create, backup_dir=backup_dir, migrate=migrate, script_location=None
    )


# --- Files and folders -----------------------------------------------------------------------


# --- Engine and transactions -----------------------------------------------------------------


def _make_engine(path: Path) -> sqlalchemy.Engine:
    engine = create_engine(sqlalchemy.URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_transaction)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    db.configure(dbapi_connection)


def _begin_transaction(connection: sqlalchemy.Connection) -> None:
    # A deferred writer that reads first fails at once with "database is locked" when it later
    # tries to write, ignoring busy_timeout; IMMEDIATE takes the write lock (or waits) up front.
    if connection.get_execution_options().get(_MODE_OPTION) == "read":
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def dbapi_connection(session: Session) -> sqlite3.Connection:
    """The session's own sqlite3 connection, inside its transaction: where netjournal's plain
    SQL (core/highlights/ledger.py and the like) runs for the service layer. Pending ORM changes are
    flushed first, so that SQL sees them."""
    session.flush()
    connection = session.connection().connection.dbapi_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def _total_changes(session: Session) -> int | None:
    """Rows changed on the session's connection so far, None if unknown. A unit of work that
    changed none (a purge with nothing to purge) leaves memoized reads valid."""
    dbapi_connection = session.connection().connection.dbapi_connection
    changes = getattr(dbapi_connection, "total_changes", None)
    return changes if isinstance(changes, int) else None


def _rollback_quietly(session: Session) -> None:
    # The error that brought us here matters more than one from rolling back; close() still
    # returns the connection, and SQLite rolls back whatever is left when it is reset.
    with contextlib.suppress(DBAPIError, sqlite3.Error):
        session.rollback()


# --- Opening ---------------------------------------------------------------------------------


def _open_store(
    path: Path,
    *,
    create: bool,
    backup_dir: Path | None,
    migrate: bool,
    script_location: Path | None,
) -> Store:
    path = Path(path).absolute()
    with explained(path):
        path = _real_path(path)
        scripts = MigrationScripts(script_location)
        return _open_checked(path, create, backup_dir, migrate, scripts)


def _real_path(path: Path) -> Path:
    """One name for one file: a link is followed to the journal it points at, so every program
    keys its lock on the same path. A broken link is left for preflight to refuse."""
    if path.is_symlink() and path.exists():
        return path.resolve()
    return path


def _open_checked(
    path: Path,
    create: bool,
    backup_dir: Path | None,
    migrate: bool,
    scripts: MigrationScripts,
) -> Store:
    # Looked at before anything is created beside it: a file that isn't a healthy journal of
    # ours is refused with nothing changed around it.
    inspection = inspect_path(path, scripts)
    if inspection.state == "missing":
        if not create:
            raise JournalFileError(f"There is no journal at {path}. Check the path, or create one.")
        make_private_dir(path.parent)
    notice = tighten(path) if inspection.state == "journal" else None
    lock = JournalLock.shared(path)
    engine: sqlalchemy.Engine | None = None
    try:
        if inspection.checked_in_full:
            record_checked(path)
        # Another netjournal may have created or upgraded it while this one waited for the lock.
        inspection = inspect_path(path, scripts, full_check=False)
        if _needs_building(inspection, scripts, migrate):
            # No other netjournal may use the file meanwhile, and one may have done the work
            # while this one waited to have it alone.
            lock.make_exclusive("create" if inspection.state == "missing" else "upgrade")
            inspection = inspect_path(path, scripts, full_check=False)
        if inspection.state == "missing":
            _create_journal_file(path)
        engine = _make_engine(path)
        is_new = inspection.state == "missing" or inspection.revision is None
        if _needs_building(inspection, scripts, migrate):
            backup = None
            if not is_new:
                backup = backup_before_migration(
                    path, backup_dir or paths.backup_dir_for(path), scripts.head
                )
            upgrade(engine, path, scripts, backup)
            if is_new:
                record_checked(path)  # built just now, page by page, by this program
        lock.make_shared()
        store = Store(path, engine, lock)
        store.notice = notice
        return store
    except BaseException:
        if engine is not None:
            engine.dispose()
        lock.release()
        raise


def _needs_building(inspection: Inspection, scripts: MigrationScripts, migrate: bool) -> bool:
    """Whether the file must be created or upgraded (a new journal is always built to head)."""
    if inspection.state == "missing" or inspection.revision is None:
        return True
    return migrate and inspection.revision != scripts.head


def _create_journal_file(path: Path) -> None:
    """Create an empty journal carrying our application id, at 0600, in WAL mode."""
    make_private_dir(path.parent)
    for leftover in (sidecar(path, "-wal"), sidecar(path, "-journal")):
        if file_size(leftover) > 0:
            raise JournalFileError(
                f"{leftover} is left over from an earlier journal at this path and may hold its "
                "data. netjournal will not start a new journal over it; move it somewhere safe, "
                "then try again."
            )
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            # The id goes in before WAL is switched on (which writes the first page), so a crash
            # leaves either an empty file or one we recognise as an unfinished journal of ours.
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        fsync_dir(path.parent)
    except BaseException:
        if file_size(path) == 0:
            path.unlink(missing_ok=True)
        raise
