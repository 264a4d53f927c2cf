"""Every mark explains itself: the key under a panel, the help screen, a palette without noise."""

from __future__ import annotations

from datetime import timedelta

from textual.command import CommandPalette
from textual.widgets import Static

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.help import HelpDialog, HelpText
from netjournal.tui.screens.contacts import ContactsScreen
from tests.conftest import TODAY
from tests.tui.test_contacts import screen_text, settle


def seed(journal: Journal) -> None:
    long_ago = TODAY - timedelta(days=400)
    dana = journal.add_contact(ContactDraft("Dana Reis", cadence_days=7, added_on=long_ago))
    for days in (2, 40, 80):
        journal.log_exchange(
            ExchangeDraft("gave", "Shared a link", (dana,), occurred_on=TODAY - timedelta(days))
        )


async def test_contacts_has_a_key_under_the_table_and_help_explains_the_marks(
    journal: Journal,
) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        key = str(app.screen.query_one("#key", Static).render())
        for words in ("● overdue", "◐ due", "z snoozed", "⇢ you give", "⇠ you receive"):
            assert words in key
        assert "⇠ you receive  ◀ them · you ▶" in screen_text(app)

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        help_text = " ".join(app.screen.query_one(HelpText).draw(76).plain.split())
        assert "What the marks mean" in help_text
        assert "overdue: half a rhythm or more past it" in help_text
        assert "equal counts can draw different gauges" in help_text


async def test_help_wraps_long_descriptions_under_their_own_column(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = app.screen.query_one(HelpText).draw(50).plain.split("\n")
        keys_part = lines[: lines.index("") if "" in lines else len(lines)]
        # Every line is a key's own, or a continuation indented past the key and name columns.
        for line in keys_part:
            assert line[:10].strip() or line.startswith(" " * 28), line


async def test_home_explains_its_numbers_and_gauges(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "● overdue ◐ due" in text
        assert "◀ they gave · you gave ▶" in text
        assert "deep: value both ways, at least 3 exchanges" in text
        assert "1 person · " in text


async def test_the_palette_offers_only_what_netjournal_does(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"scroll")
        await pilot.pause(0.3)
        assert "Scroll Left" not in screen_text(app)
        await pilot.press(*["backspace"] * 6, *"copy")
        await pilot.pause(0.3)
        assert "Copy selected text" not in screen_text(app)
        await pilot.press(*["backspace"] * 4, *"filter")
        await pilot.pause(0.3)
        assert "Filter" in screen_text(app)
