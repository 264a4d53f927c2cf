"""SQLite's full check runs at most once a day per journal file; any other file is checked again."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from netjournal.core.errors import JournalFileError
from netjournal.core.storage.preflight import CHECK_EVERY_S, checked_path_for, preflight
from netjournal.core.storage.store import open_store


def damage_keeping_the_header(path: Path) -> None:
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


def age_the_record(path: Path, seconds: int) -> None:
    """Move the recorded time of the last passing check `seconds` into the past."""
    marker = checked_path_for(path)
    when, device, inode = marker.read_text(encoding="ascii").split()
    marker.write_text(f"{int(when) - seconds} {device} {inode}\n", encoding="ascii")


def test_a_passing_check_is_recorded_privately_for_this_very_file(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    marker = checked_path_for(path)
    assert oct(marker.stat().st_mode & 0o777) == "0o600"
    _when, device, inode = marker.read_text(encoding="ascii").split()
    assert (int(device), int(inode)) == (path.stat().st_dev, path.stat().st_ino)


def test_within_a_day_the_full_check_is_skipped_and_after_it_runs_again(tmp_path: Path) -> None:
    """Proof that the skip happens: damage the check would find opens while the record is fresh."""
    path = closed_journal(tmp_path)
    damage_keeping_the_header(path)
    open_store(path).close()

    age_the_record(path, CHECK_EVERY_S + 60)
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_without_a_record_the_full_check_runs(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    damage_keeping_the_header(path)
    checked_path_for(path).unlink()
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_a_record_for_another_file_is_not_trusted(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    other = closed_journal(tmp_path / "other")
    checked_path_for(path).write_bytes(checked_path_for(other).read_bytes())
    damage_keeping_the_header(path)
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_a_record_from_the_future_is_not_trusted(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    age_the_record(path, -CHECK_EVERY_S)
    damage_keeping_the_header(path)
    with pytest.raises(JournalFileError, match="damaged"):
        open_store(path)


def test_preflight_always_checks_in_full_and_records_nothing(tmp_path: Path) -> None:
    path = closed_journal(tmp_path)
    before = checked_path_for(path).read_bytes()
    damage_keeping_the_header(path)
    with pytest.raises(JournalFileError, match="damaged"):
        preflight(path)
    assert checked_path_for(path).read_bytes() == before
