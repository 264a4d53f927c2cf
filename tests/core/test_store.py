"""The journal file layer: connection settings, transactions, the instance lock, error sentences."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.exc
from sqlalchemy import func
from sqlmodel import Session, select

from netjournal.core.errors import JournalError, JournalFileError
from netjournal.core.models import Contact, Exchange, ExchangeContact
from netjournal.core.storage import db as db_module
from netjournal.core.storage import paths
from netjournal.core.storage.file_errors import describe_error
from netjournal.core.storage.identity import APPLICATION_ID, HEAD_REVISION
from netjournal.core.storage.migrate import MIGRATIONS_DIR
from netjournal.core.storage.preflight import journal_revision, preflight, sync_folder_warning
from netjournal.core.storage.store import Store, open_store

NOW = datetime(2026, 11, 25, 20, 15, tzinfo=UTC)


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def store(journal_file: Path) -> Iterator[Store]:
    opened = open_store(journal_file)
    yield opened
    opened.close()


def contact(name: str) -> Contact:
    return Contact(name=name, name_key=name.lower(), created_at=NOW, updated_at=NOW)


def count_contacts(store: Store) -> int:
    with store.reader() as session:
        return session.exec(select(func.count()).select_from(Contact)).one()


def sql(session: Session, statement: str) -> list[tuple[Any, ...]]:
    result = session.connection().exec_driver_sql(statement)
    return [tuple(row) for row in result] if result.returns_rows else []


def other_connection(path: Path) -> sqlite3.Connection:
    """A second, impatient connection: it fails at once instead of waiting for a lock."""
    return sqlite3.connect(path, timeout=0, isolation_level=None)


@pytest.mark.parametrize("unit", ["reader", "writer"])
def test_every_connection_has_the_safe_settings(store: Store, unit: str) -> None:
    session_factory = store.reader if unit == "reader" else store.writer
    with session_factory() as session:
        dbapi_connection = session.connection().connection.dbapi_connection
        assert getattr(dbapi_connection, "isolation_level", "") is None, "we own BEGIN"
        settings = {
            name: sql(session, f"PRAGMA {name}")[0][0]
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "trusted_schema",
                "application_id",
            )
        }
    assert settings == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "trusted_schema": 0,
        "application_id": APPLICATION_ID,
    }


def test_a_writer_holds_the_write_lock_from_its_first_statement(store: Store) -> None:
    other = other_connection(store.path)
    try:
        with store.writer() as session:
            session.exec(select(Contact)).all()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_reader_takes_no_write_lock(store: Store) -> None:
    other = other_connection(store.path)
    try:
        with store.reader() as session:
            session.exec(select(Contact)).all()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_writer_commits_on_normal_exit(store: Store) -> None:
    with store.writer() as session:
        added = contact("Ana")
        session.add(added)
    assert added.id is not None  # still readable: nothing is expired on commit
    assert count_contacts(store) == 1


def test_a_failed_writer_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError, match="changed my mind"), store.writer() as session:
        session.add(contact("Ana"))
        session.flush()
        sql(session, "CREATE TABLE scratch (x)")
        raise RuntimeError("changed my mind")
    assert count_contacts(store) == 0
    with store.reader() as session:
        tables = sql(session, "SELECT name FROM sqlite_schema WHERE name = 'scratch'")
    assert tables == []


def test_a_writer_inside_a_writer_fails_at_once_instead_of_waiting_for_itself(
    store: Store,
) -> None:
    with store.writer() as session:
        session.add(contact("Ana"))
        with pytest.raises(RuntimeError, match="inside a writer"), store.writer():
            pass
    assert count_contacts(store) == 1
    with store.writer() as session:  # the flag is cleared again
        session.add(contact("Bo"))
    assert count_contacts(store) == 2


def test_foreign_keys_are_enforced(store: Store) -> None:
    orphan = ExchangeContact(
        exchange_id=404, contact_id=404, occurred_on=date(2026, 11, 25), direction="gave", weight=1
    )
    with (
        pytest.raises(JournalFileError, match="no longer exists") as refused,
        store.writer() as session,
    ):
        session.add(orphan)
    assert str(store.path) in str(refused.value)
    with store.reader() as session:
        assert session.exec(select(ExchangeContact)).all() == []


def test_sessions_work_from_worker_threads(store: Store) -> None:
    def write(name: str) -> None:
        with store.writer() as session:
            session.add(contact(name))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, [f"Person {n}" for n in range(12)]))
        assert pool.submit(count_contacts, store).result() == 12


def test_objects_read_in_a_reader_keep_their_values(store: Store) -> None:
    with store.writer() as session:
        session.add(contact("Ana"))
    with store.reader() as session:
        found = session.exec(select(Contact)).one()
    assert found.name == "Ana"


def test_a_closed_store_refuses_sessions_and_closes_once(store: Store) -> None:
    store.close()
    store.close()
    with pytest.raises(JournalFileError, match="closed"), store.reader():
        pass


def test_closing_leaves_no_write_ahead_log(store: Store) -> None:
    with store.writer() as session:
        session.add(contact("Ana"))
    store.close()
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "journal.db",
        "journal.db.checked",
        "journal.db.lock",
    ]


def test_two_programs_share_one_journal_and_see_each_others_writes(store: Store) -> None:
    with open_store(store.path) as second:
        with second.writer() as session:
            session.add(contact("Ana"))
        assert count_contacts(store) == 1
        with store.writer() as session:
            session.add(contact("Bruno"))
        assert count_contacts(second) == 2


def test_work_that_needs_the_journal_alone_waits_then_refuses_with_a_sentence(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.core.storage import sharing

    monkeypatch.setattr(sharing, "WAIT_FOR_OTHERS_S", 0.2)
    with open_store(store.path) as second:
        with (
            pytest.raises(JournalFileError, match=r"to itself to restore it, .*Close the others"),
            store.alone("restore"),
        ):
            pass
        # The refusal kept this program's share: both still read and write.
        with second.writer() as session:
            session.add(contact("Ana"))
        assert count_contacts(store) == 1
    with store.alone("restore"):
        assert not store.others_have_it_open()


def test_opening_waits_while_another_program_has_the_journal_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.core.storage import sharing

    monkeypatch.setattr(sharing, "WAIT_FOR_EXCLUSIVE_S", 0.2)
    with store.alone("restore"), pytest.raises(JournalFileError, match="upgraded or restored"):
        open_store(store.path)
    with open_store(store.path) as after:
        assert count_contacts(after) == 0


def test_a_journal_with_a_second_name_is_refused_untouched(journal_file: Path) -> None:
    """SQLite keeps a write-ahead log per name: two names lose committed writes."""
    with open_store(journal_file) as opened, opened.writer() as session:
        session.add(contact("Ana"))
    twin = journal_file.with_name("twin.db")
    os.link(journal_file, twin)
    before = journal_file.read_bytes()
    for name in (journal_file, twin):
        with pytest.raises(JournalFileError, match="2 names on disk"):
            open_store(name)
    assert journal_file.read_bytes() == before
    twin.unlink()
    with open_store(journal_file) as reopened:
        assert count_contacts(reopened) == 1


def test_a_link_to_a_journal_opens_the_journal_itself(journal_file: Path) -> None:
    open_store(journal_file).close()
    link = journal_file.parent.parent / "shortcut.db"
    link.symlink_to(journal_file)
    with open_store(link) as opened:
        assert opened.path == journal_file.resolve()
    assert not link.with_name("shortcut.db.lock").exists()
    assert not link.with_name("shortcut.db-wal").exists()


def test_paths_with_unusual_characters_work(tmp_path: Path) -> None:
    path = tmp_path / "my journals ?#%20 é" / "journal (1).db"
    with open_store(path) as opened, opened.writer() as session:
        session.add(contact("Ana"))
    assert preflight(path) == "journal"
    assert journal_revision(path) == HEAD_REVISION
    with open_store(path) as reopened:
        assert count_contacts(reopened) == 1


def test_a_shell_write_succeeds_while_another_program_holds_the_journal(
    journal_file: Path,
) -> None:
    holder = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from netjournal.core.storage.store import open_store
        store = open_store(Path({str(journal_file)!r}))
        print("ready", flush=True)
        sys.stdin.read()
        store.close()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        with open_store(journal_file) as mine, mine.writer() as session:
            session.add(contact("Ana"))
    finally:
        child.communicate("", timeout=30)
    with open_store(journal_file) as reopened:
        assert count_contacts(reopened) == 1


def test_a_full_disk_is_a_sentence_and_earlier_data_survives(store: Store) -> None:
    with store.writer() as session:
        session.add(contact("Ana"))
    too_big = Exchange(
        occurred_on=date(2026, 11, 25),
        direction="gave",
        kind="advice",
        summary="a long story",
        notes="x" * 200_000,
        created_at=NOW,
        updated_at=NOW,
    )
    with (
        pytest.raises(JournalFileError, match="The disk is full: nothing was written") as refused,
        store.writer() as session,
    ):
        pages = sql(session, "PRAGMA page_count")[0][0]
        sql(session, f"PRAGMA max_page_count = {pages}")
        session.add(too_big)
    assert isinstance(refused.value.__cause__, sqlalchemy.exc.OperationalError)
    store.close()
    with open_store(store.path) as reopened, reopened.reader() as session:
        assert [c.name for c in session.exec(select(Contact))] == ["Ana"]
        assert session.exec(select(Exchange)).all() == []


def test_a_journal_left_with_a_write_ahead_log_opens_with_its_data(journal_file: Path) -> None:
    """After a crash the newest commits, even the schema itself, may exist only in the log."""
    crash = textwrap.dedent(
        f"""
        import os
        from datetime import UTC, datetime
        from pathlib import Path
        from netjournal.core.models import Contact
        from netjournal.core.storage.store import open_store
        now = datetime(2026, 11, 25, 12, tzinfo=UTC)
        store = open_store(Path({str(journal_file)!r}))
        with store.writer() as session:
            session.add(Contact(name="Ana", name_key="ana", created_at=now, updated_at=now))
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", crash], check=True)
    assert journal_file.with_name("journal.db-wal").stat().st_size > 0
    assert preflight(journal_file) == "journal"
    assert journal_revision(journal_file) == HEAD_REVISION
    with open_store(journal_file) as reopened, reopened.reader() as session:
        assert [c.name for c in session.exec(select(Contact))] == ["Ana"]


