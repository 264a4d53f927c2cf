"""Verified copies: a backup is complete and checked before it takes its name, or it isn't there."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netjournal.core.errors import JournalFileError
from netjournal.core.models import Contact
from netjournal.core.storage.identity import APPLICATION_ID
from netjournal.core.storage.snapshot import vacuum_into_verified
from netjournal.core.storage.store import open_store

NOW = datetime(2026, 11, 25, 20, 15, tzinfo=UTC)


def journal_with(path: Path, names: list[str]) -> Path:
    with open_store(path) as store, store.writer() as session:
        for name in names:
            session.add(Contact(name=name, name_key=name.lower(), created_at=NOW, updated_at=NOW))
    return path


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM contact ORDER BY id")]
    finally:
        conn.close()


def test_a_backup_of_a_closed_journal_is_complete_and_checked(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "journal.db", ["Ana", "Bo"])
    backup = vacuum_into_verified(journal, tmp_path / "backups" / "copy.db")
    assert backup == tmp_path / "backups" / "copy.db"
    assert names_in(backup) == ["Ana", "Bo"]
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_backup_of_an_open_journal_sees_its_latest_commits(tmp_path: Path) -> None:
    with open_store(tmp_path / "journal.db") as store:
        with store.writer() as session:
            session.add(Contact(name="Ana", name_key="ana", created_at=NOW, updated_at=NOW))
        # The commit sits in the write-ahead log; a plain file copy would miss it.
        backup = vacuum_into_verified(store.path, tmp_path / "copy.db")
    assert names_in(backup) == ["Ana"]


def test_a_backup_from_a_connection(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "journal.db", ["Ana"])
    conn = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        backup = vacuum_into_verified(conn, tmp_path / "copy.db")
    finally:
        conn.close()
    assert names_in(backup) == ["Ana"]


def test_a_backup_replaces_an_older_file_of_the_same_name(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "journal.db", ["Ana"])
    dest = tmp_path / "copy.db"
    dest.write_text("an older, broken copy")
    vacuum_into_verified(journal, dest)
    assert names_in(dest) == ["Ana"]


def test_a_copy_that_fails_its_check_leaves_nothing_behind(tmp_path: Path) -> None:
    foreign = tmp_path / "recipes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    (tmp_path / "backups").mkdir()
    with pytest.raises(JournalFileError, match="not a netjournal journal"):
        vacuum_into_verified(foreign, tmp_path / "backups" / "copy.db")
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_copy_from_inside_a_transaction_is_a_sentence(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "journal.db", ["Ana"])
    conn = sqlite3.connect(journal, isolation_level=None)
    conn.execute("BEGIN")
    try:
        with pytest.raises(JournalFileError, match=r"copy\.db"):
            vacuum_into_verified(conn, tmp_path / "backups" / "copy.db")
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert list((tmp_path / "backups").iterdir()) == []
