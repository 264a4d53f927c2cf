"""Journals, their folders, logs, locks and backups are private to their owner even under umask 022.

The suite may run as root, which ignores permission bits when it opens files, so these tests read
the mode bits themselves.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netjournal.core.models import Contact
from netjournal.core.storage import paths
from netjournal.core.storage.snapshot import vacuum_into_verified
from netjournal.core.storage.store import open_store

NOW = datetime(2026, 11, 25, 20, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_journal_and_everything_beside_it_is_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    journal = tmp_path / "home" / "data" / "journal.db"
    with open_store(journal) as store:
        with store.writer() as session:
            session.add(Contact(name="Ana", name_key="ana", created_at=NOW, updated_at=NOW))
        # Checked while the journal is open: SQLite removes the log and index on close.
        assert mode(journal) == 0o600
        assert mode(journal.with_name("journal.db-wal")) == 0o600
        assert mode(journal.with_name("journal.db-shm")) == 0o600
        assert mode(paths.lock_path_for(journal)) == 0o600
    assert mode(tmp_path / "home") == 0o700
    assert mode(tmp_path / "home" / "data") == 0o700
    assert mode(tmp_path) == 0o755, "a folder netjournal did not create keeps its mode"


def test_backups_are_private(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    open_store(journal).close()
    backup = vacuum_into_verified(journal, tmp_path / "backups" / "copy.db")
    assert mode(backup) == 0o600
    assert mode(tmp_path / "backups") == 0o700
    assert [p.name for p in (tmp_path / "backups").iterdir()] == ["copy.db"]


def test_a_journal_left_readable_by_others_is_made_private_once(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    journal = folder / "journal.db"
    open_store(journal).close()
    backup = vacuum_into_verified(journal, paths.backup_dir_for(journal) / "copy.db")
    for loose, looser in ((folder, 0o755), (journal, 0o644), (backup, 0o644)):
        loose.chmod(looser)
    with open_store(journal) as store:
        assert store.notice is not None and "now private to you" in store.notice
        assert mode(journal.with_name("journal.db-wal")) == 0o600
    assert (mode(folder), mode(journal), mode(backup)) == (0o700, 0o600, 0o600)
    assert mode(paths.backup_dir_for(journal)) == 0o700
    with open_store(journal) as again:
        assert again.notice is None


def test_the_shell_says_once_that_it_made_the_journal_private(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from netjournal.cli import cli

    journal = tmp_path / "data" / "journal.db"
    open_store(journal).close()
    journal.chmod(0o644)
    first = CliRunner().invoke(cli, ["--db", str(journal), "contacts"])
    assert first.exit_code == 0, first.output
    assert "now private to you" in first.stderr
    assert "now private to you" not in CliRunner().invoke(cli, ["--db", str(journal), "due"]).stderr


def test_another_users_journal_is_refused_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.core.errors import JournalFileError
    from netjournal.core.storage import privacy

    journal = tmp_path / "journal.db"
    open_store(journal).close()
    journal.chmod(0o644)
    before = journal.read_bytes()
    monkeypatch.setattr(privacy.os, "getuid", lambda: journal.stat().st_uid + 1)
    with pytest.raises(JournalFileError, match="belongs to another user"):
        open_store(journal)
    assert journal.read_bytes() == before and mode(journal) == 0o644