def test_preflight_says_missing_without_creating_anything(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "journal.db"
    assert preflight(path) == "missing"
    assert not path.parent.exists()


def test_preflight_recognises_a_journal(store: Store) -> None:
    assert preflight(store.path) == "journal"
    store.close()
    assert preflight(store.path) == "journal"


def test_a_missing_journal_is_not_created_when_asked_not_to(journal_file: Path) -> None:
    with pytest.raises(JournalFileError, match="no journal"):
        open_store(journal_file, create=False)
    assert not journal_file.parent.exists()


def test_a_new_journal_is_at_the_head_revision(store: Store) -> None:
    assert journal_revision(store.path) == HEAD_REVISION


def test_head_revision_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION


def test_opening_a_journal_at_head_does_not_import_alembic(journal_file: Path) -> None:
    open_store(journal_file).close()
    probe = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from netjournal.core.storage.store import open_store
        open_store(Path({str(journal_file)!r})).close()
        print(sorted(name for name in sys.modules if name.split(".")[0] == "alembic"))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _sqlite_error(name: str, message: str) -> sqlalchemy.exc.OperationalError:
    original = sqlite3.OperationalError(message)
    original.sqlite_errorname = name
    return sqlalchemy.exc.OperationalError("INSERT ...", {}, original)


@pytest.mark.parametrize(
    ("name", "message", "expected"),
    [
        ("SQLITE_BUSY", "database is locked", "is busy"),
        ("SQLITE_BUSY_SNAPSHOT", "database is locked", "is busy"),
        ("SQLITE_FULL", "database or disk is full", "The disk is full: nothing was written"),
        ("SQLITE_READONLY", "attempt to write a readonly database", "read-only"),
        ("SQLITE_READONLY_DBMOVED", "attempt to write a readonly database", "read-only"),
        ("SQLITE_NOTADB", "file is not a database", "isn't a netjournal journal"),
        ("SQLITE_CORRUPT", "database disk image is malformed", "is damaged"),
        ("SQLITE_IOERR_SHORT_READ", "disk I/O error", "disk reported an error"),
        ("SQLITE_CANTOPEN", "unable to open database file", "cannot open"),
        ("SQLITE_PERM", "access permission denied", "permission denied"),
        ("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed: tag.name", "same value"),
        ("SQLITE_CONSTRAINT_FOREIGNKEY", "FOREIGN KEY constraint failed", "no longer exists"),
        ("SQLITE_CONSTRAINT_CHECK", "CHECK constraint failed: ck_exchange_weight", "conflicts"),
        ("SQLITE_SCHEMA", "database schema has changed", "unexpected problem"),
        ("", "database is locked", "is busy"),
    ],
)
def test_sqlite_errors_become_sentences(
    tmp_path: Path, name: str, message: str, expected: str
) -> None:
    path = tmp_path / "journal.db"
    described = describe_error(_sqlite_error(name, message), path)
    assert isinstance(described, JournalFileError)
    assert expected in described.message
    if name != "SQLITE_FULL":  # the full-disk sentence is the same wherever it happens
        assert str(path) in described.message


def test_damage_sentences_point_at_the_backups(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    described = describe_error(_sqlite_error("SQLITE_CORRUPT", "malformed"), path)
    assert str(paths.backup_dir_for(path)) in described.message
    assert "netjournal restore FILE" in described.message


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(28, "No space left on device"), "The disk is full: nothing was written."),
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(30, "Read-only file system"), "read-only disk"),
        (OSError(5, "Input/output error"), "Input/output error"),
    ],
)
def test_os_errors_become_sentences(tmp_path: Path, error: OSError, expected: str) -> None:
    described = describe_error(error, tmp_path / "journal.db")
    assert expected in described.message
    if error.errno != 28:
        assert str(tmp_path / "journal.db") in described.message


