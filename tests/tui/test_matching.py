"""The quick log and the Contacts filter find people as the shell does, accents and typos too."""

from __future__ import annotations

from datetime import timedelta

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.screens.contacts import ContactsScreen
from tests.conftest import TODAY
from tests.tui.test_quick_log import open_quick_log, settle, suggestions_text

LONG_AGO = TODAY - timedelta(days=400)


def seed(journal: Journal) -> dict[str, int]:
    return {
        name: journal.add_contact(ContactDraft(name, added_on=LONG_AGO))
        for name in ("Chloé Dubois", "Ana Lima", "Bruno Costa")
    }


async def test_the_quick_log_folds_accents_and_forgives_typos(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_quick_log(app, pilot)
        await pilot.press(*"chloe")
        await settle(app, pilot)
        assert "Chloé Dubois" in suggestions_text(dialog)[0]
        await pilot.press(*["backspace"] * 5, *"anna")
        await settle(app, pilot)
        assert "Ana Lima" in suggestions_text(dialog)[0]
        await pilot.press("enter", *"Sent the notes", "enter")
        await settle(app, pilot)
    logged = journal.exchanges(limit=5)
    assert [(e.summary, [c.id for c in e.contacts]) for e in logged] == [
        ("Sent the notes", [ids["Ana Lima"]])
    ]


async def test_the_contacts_filter_folds_accents_and_forgives_typos(journal: Journal) -> None:
    seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await pilot.press("slash", *"chloe")
        await settle(app, pilot)
        assert [row.name for row in screen.table.rows] == ["Chloé Dubois"]
        await pilot.press(*["backspace"] * 5, *"dubios")
        await settle(app, pilot)
        assert [row.name for row in screen.table.rows] == ["Chloé Dubois"]
        await pilot.press(*["backspace"] * 6, *"anna")
        await settle(app, pilot)
        assert [row.name for row in screen.table.rows] == ["Ana Lima"]
