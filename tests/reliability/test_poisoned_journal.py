"""A journal poisoned outside netjournal: every text column of every table holds ESC/OSC/CSI,
C0, C1, bidi controls and NUL (written with plain sqlite3, after netjournal made the journal).

Every screen and dialog (driven with the Pilot), every shell command and every exporter must
show the text without one of those characters reaching the terminal or a file (JSON may escape
them as \\u001b). The poison is wrapped around each value, so "pwned" on screen proves the
poisoned text itself was drawn.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from netjournal.cli import cli as cli_main
from netjournal.core.journal import Journal, open_journal
from netjournal.core.sample.demo import build_demo
from netjournal.tui.app import NetjournalApp
from tests.conftest import TODAY
from tests.reliability.hostile_files import POISON, forbidden_in, poison_journal

MARK = "pwned"
"""Printable text inside the poison: seeing it proves poisoned text was drawn."""


@pytest.fixture(scope="module")
def poisoned_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("poisoned") / "journal.db"
    build_demo(path, today=TODAY)
    columns = poison_journal(path)
    # Every table that holds user text was reached, the search index's copies included.
    assert {"contact", "exchange", "reflection", "channel", "tag", "contact_date"} <= set(columns)
    assert {"contact_search", "exchange_search", "reflection_search"} <= set(columns)
    assert "summary" in columns["exchange"] and "body" in columns["reflection"]
    return path


@pytest.fixture
def poisoned_path(poisoned_source: Path, tmp_path: Path) -> Path:
    path = tmp_path / "journal" / "journal.db"
    path.parent.mkdir()
    shutil.copy(poisoned_source, path)
    return path


@pytest.fixture
def poisoned(poisoned_path: Path) -> Iterator[Journal]:
    journal = open_journal(poisoned_path, today=lambda: TODAY)
    try:
        yield journal
    finally:
        journal.close()


# ------------------------------------------------------------------------------- screen


def _screen_text(app: NetjournalApp) -> str:
    """Every character of every segment the screen (and any dialog or toast on it) renders."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        lines.append("".join(segment.text for segment in strip if segment.control is None))
    return "\n".join(lines)


def _working_here(app: NetjournalApp) -> list[Worker[object]]:
    """Unfinished workers of the screen on top. A worker of a screen underneath (or of the app,
    while a dialog is open) is awaiting that dialog, and would wait for ever."""
    screen = app.screen
    here = []
    for worker in app.workers:
        if worker.is_finished:
            continue
        node = worker.node
        if node is app:
            if isinstance(screen, ModalScreen):
                continue
        elif node is not screen and getattr(node, "screen", None) is not screen:
            continue
        here.append(worker)
    return here


async def _settle(app: NetjournalApp, pilot: Pilot[None]) -> None:
    for _ in range(20):
        await pilot.pause()
        pending = _working_here(app)
        if not pending:
            return
        for worker in pending:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
    await pilot.pause()


class Tour:
    """Presses keys as a user would and checks the screen after every step."""

    def __init__(self, app: NetjournalApp, pilot: Pilot[None]) -> None:
        self.app = app
        self.pilot = pilot

    async def step(
        self,
        name: str,
        *keys: str,
        screen: str | None = None,
        expect_mark: bool = True,
        wait: float = 0.0,
    ) -> str:
        if keys:
            await self.pilot.press(*keys)
        if wait:
            await self.pilot.pause(wait)  # a debounce timer (search as you type)
        await _settle(self.app, self.pilot)
        assert self.app.is_running, f"the app stopped at {name}"
        if screen is not None:
            assert type(self.app.screen).__name__ == screen, name
        text = _screen_text(self.app)
        bad = forbidden_in(text)
        assert not bad, f"{name}: {sorted(set(bad))!r} reached the screen"
        if expect_mark:
            assert MARK in text, f"{name}: no poisoned text on screen, so nothing was tested"
        return text

    async def close_dialogs(self, name: str) -> None:
        """Escape out of every dialog, saying yes to discarding (a poisoned value is cleaned
        when a form loads it, which counts as a change)."""
        for _ in range(6):
            if not isinstance(self.app.screen, ModalScreen):
                return
            key = "y" if type(self.app.screen).__name__ == "ConfirmDialog" else "escape"
            await self.step(f"{name}: closing", key, expect_mark=False)
        raise AssertionError(f"{name}: a dialog would not close")


