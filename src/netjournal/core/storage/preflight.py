"""Looking at a journal path before anything writes to it: what is there, and is it safe to open?

Every check here only reads (docs/data-safety.md, "What protects it").
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from netjournal.core.errors import JournalFileError, UnusableJournalError
from netjournal.core.storage import paths, schema
from netjournal.core.storage.db import connect_read_only
from netjournal.core.storage.file_errors import describe_error, explained
from netjournal.core.storage.identity import APPLICATION_ID
from netjournal.core.storage.migrate import MigrationScripts
from netjournal.core.storage.privacy import check_owner

SQLITE_HEADER = b"SQLite format 3\x00"
_WHERE_TO_CHOOSE = "choose another journal file (--db or NETJOURNAL_DB)"

Fingerprint = tuple[tuple[int, int, int] | None, ...]

# Journals this process has open, by (device, inode). Reading such a file with open()/close()
# would drop the POSIX locks SQLite holds on it, so preflight leaves the raw read to SQLite.
_open_here: dict[tuple[int, int], int] = {}
_open_here_guard = threading.Lock()


def preflight(path: Path) -> str:
    """Say whether `path` is "missing" or a "journal" we can open; raise for anything else.

    Only reads: the file's bytes and modification time stay as they were, and nothing is recorded
    beside it.
    """
    path = Path(path).absolute()
    with explained(path):
        return inspect_path(path, MigrationScripts(), full_check=True).state


def journal_revision(path: Path) -> str | None:
    """The schema revision stored in the journal at `path`, read without writing to it."""
    path = Path(path).absolute()
    with explained(path), contextlib.closing(connect_read_only(path)) as conn:
        return _stored_revision(conn)


@dataclass(frozen=True)
class Inspection:
    """What preflight found at a path, and a fingerprint to notice later changes by others."""

    state: Literal["missing", "journal"]
    revision: str | None
    fingerprint: Fingerprint
    checked_in_full: bool
    """Whether SQLite's full check ran (and passed) this time."""


def inspect_path(
    path: Path, scripts: MigrationScripts, *, full_check: bool | None = None
) -> Inspection:
    """Everything preflight promises, using reads only.

    SQLite may create or update the -shm index of a journal whose -wal already exists; nothing else
    beside the file is created or changed. The header, hard links, application id and schema
    revision are checked every time; the full `quick_check` (which reads every page: ~0.6 s for a
    300 MB journal) when `full_check` says so, or by default unless it passed on this very file
    within the last day (see `record_checked`).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise JournalFileError(
                f"{path} is a link to a file that doesn't exist. netjournal left it untouched; "
                f"fix the link or {_WHERE_TO_CHOOSE}."
            ) from None
        return Inspection("missing", None, fingerprint(path), checked_in_full=False)
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
    check_owner(path, info)
    if info.st_nlink > 1:
        raise JournalFileError(
            f"{path} has {info.st_nlink} names on disk (hard links). SQLite cannot keep a journal "
            "safe under two names: each name gets its own write-ahead log, and changes are lost. "
            "netjournal left it untouched; remove the other names (`find / -samefile` finds "
            "them), or use a copy: `cp` it to a new file and open that."
        )
    if _inode_of(path) not in _open_here:
        _check_header(path, info)
    full = not _checked_recently(path, info) if full_check is None else full_check
    try:
        with contextlib.closing(_connect_for_inspection(path)) as conn:
            revision = _check_contents(path, conn, quick_check=full)
    except sqlite3.Error as exc:
        raise describe_error(exc, path) from exc
    if revision is not None and not scripts.knows(revision):
        raise JournalFileError(
            f"{path} was written by a newer version of netjournal (schema {revision}); "
            "upgrade netjournal to open it. The file was left untouched."
        )
    return Inspection("journal", revision, fingerprint(path), checked_in_full=full)


def mark_open(path: Path) -> tuple[int, int] | None:
    """Note that this process has the journal at `path` open; pass the result to `mark_closed`."""
    inode = _inode_of(path)
    if inode is not None:
        with _open_here_guard:
            _open_here[inode] = _open_here.get(inode, 0) + 1
    return inode


def mark_closed(inode: tuple[int, int] | None) -> None:
    if inode is None:
        return
    with _open_here_guard:
        left = _open_here.get(inode, 1) - 1
        if left > 0:
            _open_here[inode] = left
        else:
            _open_here.pop(inode, None)


def fingerprint(path: Path) -> Fingerprint:
    """Enough to notice that another process changed the journal between two looks."""

    def one(file: Path) -> tuple[int, int, int] | None:
        try:
            info = file.stat()
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    return (one(path), one(sidecar(path, "-wal")))


# --- "Checked": SQLite's full check passed on this file recently -------------------------------
#
# `<journal>.checked` holds when the last full check passed and which file (device and inode) it
# was about. An open within a day of it skips the full check; any other file at the path (a
# restore that moved files, a copy) is checked again. SQLite still reports damage on any page it
# reads, and every backup is checked in full.

CHECK_EVERY_S = 24 * 60 * 60


def checked_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _checked_recently(path: Path, info: os.stat_result) -> bool:
    try:
        fields = checked_path_for(path).read_text(encoding="ascii").split()
        when, device, inode = (int(field) for field in fields)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    age = time.time() - when
    return (device, inode) == (info.st_dev, info.st_ino) and 0 <= age < CHECK_EVERY_S


def record_checked(path: Path) -> None:
    """Remember that the full check just passed on the journal at `path`."""
    marker = checked_path_for(path)
    temporary = marker.with_name(marker.name + ".tmp")
    with contextlib.suppress(OSError):
        info = path.stat()
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, f"{int(time.time())} {info.st_dev} {info.st_ino}\n".encode("ascii"))
        finally:
            os.close(fd)
        os.replace(temporary, marker)
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)


def forget_checked(path: Path) -> None:
    """After damage was found, or the file was replaced: check in full at the next open."""
    with contextlib.suppress(OSError):
        checked_path_for(path).unlink(missing_ok=True)


def sidecar(path: Path, suffix: str) -> Path:
    """The file SQLite keeps beside the journal: "-wal", "-shm" or "-journal"."""
    return path.with_name(path.name + suffix)


def file_size(path: Path) -> int:
    """The size of `path` in bytes, 0 when it doesn't exist."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


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
        raise UnusableJournalError(
            f"{path} isn't a netjournal journal ({reason}). netjournal left it untouched; "
            f"{_WHERE_TO_CHOOSE}. If it was your journal it is damaged: restore a backup from "
            f"{backups} with `netjournal restore FILE`."
        )
    # Without a write-ahead log beside it the header is the whole truth about the application
    # id, so another application's database is refused without SQLite even opening it.
    if (
        file_size(sidecar(path, "-wal")) == 0
        and int.from_bytes(header[68:72], "big") != APPLICATION_ID
    ):
        raise _foreign_database(path)


