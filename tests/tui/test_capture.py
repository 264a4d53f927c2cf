"""Capture without friction: keystrokes counted, a cursor that stays put, and u for every change."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input

from netjournal.cli import cli
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.vocab import DEFAULT_KIND
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.quick_log import QuickLogDialog
from netjournal.tui.screens.contacts import ContactsScreen
from netjournal.tui.screens.home import HomeScreen
from netjournal.tui.screens.log import LogScreen
from netjournal.tui.widgets.contact_picker import ContactPicker
from netjournal.tui.widgets.people_list import PeopleList
from tests.conftest import TODAY
from tests.tui.test_contacts import settle

LONG_AGO = TODAY - timedelta(days=400)


def seed(journal: Journal) -> dict[str, int]:
    return {
        name: journal.add_contact(ContactDraft(name, added_on=LONG_AGO))
        for name in ("Ana Lima", "Bruno Costa", "Chen Wei")
    }


async def test_from_home_it_takes_l_the_name_enter_the_summary_enter(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"ana", "enter", *"Sent an article on pricing", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [exchange] = journal.exchanges()
    assert [c.id for c in exchange.contacts] == [ids["Ana Lima"]]
    assert (exchange.direction, exchange.kind) == ("gave", DEFAULT_KIND)


async def test_with_someone_highlighted_it_takes_l_and_enter(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ids["Chen Wei"])
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"Lent Chen my camera", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
    [exchange] = journal.exchanges()
    assert [c.id for c in exchange.contacts] == [ids["Chen Wei"]]


async def test_on_the_log_typing_a_name_replaces_the_one_filled_in(journal: Journal) -> None:
    ids = seed(journal)
    journal.log_exchange(ExchangeDraft("gave", "Old notes", (ids["Bruno Costa"],)))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, QuickLogDialog)
        picker = dialog.query_one(ContactPicker)
        assert [c.id for c in picker.chosen] == [ids["Bruno Costa"]]
        assert dialog.focused is dialog.query_one("#summary", Input)
        # One key back to the name; typing replaces Bruno.
        await pilot.press("shift+tab", *"ana")
        assert picker.chosen == ()
        await pilot.press("enter", *"Intro to a printer", "enter")
        await settle(pilot)
    newest = journal.exchanges()[0]
    assert newest.summary == "Intro to a printer"
    assert [c.id for c in newest.contacts] == [ids["Ana Lima"]]


def test_the_shell_logs_the_same_kind_by_default(journal_path: Path) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        seed(journal)
    result = CliRunner().invoke(
        cli, ["--db", str(journal_path), "log", "gave", "ana", "Sent the deck"]
    )
    assert result.exit_code == 0, result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert journal.exchanges()[0].kind == DEFAULT_KIND


def due_people(journal: Journal, count: int) -> list[int]:
    return [
        journal.add_contact(ContactDraft(f"Person {n}", cadence_days=7, added_on=LONG_AGO))
        for n in range(count)
    ]


async def test_after_snoozing_the_third_row_the_cursor_stays_on_the_third_row(
    journal: Journal,
) -> None:
    people = due_people(journal, 6)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reconnect = app.screen.query_one("#reconnect", PeopleList)
        reconnect.focus()
        await pilot.press("j", "j")
        assert reconnect.highlighted == 2
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("2")  # 7 days
        await settle(pilot)
        assert reconnect.highlighted == 2
        row = reconnect.highlighted_row
        assert row is not None and row.contact_id == people[3]
        # The next t touches who the cursor is on now, not the first row.
        await pilot.press("t")
        await settle(pilot)
    assert journal.contact(people[3]).touched_on == TODAY
    assert journal.contact(people[0]).touched_on is None
    assert journal.contact(people[2]).snoozed_until == TODAY + timedelta(days=7)


async def test_u_undoes_a_touch_a_snooze_and_a_delete(journal: Journal) -> None:
    people = due_people(journal, 3)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#reconnect", PeopleList).focus()
        await pilot.press("t")
        await settle(pilot)
        assert journal.contact(people[0]).touched_on == TODAY
        await pilot.press("u")
        await settle(pilot)
        assert journal.contact(people[0]).touched_on is None
        assert any(n.message == "Undone: marking Person 0 as touched." for n in app._notifications)

        # The cursor stayed with whoever it was on while Person 0 was away.
        row = app.screen.query_one("#reconnect", PeopleList).highlighted_row
        assert row is not None
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("1")  # 3 days
        await settle(pilot)
        assert journal.contact(row.contact_id).snoozed_until == TODAY + timedelta(days=3)
        await pilot.press("u")
        await settle(pilot)
        assert journal.contact(row.contact_id).snoozed_until is None

        app.open_contact(people[1])
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")  # confirm
        await settle(pilot)
        assert people[1] not in [s.id for s in journal.contact_summaries()]
        await pilot.press("u")
        await settle(pilot)
        assert people[1] in [s.id for s in journal.contact_summaries()]
        assert any(n.message == "Undone: deleting Person 1." for n in app._notifications)


async def test_a_reload_keeps_the_contact_and_the_scroll_where_they_were(
    journal: Journal,
) -> None:
    journal.import_records(
        [ContactDraft(f"Person {n:03d}", added_on=LONG_AGO) for n in range(1, 121)]
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await pilot.press(*["pagedown"] * 3, "up", "up")
        await settle(pilot)
        table = screen.table
        before = table.cursor_contact
        scrolled = table.scroll_y
        assert before is not None and scrolled > 0
        shown = screen.detail.contact_id
        # Another write (here, or from another window) reloads every screen.
        journal.add_contact(ContactDraft("Aaron Aalto"))
        app.journal_changed()
        await settle(pilot)
        assert table.cursor_contact is not None and table.cursor_contact.id == before.id
        assert table.scroll_y == scrolled
        assert screen.detail.contact_id == shown == before.id


async def test_the_log_keeps_its_cursor_through_a_reload(journal: Journal) -> None:
    ids = seed(journal)
    for day in range(40):
        journal.log_exchange(
            ExchangeDraft(
                "gave", f"Note {day}", (ids["Ana Lima"],), occurred_on=TODAY - timedelta(day)
            )
        )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogScreen)
        listing = screen.query_one("#exchanges")
        await pilot.press(*["j"] * 30)
        await settle(pilot)
        record = screen.selected_contact()
        cursor_before = listing.highlighted  # type: ignore[attr-defined]
        scrolled = listing.scroll_y
        assert scrolled > 0 and record is not None
        app.journal_changed()
        await settle(pilot)
        assert listing.highlighted == cursor_before  # type: ignore[attr-defined]
        assert listing.scroll_y == scrolled