def test_journal_errors_pass_through_as_file_errors(tmp_path: Path) -> None:
    described = describe_error(JournalError("Something explained."), tmp_path / "journal.db")
    assert isinstance(described, JournalFileError)
    assert described.message == "Something explained."


@pytest.fixture
def local_mounts(tmp_path: Path) -> Path:
    table = tmp_path / "mounts"
    table.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "server:/export /mnt/nas nfs4 rw 0 0\n"
        "/dev/sdb1 /mnt/nas/local ext4 rw 0 0\n"
        "//host/share /mnt/my\\040share cifs rw 0 0\n"
    )
    return table


def test_a_journal_on_a_local_disk_gets_no_warning(tmp_path: Path, local_mounts: Path) -> None:
    assert sync_folder_warning(tmp_path / "journal.db", mounts=local_mounts) is None
    assert sync_folder_warning(Path("/mnt/nas/local/journal.db"), mounts=local_mounts) is None


@pytest.mark.parametrize(
    ("folder", "named"),
    [
        ("Dropbox/notes", "Dropbox"),
        ("OneDrive - Acme", "OneDrive"),
        ("Library/CloudStorage/GoogleDrive-ana/My Drive", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ],
)
def test_a_journal_in_a_sync_folder_gets_a_warning(
    tmp_path: Path, local_mounts: Path, folder: str, named: str
) -> None:
    warning = sync_folder_warning(tmp_path / folder / "journal.db", mounts=local_mounts)
    assert warning is not None
    assert named in warning
    assert "netjournal backup" in warning


def test_a_folder_marked_by_syncthing_gets_a_warning(tmp_path: Path, local_mounts: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / ".stfolder").mkdir()
    warning = sync_folder_warning(tmp_path / "shared" / "sub" / "journal.db", mounts=local_mounts)
    assert warning is not None and "Syncthing" in warning


@pytest.mark.parametrize(
    ("path", "named"),
    [("/mnt/nas/journal.db", "nfs4 at /mnt/nas"), ("/mnt/my share/journal.db", "cifs")],
)
def test_a_journal_on_a_network_drive_gets_a_warning(
    local_mounts: Path, path: str, named: str
) -> None:
    warning = sync_folder_warning(Path(path), mounts=local_mounts)
    assert warning is not None and "network drive" in warning and named in warning


def test_pow_works_on_every_connection(store: Store) -> None:
    """insights.py decays old exchanges with pow() in SQL."""
    with store.reader() as session:
        assert sql(session, "SELECT pow(0.5, 2), pow(2, 10)") == [(0.25, 1024.0)]


class _ConnectionSpy:
    """A sqlite3 connection that records registrations and can act like a build without pow()."""

    def __init__(self, *, has_pow: bool) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.has_pow = has_pow
        self.probes = 0
        self.registered: list[str] = []

    def execute(self, statement: str) -> sqlite3.Cursor:
        if "pow(" in statement and not self.registered:
            self.probes += 1
            if not self.has_pow:
                raise sqlite3.OperationalError("no such function: pow")
        return self.connection.execute(statement)

    def create_function(self, name: str, narg: int, func: Any, *, deterministic: bool) -> None:
        self.registered.append(name)
        self.connection.create_function(name, narg, func, deterministic=deterministic)


def test_pow_is_provided_when_sqlite_lacks_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_module, "_pow_is_built_in", None)
    first, second = _ConnectionSpy(has_pow=False), _ConnectionSpy(has_pow=False)
    try:
        db_module.provide_pow(first)  # type: ignore[arg-type]
        db_module.provide_pow(second)  # type: ignore[arg-type]
        assert (first.probes, second.probes) == (1, 0), "asked once, then remembered"
        assert first.registered == second.registered == ["pow"]
        assert second.execute("SELECT pow(0.5, 2)").fetchone() == (0.25,)
    finally:
        first.connection.close()
        second.connection.close()


