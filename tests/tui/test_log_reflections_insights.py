"""The Log, Reflections and Insights screens, driven through the real app with keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Input, Static

from netjournal.core.journal import Journal
from netjournal.core.records import (
    ContactDraft,
    ContactRef,
    ExchangeDraft,
    ExchangeRecord,
    LogFilter,
    ReflectionDraft,
)
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.confirm import ConfirmDialog
from netjournal.tui.screens.contacts import ContactsScreen
from netjournal.tui.screens.home import HomeScreen
from netjournal.tui.screens.insights import InsightsScreen, MonthChart
from netjournal.tui.screens.log import LogScreen
from netjournal.tui.screens.reflections import ReflectionsScreen
from netjournal.tui.widgets import exchange_list
from netjournal.tui.widgets.exchange_list import ExchangeList
from tests.conftest import TODAY

HOSTILE = "[@click=app.quit]x [/bold] [/"


def people(journal: Journal) -> dict[str, int]:
    return {
        name: journal.add_contact(ContactDraft(name=name))
        for name in ("Ana Lima", "Bruno Costa", "Sam Oliveira")
    }


def log(
    journal: Journal,
    summary: str,
    who: tuple[int, ...],
    *,
    direction: str = "gave",
    on: date = TODAY,
) -> int:
    return journal.log_exchange(ExchangeDraft(direction, summary, who, occurred_on=on))


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def screen_text(app: NetjournalApp) -> str:
    """What a terminal would show right now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot: Pilot[None]) -> None:
    # Workers hand results back with call_from_thread, which can start further workers.
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def exchange_rows(app: NetjournalApp) -> list[ExchangeRecord]:
    return list(app.screen.query_one(ExchangeList).rows)


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    await pilot.pause()
    await pilot.press(*text, "enter")
    await settle(pilot)


# ------------------------------------------------------------------ switching


async def test_number_keys_show_every_screen_with_its_content(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "Sent the SEO checklist", (ids["Ana Lima"],))
    journal.add_reflection(ReflectionDraft(body="Ana taught me patience.", title="On patience"))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        assert "Sent the SEO checklist" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        assert "On patience" in screen_text(app)
        assert "Ana taught me patience." in screen_text(app)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert "Nov 2026" in screen_text(app)
        assert "Quality over quantity" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


# ------------------------------------------------------------------------ log


async def test_log_lists_newest_first_and_enter_opens_the_first_person(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "Old coffee", (ids["Sam Oliveira"],), on=days_ago(40))
    log(journal, "Fresh intro", (ids["Bruno Costa"], ids["Ana Lima"]), on=days_ago(1))
    log(journal, "Middle advice", (ids["Ana Lima"],), on=days_ago(10))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert [r.summary for r in exchange_rows(app)] == [
            "Fresh intro",
            "Middle advice",
            "Old coffee",
        ]
        text = screen_text(app)
        assert text.index("Fresh intro") < text.index("Middle advice") < text.index("Old coffee")
        assert "yesterday" in text
        assert app.screen.selected_contact() == ContactRef(ids["Ana Lima"], "Ana Lima")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "contacts"


