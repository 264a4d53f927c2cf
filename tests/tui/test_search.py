"""Search (ctrl+f): type, see hits grouped with the matched words marked, Enter opens one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ExchangeDraft, ReflectionDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.search import MATCH_STYLE, TYPING_PAUSE, SearchDialog
from netjournal.tui.screens.contacts import ContactsScreen
from netjournal.tui.screens.home import HomeScreen
from netjournal.tui.screens.log import LogScreen
from netjournal.tui.screens.reflections import ReflectionsScreen
from netjournal.tui.widgets.contact_detail import ContactDetail
from netjournal.tui.widgets.exchange_list import ExchangeList
from tests.conftest import TODAY

LAST_YEAR = TODAY - timedelta(days=330)
HOSTILE = "[@click=app.quit]x [/bold] [/"


def top(app: App[None]) -> Screen[Any]:
    return app.screen


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def search_for(pilot: Pilot[None], text: str) -> SearchDialog:
    await pilot.press("ctrl+f")
    await pilot.pause()
    dialog = top(pilot.app)
    assert isinstance(dialog, SearchDialog)
    await pilot.press(*text)
    # Let the pause after typing pass, as it would for someone who stops to look.
    await pilot.pause(TYPING_PAUSE + 0.1)
    await settle(pilot)
    return dialog


def option_texts(dialog: SearchDialog) -> list[str]:
    listing = dialog.query_one("#search-results", OptionList)
    return [
        option.prompt.plain if isinstance(option.prompt, Content) else str(option.prompt)
        for option in listing.options
    ]


def marked_words(dialog: SearchDialog) -> set[str]:
    """Every piece of text the result list shows in the match style."""
    listing = dialog.query_one("#search-results", OptionList)
    found = set()
    for option in listing.options:
        prompt = option.prompt
        assert isinstance(prompt, Content)
        for span in prompt.spans:
            if MATCH_STYLE in str(span.style):
                found.add(prompt.plain[span.start : span.end])
    return found


@pytest.fixture
def seeded(journal: Journal) -> dict[str, int]:
    ana = journal.add_contact(ContactDraft("Ana Lima", notes="Wants a kiln for her studio"))
    bo = journal.add_contact(ContactDraft("Bo Ström"))
    for day in range(1, 30):
        journal.log_exchange(
            ExchangeDraft("gave", f"Walk number {day}", (bo,), occurred_on=TODAY - timedelta(day))
        )
    exchange = journal.log_exchange(
        ExchangeDraft(
            "gave",
            "Coffee at the harbour",
            (bo, ana),
            occurred_on=LAST_YEAR,
            notes="Talked about kiln prices",
        )
    )
    journal.log_exchange(
        ExchangeDraft("gave", "Same day, other talk", (bo,), occurred_on=LAST_YEAR)
    )
    reflection = journal.add_reflection(
        ReflectionDraft(body="A kiln of one's own.", title="Clay", contact_ids=(ana,))
    )
    journal.add_reflection(ReflectionDraft(body="Something else entirely", title="Other"))
    return {"ana": ana, "bo": bo, "exchange": exchange, "reflection": reflection}


async def test_typing_shows_hits_grouped_with_the_word_marked(
    journal: Journal, seeded: dict[str, int]
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await search_for(pilot, "kil")
        texts = option_texts(dialog)
        assert texts[0] == "Contacts (1)"
        assert "Ana Lima" in texts[1] and "Notes: Wants a kiln for her studio" in texts[1]
        assert texts[2] == "Exchanges (1)"
        assert "Coffee at the harbour" in texts[3] and "Talked about kiln prices" in texts[3]
        assert "Bo Ström, Ana Lima" in texts[3] or "Ana Lima, Bo Ström" in texts[3]
        assert texts[4] == "Reflections (1)"
        assert "Clay" in texts[5]
        assert marked_words(dialog) == {"kiln"}
        # The first hit is highlighted, ready for Enter.
        assert dialog.highlighted_hit is not None
        assert dialog.highlighted_hit.id == seeded["ana"]


async def test_enter_opens_a_contact_in_its_detail_pane(
    journal: Journal, seeded: dict[str, int]
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "kiln")
        await pilot.press("enter")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, ContactsScreen)
        assert screen.table.cursor_contact is not None
        assert screen.table.cursor_contact.id == seeded["ana"]
        assert screen.query_one(ContactDetail).contact_id == seeded["ana"]


async def test_archived_contacts_are_not_offered_in_the_app(
    journal: Journal, seeded: dict[str, int]
) -> None:
    """The app shows archived people nowhere, so Enter on one could open nothing."""
    journal.set_archived(seeded["ana"])
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await search_for(pilot, "kiln")
        texts = option_texts(dialog)
        assert "Contacts (1)" not in texts
        assert texts[0] == "Exchanges (1)"
    # The shell still finds them (it opens nothing).
    assert [hit.id for hit in journal.search("kiln").contacts] == [seeded["ana"]]


async def test_enter_opens_an_exchange_in_the_log_of_its_day(
    journal: Journal, seeded: dict[str, int]
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await search_for(pilot, "kiln")
        await pilot.press("down")
        assert dialog.highlighted_hit is not None
        assert dialog.highlighted_hit.kind == "exchange"
        await pilot.press("enter")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, LogScreen)
        listing = screen.query_one(ExchangeList)
        assert listing.highlighted is not None
        assert listing.highlighted.id == seeded["exchange"]
        # The log of that day, so the exchange is seen among its neighbours.
        assert {row.occurred_on for row in listing.rows} == {LAST_YEAR}
        assert len(listing.rows) == 2
        assert screen.query_one("#since", Input).value == LAST_YEAR.isoformat()
        assert screen.focused is listing
        # x brings back the whole log, still on the same exchange.
        await pilot.press("x")
        await settle(pilot)
        assert len(listing.rows) == 31
        assert listing.highlighted is not None


async def test_enter_opens_a_reflection(journal: Journal, seeded: dict[str, int]) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Reflections already loaded, with another one selected.
        await pilot.press("4")
        await settle(pilot)
        dialog = await search_for(pilot, "kiln")
        await pilot.press("down", "down", "up", "down")
        assert dialog.highlighted_hit is not None
        assert dialog.highlighted_hit.kind == "reflection"
        await pilot.press("enter")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, ReflectionsScreen)
        selected = screen.selected_reflection()
        assert selected is not None
        assert selected.id == seeded["reflection"]


async def test_enter_right_after_typing_opens_the_first_hit(
    journal: Journal, seeded: dict[str, int]
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"harbour", "enter")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, LogScreen)
        highlighted = screen.query_one(ExchangeList).highlighted
        assert highlighted is not None
        assert highlighted.id == seeded["exchange"]


async def test_nothing_found_and_escape(journal: Journal, seeded: dict[str, int]) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await search_for(pilot, 'glaze "NEAR(')
        assert not dialog.query_one("#search-results", OptionList).display
        assert 'Nothing matches glaze "NEAR(.' in str(dialog.query_one("#search-state").render())
        await pilot.press("enter")  # nothing to open
        await settle(pilot)
        assert top(app) is dialog
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_ctrl_f_works_from_a_filter_box_but_not_inside_dialogs(
    journal: Journal, seeded: dict[str, int]
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(top(app).focused, Input)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(top(app), SearchDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app).focused, Input)  # back where ctrl+f was pressed
        await pilot.press("escape", "l")
        await settle(pilot)
        quick_log = top(app)
        assert type(quick_log).__name__ == "QuickLogDialog"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert top(app) is quick_log


async def test_hostile_text_in_hits_shows_literally(journal: Journal) -> None:
    contact = journal.add_contact(ContactDraft(HOSTILE, notes=f"quit {HOSTILE}"))
    journal.log_exchange(ExchangeDraft("gave", HOSTILE, (contact,), notes=HOSTILE))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await search_for(pilot, "quit")
        assert app.is_running
        texts = option_texts(dialog)
        assert any(HOSTILE in text for text in texts)
        assert "quit" in marked_words(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
