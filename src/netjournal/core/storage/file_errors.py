"""The sentences a user reads when the journal file fails: which file, what happened, what to do."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from netjournal.core.errors import JournalError, JournalFileError, UnusableJournalError
from netjournal.core.storage import paths

DISK_FULL = "The disk is full: nothing was written. Free some space and try again."
QUOTA_FULL = "Your disk quota is used up: nothing was written. Free some space and try again."
NEARLY_FULL_BYTES = 16 * 1024 * 1024
"""Free space below which an I/O error from SQLite is taken to be the disk filling up: SQLite
reports a failed write to its shared-memory or WAL file as SQLITE_IOERR_* rather than FULL."""


def full_disk(exc: BaseException, path: Path | None = None) -> str | None:
    """The full-disk sentence when `exc` (or what it wraps) is a disk filling up, else None.

    SQLITE_FULL and ENOSPC say so themselves; for SQLITE_IOERR_*, the free space of the disk
    holding `path` decides.
    """
    original = _original(exc)
    if isinstance(original, OSError):
        if original.errno == errno.ENOSPC:
            return DISK_FULL
        if original.errno == errno.EDQUOT:
            return QUOTA_FULL
        return None
    kind = _primary_kind(_sqlite_error_name(original))
    if kind == "FULL":
        return DISK_FULL
    if kind == "IOERR" and path is not None and _nearly_full(path):
        return DISK_FULL
    return None


def _nearly_full(path: Path) -> bool:
    folder = Path(path)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < NEARLY_FULL_BYTES


def describe_error(exc: BaseException, path: Path) -> JournalFileError:
    """Turn a failure while using `path` into a sentence: which file, what happened, what to do."""
    if isinstance(exc, JournalFileError):
        return exc
    if isinstance(exc, JournalError):
        return JournalFileError(exc.message)
    full = full_disk(exc, path)
    if full is not None:
        return JournalFileError(full)
    original = _original(exc)
    if isinstance(original, OSError):
        return _describe_os_error(original, path)
    name = _sqlite_error_name(original)
    detail = str(original) or type(original).__name__
    sentence = _SQLITE_SENTENCES.get(_primary_kind(name))
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
    kind = (
        UnusableJournalError if _primary_kind(name) in ("CORRUPT", "NOTADB") else JournalFileError
    )
    return kind(
        sentence.format(path=path, name=name, detail=detail, backups=paths.backup_dir_for(path))
        + _constraint_hint(name)
    )


def sqlite_error_kind(exc: BaseException) -> str | None:
    """The SQLite error family ("BUSY", "FULL", ...) of `exc` when it has a sentence of its own."""
    kind = _primary_kind(_sqlite_error_name(_original(exc)))
    return kind if kind in _SQLITE_SENTENCES else None


@contextlib.contextmanager
def explained(path: Path) -> Iterator[None]:
    """Only JournalErrors leave: any other failure becomes a sentence about `path`."""
    try:
        yield
    except JournalError:
        raise
    except Exception as exc:
        raise describe_error(exc, path) from exc


_SQLITE_SENTENCES = {
    "BUSY": (
        "{path} is busy: another program is using it and did not let go within 5 seconds. "
        "Nothing was changed; try again in a moment."
    ),
    "LOCKED": (
        "{path} is busy inside this netjournal (a table is locked). "
        "Nothing was changed; try again in a moment."
    ),
    "FULL": DISK_FULL,
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


def _original(exc: BaseException) -> BaseException:
    """The DB-API error inside one of SQLAlchemy's wrappers (its `orig`), or `exc` itself.

    Read by attribute, so that this module (and the lean path) needs no SQLAlchemy.
    """
    wrapped = getattr(exc, "orig", None)
    return wrapped if isinstance(wrapped, BaseException) else exc


def _primary_kind(name: str) -> str:
    # Extended codes such as SQLITE_BUSY_SNAPSHOT share the sentence of their family.
    return name.removeprefix("SQLITE_").split("_")[0]


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
