"""Opening a journal file safely: preflight, connection settings, the instance lock, migrations.

Every SQLite failure leaves here as a `JournalFileError` sentence (RELIABILITY.md items 1-8 and 16).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import sqlite3
import stat
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from netjournal.core import paths
from netjournal.core.errors import JournalError, JournalFileError

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

APPLICATION_ID: int = 0x4E4A524E  # "NJRN"
HEAD_REVISION = "1f019ae2452e"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"

_MODE_OPTION = "netjournal_mode"
# busy_timeout comes first so that even the journal_mode switch waits for a busy journal.
_CONNECTION_PRAGMAS = (
    "PRAGMA busy_timeout=5000",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
)
_WHERE_TO_CHOOSE = "choose another journal file (--db or NETJOURNAL_DB)"

# Journals this process has open, by (device, inode). Reading such a file with open()/close()
# would drop the POSIX locks SQLite holds on it, so preflight leaves the raw read to SQLite.
_open_here: dict[tuple[int, int], int] = {}
_open_here_guard = threading.Lock()


class Store:
    """One open journal: its engine, the instance lock, and short sessions for units of work."""

    def __init__(self, path: Path, engine: sqlalchemy.Engine, lock: _InstanceLock | None) -> None:
        self.path = path
        self.engine = engine
        self._read_engine = engine.execution_options(**{_MODE_OPTION: "read"})
        self._lock = lock
        self._inode = _inode_of(path)
        self._closed = False
        self._this_thread = threading.local()
        if self._inode is not None:
            with _open_here_guard:
                _open_here[self._inode] = _open_here.get(self._inode, 0) + 1

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
            session.connection()
            yield session
            session.commit()
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

    def close(self) -> None:
        """Dispose the engine, then release the lock. Calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            self.engine.dispose()
        finally:
            if self._inode is not None:
                with _open_here_guard:
                    left = _open_here.get(self._inode, 1) - 1
                    if left > 0:
                        _open_here[self._inode] = left
                    else:
                        _open_here.pop(self._inode, None)
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


def preflight(path: Path) -> str:
    """Say whether `path` is "missing" or a "journal" we can open; raise for anything else.

    Only reads: the file's bytes and modification time stay as they were.
    """
    path = Path(path).absolute()
    with _explained(path):
        return _inspect(path, _Migrations(None)).state


def sync_folder_warning(path: Path, *, mounts: Path = Path("/proc/self/mounts")) -> str | None:
    """A sentence to show when `path` sits in a sync folder or on a network drive, else None.

    Both break SQLite's locking, and a sync tool can copy a live journal without its log.
    """
    path = Path(path).absolute()
    where = _sync_folder_of(path) or _network_mount_of(path, mounts)
    if where is None:
        return None
    return (
        f"{path} is in {where}. Sync tools and network drives can break SQLite's locking and "
        "copy a journal half-written. Keep the journal on a local disk, and put backups "
        "(`netjournal backup`) in the synced folder instead."
    )


_SYNC_FOLDER_NAMES = {
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "cloudstorage": "macOS CloudStorage",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud drive": "pCloud",
    "box": "Box",
    "box sync": "Box",
    "mega": "MEGA",
    "synologydrive": "Synology Drive",
    "seafile": "Seafile",
}
# Files these tools leave at the root of the folder they sync.
_SYNC_MARKERS = {".stfolder": "Syncthing", ".dropbox": "Dropbox", ".sync": "Resilio Sync"}
_NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "davfs",
    "fuse.sshfs", "fuse.rclone", "fuse.davfs2", "fuse.s3fs", "fuse.gcsfuse", "fuse.glusterfs",
}  # fmt: skip


def _sync_folder_of(path: Path) -> str | None:
    for folder in path.parents:
        name = folder.name.lower()
        if name.startswith("onedrive"):
            return f"a OneDrive folder ({folder})"
        if name in _SYNC_FOLDER_NAMES:
            return f"a {_SYNC_FOLDER_NAMES[name]} folder ({folder})"
        for marker, tool in _SYNC_MARKERS.items():
            if os.path.exists(folder / marker):
                return f"a folder synced by {tool} ({folder})"
    return None


