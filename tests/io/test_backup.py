"""Backups rotate and stay private; restore refuses what isn't ours and can always be undone."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netjournal.core.errors import InputError, JournalError, JournalFileError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft
from netjournal.io.backup import (
    backup_if_due,
    make_backup,
    prune_backups,
    restore_journal,
    rotating_backups,
)
from tests.conftest import TODAY
from tests.io.conftest import mode

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(journal: Journal) -> list[str]:
    return sorted(c.name for c in journal.all_contacts())


def closed_journal(path: Path, *people: str) -> Path:
    with open_journal(path, today=lambda: TODAY) as journal:
        for name in people:
            journal.add_contact(ContactDraft(name))
    return path


def test_a_backup_is_a_private_verified_copy(tmp_path: Path, umask_022: None) -> None:
    journal_path = closed_journal(tmp_path / "data" / "journal.db", "Ana")
    backup = make_backup(journal_path, now=NOW)
    assert backup == tmp_path / "data" / "backups" / "journal-2026-11-25T090000Z.db"
    assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    with open_journal(backup, today=lambda: TODAY) as copy:
        assert names(copy) == ["Ana"]
    second = make_backup(journal_path, now=NOW)
    assert second.name == "journal-2026-11-25T090000Z-2.db"


def test_a_backup_of_an_open_journal_has_everything_committed(
    journal: Journal, tmp_path: Path
) -> None:
    journal.add_contact(ContactDraft("Committed"))
    backup = make_backup(journal.path, tmp_path / "copy.db")
    with open_journal(backup, today=lambda: TODAY) as copy:
        assert names(copy) == ["Committed"]


def test_only_the_newest_are_kept(tmp_path: Path) -> None:
    journal_path = closed_journal(tmp_path / "journal.db", "Ana")
    folder = tmp_path / "backups"
    for hours in range(5):
        make_backup(journal_path, folder, keep=3, now=NOW + timedelta(hours=hours))
    keepsake = folder / "journal-2026-01-01T000000Z-before-restore.db"
    keepsake.write_bytes(b"x")
    foreign = folder / "holiday.jpg"
    foreign.write_bytes(b"x")
    kept = [p.name for _, p in rotating_backups(folder, journal_path)]
    assert kept == [f"journal-2026-11-25T{h:02d}0000Z.db" for h in (11, 12, 13)]
    assert prune_backups(folder, journal_path, 1) == [folder / kept[0], folder / kept[1]]
    assert keepsake.exists() and foreign.exists()


def test_daily_backup_at_most_once_a_day(tmp_path: Path) -> None:
    journal_path = closed_journal(tmp_path / "journal.db", "Ana")
    assert backup_if_due(tmp_path / "missing.db", now=NOW) is None
    first = backup_if_due(journal_path, now=NOW)
    assert first is not None and first.name.endswith("-daily.db")
    assert backup_if_due(journal_path, now=NOW + timedelta(hours=1)) is None
    later = backup_if_due(journal_path, now=NOW + timedelta(days=1))
    assert later is not None and later != first


def test_daily_backups_keep_the_setting(tmp_path: Path) -> None:
    journal_path = tmp_path / "journal.db"
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.update_settings(backups_keep=2)
    for day in range(4):
        backup_if_due(journal_path, now=NOW + timedelta(days=day))
    assert len(rotating_backups(tmp_path / "backups", journal_path)) == 2


def test_restore_puts_a_backup_back_and_can_be_undone(tmp_path: Path) -> None:
    journal_path = closed_journal(tmp_path / "journal.db", "Ana")
    backup = make_backup(journal_path, now=NOW)
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Added after the backup"))
        journal.update_settings(backups_keep=3)
        restored = restore_journal(journal, backup, now=NOW + timedelta(hours=1))
        assert names(journal) == ["Ana"]
        assert journal.settings().backups_keep == 10
        journal.add_contact(ContactDraft("Writes still work"))
    assert restored.safety_backup.name == "journal-2026-11-25T100000Z-before-restore.db"
    assert mode(restored.safety_backup) == 0o600
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert names(journal) == ["Ana", "Writes still work"]
        restore_journal(journal, restored.safety_backup)
        assert names(journal) == ["Added after the backup", "Ana"]
    check = sqlite3.connect(journal_path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    check.close()


def foreign_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


def newer_journal(path: Path) -> Path:
    closed_journal(path, "From the future")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("just some notes\n") and p, "isn't a netjournal journal"),
        (foreign_database, "another application's database"),
        (newer_journal, "newer version"),
    ],
    ids=["text", "other-app", "newer"],
)
def test_restore_refuses_files_that_are_not_ours_untouched(
    journal: Journal, tmp_path: Path, make: object, message: str
) -> None:
    journal.add_contact(ContactDraft("Still here"))
    source = make(tmp_path / "candidate.db")  # type: ignore[operator]
    before, listing = digest(source), sorted(tmp_path.iterdir())
    with pytest.raises(JournalError, match=message):
        restore_journal(journal, source)
    assert digest(source) == before
    assert sorted(tmp_path.iterdir()) == listing
    assert names(journal) == ["Still here"]
    assert not (journal.path.parent / "backups").exists()


def test_restore_refuses_a_missing_file_and_the_journal_itself(
    journal: Journal, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="no file"):
        restore_journal(journal, tmp_path / "nope.db")
    with pytest.raises(InputError, match="the journal itself"):
        restore_journal(journal, journal.path)


def test_backing_up_no_journal_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing to back up"):
        make_backup(tmp_path / "journal.db")
    with pytest.raises(JournalFileError):
        make_backup(foreign_database(tmp_path / "other.db"))
