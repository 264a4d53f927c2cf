"""The app as a whole: Home's highlights, screen switching, help, palette, hostile text."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.screens.home import ONE_SIDED_SHOWN, RECONNECT_SHOWN, HomeScreen
from netjournal.tui.widgets.people_list import PeopleList
from tests.conftest import TODAY

HOSTILE = "[@click=app.quit]x [/bold] [/ \x1b]0;owned\x07\x1b[31mred\\"


def seed(journal: Journal) -> dict[str, int]:
    long_ago = TODAY - timedelta(days=400)
    ids = {
        "Bruno Costa": journal.add_contact(
            ContactDraft("Bruno Costa", cadence_days=7, added_on=long_ago)
        ),
        "Dana Reis": journal.add_contact(ContactDraft("Dana Reis", added_on=long_ago)),
        "Sam Oliveira": journal.add_contact(ContactDraft("Sam Oliveira", added_on=long_ago)),
    }
    journal.log_exchange(
        ExchangeDraft(
            "gave", "Sent notes", (ids["Bruno Costa"],), occurred_on=TODAY - timedelta(days=20)
        )
    )
    for days in (2, 4, 6):
        journal.log_exchange(
            ExchangeDraft(
                "gave", "Shared a link", (ids["Dana Reis"],), occurred_on=TODAY - timedelta(days)
            )
        )
        journal.log_exchange(
            ExchangeDraft(
                "received",
                "Got advice",
                (ids["Sam Oliveira"],),
                occurred_on=TODAY - timedelta(days),
            )
        )
    return ids


def panel_text(app: NetjournalApp, list_id: str) -> str:
    people = app.screen.query_one(f"#{list_id}", PeopleList)
    return "\n".join(str(people.get_option_at_index(i).prompt) for i in range(people.option_count))


async def test_home_shows_each_highlight(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        reconnect = panel_text(app, "reconnect")
        assert "Bruno Costa" in reconnect
        assert "last: 2 weeks ago · rhythm 7 days · 13 days over" in reconnect
        gives = panel_text(app, "gives")
        assert "you gave 3, received 0 in 12 months" in gives
        assert "Dana Reis" in panel_text(app, "gives")
        assert "is this still where you want to invest?" in panel_text(app, "gives")
        assert "Sam Oliveira" in panel_text(app, "receives")
        assert "Sam has helped you 3 times" in panel_text(app, "receives")
        numbers = str(app.screen.query_one("#numbers", Static).render())
        assert "3 people" in numbers


async def test_a_long_reconnect_list_shows_the_first_hundred_and_says_how_many_more(
    journal: Journal,
) -> None:
    long_ago = TODAY - timedelta(days=400)
    journal.import_records(
        [
            ContactDraft(f"Person {n:03d}", cadence_days=30 + n, added_on=long_ago)
            for n in range(RECONNECT_SHOWN + 5)
        ]
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        people = app.screen.query_one("#reconnect", PeopleList)
        assert people.option_count == RECONNECT_SHOWN + 1
        # Furthest past their rhythm first: the shortest rhythm is the most overdue.
        assert "Person 000" in str(people.get_option_at_index(0).prompt)
        last = people.get_option_at_index(RECONNECT_SHOWN)
        assert last.disabled
        assert "…and 5 more" in str(last.prompt)
        numbers = str(app.screen.query_one("#numbers", Static).render())
        assert f"{RECONNECT_SHOWN + 5} to reconnect with" in numbers
        people.focus()
        await pilot.press("end")
        assert people.highlighted_row is not None
        assert people.highlighted_row.name == f"Person {RECONNECT_SHOWN - 1:03d}"


async def test_long_one_sided_lists_show_the_most_one_sided_and_say_how_many_more(
    journal: Journal,
) -> None:
    long_ago = TODAY - timedelta(days=400)
    givers = journal.import_records(
        [ContactDraft(f"Giver {n:03d}", added_on=long_ago) for n in range(ONE_SIDED_SHOWN + 3)]
    )
    takers = journal.import_records(
        [ContactDraft(f"Taker {n:03d}", added_on=long_ago) for n in range(ONE_SIDED_SHOWN + 4)]
    )
    # Giver 000 got the most from you, so leans furthest; likewise Taker 000 gave you the most.
    exchanges = [
        ExchangeDraft(direction, "Shared", (person,), occurred_on=TODAY - timedelta(days=day + 1))
        for direction, people in (("gave", givers), ("received", takers))
        for n, person in enumerate(people)
        for day in range(3 + (len(people) - n))
    ]
    journal.import_records(exchanges=exchanges)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for list_id, first, more in (("gives", "Giver 000", 3), ("receives", "Taker 000", 4)):
            people = app.screen.query_one(f"#{list_id}", PeopleList)
            assert people.option_count == ONE_SIDED_SHOWN + 1
            assert first in str(people.get_option_at_index(0).prompt)
            last = people.get_option_at_index(ONE_SIDED_SHOWN)
            assert last.disabled
            assert f"…and {more} more: Contacts (2) sorted by balance" in str(last.prompt)


async def test_home_shows_people_first_and_keeps_the_totals_while_reloading(
    journal: Journal,
) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        numbers = home.query_one("#numbers", Static)
        assert "you gave 4 · you received 3" in str(numbers.render())
        # The first half of a reload: the highlights alone. The totals shown stay.
        home.show(journal.highlights())
        assert "you gave 4 · you received 3" in str(numbers.render())
        assert "counting" not in str(numbers.render())
    # A first load that has only the highlights so far says the totals are coming.
    fresh = NetjournalApp(journal)
    async with fresh.run_test(size=(120, 40)) as pilot:
        await fresh.workers.wait_for_complete()
        await pilot.pause()
        home = fresh.screen
        assert isinstance(home, HomeScreen)
        home._months = None
        home.show(journal.highlights())
        text = str(home.query_one("#numbers", Static).render())
        assert "3 people" in text and "counting the last 12 months" in text


async def test_empty_journal_says_what_to_do(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "press l to log" in panel_text(app, "recent")
        numbers = str(app.screen.query_one("#numbers", Static).render())
        assert "No one here yet" in numbers
        assert "netjournal --demo" in numbers


async def test_number_keys_switch_every_screen(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, mode in (("2", "contacts"), ("3", "log"), ("4", "reflections"), ("5", "insights")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
        await pilot.press("1")
        assert app.current_mode == "home"


async def test_touch_from_home_takes_contact_off_reconnect(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.screen.query_one("#reconnect", PeopleList).focus()
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Bruno Costa" not in panel_text(app, "reconnect")
        assert journal.contact(ids["Bruno Costa"]).touched_on == TODAY


async def test_snooze_from_home(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.screen.query_one("#reconnect", PeopleList).focus()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("2")  # the second choice: 7 days
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert journal.contact(ids["Bruno Costa"]).snoozed_until == TODAY + timedelta(days=7)
        assert "Bruno Costa" not in panel_text(app, "reconnect")


async def test_help_lists_the_live_bindings(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query("Static, HelpText"))
        for words in ("Log", "Add", "Reflect", "Quit", "Contacts", "ctrl+p"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_palette_runs_an_action(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Insights")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "insights"


async def test_hostile_name_renders_literally_and_triggers_nothing(journal: Journal) -> None:
    cid = journal.add_contact(
        ContactDraft(HOSTILE, cadence_days=7, added_on=TODAY - timedelta(days=30))
    )
    stored = journal.contact(cid).name
    assert "\x1b" not in stored and "\x07" not in stored
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        people = app.screen.query_one("#reconnect", PeopleList)
        people.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert stored in panel_text(app, "reconnect")
        screen_svg = app.export_screenshot()
        assert "\x1b" not in screen_svg
        assert "[@click=app.quit]x" in screen_svg.replace("&#160;", " ")


async def test_quick_log_from_contacts_starts_with_the_selected_person(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ContactsScreen"
        screen.select_contact(ids["Sam Oliveira"])  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        from netjournal.tui.widgets.contact_picker import ContactPicker

        picker = app.screen.query_one(ContactPicker)
        assert [c.id for c in picker.chosen] == [ids["Sam Oliveira"]]
        await pilot.press(*"Thanked Sam with a book", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    logged = journal.exchanges()[0]
    assert logged.summary == "Thanked Sam with a book"
    assert [c.id for c in logged.contacts] == [ids["Sam Oliveira"]]
    assert logged.direction == "gave" and logged.kind == "article"


async def test_purge_runs_at_launch_for_old_deletions(journal: Journal) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import update

    from netjournal.core.models import Contact

    ids = seed(journal)
    journal.delete_contact(ids["Dana Reis"])
    with journal.store.writer() as session:
        session.execute(
            update(Contact)
            .where(Contact.id == ids["Dana Reis"])  # type: ignore[arg-type]
            .values(deleted_at=datetime(2026, 1, 1, tzinfo=UTC))
        )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    with journal.store.reader() as session:
        from sqlalchemy import text

        names = session.execute(text("SELECT name FROM contact ORDER BY name")).scalars().all()
    assert names == ["Bruno Costa", "Sam Oliveira"]