async def test_log_shows_an_empty_journal_what_to_do(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert "Nothing logged yet — press l to log what you shared or received." in screen_text(
            app
        )
        assert app.screen.check_action("delete", ()) is None
        assert app.screen.check_action("open", ()) is None


async def test_direction_key_narrows_the_log(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "Gave a link", (ids["Ana Lima"],), direction="gave")
    log(journal, "Got advice", (ids["Ana Lima"],), direction="received")
    log(journal, "Swapped notes", (ids["Ana Lima"],), direction="mutual")
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert len(exchange_rows(app)) == 3
        await pilot.press("f")
        await settle(pilot)
        assert [r.summary for r in exchange_rows(app)] == ["Gave a link"]
        await pilot.press("f")
        await settle(pilot)
        assert [r.summary for r in exchange_rows(app)] == ["Got advice"]
        assert "Swapped notes" not in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert len(exchange_rows(app)) == 3


async def test_person_and_date_filters(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "With Ana", (ids["Ana Lima"],), on=days_ago(3))
    log(journal, "With Sam", (ids["Sam Oliveira"],), on=days_ago(3))
    log(journal, "Ana and Sam", (ids["Sam Oliveira"], ids["Ana Lima"]), on=days_ago(20))
    log(journal, "Sam long ago", (ids["Sam Oliveira"],), on=days_ago(300))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await type_into(pilot, "#person", "sam")
        assert [r.summary for r in exchange_rows(app)] == [
            "With Sam",
            "Ana and Sam",
            "Sam long ago",
        ]
        assert "with Sam Oliveira" in screen_text(app)
        await pilot.press("down")
        # The person the log is narrowed to is the one l and enter act on.
        assert app.screen.selected_contact() == ContactRef(ids["Sam Oliveira"], "Sam Oliveira")
        await type_into(pilot, "#since", "2 weeks ago")
        assert [r.summary for r in exchange_rows(app)] == ["With Sam"]


async def test_a_bad_since_date_says_so_inline_and_keeps_the_list(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "Still here", (ids["Ana Lima"],))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await type_into(pilot, "#since", "blorp")
        problem = app.screen.query_one("#problem", Static)
        assert problem.display
        assert "Can't read" in screen_text(app)
        assert "blorp" in screen_text(app)
        assert [r.summary for r in exchange_rows(app)] == ["Still here"]
        since = app.screen.query_one("#since", Input)
        since.value = ""
        await type_into(pilot, "#since", "yesterday")
        assert not problem.display


async def test_delete_an_exchange_then_undo_brings_it_back(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "Keep me", (ids["Ana Lima"],), on=days_ago(5))
    doomed = log(journal, "Delete me", (ids["Bruno Costa"], ids["Ana Lima"]), on=days_ago(1))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert exchange_rows(app)[0].id == doomed
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [r.summary for r in journal.exchanges()] == ["Keep me"]
        assert [r.summary for r in exchange_rows(app)] == ["Keep me"]
        assert "Delete me" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        restored = journal.exchanges()
        assert [r.summary for r in restored] == ["Delete me", "Keep me"]
        assert {c.name for c in restored[0].contacts} == {"Ana Lima", "Bruno Costa"}
        assert [r.summary for r in exchange_rows(app)] == ["Delete me", "Keep me"]
        assert "Delete me" in screen_text(app)


async def test_cancelling_the_confirm_keeps_the_exchange(journal: Journal) -> None:
    ids = people(journal)
    log(journal, "Not today", (ids["Ana Lima"],))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert [r.summary for r in journal.exchanges()] == ["Not today"]


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int | None, int]]]:
    """Pages of 20 that load when within 2 rows of the end; records each page asked for."""
    monkeypatch.setattr(LogScreen, "PAGE_SIZE", 20)
    monkeypatch.setattr(exchange_list, "LOOKAHEAD", 2)
    asked: list[tuple[int | None, int]] = []
    original = Journal.exchanges

    def recording(
        self: Journal, where: LogFilter | None = None, limit: int | None = 500, offset: int = 0
    ) -> list[ExchangeRecord]:
        asked.append((limit, offset))
        return original(self, where, limit, offset)

    monkeypatch.setattr(Journal, "exchanges", recording)
    yield asked


async def test_log_loads_page_by_page_as_the_cursor_nears_the_end(
    journal: Journal, small_pages: list[tuple[int | None, int]]
) -> None:
    ids = people(journal)
    for day in range(60):
        log(journal, f"Exchange {day}", (ids["Ana Lima"],), on=days_ago(day))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        listing = app.screen.query_one(ExchangeList)
        # The first page, plus one more because the screen shows more than 18 rows.
        assert len(listing.rows) == 40
        assert not listing.complete
        assert small_pages == [(21, 0), (21, 20)]
        await pilot.press("end")
        await settle(pilot)
        assert len(listing.rows) == 60
        assert listing.complete
        assert [r.summary for r in listing.rows] == [f"Exchange {day}" for day in range(60)]


