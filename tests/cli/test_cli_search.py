"""`netjournal search`, driven as a user would: output, exit codes, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft, ExchangeDraft, ReflectionDraft
from tests.conftest import TODAY

Run = Callable[..., Result]
LAST_YEAR = TODAY - timedelta(days=320)


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str, color: bool = False) -> Result:
        return CliRunner().invoke(
            cli, ["--db", str(journal_path), *args], prog_name="netjournal", color=color
        )

    return invoke


@pytest.fixture
def seeded(journal_path: Path) -> dict[str, int]:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        ana = journal.add_contact(
            ContactDraft("Ana Lima", company="Lumen Studio", notes="Wants a pottery kiln")
        )
        bo = journal.add_contact(ContactDraft("Bo Ström"))
        exchange = journal.log_exchange(
            ExchangeDraft(
                "gave",
                "Coffee at the harbour",
                (ana, bo),
                occurred_on=LAST_YEAR,
                notes="Talked about kiln prices",
            )
        )
        reflection = journal.add_reflection(
            ReflectionDraft(body="A kiln of one's own.", title="Clay", contact_ids=(ana,))
        )
    return {"ana": ana, "bo": bo, "exchange": exchange, "reflection": reflection}


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_results_are_grouped_by_kind(run: Run, seeded: dict[str, int]) -> None:
    out = ok(run("search", "kiln"))
    assert out.splitlines() == [
        "Contacts (1)",
        "  Ana Lima — Notes: Wants a pottery kiln",
        "",
        "Exchanges (1)",
        f"  {LAST_YEAR.isoformat()}  Ana Lima, Bo Ström  Coffee at the harbour — "
        "Talked about kiln prices",
        "",
        "Reflections (1)",
        f"  {TODAY.isoformat()}  Ana Lima  Clay — A kiln of one's own.",
    ]


def test_several_words_all_match(run: Run, seeded: dict[str, int]) -> None:
    out = ok(run("search", "harbour", "KILN"))
    assert "Coffee at the harbour" in out
    assert "Contacts" not in out
    assert ok(run("search", "harbour kiln")) == out


def test_matched_words_are_bold_on_a_terminal(run: Run, seeded: dict[str, int]) -> None:
    out = ok(run("search", "pottery", color=True))
    assert "Wants a \x1b[1mpottery\x1b[0m kiln" in out
    assert "\x1b" not in ok(run("search", "pottery"))


def test_json_document(run: Run, seeded: dict[str, int]) -> None:
    document = json.loads(ok(run("search", "kiln", "--json")))
    assert document["query"] == "kiln"
    assert [hit["id"] for hit in document["contacts"]] == [seeded["ana"]]
    exchange = document["exchanges"][0]
    assert exchange["id"] == seeded["exchange"]
    assert exchange["date"] == LAST_YEAR.isoformat()
    assert exchange["title"] == "Coffee at the harbour"
    assert exchange["matched"] == ["kiln"]
    assert exchange["people"] == [
        {"id": seeded["ana"], "name": "Ana Lima"},
        {"id": seeded["bo"], "name": "Bo Ström"},
    ]
    assert document["reflections"][0]["title"] == "Clay"
    assert document["more"] == {"contacts": False, "exchanges": False, "reflections": False}


def test_limit_says_there_is_more(run: Run, journal_path: Path) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        ana = journal.add_contact(ContactDraft("Ana Lima"))
        for n in range(3):
            journal.log_exchange(
                ExchangeDraft("gave", f"Walk number {n}", (ana,), occurred_on=TODAY)
            )
    out = ok(run("search", "walk", "--limit", "2"))
    assert "Exchanges (2+)" in out
    assert "raise --limit (now 2)" in out
    assert json.loads(ok(run("search", "walk", "--limit", "2", "--json")))["more"]["exchanges"]


def test_no_results_is_a_sentence(run: Run, seeded: dict[str, int]) -> None:
    assert ok(run("search", "glaze")) == "Nothing in your journal matches 'glaze'.\n"
    assert json.loads(ok(run("search", "glaze", "--json")))["exchanges"] == []


def test_no_journal_yet_finds_nothing_and_creates_nothing(run: Run, journal_path: Path) -> None:
    assert "Nothing in your journal matches" in ok(run("search", "kiln"))
    assert not journal_path.exists()


@pytest.mark.parametrize("args", [(), ("",), ("   ",), ("*", "-")])
def test_an_empty_query_is_a_usage_error(
    run: Run, seeded: dict[str, int], args: tuple[str, ...]
) -> None:
    result = run("search", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize("query", ["NEAR(a b", "a AND", "OR", "col:x", "kiln*", "kiln)", "'kiln"])
def test_syntax_characters_never_fail(run: Run, seeded: dict[str, int], query: str) -> None:
    ok(run("search", query))


@pytest.mark.parametrize("query", ['"', "(", ")", "'", "* -"])
def test_only_syntax_characters_is_a_usage_error(
    run: Run, seeded: dict[str, int], query: str
) -> None:
    result = run("search", query)
    assert result.exit_code == 2
    assert "Give a word to search for" in result.stderr


@pytest.mark.parametrize("args", [("-kiln",), ("--", "-kiln")])
def test_hyphen_words_are_searched_not_read_as_options(
    run: Run, seeded: dict[str, int], args: tuple[str, ...]
) -> None:
    assert "Coffee at the harbour" in ok(run("search", *args))


def test_advanced_syntax(run: Run, seeded: dict[str, int]) -> None:
    out = ok(run("search", "--advanced", "glaze OR harbour"))
    assert "Coffee at the harbour" in out
    out = ok(run("search", "--advanced", '"kiln prices"'))
    assert out.startswith("Exchanges (1)")


def test_bad_advanced_syntax_is_one_sentence(run: Run, seeded: dict[str, int]) -> None:
    result = run("search", "--advanced", "NEAR(a b")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "That isn't valid search syntax (it ends too soon); "
        "drop --advanced to search for the words as typed.\n"
    )


def test_hostile_stored_text_prints_without_escape_codes(run: Run, journal_path: Path) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("\x1b]0;pwned\x07Eve [bold]x[/]", notes="kiln \x1b[31m"))
    out = ok(run("search", "kiln", color=True))
    assert "]0;pwnedEve [bold]x[/]" in out
    assert "\x1b]" not in out
    assert "\x1b[31m" not in out
