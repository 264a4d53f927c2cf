"""Hostile text through every screen and shell command: shown literally, never obeyed.

The corpus lives in data/hostile.json (markup, OSC/CSI sequences, C1 controls, bidi overrides,
NUL); lone surrogates and a 100 kB string are added here, and hypothesis adds more.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjournal.cli import cli as cli_main
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft, DateDraft, ExchangeDraft, ReflectionDraft
from netjournal.core.text import clean_line, clean_text
from netjournal.core.validation import NAME, SUMMARY
from netjournal.tui.app import NetjournalApp
from tests.conftest import TODAY

CORPUS: list[str] = json.loads(
    (Path(__file__).parent / "data" / "hostile.json").read_text(encoding="utf-8")
)["strings"]
EXTRA = ["lone surrogate \ud800 here", "x" * 100_000]
"""The 100 kB string fills the notes and the reflection; a name or summary holds as much of
it as the length limits allow."""
ALL = CORPUS + EXTRA
FORBIDDEN = {"\x1b", "\x07", "\x00", "\x9b", "\x9d", "\u202e", "\u2066"}


def _screen_text_and_actions(app: NetjournalApp) -> tuple[str, set[str]]:
    """Every character on screen, and every click action any segment carries."""
    text_parts: list[str] = []
    actions: set[str] = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            text_parts.append(segment.text)
            meta = segment.style.meta if segment.style else {}
            if meta.get("@click"):
                actions.add(str(meta["@click"]))
        text_parts.append("\n")
    return "".join(text_parts), actions


def _seed(journal: Journal, names: list[str]) -> list[int]:
    ids = []
    for index, name in enumerate(names):
        ids.append(
            journal.add_contact(
                ContactDraft(
                    name=name[:NAME],
                    company=name[:200],
                    notes=name,
                    tags=("hostile",),
                    cadence_days=7,
                    added_on=TODAY - timedelta(days=200),
                    # Upcoming on Home, in `due` and in the detail pane show these too.
                    birthday_month=TODAY.month,
                    birthday_day=TODAY.day,
                    dates=(DateDraft(name[:50] + " day", TODAY.month, TODAY.day, 2000),),
                )
            )
        )
        journal.log_exchange(
            ExchangeDraft(
                "gave",
                name[:SUMMARY],
                (ids[-1],),
                notes=name,
                occurred_on=TODAY - timedelta(days=30 + index),
            )
        )
    journal.add_reflection(
        ReflectionDraft(body="\n".join(names), title=names[0], contact_ids=(ids[0],))
    )
    return ids


def _assert_safe(text: str, actions: set[str]) -> None:
    for char in FORBIDDEN:
        assert char not in text, f"{char!r} reached the screen"
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in text if c != "\n")
    # Our own screen tabs, and links inside Markdown notes (shown, never opened or run).
    assert all(action.startswith(("app.show(", "link(")) for action in actions), actions
    assert not any("quit" in action for action in actions), actions


@pytest.mark.parametrize("screen_key", ["1", "2", "3", "4", "5"])
async def test_every_screen_shows_hostile_text_literally(journal: Journal, screen_key: str) -> None:
    _seed(journal, ALL)
    app = NetjournalApp(journal)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press(screen_key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # open / read whatever is highlighted
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        text, actions = _screen_text_and_actions(app)
        _assert_safe(text, actions)
        if screen_key in ("1", "2", "3"):
            # The markup-looking name shows as typed, brackets and all.
            assert "[@click=app.quit]x [/bold] [/" in text


async def test_search_shows_hostile_text_literally(journal: Journal) -> None:
    from netjournal.tui.dialogs.search import SearchDialog

    _seed(journal, ALL)
    app = NetjournalApp(journal)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.press(*"click")
        await pilot.press("enter")  # searches at once and opens the first hit
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        text, actions = _screen_text_and_actions(app)
        _assert_safe(text, actions)
        await pilot.press("ctrl+f", *"app quit")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchDialog)
        text, actions = _screen_text_and_actions(app)
        _assert_safe(text, actions)
        assert "[@click=app.quit]x [/bold] [/" in text


def test_stored_text_is_the_cleaned_input(journal: Journal) -> None:
    ids = _seed(journal, ALL)
    for contact_id, raw in zip(ids, ALL, strict=True):
        record = journal.contact(contact_id)
        assert record.name == clean_line(raw[:NAME])
        assert record.notes == clean_text(raw).strip("\n")


def _run_cli(path: Path, *args: str) -> Any:
    runner = CliRunner()
    return runner.invoke(
        cli_main, ["--db", str(path), *args], env={"NETJOURNAL_TODAY": TODAY.isoformat()}
    )


def test_shell_output_never_carries_control_codes(journal_path: Path) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        _seed(journal, CORPUS)
    outputs = []
    for args in (
        ("due",),
        ("due", "--json"),
        ("contacts",),
        ("contacts", "--json"),
        ("search", "click"),
        ("search", "hostile", "--json"),
        ("suggest", "a hostile thing", "--tag", "hostile"),
    ):
        result = _run_cli(journal_path, *args)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout + result.stderr)
    for raw in CORPUS:
        result = _run_cli(journal_path, "add", raw)
        outputs.append(result.stdout + result.stderr)
        result = _run_cli(journal_path, "log", "gave", raw, raw)
        assert "Traceback" not in result.output
        outputs.append(result.stdout + result.stderr)
        result = _run_cli(journal_path, "search", raw)
        assert result.exit_code in (0, 2), result.output  # 2: no word in it to search for
        outputs.append(result.stdout + result.stderr)
        result = _run_cli(journal_path, "suggest", raw, "--tag", raw[:50])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout + result.stderr)
        result = _run_cli(journal_path, "introduce", "--by", raw, f"{raw} (new)", raw)
        assert "Traceback" not in result.output
        outputs.append(result.stdout + result.stderr)
    joined = "".join(outputs)
    for char in FORBIDDEN:
        assert char not in joined, f"{char!r} reached the shell"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=60
    ).filter(lambda s: clean_line(s) != "")
)
def test_any_name_round_trips_cleaned(journal: Journal, name: str) -> None:
    contact_id = journal.add_contact(ContactDraft(name=name))
    stored = journal.contact(contact_id).name
    assert stored == clean_line(name)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in stored)
    journal.delete_contact(contact_id)


@pytest.mark.parametrize("importer", ["linkedin", "vcard", "generic_csv", "netjournal_json"])
def test_every_importer_stores_the_corpus_cleaned(
    journal: Journal, tmp_path: Path, importer: str
) -> None:
    from tests.io import test_hostile as formats
    from tests.io.conftest import run_import

    make = getattr(formats, importer)
    # One-line entries: a name field can't hold a line break in every format.
    names = [raw for raw in CORPUS if "\n" not in raw and "\r" not in raw and '"' not in raw]
    for index, raw in enumerate(names):
        folder = tmp_path / f"{importer}-{index}"
        folder.mkdir()
        plan, result = run_import(journal, make(folder, raw, "Acme"))
        assert not plan.skipped, (raw, plan.skipped)
        stored = journal.contact(result.contact_ids[0]).name
        assert stored == clean_line(raw), raw
        for char in FORBIDDEN:
            assert char not in stored
