"""`netjournal suggest` and the hint after `netjournal log`: the app's ranking, in the shell."""

from __future__ import annotations

import json
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


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture
def people(run: Run) -> None:
    ok(run("add", "Ana Lima", "--tag", "seo"))
    ok(run("add", "Bruno Costa", "--tag", "seo,design"))
    ok(run("add", "Chen Wei", "--tag", "ai", "--note", "Rebuilding the pricing page"))
    ok(run("add", "Dora Reis", "--tag", "music"))


@pytest.mark.usefixtures("people")
def test_suggest_lists_people_with_their_reasons(run: Run) -> None:
    ok(run("log", "gave", "Ana", "Sent the SEO checklist", "--kind", "article"))
    out = ok(run("suggest", "Pricing and SEO checklist ideas"))
    assert out.splitlines() == [
        "Ana Lima — tagged #seo; you sent them “SEO checklist” in November",
        "Bruno Costa — tagged #seo",
        "Chen Wei — notes mention pricing",
    ]


@pytest.mark.usefixtures("people")
def test_suggest_for_someone_leaves_them_out_and_counts_their_tags(run: Run) -> None:
    out = ok(run("suggest", "A talk", "--for", "bruno", "--tag", "ai"))
    assert out.splitlines() == [
        "Chen Wei — tagged #ai",
        "Ana Lima — also tagged #seo",
    ]


@pytest.mark.usefixtures("people")
def test_suggest_as_json(run: Run) -> None:
    document = json.loads(ok(run("suggest", "Pricing", "--json")))
    assert document == [
        {"id": 3, "name": "Chen Wei", "score": 1.5, "reasons": ["notes mention pricing"]}
    ]
    assert json.loads(ok(run("suggest", "Nothing matches", "--json"))) == []


@pytest.mark.usefixtures("people")
def test_no_suggestions_is_a_sentence_and_success(run: Run) -> None:
    out = ok(run("suggest", "Lunch money"))
    assert out.startswith("No one else stands out for this yet")


def test_suggest_without_a_journal_creates_nothing(run: Run, journal_path: Path) -> None:
    assert ok(run("suggest", "SEO")).startswith("No one else stands out")
    assert not journal_path.exists()


@pytest.mark.usefixtures("people")
def test_an_unknown_for_name_is_refused(run: Run) -> None:
    result = run("suggest", "SEO", "--for", "Zelda")
    assert result.exit_code == 1
    assert "No contact matches 'Zelda'" in result.output


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("summary", ['"NEAR(a b)" * ^', "seo AND OR", "{notes} : x", "[/bold]"])
def test_hostile_summaries_are_only_text(run: Run, summary: str) -> None:
    result = run("suggest", summary)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("people")
def test_log_hints_in_one_line_with_the_same_ranking(run: Run) -> None:
    out = ok(run("log", "gave", "Ana", "Notes on pricing and SEO", "--kind", "article"))
    assert out.splitlines()[1:] == [
        "Might also value this: Bruno Costa (tagged #seo), Chen Wei (notes mention pricing)."
    ]
    assert ok(run("suggest", "Notes on pricing and SEO", "--for", "Ana")).splitlines() == [
        "Bruno Costa — tagged #seo",
        "Chen Wei — notes mention pricing",
    ]


@pytest.mark.usefixtures("people")
def test_log_gives_no_hint_for_what_was_received_or_personal(run: Run) -> None:
    for args in (
        ("log", "received", "Ana", "The SEO checklist"),
        ("log", "gave", "Ana", "Introduced Bruno to an SEO agency", "--kind", "intro"),
    ):
        assert "Might also value" not in ok(run(*args))