def test_pow_is_left_alone_when_sqlite_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_module, "_pow_is_built_in", None)
    first, second = _ConnectionSpy(has_pow=True), _ConnectionSpy(has_pow=True)
    try:
        db_module.provide_pow(first)  # type: ignore[arg-type]
        db_module.provide_pow(second)  # type: ignore[arg-type]
        assert (first.probes, second.probes) == (1, 0)
        assert first.registered == second.registered == []
        assert second.execute("SELECT pow(2, 10)").fetchone() == (1024.0,)
    finally:
        first.connection.close()
        second.connection.close()


@pytest.mark.parametrize(
    ("base", "exponent"),
    [
        (0.5, 3.25), (0.5, -2), (2, 10), (0, 0), (0, -1), (-0.0, -1), (-8, 1 / 3), (-2, 3),
        (-2, 1025), (10, 400), (-10, 401), (0.5, 5000), (None, 2), (2, None),
    ],
)  # fmt: skip
def test_the_stand_in_pow_answers_as_sqlite_does(
    base: float | None, exponent: float | None
) -> None:
    connection = sqlite3.connect(":memory:")
    try:
        built_in = connection.execute("SELECT pow(?, ?)", (base, exponent)).fetchone()[0]
    finally:
        connection.close()
    assert db_module.sqlite_pow(base, exponent) == built_in
