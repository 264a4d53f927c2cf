"""The Contacts screen, its table, detail pane and contact form, driven like a user would."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from netjournal.core.errors import JournalFileError
from netjournal.core.find.contact_index import ContactIndex
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    ContactSummary,
    ExchangeDraft,
    ReflectionDraft,
)
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.confirm import ConfirmDialog
from netjournal.tui.dialogs.contact_fields import ChannelRow
from netjournal.tui.dialogs.contact_form import ContactForm
from netjournal.tui.screens import contacts as contacts_screen
from netjournal.tui.screens.contacts import ContactsScreen
from netjournal.tui.widgets.contact_detail import ContactDetail
from netjournal.tui.widgets.contact_table import ContactTable
from tests.conftest import TODAY

if TYPE_CHECKING:
    from netjournal.core.find.contact_index import ContactIndex
from netjournal.core.journal import Journal

HOSTILE = "[@click=app.quit]x [/bold] [/"
# Workers that wait for a dialog answer; waiting for them would wait for the test itself.
DIALOG_GROUPS = {"confirm", "contact-form-cancel"}


async def settle(pilot: Pilot[None]) -> None:
    """Let loads, detail reads and the messages they post run to the end."""
    app = pilot.app
    for _ in range(4):
        await pilot.pause()
        await app.workers.wait_for_complete(
            [w for w in app.workers if w.group not in DIALOG_GROUPS]
        )
    await pilot.pause()


def screen_text(app: App[None]) -> str:
    """Everything visible on the screen, as plain text (read from the SVG screenshot)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape("".join(texts)).replace("\xa0", " ")


def top(app: App[None]) -> Screen[Any]:
    """The screen on top now (a function, so type checkers don't assume it never changes)."""
    return app.screen


def focused(screen: Screen[Any]) -> Widget | None:
    return screen.focused


