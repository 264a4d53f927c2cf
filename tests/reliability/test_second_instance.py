"""Two programs on one journal: a write waits for the other's transaction, or fails in words."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from netjournal.core.errors import JournalFileError
from netjournal.core.models import Contact
from netjournal.core.storage import db
from netjournal.core.storage.store import open_store
from tests.waiting import join, wait_for

NOW = datetime(2026, 11, 25, 20, 15, tzinfo=UTC)
HOLD_SECONDS = 0.3


def contact(name: str) -> Contact:
    return Contact(name=name, name_key=name.lower(), created_at=NOW, updated_at=NOW)


def names_by_id(path: Path) -> list[str]:
    with open_store(path) as store, store.reader() as session:
        return [c.name for c in session.exec(select(Contact).order_by(Contact.id))]


def test_a_second_program_waits_for_the_first_to_commit(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    holding, committed_at = threading.Event(), []

    def first_instance() -> None:
        with open_store(path) as first:
            with first.writer() as session:
                session.add(contact("Ana"))
                session.flush()
                holding.set()
                # Holds the write lock while the second instance opens and tries to write.
                time.sleep(HOLD_SECONDS)
            committed_at.append(time.monotonic())

    open_store(path).close()
    holder = threading.Thread(target=first_instance)
    holder.start()
    try:
        assert wait_for(holding, 30)
        started = time.monotonic()
        with open_store(path) as second, second.writer() as session:
            session.add(contact("Bo"))
        finished = time.monotonic()
    finally:
        join(holder, 30)
    assert started < committed_at[0] <= finished, "the second write waited for the first commit"
    assert names_by_id(path) == ["Ana", "Bo"]


def test_a_second_program_held_off_too_long_fails_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "journal.db"
    with open_store(path) as first:
        with first.writer() as session:
            session.add(contact("Ana"))
            session.flush()
            with open_store(path) as second:
                started = time.monotonic()
                with pytest.raises(JournalFileError) as refused, second.writer() as late:
                    late.add(contact("Bo"))
                waited = time.monotonic() - started
        # The first instance is unharmed: its work commits, and it keeps writing.
        with first.writer() as session:
            session.add(contact("Cy"))
    message = refused.value.message
    assert str(path) in message
    assert "is busy" in message and "another program" in message
    assert "Traceback" not in message and "OperationalError" not in message
    assert waited >= 0.15, "it gave up without waiting for the busy timeout"
    assert names_by_id(path) == ["Ana", "Cy"]
