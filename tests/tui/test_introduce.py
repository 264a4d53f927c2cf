"""Introduce, driven as a user would: highlight someone, `i`, a second name, a line, save."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.confirm import ConfirmDialog
from netjournal.tui.dialogs.introduce import IntroduceDialog, WayChoice
from netjournal.tui.screens.contacts import ContactsScreen
from netjournal.tui.widgets.contact_picker import ContactPicker
from tests.conftest import TODAY

HOSTILE = "[@click=app.quit]x [/bold] [/"
LONG_AGO = TODAY - timedelta(days=400)
# Workers that wait for a dialog's answer; waiting for them would wait for the test itself.
DIALOG_GROUPS = {"confirm", "confirm-discard"}


def seed(journal: Journal) -> dict[str, int]:
    ids = {
        name: journal.add_contact(ContactDraft(name, added_on=LONG_AGO))
        for name in ("Ana Lima", "Bo Ström", "Rui Matos")
    }
    # Ana has helped before, so her balance starts on the receiving side.
    journal.log_exchange(
        ExchangeDraft("received", "Reviewed my pricing page", (ids["Ana Lima"],), weight=2,
                      occurred_on=TODAY - timedelta(days=20))
    )  # fmt: skip
    return ids


async def settle(pilot: Pilot[None]) -> None:
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete(
            [w for w in app.workers if w.group not in DIALOG_GROUPS]
        )
    await pilot.pause()


def top(app: App[None]) -> Screen[Any]:
    return app.screen


def screen_text(app: App[None]) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace("\xa0", " ")


def table_row(screen: ContactsScreen, name: str) -> str:
    table = screen.table
    lines = [table.render_line(y).text for y in range(table.scrollable_content_region.height)]
    (line,) = [line for line in lines if line.startswith(name)]
    return line


def shown(dialog: IntroduceDialog, selector: str) -> str:
    label = dialog.query_one(selector, Label)
    return str(label.render()) if label.display else ""


def suggestions(dialog: IntroduceDialog) -> list[str]:
    options = dialog.query_one(ContactPicker).query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def notifications(app: App[None]) -> list[str]:
    return [n.message for n in app._notifications]


async def contacts_on(pilot: Pilot[None], name: str) -> ContactsScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = top(pilot.app)
    assert isinstance(screen, ContactsScreen)
    while screen.table.cursor_contact is None or screen.table.cursor_contact.name != name:
        await pilot.press("down")
    await settle(pilot)
    return screen


async def introduce(pilot: Pilot[None]) -> IntroduceDialog:
    await pilot.press("i")
    await settle(pilot)
    dialog = top(pilot.app)
    assert isinstance(dialog, IntroduceDialog)
    return dialog


async def test_introduce_two_contacts_and_see_both_balances_move(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await contacts_on(pilot, "Ana Lima")
        ana_before, bo_before = table_row(screen, "Ana Lima"), table_row(screen, "Bo Ström")
        assert "never" in bo_before and "·········" in bo_before
        dialog = await introduce(pilot)
        assert "I introduced Ana Lima to…" in str(dialog.query_one(WayChoice).render())
        await pilot.press(*"bo")
        assert suggestions(dialog)[0].startswith("Bo Ström")
        # Ana is the first person: she is never offered as the second.
        await pilot.press("backspace", "backspace", *"ana")
        assert not any(s.startswith("Ana Lima") for s in suggestions(dialog))
        await pilot.press("backspace", "backspace", "backspace", *"bo", "enter")
        assert dialog.focused is dialog.query_one("#context", Input)
        await pilot.press(*"both into SEO", "enter")
        await settle(pilot)
        assert top(app) is screen
        assert "Introduced Ana and Bo." in notifications(app)
        ana_after, bo_after = table_row(screen, "Ana Lima"), table_row(screen, "Bo Ström")
        assert ana_after != ana_before
        assert "today" in ana_after and "today" in bo_after
        # Bo: nothing before; now only given, so the gauge leans fully to giving.
        assert "◀▯▯▯▮▮▮▮▶" in bo_after
    (intro,) = [e for e in journal.exchanges() if e.kind == "introduction"]
    assert intro.direction == "gave"
    assert intro.summary == "Introduced Ana Lima and Bo Ström — both into SEO"
    assert {c.id for c in intro.contacts} == {ids["Ana Lima"], ids["Bo Ström"]}


async def test_they_introduced_me_to_someone_new(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, "Rui Matos")
        dialog = await introduce(pilot)
        await pilot.press("alt+r")
        assert "● Rui Matos introduced me to…" in str(dialog.query_one(WayChoice).render())
        await pilot.press(*"Cy Twombly")
        assert suggestions(dialog) == ["+ Create “Cy Twombly”"]
        await pilot.press("enter")
        assert "Cy Twombly — a new contact, added when you save" in shown(dialog, "#new-person")
        assert dialog.focused is dialog.query_one("#context", Input)
        await pilot.press(*"paints", "ctrl+s")
        await settle(pilot)
        assert not isinstance(top(app), IntroduceDialog)
        assert "Rui introduced you to Cy. Cy Twombly is now in your contacts." in notifications(app)
        assert "Cy Twombly" in screen_text(app)
    cy = journal.resolve_contact("Cy Twombly")
    assert journal.contact(cy.id).how_met == "Introduced by Rui Matos"
    (intro,) = [e for e in journal.exchanges() if e.kind == "introduction"]
    assert intro.direction == "received"
    assert intro.summary == "Introduced me to Cy Twombly — paints"
    assert [c.id for c in intro.contacts] == [ids["Rui Matos"]]


async def test_received_from_someone_already_known_and_switching_ways(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, "Ana Lima")
        dialog = await introduce(pilot)
        await pilot.press("alt+r", *"Cy", "enter")
        # Back to "I introduced": someone not in the journal can't be introduced yet.
        await pilot.press("alt+g")
        assert shown(dialog, "#new-person") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "add them first" in shown(dialog, "#second-problem")
        assert top(app) is dialog
        # "Bo" matches someone: choosing them replaces the new name.
        await pilot.press("alt+r", *"bo")
        assert suggestions(dialog)[0].startswith("Bo Ström")
        assert suggestions(dialog)[-1] == "+ Create “bo”"
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        assert not isinstance(top(app), IntroduceDialog)
    assert [s.name for s in journal.contact_summaries()] == ["Ana Lima", "Bo Ström", "Rui Matos"]
    (intro,) = [e for e in journal.exchanges() if e.kind == "introduction"]
    assert intro.summary == "Introduced me to Bo Ström"
    assert [c.id for c in intro.contacts] == [ids["Ana Lima"]]


async def test_escape_asks_before_discarding_and_saving_nothing(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await contacts_on(pilot, "Ana Lima")
        await introduce(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert top(app) is screen  # nothing typed: closes at once
        dialog = await introduce(pilot)
        await pilot.press(*"bo", "enter", *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(top(app), ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert top(app) is dialog
        assert dialog.query_one("#context", Input).value == "half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert top(app) is screen
    assert [e.kind for e in journal.exchanges()] == ["other"]


async def test_problems_show_inline_and_keep_what_was_typed(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, "Ana Lima")
        dialog = await introduce(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Pick the second person" in shown(dialog, "#second-problem")
        await pilot.press(*"bo", "enter", *"context kept")
        dialog.query_one("#when", Input).value = "tomorrow"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "future" in shown(dialog, "#when-note")
        dialog.query_one("#when", Input).value = "yesterday"
        # Someone else's change lands first: the save is refused with a sentence.
        journal.delete_contact(ids["Bo Ström"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert top(app) is dialog
        assert "Bo Ström was deleted" in shown(dialog, "#save-problem")
        assert dialog.query_one("#context", Input).value == "context kept"
    assert [e.kind for e in journal.exchanges()] == ["other"]


async def test_i_on_home_introduces_the_highlighted_person(journal: Journal) -> None:
    ids = seed(journal)
    journal.update_contact(ids["Rui Matos"], ContactDraft("Rui Matos", cadence_days=30))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await introduce(pilot)
        assert dialog.person.name == "Rui Matos"
        await pilot.press(*"ana", "enter", "enter")
        await settle(pilot)
        assert "Introduced Rui and Ana." in notifications(app)
    (intro,) = [e for e in journal.exchanges() if e.kind == "introduction"]
    assert {c.name for c in intro.contacts} == {"Ana Lima", "Rui Matos"}


async def test_hostile_names_show_literally_and_trigger_nothing(journal: Journal) -> None:
    hostile = journal.add_contact(ContactDraft(HOSTILE + "\x1b]0;pwned\x07", added_on=LONG_AGO))
    journal.add_contact(ContactDraft("Bo Ström", added_on=LONG_AGO))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, journal.contact(hostile).name)
        dialog = await introduce(pilot)
        assert HOSTILE in str(dialog.query_one(WayChoice).render())
        await pilot.click(WayChoice, offset=(4, 1))
        assert dialog.query_one(WayChoice).way == "received"
        dialog.query_one(ContactPicker).focus()
        # Folded, "[/b] \\" reads "b", so Bo comes first; "Create" is the last suggestion.
        await pilot.press(*"[/b] \\", "up", "enter")
        assert "[/b] \\ — a new contact" in shown(dialog, "#new-person")
        text = screen_text(app)
        assert HOSTILE in text and "\x1b" not in text
        await pilot.press(*"[@click=app.quit]", "enter")
        await settle(pilot)
        assert app.is_running
    new = journal.resolve_contact("[/b] \\")
    assert journal.contact(new.id).how_met == f"Introduced by {journal.contact(hostile).name}"
    (intro,) = [e for e in journal.exchanges() if e.kind == "introduction"]
    assert intro.summary == "Introduced me to [/b] \\ — [@click=app.quit]"