def fake_exchange(index: int) -> ExchangeRecord:
    return ExchangeRecord(
        id=index,
        occurred_on=TODAY - timedelta(days=index // 50),
        occurred_time="",
        direction=("gave", "received", "mutual")[index % 3],
        kind="article",
        summary=f"Row {index}",
        notes="",
        url="",
        weight=1 + index % 3,
        tags=(),
        contacts=(ContactRef(1, "Ana Lima"),),
    )


async def test_a_100k_log_draws_only_the_lines_on_screen(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [fake_exchange(i) for i in range(100_000)]
    drawn: list[int] = []
    original = ExchangeList.render_line

    def counting(self: ExchangeList, y: int) -> Strip:
        drawn.append(y)
        return original(self, y)

    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        listing = app.screen.query_one(ExchangeList)
        monkeypatch.setattr(ExchangeList, "render_line", counting)
        listing.show(rows, complete=True, today=TODAY)
        await pilot.pause()
        height = listing.scrollable_content_region.height
        assert 0 < len(drawn) <= 4 * height
        assert max(drawn) < height
        assert "Row 0" in screen_text(app)
        assert "Row 99999" not in screen_text(app)
        drawn.clear()
        await pilot.press("end")
        await pilot.pause()
        assert 0 < len(drawn) <= 4 * height
        assert "Row 99999" in screen_text(app)
        assert listing.highlighted == rows[-1]


# ---------------------------------------------------------------- reflections


async def test_reflections_show_the_selected_body_prompt_and_people(journal: Journal) -> None:
    ids = people(journal)
    journal.add_reflection(
        ReflectionDraft(
            body="Older thoughts about **Sam**.",
            title="About Sam",
            contact_ids=(ids["Sam Oliveira"],),
            written_on=days_ago(30),
        )
    )
    journal.add_reflection(
        ReflectionDraft(
            body="# Giving\n\nI helped Ana with her *SEO* list.",
            prompt="Who did I help this week without expecting anything back?",
            contact_ids=(ids["Ana Lima"],),
            written_on=days_ago(2),
        )
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "I helped Ana with her SEO list." in text
        assert "Who did I help this week without expecting anything back?" in text
        assert "With Ana Lima" in text
        assert "Older thoughts" not in text
        assert app.screen.selected_contact() == ContactRef(ids["Ana Lima"], "Ana Lima")
        await pilot.press("down")
        await settle(pilot)
        text = screen_text(app)
        assert "Older thoughts about Sam." in text
        assert "I helped Ana" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#reading")


async def test_reflections_empty_state(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "No reflections yet — press n to write one." in screen_text(app)
        assert app.screen.check_action("delete", ()) is None
        assert app.screen.check_action("edit", ()) is None


async def test_delete_a_reflection_then_undo_brings_it_back(journal: Journal) -> None:
    ids = people(journal)
    journal.add_reflection(
        ReflectionDraft(
            body="Worth keeping.",
            title="Keeper",
            contact_ids=(ids["Ana Lima"],),
            written_on=days_ago(9),
        )
    )
    journal.add_reflection(
        ReflectionDraft(
            body="Gone soon.",
            title="Goner",
            contact_ids=(ids["Bruno Costa"],),
            tags=("close",),
            written_on=days_ago(1),
        )
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [r.title for r in journal.reflections()] == ["Keeper"]
        assert "Goner" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        back = journal.reflections()
        assert [r.title for r in back] == ["Goner", "Keeper"]
        assert back[0].written_on == days_ago(1)
        assert back[0].tags == ("close",)
        assert [c.name for c in back[0].contacts] == ["Bruno Costa"]
        assert "Goner" in screen_text(app)


# ------------------------------------------------------------------- insights


def chart_line(app: NetjournalApp, month: str) -> str:
    chart = app.screen.query_one(MonthChart)
    lines = chart.render().plain.split("\n")
    return next(line for line in lines if line.startswith(month))


async def test_insights_bars_follow_the_numbers(journal: Journal) -> None:
    ids = people(journal)
    for _ in range(4):
        log(journal, "October giving", (ids["Ana Lima"],), on=date(2026, 10, 12))
    log(journal, "August giving", (ids["Ana Lima"],), on=date(2026, 8, 3))
    log(
        journal,
        "August receiving",
        (ids["Sam Oliveira"],),
        direction="received",
        on=date(2026, 8, 4),
    )
    log(journal, "A mutual coffee", (ids["Bruno Costa"],), direction="mutual", on=date(2026, 11, 2))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        october, august = chart_line(app, "Oct 2026"), chart_line(app, "Aug 2026")
        received_october, gave_october = october.split("│")
        received_august, gave_august = august.split("│")
        assert gave_october.count("█") > gave_august.count("█") > 0
        assert received_october.count("█") == 0
        assert received_august.count("█") == gave_august.count("█")
        assert gave_october.rstrip().endswith("4")
        november_received, november_gave = chart_line(app, "Nov 2026").split("│")
        # A mutual exchange counts on both sides.
        assert november_received.count("█") == november_gave.count("█") > 0
        assert "Dec 2025" in screen_text(app)
        assert "Dec 2024" not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert "Dec 2024" in screen_text(app)
        assert "last 24 months" in screen_text(app)


async def test_insights_explains_itself_when_empty(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert "Nothing logged yet." in screen_text(app)


async def test_quality_numbers_are_shown_with_bars(journal: Journal) -> None:
    ids = people(journal)
    # Deep: value both ways, at least 3 exchanges, in at least 2 different months.
    log(journal, "Gave", (ids["Ana Lima"],), on=days_ago(3))
    log(journal, "Got", (ids["Ana Lima"],), direction="received", on=days_ago(4))
    log(journal, "Gave again", (ids["Ana Lima"],), on=days_ago(40))
    log(journal, "Got once", (ids["Bruno Costa"],), direction="received", on=days_ago(5))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        lines = screen_text(app).split("\n")
        people_line = next(line for line in lines if "People" in line)
        deep_line = next(line for line in lines if "Deep " in line)
        assert "3" in people_line
        assert "1" in deep_line
        assert people_line.count("█") > deep_line.count("█") > 0


# -------------------------------------------------------------- hostile text


async def click_on(pilot: Pilot[None], needle: str) -> None:
    lines = screen_text(pilot.app).split("\n")  # type: ignore[arg-type]
    y = next(index for index, line in enumerate(lines) if needle in line)
    await pilot.click(offset=(lines[y].index(needle) + 1, y))
    await pilot.pause()


async def test_hostile_text_renders_literally_and_triggers_nothing(journal: Journal) -> None:
    ids = people(journal)
    log(journal, HOSTILE, (ids["Ana Lima"],))
    journal.add_reflection(ReflectionDraft(body=f"{HOSTILE} body", title=HOSTILE))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert HOSTILE in screen_text(app)
        await click_on(pilot, "[@click")
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert text.count(HOSTILE) >= 3  # the list, the reading title, the body
        assert f"{HOSTILE} body" in text
        await click_on(pilot, f"{HOSTILE} body")
        await pilot.press("5")
        await settle(pilot)
        assert app.return_code is None
        assert isinstance(app.screen, InsightsScreen)
