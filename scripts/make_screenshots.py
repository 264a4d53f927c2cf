"""Write one SVG per screen and dialog into screenshots/, driving the real app with the pilot.

Run it whenever the UI changes:  .venv/bin/python scripts/make_screenshots.py
Each picture uses the demo journal at a fixed date, so reruns only differ where the UI did.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from textual.worker import WorkerCancelled

from netjournal.core.journal import open_journal
from netjournal.core.sample.demo import build_demo
from netjournal.core.storage.snapshot import vacuum_into_verified
from netjournal.tui.app import NetjournalApp

TODAY = date(2026, 11, 25)
OUT = Path(__file__).resolve().parent.parent / "screenshots"


@dataclass(frozen=True)
class Shot:
    name: str
    keys: Sequence[str] = ()
    size: tuple[int, int] = (120, 40)
    theme: str = "textual-dark"
    empty: bool = False
    typed: str = ""
    after_typed: Sequence[str] = field(default=())


SHOTS = (
    Shot("home"),
    Shot("home-light", theme="textual-light"),
    Shot("home-80x24", size=(80, 24)),
    Shot("home-empty", empty=True),
    Shot("contacts", keys=("2",)),
    Shot("contacts-light", keys=("2",), theme="textual-light"),
    Shot("contacts-filter", keys=("2", "slash"), typed="ana"),
    Shot("contacts-80x24", keys=("2",), size=(80, 24)),
    Shot("log", keys=("3",)),
    Shot("reflections", keys=("4",)),
    Shot("insights", keys=("5",)),
    Shot("quick-log", keys=("l",), typed="ana"),
    Shot("contact-form", keys=("a",)),
    Shot("reflection-editor", keys=("n",)),
    Shot("help", keys=("question_mark",)),
    Shot("search", keys=("ctrl+f",), typed="seo", after_typed=("wait",)),
    Shot(
        "search-light", keys=("ctrl+f",), typed="seo", theme="textual-light", after_typed=("wait",)
    ),
    Shot("share", keys=("l",), typed="ana", after_typed=("enter", *"SEO audit checklist", "enter")),
    Shot("introduce", keys=("2", "i"), typed="bru"),
)


async def settle(app: NetjournalApp) -> None:
    """Wait for the app's workers; one replaced by a newer one of its group is not an error."""
    for _ in range(10):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        return


async def take(shot: Shot, source: Path, workdir: Path) -> Path:
    path = workdir / f"{shot.name}.db"
    if not shot.empty:
        vacuum_into_verified(source, path)
    journal = open_journal(path, today=lambda: TODAY)
    try:
        app = NetjournalApp(journal)
        async with app.run_test(size=shot.size) as pilot:
            app.theme = shot.theme
            await settle(app)
            await pilot.pause()
            for key in shot.keys:
                await pilot.press(key)
                await settle(app)
                await pilot.pause()
            if shot.typed:
                await pilot.press(*shot.typed)
                await settle(app)
                await pilot.pause()
            for key in shot.after_typed:
                if key == "wait":  # let a search-as-you-type pause pass
                    await pilot.pause(0.3)
                    await settle(app)
                    await pilot.pause()
                    continue
                await pilot.press(key)
                await settle(app)
                await pilot.pause()
            await pilot.pause(0.2)
            return Path(app.save_screenshot(f"{shot.name}.svg", str(OUT)))
    finally:
        journal.close()


async def main(names: Sequence[str]) -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        source = workdir / "demo-source.db"
        build_demo(source, today=TODAY)
        for shot in SHOTS:
            if names and shot.name not in names:
                continue
            written = await take(shot, source, workdir)
            print(f"wrote {written.relative_to(OUT.parent)}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