def _network_mount_of(path: Path, mounts: Path) -> str | None:
    try:
        table = mounts.read_text(errors="replace")
    except OSError:
        return None
    best: tuple[int, str, str] | None = None
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts escapes spaces and other odd characters in mount points as octal.
        point = re.sub(r"\\([0-7]{3})", lambda octal: chr(int(octal[1], 8)), fields[1])
        inside = path == Path(point) or Path(point) in path.parents
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), point, fields[2])
    if best is None or best[2] not in _NETWORK_FILESYSTEMS:
        return None
    return f"a network drive ({best[2]} at {best[1]})"


def journal_revision(path: Path) -> str | None:
    """The schema revision stored in the journal at `path`, read without writing to it."""
    path = Path(path).absolute()
    with _explained(path), contextlib.closing(connect_read_only(path)) as conn:
        return _stored_revision(conn)


def describe_error(exc: BaseException, path: Path) -> JournalFileError:
    """Turn a failure while using `path` into a sentence: which file, what happened, what to do."""
    if isinstance(exc, JournalFileError):
        return exc
    if isinstance(exc, JournalError):
        return JournalFileError(exc.message)
    original: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
    if isinstance(original, OSError):
        return _describe_os_error(original, path)
    name = _sqlite_error_name(original)
    detail = str(original) or type(original).__name__
    sentence = _SQLITE_SENTENCES.get(name.removeprefix("SQLITE_").split("_")[0])
    if sentence is None and not isinstance(original, sqlite3.Error):
        return JournalFileError(
            f"netjournal hit an unexpected problem while using {path} "
            f"({type(original).__name__}: {detail}). Nothing more was written; please report this."
        )
    if sentence is None:
        return JournalFileError(
            f"SQLite reported an unexpected problem with {path} ({name or 'error'}: {detail}). "
            "Nothing more was written; try again, and report this if it keeps happening."
        )
    return JournalFileError(
        sentence.format(path=path, name=name, detail=detail, backups=paths.backup_dir_for(path))
        + _constraint_hint(name)
    )


_SQLITE_SENTENCES = {
    "BUSY": (
        "{path} is busy: another program is using it and did not let go within 5 seconds. "
        "Nothing was changed; try again in a moment."
    ),
    "LOCKED": (
        "{path} is busy inside this netjournal (a table is locked). "
        "Nothing was changed; try again in a moment."
    ),
    "FULL": (
        "There is no room left to write {path}: the disk is full, or the journal reached its "
        "size limit. Nothing was changed; free some space and try again."
    ),
    "READONLY": (
        "{path} cannot be written: the file, its folder or the disk is read-only. "
        "Nothing was changed; check that you may write to the journal and its folder."
    ),
    "NOTADB": (
        "{path} isn't a netjournal journal (SQLite says it is not a database). netjournal "
        "left it untouched. If it was your journal it is damaged: restore a backup from "
        "{backups} with `netjournal restore FILE`."
    ),
    "CORRUPT": (
        "{path} is damaged (SQLite found a malformed database: {detail}). netjournal stopped "
        "without writing to it. Restore the latest backup from {backups} with "
        "`netjournal restore FILE`."
    ),
    "IOERR": (
        "The disk reported an error while reading or writing {path} ({name}). Nothing more was "
        "written; check the disk or network drive and try again. If it keeps happening, "
        "restore a backup from {backups} with `netjournal restore FILE`."
    ),
    "CANTOPEN": (
        "netjournal cannot open {path}: the file or its folder is missing or not accessible. "
        "Check that the folder exists and that you may read and write it."
    ),
    "PERM": (
        "The system refused access to {path} (permission denied). "
        "Check the permissions of the journal and its folder."
    ),
    "AUTH": "The system refused access to {path} (not authorised). Nothing was changed.",
    "CONSTRAINT": (
        "The change was refused because it conflicts with what {path} already holds "
        "({detail}). Nothing was saved."
    ),
    "NOMEM": "netjournal ran out of memory while using {path}. Nothing was changed.",
    "TOOBIG": "The text or data is too large to store in {path}. Nothing was saved.",
    "PROTOCOL": (
        "{path} is being used by another program in a way that breaks SQLite's locking "
        "(a sync folder or network drive?). Nothing was changed; close the other program."
    ),
    "NOLFS": "{path} is too large for this file system. Nothing was changed.",
}