def table_lines(table: ContactTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def static_text(widget: Static) -> str:
    return str(widget.render())


async def open_contacts(pilot: Pilot[None]) -> ContactsScreen:
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


async def type_into(pilot: Pilot[None], widget: Widget, text: str) -> None:
    widget.focus()
    await pilot.pause()
    await pilot.press(*text)


def seed_people(journal: Journal) -> dict[str, int]:
    ids = {
        "bruno": journal.add_contact(
            ContactDraft(name="Bruno Costa", company="Livro Aberto", tags=("publishing",))
        ),
        "bruna": journal.add_contact(ContactDraft(name="Bruna Reis", tags=("design",))),
        "ana": journal.add_contact(ContactDraft(name="Ana Lima", company="Studio", tags=("seo",))),
        "rui": journal.add_contact(ContactDraft(name="Rui Matos", company="Acme")),
    }
    return ids


# ---------------------------------------------------------------------------- the form


async def test_add_contact_through_the_form(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        typed = {
            "name": "Ana Lima",
            "nickname": "Ani",
            "company": "Lima",
            "role": "Dev",
            "location": "Porto",
            "how_met": "at a gig",
            "email": "a@b.pt",
            "phone": "+351 9",
            "website": "ana.pt",
            "birthday": "14 Mar 1990",
            "cadence": "30",
            "tags": "design, seo",
        }
        for field, text in typed.items():
            await type_into(pilot, form.query_one(f"#f-{field}", Input), text)
        await type_into(pilot, form.query_one("#f-notes", TextArea), "*Hi*")
        await pilot.click("#add-channel")
        await settle(pilot)
        row = form.query_one(ChannelRow)
        # LinkedIn → X → Mastodon, picked the way a user would.
        row.query_one(Select).focus()
        await pilot.press("enter", "down", "down", "enter")
        await type_into(pilot, row.query_one(".handle", Input), "@ana@m.pt")
        await type_into(pilot, row.query_one(".connected", Input), "2024-01-15")
        checkboxes = list(row.query("Checkbox"))
        checkboxes[0].focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is screen
        assert any("Ana Lima" in line for line in table_lines(screen.table))
        assert screen.table.cursor_contact is not None
        assert screen.table.cursor_contact.name == "Ana Lima"

    (ref,) = journal.contact_refs()
    record = journal.contact(ref.id)
    assert (record.name, record.nickname, record.company, record.role) == (
        "Ana Lima",
        "Ani",
        "Lima",
        "Dev",
    )
    assert (record.location, record.how_met, record.email) == ("Porto", "at a gig", "a@b.pt")
    assert (record.phone, record.website) == ("+351 9", "ana.pt")
    assert (record.birthday_day, record.birthday_month, record.birthday_year) == (14, 3, 1990)
    assert record.cadence_days == 30
    assert record.tags == ("design", "seo")
    assert record.notes == "*Hi*"
    (channel,) = record.channels
    assert (channel.platform, channel.handle) == ("mastodon", "@ana@m.pt")
    assert (channel.i_follow, channel.they_follow) == (True, False)
    assert channel.connected_on == date(2024, 1, 15)


async def test_editing_keeps_every_value(journal: Journal) -> None:
    draft = ContactDraft(
        name="Bruno Costa",
        nickname="Bru",
        company="Livro Aberto",
        role="Editor",
        location="Lisbon",
        how_met="book fair",
        email="bruno@livro.example",
        phone="123",
        website="https://livro.example",
        birthday_month=2,
        birthday_day=29,
        cadence_days=7,
        notes="# Bruno\n\nlikes poetry",
        tags=("publishing", "close"),
        channels=(ChannelDraft("linkedin", "bruno-costa", True, True, date(2024, 1, 15)),),
    )
    contact_id = journal.add_contact(draft)
    before = journal.contact(contact_id)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        # Nothing changed: escape closes at once, without asking.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape")
        await pilot.pause()
        assert top(app) is screen

        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#f-birthday", Input).value == "29 Feb"
        company = form.query_one("#f-company", Input)
        company.focus()
        await pilot.press("end", *" Editora")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)

    after = journal.contact(contact_id)
    assert after.company == "Livro Aberto Editora"
    assert after.to_draft() == replace(before.to_draft(), company="Livro Aberto Editora")


async def test_a_refused_save_shows_inline_and_keeps_what_was_typed(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contacts(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        await type_into(pilot, form.query_one("#f-name", Input), "Ana Lima")
        await type_into(pilot, form.query_one("#f-email", Input), "not-an-email")
        await type_into(pilot, form.query_one("#f-notes", TextArea), "a long note")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is form
        error = form.query_one("#email-error", Label)
        assert error.display
        assert "doesn't look like an email" in str(error.render())
        assert form.query_one("#f-name", Input).value == "Ana Lima"
        assert form.query_one("#f-email", Input).value == "not-an-email"
        assert form.query_one("#f-notes", TextArea).text == "a long note"
        assert form.focused is form.query_one("#f-email", Input)

        # A birthday the form can't read is refused before the journal is asked.
        await type_into(pilot, form.query_one("#f-birthday", Input), "someday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.query_one("#birthday-error", Label).display
        assert not form.query_one("#email-error", Label).display

        # Channels: an unreadable date, then a follow with no handle.
        form.query_one("#f-email", Input).value = "ana@example.com"
        form.query_one("#f-birthday", Input).value = ""
        await pilot.click("#add-channel")
        await settle(pilot)
        row = form.query_one(ChannelRow)
        connected = row.query_one(".connected", Input)
        await type_into(pilot, connected, "someday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        channels_error = form.query_one("#channels-error", Label)
        assert channels_error.display
        assert "Connected on" in str(channels_error.render())
        assert form.focused is connected

        connected.value = ""
        row.query_one("Checkbox").focus()
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert "handle" in str(channels_error.render())
        assert form.focused is row.query_one(".handle", Input)
        assert app.screen is form
    assert journal.contact_refs() == []


async def test_a_failing_disk_keeps_the_dialog_and_the_text(journal: Journal) -> None:
    def full_disk(draft: ContactDraft) -> int:
        raise JournalFileError("The disk is full; free some space and save again.")

    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contacts(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        await type_into(pilot, form.query_one("#f-name", Input), "Ana Lima")
        journal.add_contact = full_disk  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        general = form.query_one("#form-error", Label)
        assert general.display
        assert "disk is full" in str(general.render())
        assert form.query_one("#f-name", Input).value == "Ana Lima"

        # Escape with unsaved text asks first; "no" keeps the dialog and the text.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-name", Input).value == "Ana Lima"


# ------------------------------------------------------------------------ the screen


@pytest.mark.parametrize("in_background", [False, True], ids=["at-once", "in-a-thread"])
async def test_filter_as_you_type(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, in_background: bool
) -> None:
    if in_background:
        # As for a journal of tens of thousands of people.
        monkeypatch.setattr(contacts_screen, "BACKGROUND_FILTER_ROWS", 0)
    seed_people(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        table = screen.table
        assert table.row_count == 4
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"brun")
        await settle(pilot)
        names = [row.name for row in table.rows]
        assert names == ["Bruna Reis", "Bruno Costa"]
        assert "Contacts ─ / filter: brun ─ 2 of 4 ─ sort: name" in screen_text(app)

        # Company and tags match too; the name outranks them.
        await pilot.press(*["backspace"] * 4, *"seo")
        await settle(pilot)
        assert [row.name for row in table.rows] == ["Ana Lima"]

        await pilot.press("enter")
        assert focused(screen) is table
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 4
        assert not screen.query_one("#filter", Input).display
        assert "Contacts ─ 4 ─ sort: name" in screen_text(app)


async def test_open_shows_the_timeline(journal: Journal) -> None:
    ids = seed_people(journal)
    bruno, ana = ids["bruno"], ids["ana"]
    journal.log_exchange(
        ExchangeDraft(
            "received",
            "intro to a publisher",
            (bruno,),
            kind="introduction",
            occurred_on=TODAY - timedelta(days=20),
            weight=2,
        )
    )
    journal.log_exchange(
        ExchangeDraft(
            "gave",
            "feedback on chapter 3",
            (bruno, ana),
            kind="feedback",
            occurred_on=TODAY - timedelta(days=60),
        )
    )
    journal.add_reflection(
        ReflectionDraft(
            body="He matters.",
            title="Why Bruno matters",
            written_on=TODAY - timedelta(days=90),
            contact_ids=(bruno,),
        )
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        assert screen.table.select_id(bruno)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = screen.query_one(ContactDetail)
        assert screen.focused is detail
        assert detail.contact_id == bruno
        timeline = static_text(detail.query_one("#detail-timeline", Static))
        lines = timeline.splitlines()
        assert lines[0].startswith("2 weeks ago") and "received" in lines[0]
        # Long lines wrap under the summary, never back to the left edge.
        assert all(line.startswith(" " * 14) for line in lines if not line[:1].isdigit())
        words = " ".join(timeline.split())
        assert "received intro to a publisher introduction ●●○" in words
        assert "gave feedback on chapter 3 feedback ●○○ with Ana Lima" in words
        assert words.index("intro to a publisher") < words.index("feedback on chapter 3")
        assert 'reflection "Why Bruno matters"' in words
        assert "Livro Aberto" in static_text(detail.query_one("#detail-facts", Static))


async def test_long_timelines_stop_at_200_and_say_how_many_more(journal: Journal) -> None:
    contact_id = journal.add_contact(ContactDraft(name="Pia Alves"))
    for day in range(203):
        journal.log_exchange(
            ExchangeDraft("gave", f"note {day}", (contact_id,), occurred_on=TODAY - timedelta(day))
        )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        timeline = static_text(screen.query_one("#detail-timeline", Static))
        assert "note 0" in timeline and "note 199" in timeline
        assert "note 200" not in timeline
        assert "3 older entries" in timeline


async def test_delete_then_undo(journal: Journal) -> None:
    ids = seed_people(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        assert screen.table.select_id(ids["bruno"])
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert top(app) is screen
        assert "Bruno Costa" not in [row.name for row in screen.table.rows]
        assert "Bruno Costa" not in "".join(table_lines(screen.table))
        assert ids["bruno"] not in [ref.id for ref in journal.contact_refs()]
        # The cursor stays where Bruno was, on whoever is next.
        assert screen.table.cursor_contact is not None
        assert screen.table.cursor_contact.name == "Rui Matos"

        await pilot.press("u")
        await settle(pilot)
        assert ids["bruno"] in [ref.id for ref in journal.contact_refs()]
        assert "Bruno Costa" in "".join(table_lines(screen.table))
        # The person who came back is the one highlighted.
        assert screen.table.cursor_contact is not None
        assert screen.table.cursor_contact.id == ids["bruno"]


async def test_sort_cycles_through_name_last_balance_due(journal: Journal) -> None:
    ids = seed_people(journal)
    journal.update_contact(ids["rui"], ContactDraft(name="Rui Matos", cadence_days=7))
    journal.log_exchange(
        ExchangeDraft("gave", "a", (ids["ana"],), occurred_on=TODAY - timedelta(days=2))
    )
    journal.log_exchange(
        ExchangeDraft("received", "b", (ids["bruna"],), occurred_on=TODAY - timedelta(days=1))
    )
    journal.log_exchange(
        ExchangeDraft("received", "c", (ids["rui"],), occurred_on=TODAY - timedelta(days=30))
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        panel = screen.query_one("#table-panel")

        def names() -> list[str]:
            return [row.name for row in screen.table.rows]

        assert names() == ["Ana Lima", "Bruna Reis", "Bruno Costa", "Rui Matos"]
        assert "sort: name" in str(panel.border_title)
        # A click picks a row (line 0 is the header).
        await pilot.click(ContactTable, offset=(2, 3))
        await settle(pilot)
        assert screen.table.cursor_contact is not None
        assert screen.table.cursor_contact.name == "Bruno Costa"
        assert screen.query_one(ContactDetail).contact_id == ids["bruno"]
        await pilot.press("o")
        assert "sort: last exchange" in str(panel.border_title)
        assert names() == ["Bruna Reis", "Ana Lima", "Rui Matos", "Bruno Costa"]
        await pilot.press("o")
        assert "sort: balance" in str(panel.border_title)
        assert names()[0] == "Ana Lima" and names()[-1] == "Bruno Costa"
        await pilot.press("o")
        assert "sort: due" in str(panel.border_title)
        assert names()[0] == "Rui Matos"
        await pilot.press("o")
        assert names() == ["Ana Lima", "Bruna Reis", "Bruno Costa", "Rui Matos"]


async def test_open_contact_before_the_list_has_loaded(journal: Journal) -> None:
    ids = seed_people(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_contact(ids["rui"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.table.cursor_contact is not None
        assert screen.table.cursor_contact.id == ids["rui"]
        assert screen.selected_contact() is not None
        assert screen.query_one(ContactDetail).contact_id == ids["rui"]


async def test_empty_journal_says_what_to_do_and_greys_out_contact_actions(
    journal: Journal,
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        text = " ".join(" ".join(table_lines(screen.table)).split())
        assert "No one here yet" in text
        assert "netjournal import Connections.csv" in text
        for action in ("edit_contact", "delete_contact", "snooze_contact", "touch_contact", "open"):
            assert screen.check_action(action, ()) is None
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen


async def test_narrow_terminal_shows_the_detail_on_enter(journal: Journal) -> None:
    seed_people(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(pilot)
        detail = screen.query_one(ContactDetail)
        assert not detail.display
        await pilot.press("enter")
        await settle(pilot)
        assert detail.display
        assert not screen.query_one("#table-panel").display
        await pilot.press("escape")
        await pilot.pause()
        assert not detail.display
        assert screen.focused is screen.table
        # Every row fits the narrow table: no line is longer than the table is wide.
        width = screen.table.scrollable_content_region.width
        assert all(len(line) <= width for line in table_lines(screen.table))


async def test_hostile_names_render_literally(journal: Journal) -> None:
    contact_id = journal.add_contact(
        ContactDraft(name=HOSTILE + "\x1b]0;pwned\x07", company="[b]Acme", tags=("x",))
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot)
        table = screen.table
        assert table.cursor_contact is not None and table.cursor_contact.id == contact_id
        rows = [table.render_line(y) for y in range(3)]
        assert any(HOSTILE[:20] in strip.text for strip in rows)
        assert all("\x1b" not in segment.text for strip in rows for segment in strip)
        # Clicking the name must not run the action it spells.
        await pilot.click(ContactTable, offset=(3, 1))
        await pilot.click(ContactTable, offset=(3, 1))
        await settle(pilot)
        assert app.is_running
        assert app.screen is screen
        text = screen_text(app)
        assert HOSTILE in text
        assert "[b]Acme" in text
        assert "\x1b" not in text
        detail = screen.query_one(ContactDetail)
        assert detail.contact_id == contact_id


# ------------------------------------------------------------------ the table alone


class CountingTable(ContactTable):
    calls = 0

    def render_line(self, y: int) -> Strip:
        CountingTable.calls += 1
        return super().render_line(y)


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CountingTable(id="table")


def many_summaries(count: int) -> list[ContactSummary]:
    return [
        ContactSummary(
            id=index,
            name=f"Person {index:05d}",
            company="",
            tags=("network",),
            archived=False,
            last_exchange=TODAY - timedelta(days=index % 400) if index % 3 else None,
            cadence_days=30,
            clock_start=TODAY,
            days_since=index % 60,
            due="overdue" if index % 7 == 0 else "ok",
            given=1.0,
            received=0.5,
            window_count=3,
            gave_count=2,
            received_count=1,
            last_gave=None,
            balance=(index % 21 - 10) / 10,
            lean=None,
            snoozed_until=None,
        )
        for index in range(count)
    ]


async def test_thirty_thousand_rows_render_only_what_is_visible() -> None:
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(CountingTable)
        table.today = TODAY
        table.focus()
        table.set_rows(many_summaries(30_000), keep_id=None)
        await pilot.pause()
        visible = table.size.height
        assert visible <= 40

        CountingTable.calls = 0
        table.refresh()
        await pilot.pause()
        assert 0 < CountingTable.calls <= visible

        CountingTable.calls = 0
        await pilot.press("end")
        await pilot.pause()
        assert CountingTable.calls <= visible
        assert table.cursor_contact is not None
        assert table.cursor_contact.name == "Person 29999"
        assert "Person 29999" in table.render_line(visible - 1).text

        await pilot.press("pageup", "k", "up", "home", "j")
        assert table.cursor_row == 1
        assert table.select_id(15_000)
        assert table.cursor_contact is not None and table.cursor_contact.id == 15_000


def test_narrowing_while_typing_finds_what_a_fresh_search_finds() -> None:
    rows = [
        replace(row, name=name, company=company, tags=tags)
        for row, (name, company, tags) in zip(
            many_summaries(6),
            [
                ("Bruno Costa", "Livro Aberto", ("publishing",)),
                ("Bruna Reis", "", ("design",)),
                ("Ana Lima", "Brunel Ltd", ("seo",)),
                ("Rui Matos", "", ("bruxelles",)),
                ("Bernardo Luna", "", ()),
                ("Ana Brun", "", ()),
            ],
            strict=True,
        )
    ]
    typing = ContactIndex(rows)
    for query in ("b", "br", "bru", "brun", "brun ", "brun c", "", "an", "an l", "an li", "a"):
        assert typing.filter(query) == ContactIndex(rows).filter(query), query
    # Names first (a prefix beats a later word), then the company match.
    found = [r.name for r in typing.filter("brun")]
    assert found[:4] == ["Bruna Reis", "Bruno Costa", "Ana Brun", "Ana Lima"]
