"""Length limits: typing past one is refused with a sentence (the text stays where it was typed),
and every list still fits its cells (docs/data-safety.md, "Limits")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from textual.widgets import Input, Label

from netjournal.cli import cli
from netjournal.core import validation
from netjournal.core.errors import InputError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft, ExchangeDraft, ReflectionDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.contact_form import ContactForm
from netjournal.tui.dialogs.quick_log import QuickLogDialog
from tests.conftest import TODAY


def invoke(path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(path), *args], env={"NETJOURNAL_TODAY": TODAY.isoformat()}
    )


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ["add", "N" * 201],
            "The name is too long (201 characters; the limit is 200). Shorten it and save again.",
        ),
        (["add", "Ana", "--company", "C" * 250], "The company is too long (250 characters"),
        (["add", "Ana", "--tag", "t" * 61], 'The tag "tttttttttttttttttttt…" is too long'),
        (["log", "gave", "Ana Lima", "S" * 1001], "The summary is too long (1,001 characters"),
        (["reflect", "B" * 200_001], "The reflection is too long (200,001 characters"),
    ],
)
def test_the_shell_refuses_text_past_a_limit_in_one_sentence(
    journal_path: Path, args: list[str], sentence: str
) -> None:
    assert invoke(journal_path, "add", "Ana Lima").exit_code == 0
    result = invoke(journal_path, *args)
    assert result.exit_code == 1
    assert result.output.startswith(sentence)
    assert len(result.output.strip().splitlines()) == 1
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert [r.name for r in journal.contact_refs()] == ["Ana Lima"]
        assert journal.exchanges() == [] and journal.reflections() == []


def test_text_at_each_limit_is_kept_whole(journal: Journal) -> None:
    contact = journal.add_contact(
        ContactDraft("N" * validation.NAME, notes="n" * validation.NOTES, tags=("t" * 60,))
    )
    journal.log_exchange(ExchangeDraft("gave", "S" * validation.SUMMARY, (contact,)))
    journal.add_reflection(ReflectionDraft("B" * validation.REFLECTION))
    assert len(journal.contact(contact).name) == 200
    assert len(journal.exchanges()[0].summary) == 1_000
    with pytest.raises(InputError, match="The notes are too long"):
        journal.add_contact(ContactDraft("Ana", notes="n" * (validation.NOTES + 1)))


async def test_the_contact_form_keeps_a_name_past_the_limit_and_says_why(
    journal: Journal,
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        name = form.query_one("#f-name", Input)
        name.value = "N" * 250
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is form
        assert name.value == "N" * 250
        problem = str(form.query_one("#name-error", Label).render())
        assert "The name is too long (250 characters; the limit is 200)" in problem
    assert journal.contact_refs() == []


async def test_the_quick_log_keeps_a_summary_past_the_limit_and_says_why(
    journal: Journal,
) -> None:
    journal.add_contact(ContactDraft("Ana Lima"))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickLogDialog)
        await pilot.press(*"ana", "enter")
        summary = dialog.query_one("#summary", Input)
        summary.value = "S" * 1_200
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog
        assert summary.value == "S" * 1_200
        problem = str(dialog.query_one("#save-problem", Label).render())
        assert "The summary is too long (1,200 characters; the limit is 1,000)" in problem
    assert journal.exchanges() == []


def _lines_of(app: NetjournalApp, selector: str) -> list[str]:
    """The text of the screen within the region of the widget `selector`."""
    region = app.screen.query_one(selector).region
    strips = app.screen._compositor.render_strips()
    return [
        "".join(segment.text for segment in strip.crop(region.x, region.right))
        for strip in strips[region.y : region.bottom]
    ]


LONG_NAME = ("Ana " + " ".join(f"n{i:03d}" for i in range(60)))[: validation.NAME]
LONG_SUMMARY = ("Sent " + " ".join(f"s{i:03d}" for i in range(300)))[: validation.SUMMARY]
LISTS = {"1": "#reconnect", "2": "#table", "3": "#exchanges", "4": "#reflections"}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("key", list(LISTS))
async def test_lists_and_tables_cut_long_text_to_one_line(
    journal: Journal, size: tuple[int, int], key: str
) -> None:
    from datetime import timedelta

    ana = journal.add_contact(
        ContactDraft(LONG_NAME, cadence_days=7, added_on=TODAY - timedelta(days=90))
    )
    journal.log_exchange(
        ExchangeDraft("gave", LONG_SUMMARY, (ana,), occurred_on=TODAY - timedelta(days=30))
    )
    journal.add_reflection(ReflectionDraft("Body", title=LONG_SUMMARY[:200], contact_ids=(ana,)))
    app = NetjournalApp(journal)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = _lines_of(app, LISTS[key])
    start = "Ana n000" if key in "12" else "Sent s000"
    rows = [line for line in lines if start in line]
    assert rows, f"the long text is not in the list: {lines}"
    assert all("…" in row for row in rows), rows
    # A wrapped row would carry on at the start of the next line with a later word.
    carried = [line for line in lines if re.match(r"[│ ]*[ns]\d{3}", line)]
    assert not carried, carried
