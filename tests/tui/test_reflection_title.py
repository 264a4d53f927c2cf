"""One title rule for a reflection: the reading pane, the timeline, search and the shell agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Markdown, Static

from netjournal.cli import cli
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft, ReflectionDraft, reflection_title
from netjournal.tui.app import NetjournalApp
from netjournal.tui.widgets.contact_detail import timeline_content
from tests.conftest import TODAY
from tests.tui.test_contacts import settle

PROMPT = "What did I learn from someone this month?"
BODY = f"## {PROMPT}\n\nAna showed me how she prices workshops."


def test_the_rule() -> None:
    assert reflection_title("Pricing", BODY) == "Pricing"
    assert reflection_title("", BODY) == PROMPT
    assert reflection_title("  ", "\n\n  plain first line\nmore") == "plain first line"
    assert reflection_title("", " \n#\n") == "Untitled"


async def test_a_prompted_reflection_names_its_prompt_once(journal: Journal) -> None:
    ana = journal.add_contact(ContactDraft("Ana Lima"))
    journal.add_reflection(ReflectionDraft(BODY, prompt=PROMPT, contact_ids=(ana,)))
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        header = str(app.screen.query_one("#reading-header", Static).render())
        body = app.screen.query_one("#body-text", Markdown).source
        assert header.count(PROMPT) == 1
        assert "Prompt:" not in header
        assert PROMPT not in body and body.startswith("Ana showed me")
    timeline = timeline_content(journal.timeline(ana), ana, TODAY, 0, 80).plain
    assert f'"{PROMPT}"' in timeline and "##" not in timeline


def test_search_and_the_shell_use_the_same_title(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_reflection(ReflectionDraft(BODY, prompt=PROMPT))
        [hit] = journal.search("workshops").reflections
        assert hit.title.plain == PROMPT
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())
    result = CliRunner().invoke(cli, ["--db", str(journal_path), "search", "workshops"])
    assert result.exit_code == 0, result.output
    assert PROMPT in result.stdout and "untitled" not in result.stdout.lower()
