"""A journal file is data, never code: anything in its schema netjournal didn't make is refused.

Each hostile file is a healthy journal plus one planted or altered object, made with plain
sqlite3 as someone else's program would. Every refusal leaves the file's bytes as they were;
`netjournal salvage` copies the rows into a clean journal and leaves the object behind.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.errors import JournalFileError
from netjournal.core.journal import open_journal
from netjournal.core.lean import LeanJournal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.storage.preflight import preflight
from tests.conftest import TODAY

PLANTS: dict[str, tuple[str, str]] = {
    "deleting trigger": (
        "CREATE TRIGGER tidy AFTER INSERT ON exchange_contact "
        "BEGIN DELETE FROM exchange WHERE id <> NEW.exchange_id; END",
        "trigger 'tidy'",
    ),
    "spy trigger": (
        "CREATE TABLE notes_copy (t TEXT); CREATE TRIGGER spy AFTER INSERT ON exchange "
        "BEGIN INSERT INTO notes_copy VALUES (NEW.summary); END",
        "trigger 'spy'",
    ),
    "view": ("CREATE VIEW everyone AS SELECT name FROM contact", "view 'everyone'"),
    "extra index": ("CREATE INDEX by_phone ON contact (phone)", "index 'by_phone'"),
    "extra table": ("CREATE TABLE extra (x)", "table 'extra'"),
    "altered ledger trigger": (
        "DROP TRIGGER ledger_contact_insert; CREATE TRIGGER ledger_contact_insert AFTER INSERT "
        "ON contact BEGIN DELETE FROM contact WHERE id < NEW.id; END",
        "altered trigger 'ledger_contact_insert'",
    ),
    "missing index": ("DROP INDEX ix_exchange_occurred", "'ix_exchange_occurred' is missing"),
    "virtual table": ("CREATE VIRTUAL TABLE peek USING fts5(x)", "table 'peek'"),
}


def healthy(path: Path) -> Path:
    with open_journal(path, today=lambda: TODAY) as journal:
        ana = journal.add_contact(ContactDraft("Ana Lima", tags=("close",)))
        journal.log_exchange(ExchangeDraft("gave", "The SEO checklist", (ana,)))
    return path


def planted(path: Path, sql: str) -> Path:
    healthy(path)
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shell(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="netjournal")


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_every_way_in_refuses_a_planted_object_untouched(tmp_path: Path, plant: str) -> None:
    sql, named = PLANTS[plant]
    path = planted(tmp_path / "shared.db", sql)
    before = digest(path)
    openers: list[Callable[[], object]] = [
        lambda: open_journal(path, today=lambda: TODAY),
        lambda: LeanJournal.open(path, lambda: TODAY),
        lambda: preflight(path),
    ]
    for open_it in openers:
        with pytest.raises(JournalFileError, match=named) as refused:
            open_it()
        assert "netjournal salvage" in refused.value.message
    logged = shell("--db", str(path), "log", "gave", "Ana", "Another one")
    assert logged.exit_code == 1 and named.split("'")[1] in logged.stderr
    assert "Traceback" not in logged.output
    live = healthy(tmp_path / "live" / "journal.db")
    live_before = digest(live)
    restored = shell("--db", str(live), "restore", str(path))
    assert restored.exit_code == 1
    assert named.split("'")[1] in restored.stderr and "Traceback" not in restored.output
    assert digest(path) == before
    assert digest(live) == live_before


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_salvage_copies_the_rows_and_leaves_the_plant_behind(tmp_path: Path, plant: str) -> None:
    sql, _named = PLANTS[plant]
    path = planted(tmp_path / "shared.db", sql)
    before = digest(path)
    clean = tmp_path / "clean.db"
    done = shell("salvage", str(path), "-o", str(clean))
    assert done.exit_code == 0, done.output
    assert "Copied 1 contact, 1 exchange and 0 reflections" in done.stdout
    assert digest(path) == before
    with open_journal(clean, today=lambda: TODAY) as journal:
        (ana,) = journal.contact_summaries()
        assert (ana.name, ana.gave_count, ana.tags) == ("Ana Lima", 1, ("close",))
        assert journal.check_ledger() == []
        assert [hit.id for hit in journal.search("checklist").exchanges] == [1]
        journal.log_exchange(ExchangeDraft("gave", "After the salvage", (ana.id,)))
        assert len(journal.exchanges()) == 2  # no trigger came along to delete the first


def test_salvage_refuses_to_write_over_a_file(tmp_path: Path) -> None:
    path = healthy(tmp_path / "journal.db")
    taken = tmp_path / "taken.db"
    taken.write_text("mine")
    done = shell("salvage", str(path), "-o", str(taken))
    assert done.exit_code == 1 and "already exists" in done.stderr
    assert taken.read_text() == "mine"
