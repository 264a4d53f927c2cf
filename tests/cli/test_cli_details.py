"""Shell details: usage errors exit 2, `netjournal keys`, a demo that leaves the config alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.tui import config as ui_config
from netjournal.tui.app import NetjournalApp
from tests.cli.test_cli import Run, add_people, opened, refused
from tests.conftest import TODAY


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`netjournal --db <journal_path> ...` on the fixed test day."""
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(journal_path), *args], prog_name="netjournal")

    return invoke


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["log", "gave", "ana", "Notes", "--kind", "bogus"], "is not a kind of exchange"),
        (["log", "gave", "ana", "Notes", "--weight", "7"], "is not in the range 1<=x<=3"),
        (["log", "sideways", "ana", "Notes"], "is not a direction"),
    ],
)
def test_a_bad_kind_weight_or_direction_is_a_usage_error(
    run: Run, journal_path: Path, args: list[str], says: str
) -> None:
    add_people(journal_path, "Ana Lima")
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output
    with opened(journal_path) as journal:
        assert journal.exchanges() == []


def test_a_name_nobody_has_is_still_a_refusal(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima")
    assert "No contact matches" in refused(run("log", "gave", "zed", "Notes"))


def test_keys_lists_every_id_and_where_to_remap_them(run: Run) -> None:
    result = run("keys")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Everywhere" in lines and "Contacts" in lines
    quick_log = next(line for line in lines if "app.quick_log" in line)
    assert quick_log.split()[0] == "l"
    assert any("app.undo" in line and "touch, snooze or delete" in line for line in lines)
    assert lines[-1].startswith("Remap them in ") and lines[-1].endswith("keymap.json")


async def test_a_theme_chosen_in_the_demo_is_not_saved(tmp_path: Path) -> None:
    from netjournal.core.journal import open_journal
    from netjournal.core.sample.demo import build_demo
    from netjournal.core.storage import paths

    demo = tmp_path / "demo" / "journal.db"
    build_demo(demo, today=TODAY)
    locations = paths.resolve(demo)
    with open_journal(demo, today=lambda: TODAY) as journal:
        app = NetjournalApp(journal, locations=locations, demo=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.theme = "textual-light"
            await pilot.pause()
    assert not locations.config_file.exists()
    assert ui_config.load(locations.config_file, locations.keymap_file).config.theme == (
        ui_config.DEFAULT_THEME
    )


def test_counts_in_the_shell_carry_thousands_separators() -> None:
    from netjournal.cli.output import plural

    assert plural(29354, "contact", "contacts") == "29,354 contacts"
    assert plural(1, "contact", "contacts") == "1 contact"
    assert plural(999) == "999 people"