def _check_contents(path: Path, conn: sqlite3.Connection, *, quick_check: bool) -> str | None:
    """Application id, quick_check, schema revision and the schema itself (nothing planted),
    through a read-only connection."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise _foreign_database(path)
    query = "PRAGMA quick_check" if quick_check else "SELECT 'ok' FROM sqlite_schema LIMIT 0, 1"
    problems = [row[0] for row in conn.execute(query).fetchall()] or ["ok"]
    if problems != ["ok"]:
        raise UnusableJournalError(
            f"{path} is damaged (SQLite's check found: {problems[0]}). netjournal did not write "
            f"to it. Restore the latest backup from {paths.backup_dir_for(path)} with "
            "`netjournal restore FILE`."
        )
    revision = _stored_revision(conn)
    if revision is None and conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
        raise UnusableJournalError(
            f"{path} carries netjournal's mark but no schema version, so it is damaged or was "
            f"changed by another program. netjournal left it untouched. Restore a backup from "
            f"{paths.backup_dir_for(path)} with `netjournal restore FILE`."
        )
    foreign = schema.foreign_object(conn, revision) if revision is not None else None
    if foreign is not None:
        raise UnusableJournalError(
            f"{path} holds {foreign} that netjournal didn't make. A file from elsewhere can carry "
            "code that runs on every change, so netjournal left it untouched. To keep what it "
            f"holds, copy it into a clean journal: netjournal salvage {_quoted(path)} -o NEW.db"
        )
    return revision


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


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


def _connect_for_inspection(path: Path) -> sqlite3.Connection:
    # With no log or journal beside it, no netjournal has the file open and the file alone is the
    # database: `immutable` then reads it without SQLite creating -wal/-shm next to a file we may
    # be about to refuse.
    if any(sidecar(path, suffix).exists() for suffix in ("-wal", "-journal")):
        return connect_read_only(path)
    return sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro&immutable=1", uri=True)


def _inode_of(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


# --- Sync folders and network drives ---------------------------------------------------------


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
