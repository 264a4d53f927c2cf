"""A full disk or a read-only journal: the save fails as a sentence, the typed text survives.

These go through real SQLite failures (PRAGMA max_page_count, PRAGMA query_only) on every
connection of the journal's pool, then drive the dialogs as a user would.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from textual.widgets import Input, Label, TextArea

from netjournal.core.errors import JournalFileError
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.storage.file_errors import DISK_FULL
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.quick_log import QuickLogDialog
from netjournal.tui.dialogs.reflection_editor import ReflectionEditor
from tests.conftest import TODAY

PASTED = "A long note pasted in full. " * 400
SUMMARY = PASTED[:999].strip()
"""As long as a summary may be (1,000 characters): enough to need a new page of the file."""


@contextmanager
def _constrain(journal: Journal, pragma: str) -> Iterator[None]:
    """Apply `pragma` to every connection the journal uses from now on."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(pragma)

    engine = journal.store.engine
    event.listen(engine, "connect", on_connect)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "connect", on_connect)
        engine.dispose()


@pytest.fixture
def seeded(journal: Journal) -> int:
    contact = journal.add_contact(ContactDraft("Ana Lima", added_on=TODAY - timedelta(days=100)))
    journal.log_exchange(ExchangeDraft("gave", "Sent the checklist", (contact,)))
    # Before anything else (an open app) has the file open: the page size can't change then.
    _small_pages(journal)
    return contact


def _disk_full(journal: Journal) -> AbstractContextManager[None]:
    with journal.store.reader() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
    return _constrain(journal, f"PRAGMA max_page_count={pages}")


def _small_pages(journal: Journal) -> None:
    """Rewrite the journal with 512-byte pages, so that any save of some length (a summary is at
    most 1,000 characters) needs new pages instead of fitting in room left inside old ones, as
    it would not on a disk that is truly full."""
    journal.store.engine.dispose()
    with contextlib.closing(sqlite3.connect(journal.path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA page_size=512")
        db.execute("VACUUM")
        db.execute("PRAGMA journal_mode=WAL")


def _read_only(journal: Journal) -> AbstractContextManager[None]:
    return _constrain(journal, "PRAGMA query_only=ON")


@pytest.mark.parametrize(
    ("constrain", "words"),
    [(_disk_full, "full"), (_read_only, "read-only")],
    ids=["disk-full", "read-only"],
)
async def test_quick_log_keeps_the_typed_text_when_the_save_fails(
    journal: Journal, seeded: int, constrain: Any, words: str
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickLogDialog)
        await pilot.press(*"ana", "enter")
        await pilot.pause()
        summary = dialog.query_one("#summary", Input)
        summary.value = SUMMARY  # as if pasted
        with constrain(journal):
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.screen is dialog, "the dialog must stay open after a failed save"
        assert summary.value == SUMMARY
        problem = str(dialog.query_one("#save-problem", Label).render())
        assert words in problem.lower()
        assert "Traceback" not in problem
        # The failure passed; the same dialog now saves what was typed.
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, QuickLogDialog)
    summaries = [e.summary for e in journal.exchanges()]
    assert summaries == [SUMMARY, "Sent the checklist"]


async def test_reflection_body_survives_a_full_disk(journal: Journal, seeded: int) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        body = editor.query_one("#body", TextArea)
        body.text = PASTED
        with _disk_full(journal):
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.screen is editor
        assert body.text == PASTED
        assert DISK_FULL in str(editor.query_one("#save-problem", Label).render())
    assert journal.reflections() == []
    # Prior data is intact after the failure.
    assert [e.summary for e in journal.exchanges()] == ["Sent the checklist"]


def test_service_api_reports_full_disk_as_a_sentence(journal: Journal, seeded: int) -> None:
    with _disk_full(journal), pytest.raises(JournalFileError) as failure:
        journal.log_exchange(ExchangeDraft("gave", "Notes", (seeded,), notes=PASTED))
    assert failure.value.message == DISK_FULL
    assert [e.summary for e in journal.exchanges()] == ["Sent the checklist"]
    with journal.store.reader() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
