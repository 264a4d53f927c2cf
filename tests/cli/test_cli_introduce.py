"""`netjournal introduce`, driven as a user would: output, exit codes and the journal after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft
from tests.conftest import TODAY

Run = Callable[..., Result]
HOSTILE = "[@click=app.quit]x \x1b]0;pwned\x07 [/bold]"


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(journal_path), *args], prog_name="netjournal")

    return invoke


@contextmanager
def opened(path: Path) -> Iterator[Journal]:
    with open_journal(path, today=lambda: TODAY) as journal:
        yield journal


def add_people(path: Path, *names: str) -> None:
    with opened(path) as journal:
        for name in names:
            journal.add_contact(ContactDraft(name, added_on=TODAY - timedelta(days=400)))


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def refused(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


def test_introduce_two_people_counts_for_both(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima", "Bo Ström")
    out = ok(run("introduce", "ana", "bo", "Both work on SEO tools", "--on", "yesterday"))
    assert out == ("Introduced Ana Lima and Bo Ström (yesterday); it counts as given to both.\n")
    with opened(journal_path) as journal:
        (intro,) = journal.exchanges(limit=None)
        people = {s.name: s for s in journal.contact_summaries()}
    assert intro.kind == "introduction" and intro.direction == "gave"
    assert intro.summary == "Introduced Ana Lima and Bo Ström — Both work on SEO tools"
    assert intro.occurred_on == TODAY - timedelta(days=1)
    assert {c.name for c in intro.contacts} == {"Ana Lima", "Bo Ström"}
    assert people["Ana Lima"].gave_count == people["Bo Ström"].gave_count == 1


def test_introduced_by_someone_adds_the_new_person(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima")
    out = ok(run("introduce", "--by", "ana", "Cy Twombly", "Paints"))
    assert out.splitlines() == [
        "Added Cy Twombly as a new contact, introduced by Ana Lima.",
        "Logged: Ana Lima introduced you to Cy Twombly (today); "
        "it counts as received from Ana Lima.",
    ]
    # The same name again is the contact now in the journal, not a second one.
    out = ok(run("introduce", "--by", "ana", "cy twombly"))
    assert "Added" not in out
    with opened(journal_path) as journal:
        names = [s.name for s in journal.contact_summaries()]
        intros = journal.exchanges(limit=None)
        cy = journal.resolve_contact("Cy Twombly")
        how_met = journal.contact(cy.id).how_met
    assert names == ["Ana Lima", "Cy Twombly"]
    assert [e.direction for e in intros] == ["received", "received"]
    assert all([c.name for c in e.contacts] == ["Ana Lima"] for e in intros)
    assert how_met == "Introduced by Ana Lima"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["introduce", "ana lima", "Ana Lima"], "two different people"),
        (["introduce", "bo", "zed"], "No contact matches 'zed'"),
        (["introduce", "an", "bo"], "'an' matches 2 contacts"),
        (["introduce", "ana lima", "bo", "--on", "tomorrow"], "in the future"),
        (["introduce", "--by", "zed", "Cy"], "No contact matches 'zed'"),
        (["introduce", "--by", "bo", "Bo Ström"], "can't introduce you to themselves"),
    ],
)
def test_refusals_say_why_and_write_nothing(
    run: Run, journal_path: Path, args: list[str], message: str
) -> None:
    add_people(journal_path, "Ana Lima", "Ana Souza", "Bo Ström")
    assert message in refused(run(*args))
    with opened(journal_path) as journal:
        assert journal.exchanges(limit=None) == []
        assert len(journal.contact_summaries()) == 3


def test_a_refused_date_adds_no_new_contact(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima")
    assert "in the future" in refused(run("introduce", "--by", "ana", "Cy", "--on", "tomorrow"))
    with opened(journal_path) as journal:
        assert [s.name for s in journal.contact_summaries()] == ["Ana Lima"]


@pytest.mark.parametrize(
    "args",
    [
        ["introduce"],
        ["introduce", "ana"],
        ["introduce", "a", "b", "c", "d"],
        ["introduce", "--by", "ana"],
    ],
)
def test_wrong_number_of_names_is_a_usage_error(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_hostile_names_never_reach_the_terminal(run: Run, journal_path: Path) -> None:
    add_people(journal_path, HOSTILE)
    out = ok(run("introduce", "--by", "[@click", HOSTILE + " Jr", HOSTILE))
    assert "\x1b" not in out and "\x07" not in out
    assert "[@click=app.quit]x ]0;pwned [/bold] Jr" in out
