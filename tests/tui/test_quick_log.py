"""The quick log, driven as a user would: `l`, a name fragment, a summary, Enter."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static

from netjournal.core.errors import JournalFileError
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ContactSummary, ExchangeDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.quick_log import QuickLogDialog
from netjournal.tui.widgets.contact_picker import ContactPicker
from netjournal.tui.widgets.people_list import PeopleList
from tests.conftest import TODAY
from tests.waiting import wait_for

HOSTILE = "[@click=app.quit]x [/bold] [/"
LONG_AGO = TODAY - timedelta(days=400)


def seed(journal: Journal) -> dict[str, int]:
    people = {
        "Ana Lima": ("design", "seo"),
        "Ana Souza": ("music",),
        "Bruno Costa": ("publishing",),
        "Joana Pereira": ("seo",),
    }
    return {
        name: journal.add_contact(ContactDraft(name, tags=tags, added_on=LONG_AGO))
        for name, tags in people.items()
    }


async def open_quick_log(app: NetjournalApp, pilot: Pilot[None]) -> QuickLogDialog:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("l")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, QuickLogDialog)
    return app.screen


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)


async def settle(app: NetjournalApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def suggestions_text(dialog: QuickLogDialog) -> list[str]:
    options = dialog.query_one(ContactPicker).query_one(OptionList)
    return [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]


def shown(dialog: QuickLogDialog, selector: str) -> str:
    label = dialog.query_one(selector, Label)
    return str(label.render()) if label.display else ""


async def test_the_common_case_is_a_fragment_a_summary_and_enter(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "ana")
        assert suggestions_text(dialog)[0].startswith("Ana Lima")
        assert "design, seo" in suggestions_text(dialog)[0]
        assert "never" in suggestions_text(dialog)[0]
        await pilot.press("enter")
        assert dialog.query_one(ContactPicker).chosen[0].name == "Ana Lima"
        assert dialog.focused is dialog.query_one("#summary", Input)
        await type_text(pilot, "Sent the SEO checklist")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)

    [exchange] = journal.exchanges()
    assert [c.id for c in exchange.contacts] == [ids["Ana Lima"]]
    assert exchange.summary == "Sent the SEO checklist"
    assert (exchange.direction, exchange.kind, exchange.occurred_on) == ("gave", "article", TODAY)
    assert exchange.weight == 1


async def test_enter_before_the_contacts_have_loaded_still_picks_the_top_match(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(journal)
    loaded = journal.contact_summaries
    release = threading.Event()

    def slow_summaries() -> list[ContactSummary]:
        wait_for(release, 10)
        return loaded()

    monkeypatch.setattr(journal, "contact_summaries", slow_summaries)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        dialog = app.screen
        assert isinstance(dialog, QuickLogDialog)
        await type_text(pilot, "ana")
        assert "Looking through your contacts" in suggestions_text(dialog)[0]
        await pilot.press("enter")
        assert dialog.query_one(ContactPicker).chosen == ()
        release.set()
        await settle(app, pilot)
        assert [c.id for c in dialog.query_one(ContactPicker).chosen] == [ids["Ana Lima"]]
        assert dialog.focused is dialog.query_one("#summary", Input)


async def test_tab_picks_and_stays_so_two_people_can_be_chosen(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "ana l")
        await pilot.press("tab")
        assert dialog.focused is dialog.query_one(ContactPicker).query_one(Input)
        await type_text(pilot, "bru")
        await pilot.press("enter")
        await type_text(pilot, "Intro")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)

    [exchange] = journal.exchanges()
    assert {c.id for c in exchange.contacts} == {ids["Ana Lima"], ids["Bruno Costa"]}


async def test_arrows_choose_another_match_and_backspace_drops_a_chip(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        picker = dialog.query_one(ContactPicker)
        await type_text(pilot, "ana")
        await pilot.press("down", "tab")
        assert [c.name for c in picker.chosen] == ["Ana Souza"]
        await pilot.press("backspace")
        assert picker.chosen == ()
        assert "Ana Souza" not in str(picker.query_one(".chips", Static).render())


async def test_direction_from_any_field_and_from_its_own_row(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quick_log(app, pilot)
        await type_text(pilot, "ana")
        await pilot.press("enter", "alt+r")
        await type_text(pilot, "Advice")
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "bru")
        await pilot.press("enter")
        await type_text(pilot, "Coffee")
        # The direction sits right after the summary.
        await pilot.press("tab")
        assert dialog.focused is dialog.query_one("#direction")
        await pilot.press("m", "alt+w", "alt+w", "ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)

    by_summary = {e.summary: e for e in journal.exchanges()}
    assert by_summary["Advice"].direction == "received"
    assert by_summary["Coffee"].direction == "mutual"
    assert by_summary["Coffee"].weight == 3


async def test_when_three_days_ago_is_stored_as_that_day(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "ana")
        await pilot.press("enter")
        await type_text(pilot, "Talk")
        await pilot.press("tab", "tab", "tab", "ctrl+u")
        await type_text(pilot, "3 days ago")
        assert dialog.query_one("#when", Input).value == "3 days ago"
        assert "Sun 22 Nov 2026" in shown(dialog, "#when-note")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)

    [exchange] = journal.exchanges()
    assert exchange.occurred_on == date(2026, 11, 22)


async def test_a_future_date_is_refused_inline_and_nothing_is_written(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "ana")
        await pilot.press("enter")
        await type_text(pilot, "Talk")
        await pilot.press("tab", "tab", "tab", "ctrl+u")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog
        assert "is in the future" in shown(dialog, "#when-note")
        assert "3 days ago" in shown(dialog, "#when-note")
        assert dialog.focused is dialog.query_one("#when", Input)
        await pilot.press("ctrl+u")
        await type_text(pilot, "someday soon")
        assert "Can't read" in shown(dialog, "#when-note")

    assert journal.exchanges() == []


async def test_missing_person_and_summary_are_named_inline(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await pilot.press("ctrl+s")
        assert "Pick at least one person" in shown(dialog, "#with-problem")
        assert "one line" in shown(dialog, "#summary-problem")
        await type_text(pilot, "ana")
        await pilot.press("enter")
        assert shown(dialog, "#with-problem") == ""
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog
        assert dialog.focused is dialog.query_one("#summary", Input)

    assert journal.exchanges() == []


async def test_a_failed_save_keeps_the_dialog_and_every_word(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(journal)

    def disk_full(draft: ExchangeDraft) -> int:
        raise JournalFileError("The disk is full; free some space and press Enter again.")

    monkeypatch.setattr(journal, "log_exchange", disk_full)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "ana")
        await pilot.press("enter")
        await type_text(pilot, "Sent the SEO checklist")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog
        assert dialog.query_one("#summary", Input).value == "Sent the SEO checklist"
        assert [c.name for c in dialog.query_one(ContactPicker).chosen] == ["Ana Lima"]
        assert "The disk is full" in shown(dialog, "#save-problem")
        monkeypatch.undo()
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)

    assert [e.summary for e in journal.exchanges()] == ["Sent the SEO checklist"]


async def test_logging_from_home_takes_someone_off_reconnect(journal: Journal) -> None:
    bruno = journal.add_contact(ContactDraft("Bruno Costa", cadence_days=7, added_on=LONG_AGO))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reconnect = app.screen.query_one("#reconnect", PeopleList)
        assert reconnect.highlighted_row is not None
        assert reconnect.highlighted_row.contact_id == bruno
        await pilot.press("l")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, QuickLogDialog)
        # Home always has a highlighted row, so the quick log starts empty there.
        assert dialog.query_one(ContactPicker).chosen == ()
        await type_text(pilot, "bru")
        await pilot.press("enter")
        await settle(app, pilot)
        assert [c.id for c in dialog.query_one(ContactPicker).chosen] == [bruno]
        assert dialog.focused is dialog.query_one("#summary", Input)
        await type_text(pilot, "Notes")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)
        reconnect = app.screen.query_one("#reconnect", PeopleList)
        assert reconnect.option_count == 1
        assert reconnect.highlighted_row is None
        assert "Bruno" not in str(reconnect.get_option_at_index(0).prompt)


async def test_one_escape_closes_and_the_next_l_picks_up_the_draft(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "ana")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuickLogDialog)

        dialog = await open_quick_log(app, pilot)
        picker = dialog.query_one(ContactPicker)
        assert picker.query_one(Input).value == "ana"
        assert dialog.query_one("#draft-note").display
        await pilot.press("enter", *"Half a thought", "alt+r", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuickLogDialog)

        dialog = await open_quick_log(app, pilot)
        assert [c.id for c in dialog.query_one(ContactPicker).chosen] == [ids["Ana Lima"]]
        assert dialog.query_one("#summary", Input).value == "Half a thought"
        assert dialog.focused is dialog.query_one("#summary", Input)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)
        # Saved: the next quick log starts blank.
        dialog = await open_quick_log(app, pilot)
        assert dialog.query_one("#summary", Input).value == ""
        assert not dialog.query_one("#draft-note").display
        await pilot.press("escape")

    [exchange] = journal.exchanges()
    assert (exchange.summary, exchange.direction) == ("Half a thought", "received")


async def test_ctrl_r_starts_over_from_a_draft(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await pilot.press(*"bru", "enter", *"Old idea", "escape")
        dialog = await open_quick_log(app, pilot)
        await pilot.press("ctrl+r")
        assert dialog.query_one(ContactPicker).chosen == ()
        assert dialog.query_one("#summary", Input).value == ""
        assert dialog.focused is dialog.query_one(ContactPicker).query_one(Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.quick_log_draft is None


async def test_hostile_names_show_literally_and_trigger_nothing(journal: Journal) -> None:
    hostile = journal.add_contact(ContactDraft(HOSTILE, added_on=LONG_AGO))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await type_text(pilot, "click")
        assert suggestions_text(dialog)[0].startswith(HOSTILE)
        await pilot.press("enter")
        picker = dialog.query_one(ContactPicker)
        assert [c.id for c in picker.chosen] == [hostile]
        assert HOSTILE in str(picker.query_one(".chips", Static).render())
        await pilot.click(ContactPicker, offset=(2, 0))
        await pilot.pause()
        assert app.is_running
        assert app.screen is dialog
        assert [c.id for c in picker.chosen] == [hostile]


async def test_a_note_typed_in_the_quick_log_is_saved_and_shown_in_the_log(
    journal: Journal,
) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        notes = dialog.query_one("#notes", Input)
        assert notes.value == ""
        await pilot.press(*"bru", "enter", *"Sent the fair's programme")
        for _ in range(12):  # tab on through the optional fields to Notes
            if dialog.focused is notes:
                break
            await pilot.press("tab")
        assert dialog.focused is notes
        await type_text(pilot, "He wants the [b]print[/b] run too")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuickLogDialog)

        [exchange] = journal.exchanges()
        assert [c.id for c in exchange.contacts] == [ids["Bruno Costa"]]
        assert exchange.notes == "He wants the [b]print[/b] run too"

        await pilot.press("3")
        await settle(app, pilot)
        detail = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "Sent the fair's programme" in detail
        assert "He wants the [b]print[/b] run too" in detail  # shown literally


async def test_enter_saves_without_a_note(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quick_log(app, pilot)
        await pilot.press(*"bru", "enter", *"Quick thanks", "enter")
        await settle(app, pilot)
    [exchange] = journal.exchanges()
    assert (exchange.summary, exchange.notes) == ("Quick thanks", "")
