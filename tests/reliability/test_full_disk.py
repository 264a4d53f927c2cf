"""A full disk gets one accurate sentence, and leaves no temporary file behind.

SQLite's own failure is real (PRAGMA max_page_count on every connection); a file write that
fails is simulated where the kernel reports it (os.fsync, or the file's write) with ENOSPC.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import event
from sqlalchemy.engine import Engine

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.storage import file_errors
from netjournal.core.storage.file_errors import DISK_FULL, describe_error
from netjournal.tui.feedback import describe_failure
from tests.conftest import TODAY


def invoke(path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(path), *args], env={"NETJOURNAL_TODAY": TODAY.isoformat()}
    )


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        ana = journal.add_contact(ContactDraft("Ana Lima", notes="Met at the meetup"))
        journal.log_exchange(ExchangeDraft("gave", "Sent the checklist", (ana,)))
    return journal_path


@pytest.fixture
def sqlite_full(filled: Path) -> Iterator[None]:
    """Every new connection may not grow the journal: SQLite answers SQLITE_FULL."""
    with sqlite3.connect(filled) as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(Engine, "connect", on_connect)
    yield
    event.remove(Engine, "connect", on_connect)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_a_shell_write_on_a_full_disk_is_one_sentence(filled: Path, sqlite_full: None) -> None:
    result = invoke(filled, "add", "Bruno Costa", "--note", "A long note. " * 4_000)
    assert result.exit_code == 1
    assert result.output.strip() == DISK_FULL
    assert "Traceback" not in result.output
    with open_journal(filled, today=lambda: TODAY) as journal:
        assert [ref.name for ref in journal.contact_refs()] == ["Ana Lima"]


@pytest.mark.parametrize("name", ["SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_WRITE", "SQLITE_IOERR"])
def test_an_io_error_on_a_nearly_full_disk_is_the_full_disk_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    path = tmp_path / "journal.db"
    # Plenty of room: the disk (or network drive) itself failed, and the sentence says so.
    assert "disk reported an error" in describe_error(error, path).message

    real = os.statvfs

    def nearly_full(where: Any) -> Any:
        stats = real(where)
        return os.statvfs_result((*stats[:4], 100, 100, *stats[6:]))  # 100 blocks left

    monkeypatch.setattr(file_errors.os, "statvfs", nearly_full)
    assert describe_error(error, path).message == DISK_FULL


def test_enospc_anywhere_is_the_same_sentence() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe_failure(full) == DISK_FULL
    assert "quota" in describe_failure(OSError(errno.EDQUOT, "Disk quota exceeded"))


# --------------------------------------------------------------------- exports and backups


def _fsync_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel reports the full disk when the data is synced (delayed allocation)."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


def _writes_fail_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """Files opened for an export take `room` characters, then the disk is full."""
    from netjournal.io import files

    real_fdopen = os.fdopen

    class Full(io.TextIOWrapper):
        written = 0

        def write(self, text: str) -> int:
            Full.written += len(text)
            if Full.written > room:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(text)

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        raw = real_fdopen(fd, "wb")
        return Full(raw, encoding=kwargs.get("encoding"), newline=kwargs.get("newline"))

    monkeypatch.setattr(files.os, "fdopen", fdopen)


@pytest.mark.parametrize("fmt", ["json", "md", "vcf", "csv"])
@pytest.mark.parametrize("failure", ["fsync", "write"])
def test_a_failed_export_leaves_no_temporary_file_and_the_old_export_as_it_was(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, failure: str
) -> None:
    out = tmp_path / "exports"
    target = out / ("tables" if fmt == "csv" else f"journal.{fmt}")
    assert invoke(filled, "export", "--format", fmt, "-o", str(target)).exit_code == 0
    before = {p.name: sha(p) for p in out.rglob("*") if p.is_file()}
    if failure == "fsync":
        _fsync_fails(monkeypatch)
    else:
        _writes_fail_after(monkeypatch, 50)
    with open_journal(filled, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Bruno Costa"))
    result = invoke(filled, "export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 1
    assert result.output.strip() == DISK_FULL
    assert leftovers(out) == []
    assert {p.name: sha(p) for p in out.rglob("*") if p.is_file()} == before


def test_a_failed_backup_leaves_no_temporary_file(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    from netjournal.core.storage import snapshot

    def fsync_file(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(snapshot, "_fsync_file", fsync_file)
    result = invoke(filled, "backup", str(folder))
    assert result.exit_code == 1
    assert result.output.strip() == DISK_FULL
    assert list(folder.iterdir()) == []
