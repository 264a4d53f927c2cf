"""Opening a journal safely: connection settings, transactions, the instance lock, upgrading it.

Every SQLite failure leaves here as a `JournalFileError` sentence (RELIABILITY.md items 1-8 and 16).
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import math
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from netjournal.core import paths
from netjournal.core.errors import JournalFileError
from netjournal.core.file_errors import describe_error, explained
from netjournal.core.migrate import (
    APPLICATION_ID,
    HEAD_REVISION,
    MIGRATIONS_DIR,
    MigrationScripts,
    backup_before_migration,
    upgrade,
)
from netjournal.core.preflight import (
    connect_read_only,
    file_size,
    fingerprint,
    forget_checked,
    inspect_path,
    journal_revision,
    mark_closed,
    mark_open,
    preflight,
    record_checked,
    sidecar,
    sync_folder_warning,
)

# Other code imports these from here; they live in preflight, file_errors and migrate.
__all__ = [
    "APPLICATION_ID",
    "HEAD_REVISION",
    "MIGRATIONS_DIR",
    "Store",
    "connect_read_only",
    "describe_error",
    "fsync_dir",
    "journal_revision",
    "make_private_dir",
    "open_store",
    "preflight",
    "sync_folder_warning",
]

# How long a write waits for another program's transaction (the BUSY sentence says 5 seconds).
BUSY_TIMEOUT_MS = 5000
_MODE_OPTION = "netjournal_mode"
_CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
)


class Store:
    """One open journal: its engine, the instance lock, and short sessions for units of work."""

    def __init__(self, path: Path, engine: sqlalchemy.Engine, lock: _InstanceLock | None) -> None:
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

    def close(self) -> None:
        """Dispose the engine, then release the lock. Calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            self.engine.dispose()
            if self._lock is not None:
                record_checked(self.path)
        finally:
            mark_closed(self._inode)
            if self._lock is not None:
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
    lock: bool = True,
    backup_dir: Path | None = None,
    migrate: bool = True,
) -> Store:
    """Open the journal at `path` (creating it if allowed), refusing anything that isn't one.

    `lock=False` skips the one-instance lock, for maintenance code that already holds it.
    `migrate=False` leaves an existing journal at its stored schema (a new one is always built).
    """
    return _open_store(
        path, create=create, lock=lock, backup_dir=backup_dir, migrate=migrate, script_location=None
    )


# --- Files and folders -----------------------------------------------------------------------


def make_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700; existing folders are left as they are."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            os.mkdir(directory, 0o700)
        except FileExistsError:
            continue
        # mkdir's mode passes through the umask; chmod makes 0700 exact.
        os.chmod(directory, 0o700)


