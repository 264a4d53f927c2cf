"""One fixture journal per released schema: each opens in this version with its data intact.

When a release changes the schema, add `fixtures/journal-<that release's head revision>.sql`: the
`.dump` of a small journal written by that release, after a `PRAGMA application_id=...;` line.
Keep the old ones.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from netjournal.core import models
from netjournal.core.find.search_index import SEARCH_TABLES, is_search_table
from netjournal.core.storage import paths
from netjournal.core.storage.identity import HEAD_REVISION
from netjournal.core.storage.preflight import journal_revision
from netjournal.core.storage.store import open_store

DERIVED = ("contact_ledger", "ledger_dirty")
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("journal-*.sql"))


def rows_by_table(path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        # The full-text indexes and the ledger are derived data, recomputed by an upgrade and
        # checked by test_the_search_index_is_filled and test_the_ledger_is_filled.
        return {
            table: [dict(row) for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')]
            for table in tables
            if not is_search_table(table) and table not in DERIVED
        }
    finally:
        conn.close()


def as_upgraded(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row as this version keeps it: an exchange's details lead its notes (d79790e3aa90)."""
    if table != "exchange" or "details" not in row:
        return row
    kept = {column: value for column, value in row.items() if column != "details"}
    details, notes = row["details"], row.get("notes", "")
    kept["notes"] = f"{details}\n\n{notes}" if details and notes else details or notes
    return kept


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert f"journal-{HEAD_REVISION}.sql" in [fixture.name for fixture in FIXTURES]


def schema_of(path: Path) -> list[tuple[str, str, str | None]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name").fetchall()
    finally:
        conn.close()


def test_the_current_fixture_has_exactly_the_schema_a_new_journal_gets(tmp_path: Path) -> None:
    """Catches a change to a not-yet-released revision that left its fixture behind."""
    open_store(tmp_path / "new.db").close()
    fixture = tmp_path / "fixture.db"
    conn = sqlite3.connect(fixture)
    conn.executescript(
        (FIXTURES[0].parent / f"journal-{HEAD_REVISION}.sql").read_text(encoding="utf-8")
    )
    conn.close()
    assert schema_of(fixture) == schema_of(tmp_path / "new.db")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.stem for fixture in FIXTURES])
def test_a_released_journal_opens_with_its_data_intact(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    released = fixture.stem.removeprefix("journal-")
    assert journal_revision(path) == released
    before = rows_by_table(path)

    with open_store(path) as store, store.reader() as session:
        contacts = session.exec(select(models.Contact).order_by(models.Contact.id)).all()
        exchanges = session.exec(select(models.Exchange)).all()
        reflections = session.exec(select(models.Reflection)).all()

    assert journal_revision(path) == HEAD_REVISION
    after = rows_by_table(path)
    for table, rows in before.items():
        wanted = [as_upgraded(table, row) for row in rows]
        kept = (
            [{column: row[column] for column in wanted[0]} for row in after[table]] if rows else []
        )
        assert kept == wanted, f"rows of {table} changed"
    assert len(contacts) == len(before["contact"])
    assert len(exchanges) == len(before["exchange"])
    assert len(reflections) == len(before["reflection"])
    assert all(c.created_at.tzinfo is not None for c in contacts)
    backups = list(paths.backup_dir_for(path).glob("*.db"))
    assert len(backups) == (0 if released == HEAD_REVISION else 1)


def test_the_first_fixture_reads_back_through_the_models(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURES[0].read_text(encoding="utf-8"))
    conn.close()
    with open_store(path) as store, store.reader() as session:
        ana, bo = session.exec(select(models.Contact).order_by(models.Contact.id)).all()
        links = session.exec(select(models.ExchangeContact)).all()
    assert (ana.name, bo.name) == ("Ana Lima", "Bo Ström")
    assert ana.notes == "Likes 🌿 and long walks.\nTwo lines."
    assert ana.created_at == datetime(2026, 11, 25, 20, 15, 30, 123456, tzinfo=UTC)
    assert bo.archived and bo.deleted_at is not None
    assert sorted(link.contact_id for link in links) == [ana.id, bo.id]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.stem for fixture in FIXTURES])
def test_the_search_index_is_filled_from_what_the_journal_held(
    tmp_path: Path, fixture: Path
) -> None:
    """A journal from before full-text search finds its old notes once upgraded."""
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    open_store(path).close()

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def found(table: str, query: str) -> list[int]:
            sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid"
            return [row[0] for row in conn.execute(sql, (query,))]

        assert found("contact_search", "lima") == [1]
        assert found("contact_search", "strom") == [2]  # accents folded
        assert found("contact_search", "handles:example") == [1]  # the Mastodon handle
        assert found("exchange_search", "coffee") == [1]
        assert found("reflection_search", "questions") == [1]
        indexed = {
            t.name: conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
            for t in SEARCH_TABLES
        }
        sources = {
            t.name: conn.execute(f"SELECT count(*) FROM {t.source}").fetchone()[0]
            for t in SEARCH_TABLES
        }
    finally:
        conn.close()
    assert indexed == sources


def test_the_search_tables_are_created_as_search_index_describes_them(tmp_path: Path) -> None:
    """The migration spells out its own copy of the FTS5 definitions; they must agree."""
    open_store(tmp_path / "new.db").close()
    created = {name: sql for _type, name, sql in schema_of(tmp_path / "new.db")}
    for table in SEARCH_TABLES:
        assert created[table.name] == table.ddl()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.stem for fixture in FIXTURES])
def test_the_ledger_is_filled_from_what_the_journal_held(tmp_path: Path, fixture: Path) -> None:
    """A journal from before the ledger gets every contact's figures in its upgrade."""
    from netjournal.core.journal import open_journal
    from tests.conftest import TODAY

    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    with open_journal(path, today=lambda: TODAY) as journal:
        assert journal.check_ledger() == []
        ana = next(s for s in journal.contact_summaries() if s.name == "Ana Lima")
    assert (ana.last_exchange, ana.gave_count) == (date(2026, 11, 20), 1)


def test_an_exchanges_details_and_notes_are_one_text_after_an_upgrade(
    tmp_path: Path,
) -> None:
    from netjournal.core.journal import open_journal
    from tests.conftest import TODAY

    found = {}
    for release in ("7e2b9c4d1a63", "e1a7d00ceb11", "d79790e3aa90"):
        path = tmp_path / f"{release}.db"
        conn = sqlite3.connect(path)
        conn.executescript((FIXTURES[0].parent / f"journal-{release}.sql").read_text("utf-8"))
        conn.close()
        with open_journal(path, today=lambda: TODAY) as journal:
            exchange = journal.exchange(1)
            hits = journal.search("slides").exchanges
        found[release] = (exchange.summary, exchange.notes, [h.id for h in hits])
    notes = "Bo asked for the slides — send them in January.\nAna prefers email."
    # The details of an older exchange are its notes now, ahead of any notes it had.
    assert found["7e2b9c4d1a63"] == ("Introduced Ana to Bo", "Over coffee", [])
    assert found["e1a7d00ceb11"] == ("Introduced Ana to Bo", f"Over coffee\n\n{notes}", [1])
    assert found["d79790e3aa90"] == found["e1a7d00ceb11"]
