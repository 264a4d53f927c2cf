"""Whatever sits at the journal path that isn't a healthy journal of ours is refused, untouched."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netjournal.core.errors import JournalError, JournalFileError
from netjournal.core.models import Contact
from netjournal.core.storage import paths
from netjournal.core.storage.identity import APPLICATION_ID
from netjournal.core.storage.preflight import checked_path_for, preflight
from netjournal.core.storage.store import open_store

NOW = datetime(2026, 11, 25, 20, 15, tzinfo=UTC)


def healthy_journal(path: Path, contacts: int = 300) -> Path:
    """A closed journal spanning many pages, so damage can land inside a table."""
    with open_store(path) as store, store.writer() as session:
        for n in range(contacts):
            name = f"Person {n}"
            session.add(
                Contact(
                    name=name,
                    name_key=name.lower(),
                    notes="n" * 400,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
    assert not path.with_name(path.name + "-wal").exists()
    return path


def text_file(path: Path) -> Path:
    path.write_text("Meeting notes\nCall Ana about the conference.\n")
    return path


def empty_file(path: Path) -> Path:
    path.touch()
    return path


def zeroed_header(path: Path) -> Path:
    healthy_journal(path)
    with open(path, "r+b") as file:
        file.write(bytes(100))
    return path


def truncated_journal(path: Path) -> Path:
    healthy_journal(path)
    with open(path, "r+b") as file:
        file.truncate(path.stat().st_size // 2)
    return path


def cut_inside_header(path: Path) -> Path:
    healthy_journal(path)
    with open(path, "r+b") as file:
        file.truncate(50)
    return path


def flipped_bytes(path: Path) -> Path:
    """Damage inside a table, in a file no netjournal has checked in full within the last day.

    Within a day of a passing check, opening trusts it: see test_store_checked.py.
    """
    healthy_journal(path)
    checked_path_for(path).unlink()
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'contact'").fetchone()
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root[0] - 1) * page_size)
        file.write(b"\xa5" * 64)
    check = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        rows = check.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        rows = [(str(exc),)]
    finally:
        check.close()
    assert rows != [("ok",)], "the damage must be one that quick_check finds"
    return path


def other_application(path: Path, *, wal: bool = False) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    return path


def other_application_in_wal_mode(path: Path) -> Path:
    return other_application(path, wal=True)


def our_id_with_someone_elses_tables(path: Path) -> Path:
    other_application(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.commit()
    conn.close()
    return path


def newer_version(path: Path) -> Path:
    healthy_journal(path, contacts=3)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()
    return path


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (text_file, "isn't a netjournal journal"),
    (empty_file, "empty file"),
    (zeroed_header, "isn't a netjournal journal"),
    (truncated_journal, "damaged"),
    (cut_inside_header, "isn't a netjournal journal"),
    (flipped_bytes, "damaged"),
    (other_application, "another application's database"),
    (other_application_in_wal_mode, "another application's database"),
    (our_id_with_someone_elses_tables, "no schema version"),
    (newer_version, "newer version of netjournal; upgrade netjournal"),
]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(("make", "expected"), CASES, ids=[make.__name__ for make, _ in CASES])
@pytest.mark.parametrize("how", ["open_store", "preflight"])
def test_refused_with_a_sentence_and_left_untouched(
    tmp_path: Path, make: Callable[[Path], Path], expected: str, how: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = make(folder / "journal.db")
    before = snapshot(folder)
    with pytest.raises(JournalFileError) as refused:
        if how == "open_store":
            open_store(path)
        else:
            preflight(path)
    message = refused.value.message
    assert str(path) in message
    assert expected.split(";")[0] in message
    assert expected.split("; ")[-1] in message
    assert "Traceback" not in message
    assert snapshot(folder) == before, "the file was changed, or something was created beside it"


def test_damage_points_at_the_backup_folder(tmp_path: Path) -> None:
    path = flipped_bytes(tmp_path / "journal.db")
    with pytest.raises(JournalFileError) as refused:
        open_store(path)
    assert str(paths.backup_dir_for(path)) in refused.value.message
    assert "netjournal restore FILE" in refused.value.message


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "journal.db"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(JournalFileError, match="is a folder, not a journal file"):
        open_store(folder)
    assert [p.name for p in tmp_path.iterdir()] == ["journal.db"]
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_a_broken_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "journal.db"
    link.symlink_to(tmp_path / "gone.db")
    with pytest.raises(JournalFileError, match="link to a file that doesn't exist"):
        open_store(link)
    assert not (tmp_path / "gone.db").exists()


def test_a_left_over_write_ahead_log_blocks_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    wal = tmp_path / "journal.db-wal"
    wal.write_bytes(b"frames of an earlier journal")
    with pytest.raises(JournalFileError, match="left over"):
        open_store(path)
    assert not path.exists()
    assert wal.read_bytes() == b"frames of an earlier journal"


def test_an_unfinished_new_journal_is_completed(tmp_path: Path) -> None:
    """A crash after the id was written but before the schema leaves an empty journal of ours."""
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.commit()
    conn.close()
    with open_store(path) as store, store.reader() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM contact").scalar() == 0


def test_refusals_are_journal_errors() -> None:
    assert issubclass(JournalFileError, JournalError)
