"""`netjournal check`: the file's integrity and the ledger, reported and repaired."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from tests.conftest import TODAY

Run = Callable[..., Result]


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(journal_path), *args], prog_name="netjournal")

    return invoke


def test_a_healthy_journal_adds_up(run: Run) -> None:
    assert "nothing to check" in run("check").stdout
    assert run("add", "Ana Lima").exit_code == 0
    assert run("log", "gave", "Ana", "The SEO checklist").exit_code == 0
    done = run("check")
    assert done.exit_code == 0
    assert "The journal file is whole" in done.stdout
    assert "The highlight figures of your one contact add up." in done.stdout
    assert run("add", "Bo Chen").exit_code == 0
    assert "The highlight figures of all 2 contacts add up." in run("check").stdout


def test_figures_that_dont_add_up_are_reported_then_rebuilt(run: Run, journal_path: Path) -> None:
    assert run("add", "Ana Lima").exit_code == 0
    assert run("log", "gave", "Ana", "The SEO checklist").exit_code == 0
    with sqlite3.connect(journal_path) as raw:  # as a bug, or another program, might leave it
        raw.execute("UPDATE contact_ledger SET gave_count = 7")
    reported = run("check", "--no-repair")
    assert reported.exit_code == 1
    assert "of 1 contact don't add up" in reported.stderr
    assert "Traceback" not in reported.output
    repaired = run("check")
    assert repaired.exit_code == 0
    assert "were rebuilt from the exchanges" in repaired.stdout
    with sqlite3.connect(journal_path) as raw:
        assert raw.execute("SELECT gave_count FROM contact_ledger").fetchall() == [(1,)]
    assert "add up" in run("check", "--no-repair").stdout