async def test_every_screen_and_dialog_draws_no_control_character(poisoned: Journal) -> None:
    app = NetjournalApp(poisoned)
    async with app.run_test(size=(140, 45)) as pilot:
        tour = Tour(app, pilot)
        await tour.step("home", screen="HomeScreen")
        await tour.step("home: contact form", "e", screen="ContactForm")
        await tour.close_dialogs("contact form")
        await tour.step("contacts", "2", screen="ContactsScreen")
        await tour.step("contacts: detail", "enter")
        await tour.step("contacts: table again", "escape")
        await tour.step("contacts: snooze dialog", "s", screen="SnoozeDialog")
        await tour.close_dialogs("snooze")
        await tour.step("contacts: delete confirmation", "d", screen="ConfirmDialog")
        await tour.step("contacts: kept", "escape", screen="ContactsScreen")
        await tour.step("contacts: introduce dialog", "i", screen="IntroduceDialog")
        await tour.step("contacts: introduce picker", *"a", screen="IntroduceDialog")
        await tour.close_dialogs("introduce")
        await tour.step("contacts: touched (a notification)", "t", screen="ContactsScreen")
        await tour.step("contacts: filter", "/", *"a")
        await tour.step("contacts: filter cleared", "escape", "escape")
        await tour.step("log", "3", screen="LogScreen")
        await tour.step("log: filter", "/", *"a", screen="LogScreen")
        await tour.step("log: filter closed", "escape", "escape", screen="LogScreen")
        await tour.step("log: first person opened", "enter", screen="ContactsScreen")
        await tour.step("reflections", "4", screen="ReflectionsScreen")
        await tour.step("reflections: read", "enter", screen="ReflectionsScreen")
        await tour.step("reflections: editor", "e", screen="ReflectionEditor")
        await tour.close_dialogs("reflection editor")
        await tour.step("insights", "5", screen="InsightsScreen", expect_mark=False)
        await tour.step("insights: 24 months", "m", screen="InsightsScreen", expect_mark=False)
        await tour.step("quick log", "l", screen="QuickLogDialog", expect_mark=False)
        await tour.step("quick log: picking", *"ana", screen="QuickLogDialog")
        await tour.step("quick log: picked", "enter", screen="QuickLogDialog")
        await tour.step("quick log: logged", *"Sent the SEO checklist", "enter", expect_mark=False)
        await tour.close_dialogs("after the quick log")
        await tour.step("search", "ctrl+f", *"ana", screen="SearchDialog", wait=0.4)
        await tour.step("search: a hit opened", "enter")
        await tour.close_dialogs("search")
        await tour.step("help", "question_mark", screen="HelpDialog", expect_mark=False)
        await tour.close_dialogs("help")
        await tour.step("palette", "ctrl+p", *"ana", screen="CommandPalette", expect_mark=False)
        await tour.close_dialogs("palette")
        await tour.step("export dialog", "E", screen="TransferDialog", expect_mark=False)
        await tour.close_dialogs("export")
        await tour.step("new reflection", "n", screen="ReflectionEditor", expect_mark=False)
        await tour.close_dialogs("new reflection")
        await tour.step("add contact", "a", screen="ContactForm", expect_mark=False)
        await tour.close_dialogs("add contact")


async def test_an_import_preview_of_a_poisoned_file_draws_no_control_character(
    poisoned: Journal, tmp_path: Path
) -> None:
    source = tmp_path / "people.json"
    document = json.loads(_cli(poisoned.path, "export", "--format", "json").stdout)
    document["settings"] = {}
    source.write_text(json.dumps(document), encoding="utf-8")
    app = NetjournalApp(poisoned)
    async with app.run_test(size=(140, 45)) as pilot:
        tour = Tour(app, pilot)
        await tour.step("import dialog", "I", expect_mark=False)
        # The file's contacts are the journal's own, cleaned on the way in: already there.
        text = await tour.step("import preview", *str(source), "enter", expect_mark=False)
        assert "Preview of" in text


