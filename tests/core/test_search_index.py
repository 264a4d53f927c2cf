"""The full-text index follows every write path of the service layer, row for row."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from netjournal.core.find.search_index import SEARCH_TABLES, SearchTable
from netjournal.core.journal import Journal
from netjournal.core.records import ChannelDraft, ContactDraft, ExchangeDraft, ReflectionDraft


def index_rows(journal: Journal, table: SearchTable) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{journal.path}?mode=ro", uri=True)
    try:
        columns = ", ".join(table.columns)
        return conn.execute(f"SELECT rowid, {columns} FROM {table.name} ORDER BY rowid").fetchall()
    finally:
        conn.close()


def source_rows(journal: Journal, table: SearchTable) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{journal.path}?mode=ro", uri=True)
    try:
        return conn.execute(f"{table.select_rows()} ORDER BY s.id").fetchall()
    finally:
        conn.close()


def assert_in_step(journal: Journal) -> None:
    for table in SEARCH_TABLES:
        assert index_rows(journal, table) == source_rows(journal, table), table.name


def found(journal: Journal, table: str, query: str) -> list[int]:
    conn = sqlite3.connect(f"file:{journal.path}?mode=ro", uri=True)
    try:
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid"
        return [row[0] for row in conn.execute(sql, (query,))]
    finally:
        conn.close()


def test_every_service_write_keeps_the_index_in_step(journal: Journal) -> None:
    ana = journal.add_contact(
        ContactDraft(
            "Ana Lima",
            company="Acme",
            notes="Loves sourdough",
            channels=(ChannelDraft("mastodon", "@ana@example.social"),),
        )
    )
    bo = journal.add_contact(ContactDraft("Bo Ström"))
    assert_in_step(journal)
    assert found(journal, "contact_search", "sourdough") == [ana]
    assert found(journal, "contact_search", "example") == [ana]

    journal.update_contact(ana, ContactDraft("Ana Lima", notes="Now into kombucha", channels=()))
    assert_in_step(journal)
    assert found(journal, "contact_search", "sourdough") == []
    assert found(journal, "contact_search", "example") == []
    assert found(journal, "contact_search", "kombucha") == [ana]

    first = journal.log_exchange(
        ExchangeDraft("gave", "Sent the SEO checklist", (ana, bo), notes="with notes")
    )
    assert found(journal, "exchange_search", "checklist") == [first]
    journal.update_exchange(first, ExchangeDraft("gave", "Sent the pricing guide", (ana,)))
    assert found(journal, "exchange_search", "checklist") == []
    assert found(journal, "exchange_search", "pricing") == [first]
    record = journal.delete_exchange(first)
    assert found(journal, "exchange_search", "pricing") == []
    restored = journal.restore_exchange(record)
    assert found(journal, "exchange_search", "pricing") == [restored]
    assert_in_step(journal)

    note = journal.add_reflection(ReflectionDraft("Ask Bo about the garden", title="Notes"))
    assert found(journal, "reflection_search", "garden") == [note]
    journal.update_reflection(note, ReflectionDraft("Ask Bo about the boat"))
    assert found(journal, "reflection_search", "garden") == []
    journal.delete_reflection(note)
    assert found(journal, "reflection_search", "boat") == []
    assert_in_step(journal)


def test_bulk_imports_and_purges_keep_the_index_in_step(journal: Journal) -> None:
    [cy] = journal.import_records(
        [ContactDraft("Cy Twombly", notes="painter", channels=(ChannelDraft("x", "@cy"),))],
        exchanges=[ExchangeDraft("received", "Lent me a brush", (-1,))],
        reflections=[ReflectionDraft("Painting with Cy", contact_ids=(-1,))],
    )
    assert_in_step(journal)
    assert found(journal, "contact_search", "painter") == [cy]
    assert len(found(journal, "exchange_search", "brush")) == 1

    journal.import_records(updates=[(cy, ContactDraft("Cy Twombly", notes="sculptor"))])
    assert found(journal, "contact_search", "painter") == []
    assert found(journal, "contact_search", "sculptor") == [cy]

    journal.delete_contact(cy)
    later = journal.today() + timedelta(days=journal.settings().purge_after_days + 1)
    journal._today = lambda: later  # the purge counts from now, which follows this clock
    assert journal.purge_deleted() == 1
    assert found(journal, "contact_search", "sculptor") == []
    assert found(journal, "exchange_search", "brush") == []  # the orphaned exchange went too
    assert_in_step(journal)
