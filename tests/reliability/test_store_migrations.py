"""Schema changes: no drift from the models, a verified backup first, all-or-nothing upgrades.

Test-only revisions go into a temporary copy of the packaged migrations folder.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy
from sqlmodel import SQLModel

from netjournal.core import models
from netjournal.core.errors import JournalFileError
from netjournal.core.find.search_index import described_by_models, is_search_table
from netjournal.core.storage import paths
from netjournal.core.storage.identity import APPLICATION_ID, HEAD_REVISION
from netjournal.core.storage.migrate import MIGRATIONS_DIR
from netjournal.core.storage.preflight import journal_revision
from netjournal.core.storage.store import Store, _open_store, open_store

NOW = datetime(2026, 11, 25, 20, 15, tzinfo=UTC)
NEXT = "c0ffee000002"
FIXTURES = Path(__file__).parent / "fixtures"
TABLES = (
    "contact",
    "channel",
    "tag",
    "contact_tag",
    "exchange",
    "exchange_contact",
    "exchange_tag",
    "reflection",
    "reflection_contact",
    "reflection_tag",
    "setting",
    "contact_date",
)


def populate(store: Store) -> dict[str, int]:
    """A little of everything, with every kind of link to a contact."""
    with store.writer() as session:
        people = [
            models.Contact(name=n, name_key=n.lower(), created_at=NOW, updated_at=NOW)
            for n in ("Ana", "Bo", "Cy")
        ]
        tags = [models.Tag(name="seo"), models.Tag(name="design")]
        exchanges = [
            models.Exchange(
                occurred_on=date(2026, 11, day),
                direction="gave",
                kind="advice",
                summary=f"advice {day}",
                created_at=NOW,
                updated_at=NOW,
            )
            for day in (1, 2)
        ]
        reflections = [
            models.Reflection(
                written_on=date(2026, 11, day), body="thoughts", created_at=NOW, updated_at=NOW
            )
            for day in (3, 4)
        ]
        session.add_all([*people, *tags, *exchanges, *reflections])
        session.flush()
        for person in people:
            assert person.id is not None
            session.add(models.Channel(contact_id=person.id, platform="x", handle=person.name))
            session.add(models.ContactTag(contact_id=person.id, tag_id=tags[0].id or 0))
            for exchange in exchanges:
                session.add(
                    models.ExchangeContact(
                        exchange_id=exchange.id or 0,
                        contact_id=person.id,
                        occurred_on=exchange.occurred_on,
                        direction="gave",
                        weight=1,
                    )
                )
            for reflection in reflections:
                session.add(
                    models.ReflectionContact(reflection_id=reflection.id or 0, contact_id=person.id)
                )
        session.add(models.ExchangeTag(exchange_id=exchanges[0].id or 0, tag_id=tags[1].id or 0))
        session.add(
            models.ReflectionTag(reflection_id=reflections[0].id or 0, tag_id=tags[1].id or 0)
        )
        session.add(models.Setting(key="theme", value='"nord"'))
    return table_counts(store.path)


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    conn.close()
    return counts


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    finally:
        conn.close()


def scripts_with(tmp_path: Path, upgrade_body: str) -> Path:
    """The packaged migrations plus one revision after head whose upgrade() runs `upgrade_body`."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    revision = f'''\
"""A test-only revision."""

import sqlalchemy as sa
from alembic import op

revision = "{NEXT}"
down_revision = "{HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{textwrap.indent(textwrap.dedent(upgrade_body).strip(), "    ")}


def downgrade() -> None:
    pass
'''
    (scripts / "versions" / f"{NEXT}_test_only.py").write_text(revision)
    return scripts


def open_with(path: Path, scripts: Path, *, migrate: bool = True) -> Store:
    return _open_store(
        path, create=False, backup_dir=None, migrate=migrate, script_location=scripts
    )


@pytest.fixture
def journal(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "data" / "journal.db"
    with open_store(path) as store:
        counts = populate(store)
    return path, counts


def backups_of(path: Path) -> list[Path]:
    folder = paths.backup_dir_for(path)
    return sorted(folder.iterdir()) if folder.exists() else []


def assert_verified_backup(backup: Path, counts: dict[str, int]) -> None:
    assert re.fullmatch(rf"journal-\d{{4}}-\d\d-\d\dT\d{{6}}Z-before-{NEXT}\.db", backup.name)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    finally:
        conn.close()
    assert table_counts(backup) == counts


def assert_left_at_old_revision(path: Path, counts: dict[str, int]) -> None:
    assert journal_revision(path) == HEAD_REVISION
    names = table_names(path)
    assert "half_done" not in names
    assert not [name for name in names if name.startswith("_alembic_tmp")]
    with open_store(path) as store:  # the packaged scripts still open it as it was
        assert table_counts(store.path) == counts


def test_a_migrated_empty_journal_matches_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with open_store(tmp_path / "journal.db") as store, store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": described_by_models}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def constraint_names(engine: sqlalchemy.Engine) -> dict[str, dict[str, object]]:
    """Per table, the name of every key, constraint and index, as SQLite reports them."""
    inspector = sqlalchemy.inspect(engine)
    return {
        table: {
            "pk": inspector.get_pk_constraint(table)["name"],
            "fk": sorted(
                (str(fk["name"]), *fk["constrained_columns"], fk["referred_table"])
                for fk in inspector.get_foreign_keys(table)
            ),
            "uq": sorted(str(uq["name"]) for uq in inspector.get_unique_constraints(table)),
            "ck": sorted(str(ck["name"]) for ck in inspector.get_check_constraints(table)),
            "ix": sorted(str(ix["name"]) for ix in inspector.get_indexes(table)),
        }
        for table in inspector.get_table_names()
        if table != "alembic_version" and not is_search_table(table)
    }


def test_migrations_name_every_constraint_as_the_models_do(tmp_path: Path) -> None:
    """compare_metadata overlooks constraint names; a later migration finds them by name."""
    with open_store(tmp_path / "journal.db") as store:
        migrated = constraint_names(store.engine)
    scratch = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'from-models.db'}")
    try:
        SQLModel.metadata.create_all(scratch)
        from_models = constraint_names(scratch)
    finally:
        scratch.dispose()
    assert migrated == from_models
    assert migrated["exchange_contact"] == {
        "pk": "pk_exchange_contact",
        "fk": [
            ("fk_exchange_contact_contact_id_contact", "contact_id", "contact"),
            ("fk_exchange_contact_exchange_id_exchange", "exchange_id", "exchange"),
        ],
        "uq": [],
        "ck": [],
        "ix": ["ix_exchange_contact_summary"],
    }
    assert migrated["tag"]["uq"] == ["uq_tag_name"]
    assert migrated["exchange"]["ck"] == ["ck_exchange_dir", "ck_exchange_weight"]
    unnamed = [
        (table, kind)
        for table, kinds in migrated.items()
        for kind, names in kinds.items()
        if names is None or "None" in str(names)
    ]
    assert unnamed == []


@pytest.mark.parametrize("source", ["new journal", "released fixture"])
def test_a_batch_migration_drops_a_foreign_key_by_its_name(tmp_path: Path, source: str) -> None:
    """Only a name stored in the file can be found again (unnamed: "No such constraint")."""
    path = tmp_path / "data" / "journal.db"
    if source == "new journal":
        with open_store(path) as store:
            counts = populate(store)
    else:
        path.parent.mkdir()
        conn = sqlite3.connect(path)
        conn.executescript((FIXTURES / f"journal-{HEAD_REVISION}.sql").read_text(encoding="utf-8"))
        conn.close()
        counts = table_counts(path)
    assert counts["exchange_tag"] > 0
    scripts = scripts_with(
        tmp_path,
        """
        with op.batch_alter_table("exchange_tag") as batch:
            batch.drop_constraint("fk_exchange_tag_tag_id_tag", type_="foreignkey")
        """,
    )
    open_with(path, scripts).close()
    assert journal_revision(path) == NEXT
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        referred = [row[2] for row in conn.execute("PRAGMA foreign_key_list(exchange_tag)")]
        table_sql = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'exchange_tag'")
        kept_sql = str(table_sql.fetchone()[0])
    finally:
        conn.close()
    assert referred == ["exchange"]
    assert "CONSTRAINT fk_exchange_tag_exchange_id_exchange FOREIGN KEY" in kept_sql
    assert table_counts(path) == counts


def test_an_older_journal_is_backed_up_then_upgraded(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, counts = journal
    scripts = scripts_with(
        tmp_path,
        """
        with op.batch_alter_table("contact") as batch:
            batch.add_column(sa.Column("pronouns", sa.String(), nullable=False, server_default=""))
        """,
    )
    with open_with(path, scripts) as store, store.reader() as session:
        columns = [
            row[1] for row in session.connection().exec_driver_sql("PRAGMA table_info(contact)")
        ]
    assert "pronouns" in columns
    assert journal_revision(path) == NEXT
    assert table_counts(path) == counts
    [backup] = backups_of(path)
    assert_verified_backup(backup, counts)


def test_a_journal_at_head_is_not_backed_up(journal: tuple[Path, dict[str, int]]) -> None:
    path, _ = journal
    open_store(path).close()
    assert backups_of(path) == []


def test_migrate_false_leaves_an_older_journal_as_it_is(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, _ = journal
    scripts = scripts_with(tmp_path, 'op.add_column("contact", sa.Column("x", sa.String()))')
    open_with(path, scripts, migrate=False).close()
    assert journal_revision(path) == HEAD_REVISION
    assert backups_of(path) == []


def test_a_migration_that_fails_midway_changes_nothing(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, counts = journal
    scripts = scripts_with(
        tmp_path,
        """
        op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
        with op.batch_alter_table("contact", recreate="always") as batch:
            batch.add_column(sa.Column("pronouns", sa.String(), nullable=True))
        raise RuntimeError("the migration broke")
        """,
    )
    with pytest.raises(JournalFileError, match="the migration broke") as refused:
        open_with(path, scripts)
    [backup] = backups_of(path)
    assert str(backup) in refused.value.message
    assert "nothing was changed" in refused.value.message
    assert_verified_backup(backup, counts)
    assert_left_at_old_revision(path, counts)


def test_a_table_copy_that_fails_inside_a_batch_leaves_no_temporary_table(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, counts = journal
    scripts = scripts_with(
        tmp_path,
        """
        op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
        with op.batch_alter_table("contact", recreate="always") as batch:
            batch.create_check_constraint("ck_long_names", "length(name) > 100")
        """,
    )
    with pytest.raises(JournalFileError, match="CHECK constraint failed"):
        open_with(path, scripts)
    assert len(backups_of(path)) == 1
    assert_left_at_old_revision(path, counts)


def test_a_migration_leaving_orphans_is_rolled_back(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, counts = journal
    scripts = scripts_with(
        tmp_path,
        """
        op.execute(
            "INSERT INTO exchange_contact (exchange_id, contact_id, occurred_on, direction, weight)"
            " VALUES (999, 999, '2026-11-25', 'gave', 1)"
        )
        """,
    )
    with pytest.raises(JournalFileError, match="pointing at missing ones"):
        open_with(path, scripts)
    assert len(backups_of(path)) == 1
    assert_left_at_old_revision(path, counts)


def test_rebuilding_contact_keeps_every_linked_row(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, counts = journal
    scripts = scripts_with(
        tmp_path,
        """
        with op.batch_alter_table("contact", recreate="always") as batch:
            batch.alter_column("nickname", existing_type=sa.String(), server_default="")
        """,
    )
    with open_with(path, scripts) as store, store.writer() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        contact_sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_schema WHERE name = 'contact'"
        ).scalar()
    assert "DEFAULT ''" in str(contact_sql)
    assert journal_revision(path) == NEXT
    assert table_counts(path) == counts
    assert counts["exchange_contact"] == 6 and counts["reflection_contact"] == 6


def test_a_killed_migration_leaves_the_old_revision_and_a_backup(
    tmp_path: Path, journal: tuple[Path, dict[str, int]]
) -> None:
    path, counts = journal
    started = tmp_path / "started"
    scripts = scripts_with(
        tmp_path,
        f"""
        import pathlib, time
        op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
        with op.batch_alter_table("contact", recreate="always") as batch:
            batch.add_column(sa.Column("pronouns", sa.String(), nullable=True))
        pathlib.Path({str(started)!r}).touch()
        time.sleep(60)
        """,
    )
    runner = textwrap.dedent(
        f"""
        from pathlib import Path
        from netjournal.core.storage.store import _open_store
        _open_store(Path({str(path)!r}), create=False, backup_dir=None, migrate=True,
                    script_location=Path({str(scripts)!r}))
        """
    )
    child = subprocess.Popen([sys.executable, "-c", runner])
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert child.poll() is None, "the migration process ended before the migration ran"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert len(backups_of(path)) == 1
    assert_left_at_old_revision(path, counts)
