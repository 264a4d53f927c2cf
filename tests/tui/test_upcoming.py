"""Birthdays and other dates in the TUI: Home's Upcoming panel, the form, the detail pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input, Label, Static, TextArea

from netjournal.core.records import ContactDraft, DateDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.contact_form import ContactForm
from netjournal.tui.screens.contacts import ContactsScreen
from netjournal.tui.screens.home import UPCOMING_SHOWN, HomeScreen
from netjournal.tui.widgets.contact_detail import ContactDetail
from netjournal.tui.widgets.people_list import PeopleList
from tests.tui.test_contacts import open_contacts, screen_text, settle, type_into

if TYPE_CHECKING:
    from netjournal.core.journal import Journal


def home_rows(app: NetjournalApp, list_id: str) -> list[str]:
    people = app.screen.query_one(f"#{list_id}", PeopleList)
    return [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]


async def test_a_birthday_in_three_days_shows_on_home(journal: Journal) -> None:
    journal.add_contact(
        ContactDraft("Ana Lima", birthday_month=11, birthday_day=28, birthday_year=1986)
    )
    journal.add_contact(ContactDraft("Bruno Costa", dates=(DateDraft("Name day", 12, 6),)))
    journal.add_contact(ContactDraft("Far Away", birthday_month=2, birthday_day=1))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#upcoming-panel").display
        assert home_rows(app, "upcoming") == [
            "Sat 28 Nov  Ana Lima — Birthday (turns 40)\n            in 3 days",
            "Sun 6 Dec   Bruno Costa — Name day\n            in 11 days",
        ]
        shown = screen_text(app)
        assert "Ana Lima — Birthday (turns 40)" in shown and "in 3 days" in shown
        assert "Far Away" not in shown


async def test_a_setting_of_zero_hides_upcoming(journal: Journal) -> None:
    journal.add_contact(ContactDraft("Ana Lima", birthday_month=11, birthday_day=28))
    journal.update_settings(upcoming_days=0)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#upcoming-panel").display
        assert "Upcoming" not in screen_text(app)


async def test_nothing_coming_up_leaves_a_one_line_hint(journal: Journal) -> None:
    journal.add_contact(ContactDraft("Ana Lima", birthday_month=3, birthday_day=1))
    app = NetjournalApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert home_rows(app, "upcoming") == [
            "No birthdays or dates coming up. e (edit) adds them."
        ]


async def test_enter_on_an_upcoming_row_opens_the_contact(journal: Journal) -> None:
    journal.add_contact(ContactDraft("Bruno Costa"))
    ana = journal.add_contact(ContactDraft("Ana Lima", birthday_month=11, birthday_day=28))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#upcoming", PeopleList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        detail = app.screen.query_one(ContactDetail)
        assert detail.contact_id == ana
        facts = str(detail.query_one("#detail-facts", Static).render())
        assert "birthday  28 Nov · in 3 days" in facts


async def test_dates_typed_in_the_form_are_saved_and_shown_again(journal: Journal) -> None:
    contact_id = journal.add_contact(ContactDraft("Ana Lima"))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        await type_into(pilot, form.query_one("#f-birthday", Input), "1986-11-28")
        dates = form.query_one("#f-dates", TextArea)
        await type_into(pilot, dates, "Work anniversary: 2019-12-02")
        await pilot.press("enter", *"Name day: 24 Jun")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        facts = str(screen.query_one("#detail-facts", Static).render())
        assert "Work anniversary 2 Dec 2019 · in 7 days" in facts
        assert "Name day  24 Jun · in 6 months" in facts

        record = journal.contact(contact_id)
        assert (record.birthday_month, record.birthday_day, record.birthday_year) == (11, 28, 1986)
        assert [(d.label, d.month, d.day, d.year) for d in record.dates] == [
            ("Name day", 6, 24, None),
            ("Work anniversary", 12, 2, 2019),
        ]

        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#f-birthday", Input).value == "28 Nov 1986"
        assert form.query_one("#f-dates", TextArea).text == (
            "Name day: 24 Jun\nWork anniversary: 2 Dec 2019"
        )
        # Saving unchanged keeps the dates as they were.
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = journal.contact(contact_id).dates
    assert [(d.label, d.month, d.day, d.year) for d in after] == [
        (d.label, d.month, d.day, d.year) for d in record.dates
    ]


async def test_a_date_the_form_cannot_read_is_refused_inline_by_line(journal: Journal) -> None:
    contact_id = journal.add_contact(ContactDraft("Ana Lima"))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contacts(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        dates = form.query_one("#f-dates", TextArea)
        await type_into(pilot, dates, "Name day: 24 Jun")
        await pilot.press("enter", *"Wedding: 31 Feb")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = form.query_one("#dates-error", Label)
        assert error.has_class("-shown")
        assert str(error.render()).startswith('Line 2: Can\'t read "31 Feb" as a date.')
        assert form.focused is dates

        # A year before 1900 passes the parser; the journal refuses it, shown at the same place.
        dates.text = "Wedding: 1850-05-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert 'The date "Wedding" has year 1850' in str(error.render())
        assert dates.text == "Wedding: 1850-05-01"
    assert journal.contact(contact_id).dates == ()


async def test_a_long_upcoming_list_shows_the_soonest_and_says_how_many_more(
    journal: Journal,
) -> None:
    journal.import_records(
        [
            ContactDraft(f"Person {n:03d}", birthday_month=11, birthday_day=26 + n % 5)
            for n in range(UPCOMING_SHOWN + 7)
        ]
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = home_rows(app, "upcoming")
        assert len(rows) == UPCOMING_SHOWN + 1
        assert rows[0].startswith("Thu 26 Nov") and "tomorrow" in rows[0]
        assert rows[-1] == "…and 7 more: netjournal due lists every one."