def _constraint_hint(name: str) -> str:
    if name == "SQLITE_CONSTRAINT_FOREIGNKEY":
        return " (It refers to an entry that no longer exists.)"
    if name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"):
        return " (An entry with the same value already exists.)"
    return ""


def _sqlite_error_name(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str) and name:
        return name
    # Errors raised by the sqlite3 module itself carry no code; recognise the common ones.
    text = str(exc).lower()
    for fragment, guessed in (
        ("database is locked", "SQLITE_BUSY"),
        ("not a database", "SQLITE_NOTADB"),
        ("malformed", "SQLITE_CORRUPT"),
        ("disk is full", "SQLITE_FULL"),
        ("readonly", "SQLITE_READONLY"),
        ("unable to open", "SQLITE_CANTOPEN"),
        ("disk i/o error", "SQLITE_IOERR"),
        ("constraint failed", "SQLITE_CONSTRAINT"),
    ):
        if fragment in text:
            return guessed
    return ""


def _describe_os_error(exc: OSError, path: Path) -> JournalFileError:
    where = Path(exc.filename) if isinstance(exc.filename, str) else path
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return JournalFileError(
            f"There is no room left to write {where}: the disk is full. "
            "Nothing was changed; free some space and try again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return JournalFileError(
            f"The system refused access to {where} (permission denied). "
            "Check the permissions of the journal and its folder."
        )
    if exc.errno == errno.EROFS:
        return JournalFileError(
            f"{where} is on a read-only disk, so netjournal cannot write there. "
            "Nothing was changed."
        )
    return JournalFileError(f"netjournal could not use {where}: {reason}. Nothing was changed.")


# --- Preflight -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Inspection:
    state: Literal["missing", "journal"]
    revision: str | None
    fingerprint: tuple[tuple[int, int, int] | None, ...]


def _inspect(path: Path, migrations: _Migrations) -> _Inspection:
    """Everything preflight promises, using reads only.

    SQLite may create or update the -shm index of a journal whose -wal already exists; nothing else
    beside the file is created or changed.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise JournalFileError(
                f"{path} is a link to a file that doesn't exist. netjournal left it untouched; "
                f"fix the link or {_WHERE_TO_CHOOSE}."
            ) from None
        return _Inspection("missing", None, _fingerprint(path))
    except OSError as exc:
        raise describe_error(exc, path) from exc
    if stat.S_ISDIR(info.st_mode):
        raise JournalFileError(
            f"{path} is a folder, not a journal file. Give the path of a file inside it "
            f"(for example {path / paths.JOURNAL_FILENAME}) or {_WHERE_TO_CHOOSE}."
        )
    if not stat.S_ISREG(info.st_mode):
        raise JournalFileError(
            f"{path} isn't a regular file, so it cannot be a journal; {_WHERE_TO_CHOOSE}."
        )
    if _inode_of(path) not in _open_here:
        _check_header(path, info)
    try:
        with contextlib.closing(_connect_for_inspection(path)) as conn:
            revision = _check_contents(path, conn)
    except sqlite3.Error as exc:
        raise describe_error(exc, path) from exc
    if revision is not None and not migrations.knows(revision):
        raise JournalFileError(
            f"{path} was written by a newer version of netjournal (schema {revision}); "
            "upgrade netjournal to open it. The file was left untouched."
        )
    return _Inspection("journal", revision, _fingerprint(path))


def _check_header(path: Path, info: os.stat_result) -> None:
    """Refuse what is plainly not a journal before SQLite is asked to open it at all."""
    backups = paths.backup_dir_for(path)
    if info.st_size == 0:
        raise JournalFileError(
            f"{path} is an empty file (0 bytes), not a journal. netjournal left it untouched; "
            "to start a new journal there, delete the empty file and run netjournal again."
        )
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError as exc:
        raise describe_error(exc, path) from exc
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        reason = "it is not an SQLite database" if len(header) >= 100 else "it is far too short"
        raise JournalFileError(
            f"{path} isn't a netjournal journal ({reason}). netjournal left it untouched; "
            f"{_WHERE_TO_CHOOSE}. If it was your journal it is damaged: restore a backup from "
            f"{backups} with `netjournal restore FILE`."
        )
    # Without a write-ahead log beside it the header is the whole truth about the application
    # id, so another application's database is refused without SQLite even opening it.
    if (
        _file_size(_sidecar(path, "-wal")) == 0
        and int.from_bytes(header[68:72], "big") != APPLICATION_ID
    ):
        raise _foreign_database(path)


def _check_contents(path: Path, conn: sqlite3.Connection) -> str | None:
    """Application id, quick_check and schema revision, through a read-only connection."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise _foreign_database(path)
    problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise JournalFileError(
            f"{path} is damaged (SQLite's check found: {problems[0]}). netjournal did not write "
            f"to it. Restore the latest backup from {paths.backup_dir_for(path)} with "
            "`netjournal restore FILE`."
        )
    revision = _stored_revision(conn)
    if revision is None and conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
        raise JournalFileError(
            f"{path} carries netjournal's mark but no schema version, so it is damaged or was "
            f"changed by another program. netjournal left it untouched. Restore a backup from "
            f"{paths.backup_dir_for(path)} with `netjournal restore FILE`."
        )
    return revision


