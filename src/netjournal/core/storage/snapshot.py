"""Verified copies of a journal: `VACUUM INTO` a private file, check it, then move it into place."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from netjournal.core.errors import JournalFileError
from netjournal.core.storage.db import connect_read_only
from netjournal.core.storage.file_errors import describe_error
from netjournal.core.storage.identity import APPLICATION_ID
from netjournal.core.storage.paths import fsync_dir, make_private_dir


def vacuum_into_verified(source: Path | sqlite3.Connection, dest: Path) -> Path:
    """Copy the journal `source` (a path, or an open connection outside any transaction) to `dest`.

    The copy is written to a 0600 temporary file beside `dest`, synced, checked with
    `PRAGMA integrity_check` and for netjournal's application id, and only then renamed to `dest`
    (replacing a file of that name). Returns `dest`; on any failure nothing is left at `dest`.
    """
    dest = Path(dest).absolute()
    try:
        make_private_dir(dest.parent)
        # mkstemp creates the file 0600 and exclusively; VACUUM INTO would follow the umask.
        fd, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
    except OSError as exc:
        raise describe_error(exc, dest) from exc
    temp = Path(temp_name)
    try:
        _vacuum_into(source, temp, dest)
        _fsync_file(temp)
        _verify(temp, dest)
        os.replace(temp, dest)
        fsync_dir(dest.parent)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise describe_error(exc, dest) from exc
        raise
    return dest


def _vacuum_into(source: Path | sqlite3.Connection, temp: Path, dest: Path) -> None:
    if isinstance(source, sqlite3.Connection):
        source.execute("VACUUM INTO ?", (str(temp),))
        return
    try:
        conn = connect_read_only(Path(source))
    except sqlite3.Error as exc:
        raise describe_error(exc, Path(source)) from exc
    with contextlib.closing(conn):
        conn.execute("VACUUM INTO ?", (str(temp),))


def _verify(temp: Path, dest: Path) -> None:
    with contextlib.closing(connect_read_only(temp)) as conn:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if problems != ["ok"]:
        raise JournalFileError(
            f"The copy written for {dest} failed SQLite's integrity check ({problems[0]}), so it "
            "was discarded. The journal itself was not changed."
        )
    if application_id != APPLICATION_ID:
        raise JournalFileError(
            f"The copy written for {dest} is not a netjournal journal (application id "
            f"{application_id:#x}), so it was discarded."
        )


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