def fsync_dir(folder: Path) -> None:
    """Make a file's creation or rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _InstanceLock:
    """An exclusive flock on the `.lock` file beside a journal, holding our pid and the path."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, journal: Path) -> _InstanceLock:
        lock_path = paths.lock_path_for(journal)
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            os.fchmod(fd, 0o600)
        except FileExistsError:
            fd = os.open(lock_path, os.O_RDWR | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode() + os.fsencode(journal) + b"\n", 0)
        except BlockingIOError:
            owner = os.pread(fd, 64, 0).split(b"\n", 1)[0].decode("ascii", "replace").strip()
            os.close(fd)
            process = f" (process {owner})" if owner.isdigit() else ""
            raise JournalFileError(
                f"{journal} is already open in another netjournal{process}. "
                "Close it first, then try again."
            ) from None
        except BaseException:
            os.close(fd)
            raise
        return cls(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Closing the descriptor releases the flock; the file stays, as deleting it would race.
        os.close(fd)


# --- Engine and transactions -----------------------------------------------------------------


def _make_engine(path: Path) -> sqlalchemy.Engine:
    engine = create_engine(sqlalchemy.URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_transaction)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # Python 3.11's sqlite3 would otherwise autocommit DDL and begin only before DML;
    # with isolation_level None the `begin` listener below emits every BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # busy_timeout comes first so that even the journal_mode switch waits for a busy journal.
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        for pragma in _CONNECTION_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
    provide_pow(dbapi_connection)


def _begin_transaction(connection: sqlalchemy.Connection) -> None:
    # A deferred writer that reads first fails at once with "database is locked" when it later
    # tries to write, ignoring busy_timeout; IMMEDIATE takes the write lock (or waits) up front.
    if connection.get_execution_options().get(_MODE_OPTION) == "read":
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


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


# Whether this SQLite was built with its math functions. That is fixed for the whole library,
# so the first connection asks and every later one reuses the answer.
_pow_is_built_in: bool | None = None


def provide_pow(dbapi_connection: sqlite3.Connection) -> None:
    """Make sure SQL `pow()` exists on the connection: insights.py needs it.

    SQLite only has it when built with SQLITE_ENABLE_MATH_FUNCTIONS (3.35+); without it, a Python
    version with the same results is registered.
    """
    global _pow_is_built_in
    if _pow_is_built_in is None:
        try:
            dbapi_connection.execute("SELECT pow(2, 2)").fetchone()
        except sqlite3.OperationalError:
            _pow_is_built_in = False
        else:
            _pow_is_built_in = True
    if not _pow_is_built_in:
        dbapi_connection.create_function("pow", 2, sqlite_pow, deterministic=True)


def sqlite_pow(base: float | None, exponent: float | None) -> float | None:
    """`pow()` as SQLite's own math functions answer it: NULL in, NULL out, NULL for no result."""
    if base is None or exponent is None:
        return None
    # Where C's pow() returns infinity or NaN (NULL in SQL), math.pow raises, and an exception
    # in a user function would fail the whole query instead.
    try:
        return math.pow(base, exponent)
    except ValueError:
        return _signed_infinity(base, exponent) if base == 0 and exponent < 0 else None
    except OverflowError:
        return _signed_infinity(base, exponent)


def _signed_infinity(base: float, exponent: float) -> float:
    odd = float(exponent).is_integer() and exponent % 2 == 1
    return math.copysign(math.inf, base) if odd else math.inf


# --- Opening ---------------------------------------------------------------------------------


def _open_store(
    path: Path,
    *,
    create: bool,
    lock: bool,
    backup_dir: Path | None,
    migrate: bool,
    script_location: Path | None,
) -> Store:
    path = Path(path).absolute()
    with explained(path):
        scripts = MigrationScripts(script_location)
        return _open_checked(path, create, lock, backup_dir, migrate, scripts)


def _open_checked(
    path: Path,
    create: bool,
    lock: bool,
    backup_dir: Path | None,
    migrate: bool,
    scripts: MigrationScripts,
) -> Store:
    # Only a locked open may trust (and later rewrite) the record of a clean close.
    inspection = inspect_path(path, scripts, trust_checked=lock)
    if inspection.state == "missing" and not create:
        raise JournalFileError(f"There is no journal at {path}. Check the path, or create one.")
    instance_lock: _InstanceLock | None = None
    engine: sqlalchemy.Engine | None = None
    try:
        if lock:
            if inspection.state == "missing":
                make_private_dir(path.parent)
            instance_lock = _InstanceLock.acquire(path)
            # Another netjournal may have created or changed the file before we held the lock.
            if fingerprint(path) != inspection.fingerprint:
                inspection = inspect_path(path, scripts)
            forget_checked(path)
        if inspection.state == "missing":
            _create_journal_file(path)
        engine = _make_engine(path)
        is_new = inspection.state == "missing" or inspection.revision is None
        if inspection.revision != scripts.head and (migrate or is_new):
            backup = None
            if not is_new:
                backup = backup_before_migration(
                    path, backup_dir or paths.backup_dir_for(path), scripts.head
                )
            upgrade(engine, path, scripts, backup)
        return Store(path, engine, instance_lock)
    except BaseException:
        if engine is not None:
            engine.dispose()
        if instance_lock is not None:
            instance_lock.release()
        raise


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