def _foreign_database(path: Path) -> JournalFileError:
    return JournalFileError(
        f"{path} is another application's database, not a netjournal journal. netjournal left "
        f"it untouched; {_WHERE_TO_CHOOSE}."
    )


def _stored_revision(conn: sqlite3.Connection) -> str | None:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    versions = [str(row[0]) for row in conn.execute("SELECT version_num FROM alembic_version")]
    return ",".join(sorted(versions)) or None


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A sqlite3 connection that can never write to `path` (nor create it)."""
    return sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)


def _connect_for_inspection(path: Path) -> sqlite3.Connection:
    # With no log or journal beside it, no netjournal has the file open and the file alone is the
    # database: `immutable` then reads it without SQLite creating -wal/-shm next to a file we may
    # be about to refuse.
    if any(_sidecar(path, suffix).exists() for suffix in ("-wal", "-journal")):
        return connect_read_only(path)
    return sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro&immutable=1", uri=True)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _inode_of(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _fingerprint(path: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """Enough to notice that another process changed the journal between two looks."""

    def one(file: Path) -> tuple[int, int, int] | None:
        try:
            info = file.stat()
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    return (one(path), one(_sidecar(path, "-wal")))


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
        for pragma in _CONNECTION_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _begin_transaction(connection: sqlalchemy.Connection) -> None:
    # A deferred writer that reads first fails at once with "database is locked" when it later
    # tries to write, ignoring busy_timeout; IMMEDIATE takes the write lock (or waits) up front.
    if connection.get_execution_options().get(_MODE_OPTION) == "read":
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


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
    lock: bool,
    backup_dir: Path | None,
    migrate: bool,
    script_location: Path | None,
) -> Store:
    path = Path(path).absolute()
    with _explained(path):
        return _open_checked(path, create, lock, backup_dir, migrate, _Migrations(script_location))


def _open_checked(
    path: Path,
    create: bool,
    lock: bool,
    backup_dir: Path | None,
    migrate: bool,
    migrations: _Migrations,
) -> Store:
    inspection = _inspect(path, migrations)
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
            if _fingerprint(path) != inspection.fingerprint:
                inspection = _inspect(path, migrations)
        if inspection.state == "missing":
            _create_journal_file(path)
        engine = _make_engine(path)
        is_new = inspection.state == "missing" or inspection.revision is None
        if inspection.revision != migrations.head and (migrate or is_new):
            backup = None
            if not is_new:
                backup = _backup_before_migration(
                    path, backup_dir or paths.backup_dir_for(path), migrations.head
                )
            _upgrade(engine, path, migrations, backup)
        return Store(path, engine, instance_lock)
    except BaseException:
        if engine is not None:
            engine.dispose()
        if instance_lock is not None:
            instance_lock.release()
        raise


@contextlib.contextmanager
def _explained(path: Path) -> Iterator[None]:
    """Only JournalErrors leave: any other failure becomes a sentence about `path`."""
    try:
        yield
    except JournalError:
        raise
    except Exception as exc:
        raise describe_error(exc, path) from exc


def _create_journal_file(path: Path) -> None:
    """Create an empty journal carrying our application id, at 0600, in WAL mode."""
    make_private_dir(path.parent)
    for leftover in (_sidecar(path, "-wal"), _sidecar(path, "-journal")):
        if _file_size(leftover) > 0:
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
        if _file_size(path) == 0:
            path.unlink(missing_ok=True)
        raise


def _backup_before_migration(path: Path, backup_dir: Path, target: str) -> Path:
    from netjournal.core.snapshot import vacuum_into_verified

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    name = f"{path.stem}-{stamp}-before-{target}"
    dest = backup_dir / f"{name}.db"
    counter = 2
    while dest.exists():
        dest = backup_dir / f"{name}-{counter}.db"
        counter += 1
    return vacuum_into_verified(path, dest)


class _Migrations:
    """The Alembic scripts a journal is checked against; Alembic is imported only when needed."""

    def __init__(self, script_location: Path | None) -> None:
        self.location = script_location or MIGRATIONS_DIR
        self._packaged = script_location is None

    @cached_property
    def script(self) -> ScriptDirectory:
        from alembic.script import ScriptDirectory

        return ScriptDirectory(str(self.location))

    @property
    def head(self) -> str:
        if self._packaged:
            return HEAD_REVISION
        return self.script.get_current_head() or ""

    def knows(self, revision: str) -> bool:
        if revision == self.head:
            return True
        return revision in {script.revision for script in self.script.walk_revisions()}


def _upgrade(
    engine: sqlalchemy.Engine, path: Path, migrations: _Migrations, backup: Path | None
) -> None:
    """Run the migrations to head in one IMMEDIATE transaction with foreign keys off."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations.location))
    kept = f" A copy from before the upgrade is in {backup}." if backup else ""
    with engine.connect() as connection:
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None
        # Outside any transaction, or SQLite ignores it. With foreign keys on, a batch migration
        # that rebuilds a parent table deletes every child row through ON DELETE CASCADE.
        _execute_raw(dbapi_connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                # Again here, in case a crash while creating the journal lost the first one.
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                config.attributes["connection"] = connection
                command.upgrade(config, migrations.head)
                orphans = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if orphans:
                    raise JournalFileError(
                        f"Upgrading {path} would leave {len(orphans)} entries pointing at "
                        f"missing ones (first in table {orphans[0][0]}), so nothing was changed."
                        f"{kept} Please report this."
                    )
        except JournalError:
            raise
        except (DBAPIError, sqlite3.Error) as exc:
            original = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
            kind = _sqlite_error_name(original).removeprefix("SQLITE_").split("_")[0]
            if kind in _SQLITE_SENTENCES and kind != "CONSTRAINT":
                # Full disk, busy or read-only: the usual sentence says what to do about it.
                raise JournalFileError(
                    f"Upgrading {path} to this version of netjournal failed, so nothing was "
                    f"changed.{kept} {describe_error(exc, path)}"
                ) from exc
            raise JournalFileError(
                f"Upgrading {path} to this version of netjournal failed ({original}), so "
                f"nothing was changed.{kept} Please report this."
            ) from exc
        except Exception as exc:
            raise JournalFileError(
                f"Upgrading {path} to this version of netjournal failed ({exc}), so nothing was "
                f"changed.{kept} Please report this."
            ) from exc
        finally:
            try:
                _execute_raw(dbapi_connection, "PRAGMA foreign_keys=ON")
            except sqlite3.Error:
                # A pooled connection must never be handed out with foreign keys off.
                connection.invalidate()


def _execute_raw(dbapi_connection: Any, sql: str) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()
