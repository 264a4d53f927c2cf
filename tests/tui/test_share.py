"""Share suggestions after the quick log: a notice, not a dialog in the way; S offers them."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.quick_log import QuickLogDialog
from netjournal.tui.dialogs.share import ShareDialog
from tests.conftest import TODAY

LONG_AGO = TODAY - timedelta(days=400)
HOSTILE = "[@click=app.quit]x [/bold] [/"


def seed(journal: Journal, *people: tuple[str, tuple[str, ...]]) -> dict[str, int]:
    return {
        name: journal.add_contact(ContactDraft(name, tags=tags, added_on=LONG_AGO))
        for name, tags in people
    }


def screen_lines(app: NetjournalApp) -> list[str]:
    """What the screen shows, line by line, as plain text."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


async def settle(app: NetjournalApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def log_it(
    app: NetjournalApp, pilot: Pilot[None], name: str, summary: str, *keys: str
) -> None:
    """Open the quick log, pick `name`, press `keys` (e.g. a direction), type, and save."""
    await settle(app, pilot)
    await pilot.press("l")
    await settle(app, pilot)
    assert isinstance(app.screen, QuickLogDialog)
    await pilot.press(*name)
    await pilot.press("enter")
    if keys:
        await pilot.press(*keys)
    await pilot.press(*summary)
    await pilot.press("enter")
    await settle(app, pilot)


async def offer(app: NetjournalApp, pilot: Pilot[None]) -> None:
    """The log is saved and nothing stands in the way; a notice says S offers it to others."""
    assert not isinstance(app.screen, (QuickLogDialog, ShareDialog))
    notices = [n.message for n in app._notifications]
    assert any("might value it too: press S to log it for them." in n for n in notices)
    await pilot.press("S")
    await settle(app, pilot)


async def test_an_article_goes_to_two_suggested_people_in_a_few_keys(journal: Journal) -> None:
    ids = seed(
        journal,
        ("Ana Lima", ("seo",)),
        ("Bruno Costa", ("seo",)),
        ("Chen Wei", ("seo", "design")),
        ("Dora Reis", ("music",)),
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(100, 32)) as pilot:
        await log_it(app, pilot, "ana", "Sent the SEO checklist")
        await offer(app, pilot)
        assert isinstance(app.screen, ShareDialog)
        text = "\n".join(screen_lines(app))
        assert "Share it with others too?" in text
        assert "Logged for Ana Lima." in text
        assert "Bruno Costa" in text and "Chen Wei" in text
        assert "tagged #seo" in text
        assert "Dora" not in text
        # The save already happened: Ana alone so far.
        [exchange] = journal.exchanges()
        assert [c.id for c in exchange.contacts] == [ids["Ana Lima"]]

        await pilot.press("space", "down", "space", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, (ShareDialog, QuickLogDialog))
        messages = [n.message for n in app._notifications]
        assert "Logged for Ana Lima, Bruno Costa and Chen Wei." in messages

    [exchange] = journal.exchanges()
    assert {c.id for c in exchange.contacts} == {
        ids["Ana Lima"],
        ids["Bruno Costa"],
        ids["Chen Wei"],
    }
    assert exchange.summary == "Sent the SEO checklist"
    # Everyone has the same entry on their timeline, with the same date and direction.
    for name in ("Bruno Costa", "Chen Wei"):
        [item] = journal.timeline(ids[name])
        assert item.exchange is not None
        assert (item.exchange.id, item.exchange.direction) == (exchange.id, "gave")
        assert item.exchange.occurred_on == TODAY


async def test_escape_or_enter_with_nobody_ticked_logs_no_more(journal: Journal) -> None:
    ids = seed(journal, ("Ana Lima", ("seo",)), ("Bruno Costa", ("seo",)))
    app = NetjournalApp(journal)
    async with app.run_test(size=(100, 32)) as pilot:
        await log_it(app, pilot, "ana", "Sent the SEO checklist")
        await offer(app, pilot)
        assert isinstance(app.screen, ShareDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ShareDialog)

        await log_it(app, pilot, "ana", "Sent the SEO talk")
        await offer(app, pilot)
        assert isinstance(app.screen, ShareDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ShareDialog)

    assert [[c.id for c in e.contacts] for e in journal.exchanges()] == [
        [ids["Ana Lima"]],
        [ids["Ana Lima"]],
    ]


async def test_received_items_and_unmatched_ones_do_not_prompt(journal: Journal) -> None:
    seed(journal, ("Ana Lima", ("seo",)), ("Bruno Costa", ("seo",)), ("Dora Reis", ()))
    app = NetjournalApp(journal)
    async with app.run_test(size=(100, 32)) as pilot:
        # alt+r: received, from any field.
        await log_it(app, pilot, "ana", "Sent me the SEO checklist", "alt+r")
        assert not isinstance(app.screen, (ShareDialog, QuickLogDialog))
        # Given, but nothing about it points at anyone else.
        await log_it(app, pilot, "dor", "Lunch money")
        assert not isinstance(app.screen, (ShareDialog, QuickLogDialog))
        assert app.pending_share is None
        await pilot.press("S")
        await settle(app, pilot)
        assert not isinstance(app.screen, ShareDialog)
    directions = sorted(e.direction for e in journal.exchanges())
    assert directions == ["gave", "received"]


async def test_hostile_names_and_reasons_show_literally(journal: Journal) -> None:
    ids = seed(journal, ("Ana Lima", ("seo",)), (HOSTILE, ("seo",)))
    app = NetjournalApp(journal)
    async with app.run_test(size=(100, 32)) as pilot:
        await log_it(app, pilot, "ana", "Sent the SEO checklist")
        await offer(app, pilot)
        assert isinstance(app.screen, ShareDialog)
        assert any(HOSTILE in line for line in screen_lines(app))
        await pilot.press("space", "enter")
        await settle(app, pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert f"Logged for Ana Lima and {HOSTILE}." in messages
    [exchange] = journal.exchanges()
    assert {c.id for c in exchange.contacts} == set(ids.values())
