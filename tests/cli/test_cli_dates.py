"""Birthdays and other dates in the shell: `due` lists what is coming up, `add --birthday`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft, DateDraft
from tests.conftest import TODAY


def run(journal_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(journal_path), *args], prog_name="netjournal")


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())


@pytest.fixture
def dated_journal(journal_path: Path) -> Path:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(
            ContactDraft("Ana Lima", birthday_month=11, birthday_day=28, birthday_year=1986)
        )
        journal.add_contact(
            ContactDraft("Bruno Costa", dates=(DateDraft("Work anniversary", 12, 2, 2019),))
        )
        journal.add_contact(ContactDraft("Later Person", birthday_month=1, birthday_day=30))
    return journal_path


def test_due_lists_upcoming_dates_soonest_first(dated_journal: Path) -> None:
    result = run(dated_journal, "due")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("Upcoming — 2 dates")
    ana, bruno = lines[start + 1], lines[start + 2]
    for part in ("Sat 28 Nov", "in 3 days", "Ana Lima", "Birthday (turns 40)"):
        assert part in ana
    for part in ("Wed 2 Dec", "in 7 days", "Bruno Costa", "Work anniversary (7 years)"):
        assert part in bruno
    assert "Later Person" not in result.stdout


def test_due_json_has_the_upcoming_list(dated_journal: Path) -> None:
    result = run(dated_journal, "due", "--json")
    assert result.exit_code == 0, result.output
    upcoming = json.loads(result.stdout)["upcoming"]
    assert [(u["name"], u["label"], u["on"], u["days_away"], u["turning"]) for u in upcoming] == [
        ("Ana Lima", "Birthday", "2026-11-28", 3, 40),
        ("Bruno Costa", "Work anniversary", "2026-12-02", 7, 7),
    ]


def test_due_without_upcoming_dates_has_no_section(journal_path: Path) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Ana Lima"))
    result = run(journal_path, "due")
    assert result.exit_code == 0 and "Upcoming" not in result.stdout
    assert json.loads(run(journal_path, "due", "--json").stdout)["upcoming"] == []


def test_add_with_a_birthday(journal_path: Path) -> None:
    result = run(journal_path, "add", "Ana Lima", "--birthday", "1990-03-14")
    assert result.exit_code == 0, result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        (ref,) = journal.contact_refs()
        record = journal.contact(ref.id)
    assert (record.birthday_month, record.birthday_day, record.birthday_year) == (3, 14, 1990)


def test_add_with_an_unreadable_birthday_says_so_and_adds_nobody(journal_path: Path) -> None:
    result = run(journal_path, "add", "Ana Lima", "--birthday", "someday")
    assert result.exit_code != 0
    assert 'Can\'t read "someday" as a birthday' in result.output
    assert "Traceback" not in result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert journal.contact_refs() == []


def test_a_journal_written_while_the_clock_ran_ahead_reads_sensibly(journal_path: Path) -> None:
    """Exchanges dated after today (a wrong clock, since corrected) show as "in N days"."""
    from tests.tui.test_shared_journal import write_from_the_future

    with open_journal(journal_path, today=lambda: TODAY) as journal:
        ana = journal.add_contact(ContactDraft("Ana Lima", cadence_days=7))
        write_from_the_future(journal, ana, 3)
    listed = run(journal_path, "contacts")
    assert listed.exit_code == 0, listed.output
    assert "in 3 days" in listed.stdout and "-3" not in listed.stdout
    due = run(journal_path, "due", "--json")
    assert due.exit_code == 0, due.output
    assert json.loads(due.stdout)["reconnect"] == []
    searched = run(journal_path, "search", "flowers")
    assert searched.exit_code == 0 and "Sent flowers" in searched.stdout
