"""Shared fixtures: a temporary journal per test and a fixed clock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

TODAY = date(2026, 11, 25)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="run the long reliability loops (500 kill -9 rounds instead of 25)",
    )


@pytest.fixture(autouse=True)
def _isolated_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the real journal or config of whoever runs the suite."""
    monkeypatch.setenv("NETJOURNAL_DB", str(tmp_path / "default" / "journal.db"))
    monkeypatch.setenv("NETJOURNAL_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    from netjournal.core.journal import open_journal

    opened = open_journal(journal_path, today=lambda: TODAY)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def _waiting_counts_cancelled_workers_as_done(monkeypatch: pytest.MonkeyPatch) -> None:
    """`app.workers.wait_for_complete()` waits for every worker, including replaced ones.

    Textual's version raises WorkerCancelled when an exclusive worker (a screen reload) is
    replaced by a newer one while a test waits; for a test that is simply "done", so waiting
    goes on for the rest, and for any worker started meanwhile.
    """
    from textual.worker import WorkerCancelled
    from textual.worker_manager import WorkerManager

    async def wait_for_complete(self: WorkerManager, workers: object = None) -> None:
        for _ in range(100):
            pending = [w for w in (workers or self) if not w.is_finished]  # type: ignore[attr-defined]
            if not pending:
                return
            for worker in pending:
                with contextlib.suppress(WorkerCancelled):
                    await worker.wait()
            if workers is not None:
                return

    monkeypatch.setattr(WorkerManager, "wait_for_complete", wait_for_complete)