# -------------------------------------------------------------------------------- shell


def _cli(path: Path, *args: str) -> object:
    result = CliRunner().invoke(
        cli_main, ["--db", str(path), *args], env={"NETJOURNAL_TODAY": TODAY.isoformat()}
    )
    return result


SHELL_COMMANDS: list[tuple[str, ...]] = [
    ("due",),
    ("due", "--json"),
    ("contacts",),
    ("contacts", "--json"),
    ("contacts", "--all"),
    ("search", "ana"),
    ("search", "pwned"),
    ("search", "ana", "--json"),
    ("suggest", "notes on seo", "--tag", "seo"),
    ("suggest", "notes on seo", "--json"),
    ("export",),
    ("export", "--format", "md"),
    ("export", "--format", "vcf"),
    ("where",),
]


@pytest.mark.parametrize("args", SHELL_COMMANDS, ids=" ".join)
def test_shell_output_carries_no_control_character(poisoned_path: Path, args: tuple[str]) -> None:
    result = _cli(poisoned_path, *args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    output = result.stdout + result.stderr  # type: ignore[attr-defined]
    bad = forbidden_in(output.replace("\r\n", "\n"))
    assert not bad, f"{sorted(set(bad))!r} reached the terminal"
    if args[0] not in ("where",):
        assert MARK in output, "no poisoned text was printed, so nothing was tested"
    if ("--json" in args and args[0] != "search") or args == ("export",):
        # Escaped, not lost: the JSON decodes back to the stored text.
        assert any(POISON in text for text in _strings(json.loads(result.stdout)))  # type: ignore[attr-defined]


def _strings(document: object) -> Iterator[str]:
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for value in document.values():
            yield from _strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from _strings(value)


def test_json_output_keeps_the_stored_text_escaped(poisoned_path: Path) -> None:
    result = _cli(poisoned_path, "contacts", "--json")
    people = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert any(POISON in person["name"] for person in people)
    assert "\\u001b]0;pwned\\u0007" in result.stdout  # type: ignore[attr-defined]
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout  # type: ignore[attr-defined]


def test_writing_commands_print_no_control_character(poisoned_path: Path) -> None:
    with open_journal(poisoned_path, today=lambda: TODAY) as journal:
        first = journal.contact_refs()[0]
    name = first.name
    outputs = []
    for args in (
        ("log", "gave", name, "A note for them"),
        ("touch", name),
        ("snooze", name, "7"),
        ("add", name),
        ("log", "gave", name[:30], "Ambiguous on purpose"),
        ("introduce", name, name),
        ("reflect", "A short reflection", "--about", name),
    ):
        result = _cli(poisoned_path, *args)
        assert "Traceback" not in result.output  # type: ignore[attr-defined]
        outputs.append(result.stdout + result.stderr)  # type: ignore[attr-defined]
    joined = "".join(outputs)
    assert MARK in joined
    assert not forbidden_in(joined), sorted(set(forbidden_in(joined)))


# ---------------------------------------------------------------------------- exporters


@pytest.mark.parametrize("fmt", ["md", "vcf", "csv", "json"])
def test_every_exporter_writes_no_control_character(
    poisoned_path: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / ("export-csv" if fmt == "csv" else f"export.{fmt}")
    result = _cli(poisoned_path, "export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    files = sorted(target.iterdir()) if fmt == "csv" else [target]
    assert files
    for file in files:
        raw = file.read_bytes()
        text = raw.decode("utf-8")
        # vCard and CSV end their lines with CRLF by standard; no other CR may be left.
        bad = forbidden_in(text.replace("\r\n", "\n"))
        assert not bad, f"{file.name}: {sorted(set(bad))!r} written"
    everything = "".join(file.read_text(encoding="utf-8") for file in files)
    assert MARK in everything
    if fmt == "json":
        assert json.loads(everything)["contacts"][0]["name"].startswith(POISON)
