"""Checkboxes say on or off by their shape: [✓] and [ ], not the same ▐X▌ in two colours."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets.selection_list import Selection

from netjournal.tui.widgets.ticks import Tick, TickList


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield Tick("I follow", True, id="on")
        yield Tick("they follow", False, id="off")
        yield TickList[int](Selection("Bruno", 1), Selection("Chen", 2), id="list")


async def test_on_and_off_differ_in_shape_not_only_colour() -> None:
    app = Boxes()
    async with app.run_test(size=(60, 12)) as pilot:
        assert str(app.query_one("#on", Tick).render()).startswith("[✓]")
        assert str(app.query_one("#off", Tick).render()).startswith("[ ]")
        await pilot.click("#off")
        assert str(app.query_one("#off", Tick).render()).startswith("[✓]")

        listing = app.query_one("#list", TickList)
        listing.focus()
        await pilot.press("space")
        await pilot.pause()
        assert listing.render_line(0).text.startswith("[✓] Bruno")
        assert listing.render_line(1).text.startswith("[ ] Chen")
