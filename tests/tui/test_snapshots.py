"""SVG snapshots of each screen on the demo journal at 120×40 with a fixed clock.

They catch layout regressions a unit test can't see. After an intended UI change, review the
difference in the report and re-record with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from netjournal.core.journal import Journal, open_journal
from netjournal.core.sample.demo import build_demo
from netjournal.core.storage.snapshot import vacuum_into_verified
from netjournal.tui.app import NetjournalApp
from tests.conftest import TODAY

SIZE = (120, 40)


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo_app(demo_source: Path, tmp_path: Path) -> Iterator[NetjournalApp]:
    copy = tmp_path / "journal.db"
    vacuum_into_verified(demo_source, copy)
    journal: Journal = open_journal(copy, today=lambda: TODAY)
    try:
        yield NetjournalApp(journal)
    finally:
        journal.close()


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _after(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run


@pytest.mark.parametrize(
    ("screen_keys"),
    [
        pytest.param((), id="home"),
        pytest.param(("2",), id="contacts"),
        pytest.param(("3",), id="log"),
        pytest.param(("4",), id="reflections"),
        pytest.param(("5",), id="insights"),
        pytest.param(("l", "a", "n", "a"), id="quick-log"),
    ],
)
def test_screen_snapshot(
    snap_compare: Callable[..., bool], demo_app: NetjournalApp, screen_keys: tuple[str, ...]
) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_after(*screen_keys))
