"""In-process interaction timings, driven with Textual's Pilot at 120×40 (one fresh process).

    .venv/bin/python benchmarks/interactions.py --db PATH --today 2026-11-25 --meta META.json

Prints one JSON object: timings in milliseconds (keys ending in _ms), line counts otherwise.
What "done" means, for every measurement: the first frame the app composes (`App._display`,
serialised for a terminal as the real driver would) *after* the widget that shows the result has
received it. The widgets are watched by wrapping, in this process only, the methods that hand
them their data:

- Home shown:      `HomeScreen.show` (highlights in the panels)
- rows shown:      `ContactTable.set_rows` (the contact table got its rows)
- contact shown:   `ContactDetail.show_contact` for the wanted contact
- screen switched: `App.switch_mode` returned (the screen is current)
- index ready:     `ContactPicker.set_index` (quick log can search names)
- paged:           `ContactTable.action_cursor_page` returned (cursor and scroll moved)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from textual._compositor import CompositorUpdate
from textual.app import App

FILTER_KEYS = [
    *"maria", *["backspace"] * 5,
    *"silva", *["backspace"] * 5,
    *"design", *["backspace"] * 6,
    *"kenji", "space", *"tan", *["backspace"] * 9,
]  # fmt: skip
"""50 keystrokes: names, a surname, a tag and two words, each typed and then erased."""
PAGES = 5
SWITCHES = 4
TIMEOUT = 120.0


@dataclass
class Watch:
    """Timestamps of frames and of data reaching widgets, with an event to wait on."""

    frames: list[float] = field(default_factory=list)
    marks: dict[str, list[tuple[float, Any]]] = field(default_factory=lambda: defaultdict(list))
    render_lines: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def mark(self, name: str, value: Any = None) -> None:
        self.marks[name].append((time.perf_counter(), value))
        self.changed.set()

    async def frame_after(
        self, name: str, since: float, wanted: Callable[[Any], bool] = lambda _: True
    ) -> float:
        """Time of the first frame composed after mark `name` (since `since`, if `wanted`)."""
        deadline = time.perf_counter() + TIMEOUT
        while True:
            marked = [at for at, value in self.marks[name] if at >= since and wanted(value)]
            if marked:
                later = [at for at in self.frames if at >= marked[0]]
                if later:
                    return later[0]
            self.changed.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no frame after {name!r} within {TIMEOUT:.0f} s")
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except TimeoutError:
                continue


WATCH = Watch()


def _after(cls: type, method: str, name: str, value: Callable[..., Any] | None = None) -> None:
    """Wrap `cls.method` so that each call is marked once it has returned."""
    original = getattr(cls, method, None)
    if original is None:
        raise SystemExit(f"benchmarks/interactions.py: {cls.__name__}.{method} is gone; update it")

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        WATCH.mark(name, value(*args) if value is not None else None)
        return result

    setattr(cls, method, wrapper)


def _watch_frames(app: App[Any]) -> None:
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            if isinstance(renderable, CompositorUpdate):
                # Headless apps skip this; a real terminal session pays it on every frame.
                renderable.render_segments(app.console)
            WATCH.frames.append(time.perf_counter())
            WATCH.changed.set()
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]


def _install_hooks() -> None:
    from netjournal.tui.screens.home import HomeScreen
    from netjournal.tui.widgets.contact_detail import ContactDetail
    from netjournal.tui.widgets.contact_picker import ContactPicker
    from netjournal.tui.widgets.contact_table import ContactTable

    _after(HomeScreen, "show", "home")
    _after(ContactTable, "set_rows", "rows")
    _after(ContactDetail, "show_contact", "contact", lambda record, *_: record.id)
    _after(App, "switch_mode", "switched")
    _after(ContactPicker, "set_index", "index")
    _after(ContactTable, "action_cursor_page", "page")
    original_render_line = ContactTable.render_line

    def counting_render_line(self: ContactTable, y: int) -> Any:
        WATCH.render_lines += 1
        return original_render_line(self, y)

    ContactTable.render_line = counting_render_line  # type: ignore[method-assign]


def _ms(start: float, end: float) -> float:
    return (end - start) * 1000


async def _press(pilot: Any, key: str, mark: str, **wanted: Any) -> float:
    started = time.perf_counter()
    await pilot.press(key)
    return _ms(started, await WATCH.frame_after(mark, started, **wanted))


async def _settle(app: App[Any], pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause(0.05)


async def measure(db: Path, today: date, meta: dict[str, Any]) -> dict[str, Any]:
    from netjournal.core.journal import open_journal
    from netjournal.tui.app import NetjournalApp
    from netjournal.tui.screens.contacts import ContactsScreen
    from netjournal.tui.widgets.contact_table import ContactTable
    from netjournal.tui.widgets.people_list import PeopleList

    _install_hooks()
    results: dict[str, Any] = {}
    journal = open_journal(db, today=lambda: today)
    tessa_id = meta["tessa"]["id"] if meta.get("tessa") else None  # the demo has no Tessa
    logged_id, logged_name = meta["logged"]["id"], meta["logged"]["name"]
    try:
        started = time.perf_counter()
        app = NetjournalApp(journal)
        _watch_frames(app)
        async with app.run_test(size=(120, 40)) as pilot:
            results["headless_home_ms"] = _ms(started, await WATCH.frame_after("home", started))
            await _settle(app, pilot)

            # Screen switches: the first visit to Contacts loads every summary; later ones don't.
            results["switch_first_ms"] = await _press(pilot, "2", "rows")
            await _settle(app, pilot)
            contacts = app.screen
            assert isinstance(contacts, ContactsScreen)
            table = contacts.query_one(ContactTable)
            logged_before = next(s for s in table.rows if s.id == logged_id)
            warm = []
            for _ in range(SWITCHES):
                warm.append(await _press(pilot, "1", "switched"))
                await _settle(app, pilot)
                warm.append(await _press(pilot, "2", "switched"))
                await _settle(app, pilot)
            results["switch_warm_ms"] = statistics.median(warm)

            # Page down from the top: time, and how many lines the table renders for it.
            await pilot.press("home")
            await _settle(app, pilot)
            page_times, page_lines = [], []
            for _ in range(PAGES):
                if table.cursor_row >= table.row_count - 1:
                    break  # a short table (the demo's): at its end, a page down draws nothing
                WATCH.render_lines = 0
                page_times.append(await _press(pilot, "pagedown", "page"))
                await _settle(app, pilot)
                page_lines.append(WATCH.render_lines)
            if page_times:
                results["page_ms"] = statistics.median(page_times)
                results["page_lines"] = max(page_lines)
                results["visible"] = table.scrollable_content_region.height

            # Opening the contact with 2,000 timeline items: the cursor steps onto her.
            if tessa_id is not None:
                index = next(i for i, s in enumerate(table.rows) if s.id == tessa_id)
                table.select_id(table.rows[index - 1].id)
                await _settle(app, pilot)
                results["open_contact_ms"] = await _press(
                    pilot, "down", "contact", wanted=lambda cid: cid == tessa_id
                )
                await _settle(app, pilot)

            # The filter: each keystroke until the table has the rows for it and a frame shows them.
            await pilot.press("slash")
            await _settle(app, pilot)
            per_key = []
            for key in FILTER_KEYS:
                per_key.append(await _press(pilot, key, "rows"))
                await _settle(app, pilot)
            results["filter_ms"] = statistics.median(per_key)
            results["filter_max_ms"] = max(per_key)
            await pilot.press("escape")
            await _settle(app, pilot)

            # Quick log from Home: open, pick the contact by name, write a line, Enter.
            await pilot.press("1")
            await _settle(app, pilot)
            results["quick_log_open_ms"] = await _press(pilot, "l", "index")
            await _settle(app, pilot)
            await pilot.press(*logged_name.casefold())
            await _settle(app, pilot)
            await pilot.press("enter")
            await _settle(app, pilot)
            summary = f"bench quick log {time.time_ns()}"
            await pilot.press(*summary)
            await _settle(app, pilot)
            results["quick_log_home_ms"] = await _press(pilot, "enter", "home")
            await _settle(app, pilot)
            if len(app.screen_stack) > 1:
                # A gift may bring the share dialog (others who might like it too): not now.
                await pilot.press("escape")
                await _settle(app, pilot)
            recent = app.screen.query_one("#recent", PeopleList)
            shown = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
            if not any(summary in text for text in shown):
                raise SystemExit("the quick log entry is not in Home's Recent panel")
            results["quick_log_contacts_ms"] = await _press(pilot, "2", "rows")
            await _settle(app, pilot)
            logged_after = next(s for s in table.rows if s.id == logged_id)
            if logged_after.window_count != logged_before.window_count + 1:
                raise SystemExit(f"Contacts did not show {logged_name}'s new exchange")
    finally:
        journal.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--meta", type=Path, required=True)
    args = parser.parse_args()
    meta = json.loads(args.meta.read_text())
    results = asyncio.run(measure(args.db, args.today, meta))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
