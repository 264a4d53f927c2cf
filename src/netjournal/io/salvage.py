"""Copying what a suspicious or damaged journal file holds into a fresh, clean journal.

Only rows are copied, table by table and column by column, into a journal this version creates;
nothing of the file's own schema (triggers, views, extra tables, altered definitions) comes
along, and the source is only ever read. See docs/data-safety.md.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netjournal.core.clock import local_today
from netjournal.core.errors import InputError, JournalFileError
from netjournal.core.find import search_index
from netjournal.core.highlights import ledger
from netjournal.core.storage import db
from netjournal.core.storage.db import connect_read_only
from netjournal.core.storage.identity import APPLICATION_ID, HEAD_REVISION
from netjournal.core.storage.preflight import SQLITE_HEADER
from netjournal.core.storage.schema import objects

# The journal's own tables, parents before children. The ledger and the search index are derived
# and rebuilt afterwards; nothing else of the source is read.
TABLES = (
    "contact", "tag", "channel", "contact_date", "contact_tag", "exchange", "exchange_contact",
    "exchange_tag", "reflection", "reflection_contact", "reflection_tag", "setting",
)  # fmt: skip
_BATCH = 2000


@dataclass
class Salvaged:
    copied: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)
    """Rows that didn't fit the clean journal's constraints, by table."""
    orphans: int = 0
    """Rows left out because what they point at wasn't there."""
    left_behind: list[str] = field(default_factory=list)
    """The source's objects that aren't netjournal's, named."""


def salvage(source: Path, target: Path, progress: Callable[[str], None] | None = None) -> Salvaged:
    """Copy the rows of `source` into a new journal at `target` (which must not exist)."""
    from netjournal.core.storage.store import open_store

    source, target = Path(source).absolute(), Path(target).absolute()
    _check_source(source)
    if target.exists() or target.is_symlink():
        raise InputError(f"{target} already exists; give a new file for the clean journal.")
    open_store(target).close()
    report = Salvaged()
    try:
        with contextlib.closing(connect_read_only(source)) as reader:
            report.left_behind = _foreign_objects(reader)
            writer = db.connect(target)
            try:
                writer.execute("PRAGMA foreign_keys=OFF")
                with db.writing(writer):
                    for table in TABLES:
                        if progress is not None:
                            progress(table)
                        _copy(reader, writer, table, report)
                    report.orphans = _drop_orphans(writer)
                    search_index.rebuild(writer)
                    ledger.rebuild(writer, local_today())
                writer.execute("PRAGMA foreign_keys=ON")
            finally:
                writer.close()
    except BaseException:
        for leftover in (target, *(target.with_name(target.name + s) for s in _BESIDE)):
            leftover.unlink(missing_ok=True)
        raise
    return report


_BESIDE = ("-wal", "-shm", ".lock", ".checked")


def _check_source(source: Path) -> None:
    if not source.is_file():
        raise InputError(f"There is no file at {source}.")
    with open(source, "rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise JournalFileError(f"{source} isn't an SQLite database, so there is nothing to copy.")
    try:
        with contextlib.closing(connect_read_only(source)) as conn:
            mark = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.Error as error:
        raise JournalFileError(f"{source} can't be read ({error}).") from error
    if mark != APPLICATION_ID:
        raise JournalFileError(
            f"{source} is another application's database, not a netjournal journal; "
            "there is nothing netjournal can copy from it."
        )


def _foreign_objects(reader: sqlite3.Connection) -> list[str]:
    from netjournal.core.storage.schema import expected

    known = {(kind, name) for kind, name, _t, _s in expected(HEAD_REVISION) or ()}
    return sorted(
        f"{kind} {name!r}"
        for kind, name, _table, _sql in objects(reader)
        if (kind, name) not in known and kind in ("trigger", "view", "table")
    )


def _columns(connection: sqlite3.Connection, schema: str, table: str) -> list[str]:
    rows = connection.execute(f'PRAGMA {schema}.table_info("{table}")').fetchall()
    return [str(row[1]) for row in rows]


def _copy(
    reader: sqlite3.Connection, writer: sqlite3.Connection, table: str, report: Salvaged
) -> None:
    is_table = reader.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if not is_table:
        return
    wanted = _columns(writer, "main", table)
    have = set(_columns(reader, "main", table))
    columns = [c for c in wanted if c in have]
    if not columns:
        return
    listed = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join("?" * len(columns))})'
    copied = refused = 0
    try:
        rows = reader.execute(f'SELECT {listed} FROM "{table}"')
        while batch := rows.fetchmany(_BATCH):
            try:
                writer.execute("SAVEPOINT batch")
                writer.executemany(insert, batch)
                writer.execute("RELEASE batch")
                copied += len(batch)
            except sqlite3.Error:
                writer.execute("ROLLBACK TO batch")
                writer.execute("RELEASE batch")
                for row in batch:  # one at a time, to keep every row that fits
                    try:
                        writer.execute(insert, row)
                        copied += 1
                    except sqlite3.Error:
                        refused += 1
    except sqlite3.DatabaseError:
        refused += 1  # a damaged table: what was read so far is kept
    report.copied[table] = copied
    if refused:
        report.refused[table] = refused


def _drop_orphans(writer: sqlite3.Connection) -> int:
    """Delete rows whose parent row wasn't copied, until foreign_key_check is empty."""
    dropped = 0
    for _ in range(len(TABLES)):
        problems = writer.execute("PRAGMA foreign_key_check").fetchall()
        if not problems:
            break
        for table, rowid, _parent, _fk in problems:
            writer.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            dropped += 1
    return dropped
