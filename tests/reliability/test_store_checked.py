"""The full check is skipped only for a journal exactly as netjournal's last clean close left it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from netjournal.core.errors import JournalFileError
from netjournal.core.preflight import checked_path_for
from netjournal.core.store import open_store


def damage_keeping_the_fingerprint(path: Path) -> None:
    """Flip bytes inside the contact table's root page, then put the file's times back."""
    info = path.stat()
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'contact'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * 64)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def closed_journal(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "journal.db"
    open_store(path).close()
    return path


def test_a_clean_close_records_the_file_and_an_open_forgets_it(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    assert checked_path_for(path).exists()
    assert oct(checked_path_for(path).stat().st_mode & 0o777) == "0o600"
    store = open_store(path)
    try:
        # Until the next clean close nothing vouches for the file: a crash now leaves no record.
        assert not checked_path_for(path).exists()
    finally:
        store.close()
    assert checked_path_for(path).exists()


def test_the_record_is_what_lets_an_open_skip_the_full_check(tmp_path: Path) -> None:
    """Proof that the skip happens: damage the check would find, fingerprint kept, opens."""
    path = closed_journal(tmp_path)
    damage_keeping_the_fingerprint(path)
    open_store(path).close()  # trusted: exactly as the last clean close left it

    damage_keeping_the_fingerprint(path)
    checked_path_for(path).unlink()  # as after a crash
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_any_change_by_another_program_brings_the_full_check_back(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    damage_keeping_the_fingerprint(path)
    os.utime(path)  # the file's time moves, as any write by another program would move it
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_a_record_for_another_file_is_not_trusted(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    other = closed_journal(tmp_path / "other")
    checked_path_for(path).write_bytes(checked_path_for(other).read_bytes())
    damage_keeping_the_fingerprint(path)
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_an_unlocked_open_never_trusts_the_record(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    damage_keeping_the_fingerprint(path)
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path, lock=False)
