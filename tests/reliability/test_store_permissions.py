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

from netjournal.core import paths
from netjournal.core.models import Contact
from netjournal.core.snapshot import vacuum_into_verified
from netjournal.core.store import open_store

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
