"""Shared fixtures: a temporary journal per test and a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

TODAY = date(2026, 11, 25)


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
