"""The shell face, driven as a user would: commands, output, exit codes and the journal after."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from netjournal import __version__
from netjournal.cli import REFLECT_PROMPT, TUI_MISSING, cli
from netjournal.core.errors import JournalFileError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactDraft, ExchangeDraft
from tests.conftest import TODAY

Run = Callable[..., Result]


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `netjournal --db <journal_path> ...` on the fixed test day."""
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str, input: str | None = None, db: bool = True) -> Result:
        prefix = ["--db", str(journal_path)] if db else []
        return CliRunner().invoke(cli, [*prefix, *args], input=input, prog_name="netjournal")

    return invoke


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the demo and rescued text go during a test, instead of the system's temp folder."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@contextmanager
def opened(path: Path) -> Iterator[Journal]:
    with open_journal(path, today=lambda: TODAY) as journal:
        yield journal


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def refused(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


def add_people(path: Path, *names: str) -> list[int]:
    with opened(path) as journal:
        return [
            journal.add_contact(ContactDraft(name, added_on=TODAY - timedelta(days=400)))
            for name in names
        ]


def log_days_ago(journal: Journal, direction: str, contact_id: int, *days: int) -> None:
    for day in days:
        journal.log_exchange(
            ExchangeDraft(
                direction, f"{direction} {day}", (contact_id,), occurred_on=TODAY - timedelta(day)
            )
        )


@pytest.fixture
def highlights_journal(journal_path: Path) -> Path:
    """One overdue contact, one you give to, one who gives to you."""
    with opened(journal_path) as journal:
        long_ago = TODAY - timedelta(days=400)
        olga = journal.add_contact(ContactDraft("Olga Ortiz", cadence_days=30, added_on=long_ago))
        gina = journal.add_contact(ContactDraft("Gina Gomez", added_on=long_ago))
        rita = journal.add_contact(ContactDraft("Rita Ramos", added_on=long_ago))
        journal.log_exchange(
            ExchangeDraft(
                "gave", "Coffee", (olga,), kind="meeting", occurred_on=TODAY - timedelta(60)
            )
        )
        log_days_ago(journal, "gave", gina, 10, 20, 30, 40)
        log_days_ago(journal, "received", rita, 5, 15, 25, 35)
    return journal_path


# --------------------------------------------------------------------------- add and log


def test_add_three_and_log_each_direction_with_natural_dates(run: Run, journal_path: Path) -> None:
    assert ok(run("add", "Ana Lima", "--tag", "close,seo", "--every", "30")) == "Added Ana Lima.\n"
    assert ok(run("add", "Bruno Costa", "--tag", "seo", "--company", "Pedra")) == (
        "Added Bruno Costa.\n"
    )
    assert ok(run("add", "Chen Wei", "--email", "chen@example.com")) == "Added Chen Wei.\n"

    gave = run("log", "gave", "Ana Lima", "Sent the SEO checklist", "--kind", "article",
               "--on", "yesterday")  # fmt: skip
    assert ok(gave).startswith(
        "Logged: gave Ana Lima an article — Sent the SEO checklist (yesterday).\n"
    )
    received = run("log", "r", "bruno", "Reviewed my pricing page", "--kind", "feedback",
                   "--on", "3 days ago", "--weight", "2")  # fmt: skip
    assert ok(received) == (
        "Logged: received feedback from Bruno Costa — Reviewed my pricing page (3 days ago).\n"
    )
    mutual = run("log", "m", "chen", "Coffee about AI tools", "--kind", "coffee")
    assert (
        ok(mutual) == "Logged: exchanged a meeting with Chen Wei — Coffee about AI tools (today).\n"
    )

    with opened(journal_path) as journal:
        logged = {e.summary: e for e in journal.exchanges(limit=None)}
        ana = journal.contact(journal.resolve_contact("Ana Lima").id)
    assert ana.tags == ("close", "seo") and ana.cadence_days == 30
    checklist = logged["Sent the SEO checklist"]
    assert (checklist.direction, checklist.kind, checklist.occurred_on) == (
        "gave", "article", TODAY - timedelta(days=1)
    )  # fmt: skip
    review = logged["Reviewed my pricing page"]
    assert (review.direction, review.weight, review.occurred_on) == (
        "received", 2, TODAY - timedelta(days=3)
    )  # fmt: skip
    coffee = logged["Coffee about AI tools"]
    assert (coffee.direction, coffee.kind, coffee.occurred_on) == ("mutual", "meeting", TODAY)
    assert [c.name for c in coffee.contacts] == ["Chen Wei"]


def test_log_an_introduction_to_two_contacts(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima", "Bruno Costa")
    out = ok(run("log", "g", "Ana Lima,Bruno", "Introduced Ana and Bruno", "--kind", "intro"))
    assert out.startswith("Logged: gave Ana Lima and Bruno Costa an introduction")
    with opened(journal_path) as journal:
        (intro,) = journal.exchanges(limit=None)
    assert {c.name for c in intro.contacts} == {"Ana Lima", "Bruno Costa"}


def test_log_with_notes_keeps_them_and_search_shows_them(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima")
    notes = "Asked for the kiln supplier\nand the glaze recipe"
    out = ok(run("log", "gave", "Ana", "Sent the pottery list", "--notes", notes))
    assert out.startswith("Logged: gave Ana Lima")
    with opened(journal_path) as journal:
        (logged,) = journal.exchanges(limit=None)
    assert logged.notes == notes
    found = ok(run("search", "glaze"))
    assert "Sent the pottery list" in found
    assert "glaze recipe" in found
    too_long = run("log", "gave", "Ana", "Again", "--notes", "n" * 100_001)
    assert too_long.exit_code != 0
    assert "The notes are too long" in too_long.output
    with opened(journal_path) as journal:
        assert len(journal.exchanges(limit=None)) == 1


def test_log_suggests_others_with_the_same_interest(run: Run) -> None:
    ok(run("add", "Ana Lima", "--tag", "seo"))
    ok(run("add", "Bruno Costa", "--tag", "seo,design"))
    ok(run("add", "Chen Wei", "--tag", "ai"))
    out = ok(run("log", "gave", "Ana", "Sent the SEO checklist", "--tag", "seo"))
    assert "Might also value this: Bruno Costa (tagged #seo)." in out
    assert "Chen" not in out


def test_adding_a_second_contact_with_the_same_name_says_so(run: Run) -> None:
    ok(run("add", "Ana Lima"))
    out = ok(run("add", "ana lima"))
    assert out.startswith("Added ana lima.\n")
    assert "already had a contact named" in out


# A bad kind, weight or direction is a usage error instead (exit 2): test_cli_details.py.
REFUSALS = [
    (["log", "gave", "Zed", "Hi"], "No contact matches 'Zed'"),
    (["log", "gave", "Ana Lima,Zed", "Hi"], "No contact matches 'Zed'"),
    (["log", "gave", "Ana Lima", "Hi", "--on", "tomorrow"], "is in the future"),
    (["log", "gave", "Ana Lima", "Hi", "--on", "someday"], 'Can\'t read "someday" as a date'),
    (["log", "gave", "Ana Lima", "   "], "The summary can't be empty."),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_refused_log_says_why_and_writes_nothing(
    run: Run, journal_path: Path, args: list[str], message: str
) -> None:
    add_people(journal_path, "Ana Lima", "Ana Souza", "Bruno Costa")
    assert message in refused(run(*args))
    with opened(journal_path) as journal:
        assert journal.exchanges(limit=None) == []


def test_ambiguous_name_lists_both_candidates_and_writes_nothing(
    run: Run, journal_path: Path
) -> None:
    add_people(journal_path, "Ana Lima", "Ana Souza", "Bruno Costa")
    message = refused(run("log", "gave", "Bruno,Ana", "Sent the checklist"))
    assert "'Ana' matches 2 contacts" in message
    assert "  Ana Lima\n" in message and "  Ana Souza\n" in message
    with opened(journal_path) as journal:
        assert journal.exchanges(limit=None) == []


def test_refused_contact_writes_nothing(run: Run, journal_path: Path) -> None:
    assert "doesn't look like an email address" in refused(run("add", "Ana", "--email", "nope"))
    with opened(journal_path) as journal:
        assert journal.contact_refs() == []


def test_control_characters_never_reach_the_terminal(run: Run) -> None:
    out = ok(run("add", "Eve\x1b]0;pwned\x07 \x9b31mSmith"))
    listing = ok(run("contacts"))
    for text in (out, listing):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "Eve]0;pwned 31mSmith" in listing


# ----------------------------------------------------------------------------------- due


def test_due_shows_reconnect_and_both_one_sided_lists(run: Run, highlights_journal: Path) -> None:
    out = ok(run("due"))
    assert "Reconnect — 1 person past their rhythm" in out
    olga = next(line for line in out.splitlines() if "Olga Ortiz" in line)
    assert " ".join(olga.split()) == (
        "Olga Ortiz overdue last: 2 months ago (meeting) · rhythm 30 days · 30 days over"
    )
    assert (
        "You give, little comes back — 1 person\n"
        "  Gina Gomez · you gave 4, received 0 in 12 months\n"
    ) in out
    assert "You've shared a lot with Gina lately — is this still where you want to invest?" in out
    assert "You mostly receive — 1 person\n  Rita Ramos" in out
    assert "Rita has helped you 4 times this past year; maybe share something back?" in out
    assert "In numbers: 3 contacts" in out
    assert "deep: value both ways, at least 3 exchanges, in 2 or more different months" in out


def test_due_json_is_a_stable_document(run: Run, highlights_journal: Path) -> None:
    document = json.loads(ok(run("due", "--json")))
    assert set(document) >= {"reconnect", "you_give", "you_receive", "follow_back", "quality"}
    assert document["today"] == TODAY.isoformat()
    (olga,) = document["reconnect"]
    assert olga["name"] == "Olga Ortiz" and olga["state"] == "overdue"
    assert olga["last_exchange"] == (TODAY - timedelta(days=60)).isoformat()
    assert (olga["cadence_days"], olga["days_over"]) == (30, 30)
    assert olga["last_kind"] == "meeting"
    assert olga["why"] == "last: 2 months ago (meeting) · rhythm 30 days · 30 days over"
    assert [p["name"] for p in document["you_give"]] == ["Gina Gomez"]
    assert document["you_give"][0]["balance"] == 1.0
    assert [p["name"] for p in document["you_receive"]] == ["Rita Ramos"]
    assert document["quality"] == {"total": 3, "active": 3, "deep": 0}


def test_due_on_an_empty_journal_says_what_to_do(run: Run, journal_path: Path) -> None:
    out = ok(run("due"))
    assert out.startswith("Your journal is empty.")
    assert "netjournal add" in out
    assert not journal_path.exists()  # reading never creates a journal
    empty = json.loads(ok(run("due", "--json")))
    assert empty["reconnect"] == [] and empty["quality"]["total"] == 0


def test_due_with_contacts_but_nothing_pending(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima")
    out = ok(run("due"))
    assert "Nobody is past their rhythm" in out
    assert "You give, little comes back — nobody" in out


# ------------------------------------------------------------------------------- reflect


def test_reflect_from_stdin(run: Run, journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima", "Bruno Costa")
    body = "## Thanks\n\nAna helped me twice this month.\n"
    out = ok(run("reflect", "-", "--title", "Mentors", "--about", "Ana Lima", "--tag", "gratitude",
                 input=body))  # fmt: skip
    assert out == "Saved your reflection “Mentors” about Ana Lima (8 words).\n"
    with opened(journal_path) as journal:
        (saved,) = journal.reflections()
    assert saved.body == body.strip()  # headings survive when text comes from stdin
    assert (saved.title, saved.tags, saved.written_on) == ("Mentors", ("gratitude",), TODAY)
    assert [c.name for c in saved.contacts] == ["Ana Lima"]


def test_reflect_from_an_argument(run: Run, journal_path: Path) -> None:
    assert ok(run("reflect", "Helped twice.", "--on", "yesterday")) == (
        "Saved your reflection (2 words).\n"
    )
    with opened(journal_path) as journal:
        (saved,) = journal.reflections()
    assert saved.written_on == TODAY - timedelta(days=1) and saved.prompt == ""


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_reflect_with_nothing_written_saves_nothing(
    run: Run, journal_path: Path, text: str
) -> None:
    message = refused(run("reflect", "-", input=text))
    assert message == "Nothing written; the reflection was not saved.\n"
    with opened(journal_path) as journal:
        assert journal.reflections() == []


def test_reflect_in_the_editor_drops_comment_lines(
    run: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def edit(text: str, **_: object) -> str:
        shown.append(text)
        return "Helped Bruno with his CV.\n# a note to self\n" + text

    monkeypatch.setattr(click, "edit", edit)
    assert ok(run("reflect")) == "Saved your reflection (5 words).\n"
    assert f"# {REFLECT_PROMPT}" in shown[0]
    with opened(journal_path) as journal:
        (saved,) = journal.reflections()
    assert saved.body == "Helped Bruno with his CV."
    assert saved.prompt == REFLECT_PROMPT


@pytest.mark.parametrize("edited", [None, "# only comments\n"])
def test_reflect_editor_closed_without_text(
    run: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch, edited: str | None
) -> None:
    monkeypatch.setattr(click, "edit", lambda text, **_: edited)
    assert "Nothing written" in refused(run("reflect"))
    assert not journal_path.exists() or not opened_reflections(journal_path)


def opened_reflections(path: Path) -> list[object]:
    with opened(path) as journal:
        return list(journal.reflections())


def test_reflect_refuses_a_bad_name_before_the_editor_opens(
    run: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(journal_path, "Ana Lima", "Ana Souza")

    def edit(text: str, **_: object) -> str:
        raise AssertionError("the editor must not open for a refused name")

    monkeypatch.setattr(click, "edit", edit)
    assert "matches 2 contacts" in refused(run("reflect", "--about", "Ana"))


def test_reflect_keeps_editor_text_when_the_save_fails(
    run: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch, temp_dir: Path
) -> None:
    add_people(journal_path, "Ana Lima")
    monkeypatch.setattr(click, "edit", lambda text, **_: "Three pages I must not lose.\n")

    def full_disk(self: Journal, draft: object) -> int:
        raise JournalFileError("There is no room left to write the journal.")

    monkeypatch.setattr(Journal, "add_reflection", full_disk)
    message = refused(run("reflect"))
    assert message.startswith("There is no room left to write the journal. Your text is kept in ")
    (rescued,) = temp_dir.glob("netjournal-reflection-*.md")
    assert rescued.read_text(encoding="utf-8") == "Three pages I must not lose."
    assert str(rescued) in message


# ------------------------------------------------------------------ touch, snooze, contacts


def test_touch_and_snooze(run: Run, journal_path: Path) -> None:
    (ana,) = add_people(journal_path, "Ana Lima")
    assert ok(run("touch", "ana", "--on", "yesterday")) == (
        "Touched Ana Lima (yesterday); their reconnect clock starts again.\n"
    )
    assert ok(run("snooze", "Ana Lima", "7")) == "Snoozed Ana Lima until Wed 2 Dec 2026.\n"
    with opened(journal_path) as journal:
        record = journal.contact(ana)
    assert record.touched_on == TODAY - timedelta(days=1)
    assert record.snoozed_until == TODAY + timedelta(days=7)
    assert "Snooze for between 1 and 3650 days" in refused(run("snooze", "Ana Lima", "0"))
    assert "in the future" in refused(run("touch", "Ana Lima", "--on", "tomorrow"))


def test_contacts_lists_names_last_exchange_and_state(run: Run, highlights_journal: Path) -> None:
    out = ok(run("contacts"))
    assert out.splitlines()[0].split() == ["Name", "Tags", "Last", "exchange", "Rhythm", "State"]
    olga = next(line for line in out.splitlines() if line.startswith("Olga Ortiz"))
    assert "2 months ago" in olga and "overdue" in olga
    gina = next(line for line in out.splitlines() if line.startswith("Gina Gomez"))
    assert "you give more" in gina
    listed = json.loads(ok(run("contacts", "--json")))
    assert [c["name"] for c in listed] == ["Gina Gomez", "Olga Ortiz", "Rita Ramos"]
    assert listed[1]["due"] == "overdue"
    assert listed[1]["last_exchange"] == (TODAY - timedelta(days=60)).isoformat()


def test_contacts_on_an_empty_journal(run: Run, journal_path: Path) -> None:
    assert "No contacts yet" in ok(run("contacts"))
    assert json.loads(ok(run("contacts", "--json"))) == []
    assert not journal_path.exists()


# ------------------------------------------------------------------------ where, version


def test_where_prints_every_location(run: Run, journal_path: Path, tmp_path: Path) -> None:
    lines = ok(run("where")).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Journal", "Config", "Key map", "Lock", "Backups"
    ]  # fmt: skip
    assert (
        lines[0].split(maxsplit=1)[1]
        == f"{journal_path} (not created yet; the first change creates it)"
    )
    assert str(tmp_path / "config" / "config.json") in lines[1]
    assert str(tmp_path / "config" / "keymap.json") in lines[2]
    assert f"{journal_path}.lock" in lines[3]
    assert str(journal_path.parent / "backups") in lines[4]
    assert not journal_path.exists()
    ok(run("add", "Ana Lima"))
    assert f"{journal_path} (exists)" in ok(run("where"))


def test_where_follows_the_environment(run: Run, tmp_path: Path) -> None:
    assert str(tmp_path / "default" / "journal.db") in ok(run("where", db=False))


def test_version(run: Run) -> None:
    assert ok(run("--version", db=False)) == f"netjournal {__version__}\n"


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_every_help_exits_zero_with_examples(run: Run, command: str | None) -> None:
    out = ok(run(*([command] if command else []), "--help", db=False))
    assert "Examples:" in out


def test_bad_pinned_today_is_refused(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETJOURNAL_TODAY", "next week")
    assert "NETJOURNAL_TODAY must be an ISO date" in refused(run("due"))


def test_usage_errors_exit_two(run: Run) -> None:
    assert run("log", "gave").exit_code == 2
    assert run("snooze", "Ana", "soon").exit_code == 2
    assert run("frobnicate").exit_code == 2


LIGHT_SCRIPT = """
import sys
from netjournal.cli import main
sys.argv = ["netjournal", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = {"textual", "sqlmodel", "sqlalchemy", "alembic"}
print("HEAVY=" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["where"], ["log", "--help"]])
def test_fast_commands_import_no_database_or_screen(args: list[str], journal_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LIGHT_SCRIPT, "--db", str(journal_path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NETJOURNAL_TODAY": ""},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY="
    assert not journal_path.exists()


def test_the_entry_point_answers_version_as_click_would_without_loading_it() -> None:
    script = (
        "import sys\n"
        "sys.argv = ['netjournal', '--version']\n"
        "from netjournal.launch import main\n"
        "main()\n"
        "print('LOADED=' + ','.join(sorted(m for m in sys.modules if m.startswith('click'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    version, loaded = done.stdout.splitlines()
    assert loaded == "LOADED="
    # Exactly what the click group's own --version prints.
    assert f"{version}\n" == CliRunner().invoke(cli, ["--version"]).output


def test_the_entry_point_hands_everything_else_to_the_shell_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netjournal", "--version", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("netjournal ")  # click's eager --version wins


# ----------------------------------------------------------------------- failures


@pytest.mark.parametrize(
    "args",
    [["due"], ["contacts"], ["add", "Ana"], ["log", "gave", "Ana", "Hi"], ["reflect", "Hi"]],
)
def test_a_text_file_at_the_journal_path_is_refused_untouched(
    run: Run, journal_path: Path, args: list[str]
) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text("shopping list: eggs, flour\n")
    before = journal_path.read_bytes()
    message = refused(run(*args))
    assert str(journal_path) in message
    assert message.rstrip().endswith(".")
    assert journal_path.read_bytes() == before
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.db"]


def test_ctrl_c_is_a_sentence(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    run("add", "Ana")
    monkeypatch.setattr("netjournal.cli.run.Run.lean_journal", interrupted)
    assert refused(run("due"), code=130) == "Interrupted; nothing more was written.\n"


# ------------------------------------------------------------------ the screen and --demo


def test_no_command_opens_the_screen(
    run: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, bool]] = []
    monkeypatch.setattr(
        "netjournal.cli._open_tui", lambda path, demo, **_: calls.append((path, demo))
    )
    ok(run())
    assert calls == [(journal_path, False)]


def test_no_command_without_a_screen_says_so(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "netjournal.tui.app", None)
    assert ok(run()) == TUI_MISSING + "\n"


def test_demo_with_a_command_uses_a_temporary_sample(run: Run, temp_dir: Path) -> None:
    result = run("--demo", "due", db=False)
    out = ok(result)
    assert "overdue" in out and "You mostly receive" in out
    assert "temporary sample journal" in result.stderr
    (made,) = temp_dir.glob("netjournal-demo-*/journal.db")
    assert str(made) in result.stderr


def test_demo_opens_the_screen_on_the_sample_then_removes_it(
    run: Run, temp_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Path, bool, bool]] = []

    def screen(path: Path, demo: bool, locations: object = None, today: object = None) -> bool:
        seen.append((path, demo, path.exists()))
        return True

    monkeypatch.setattr("netjournal.cli._open_tui", screen)
    assert "temporary sample journal" in ok(run("--demo", db=False))
    ((path, demo, existed),) = seen
    assert demo and existed and path.is_relative_to(temp_dir)
    assert list(temp_dir.iterdir()) == []


def test_demo_without_a_screen_prints_where_and_the_due_list(
    run: Run, temp_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("netjournal.cli._open_tui", lambda path, demo, **_: False)
    out = ok(run("--demo", db=False))
    assert "temporary copy" in out and str(temp_dir) in out
    assert "Reconnect —" in out


def test_demo_and_db_together_is_a_usage_error(run: Run) -> None:
    assert run("--demo", "due").exit_code == 2


# --------------------------------------------------------------------------- completion


def complete(words: list[str]) -> list[str]:
    env = {
        "_NETJOURNAL_COMPLETE": "bash_complete",
        "COMP_WORDS": shlex.join(words),
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="netjournal")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_completion_offers_contact_names(journal_path: Path) -> None:
    add_people(journal_path, "Ana Lima", "Ana Souza", "Bruno Costa")
    db = ["netjournal", "--db", str(journal_path)]
    assert complete([*db, "touch", "an"]) == ["Ana Lima", "Ana Souza"]
    assert complete([*db, "touch", "sou"]) == ["Ana Souza"]
    assert complete([*db, "log", "gave", "Ana Lima,Br"]) == ["Ana Lima,Bruno Costa"]
    assert complete([*db, "log", "re"]) == ["received"]


def test_completion_is_silent_when_the_journal_cannot_be_read(journal_path: Path) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text("not a journal")
    assert complete(["netjournal", "--db", str(journal_path), "touch", "an"]) == []
    assert journal_path.read_text() == "not a journal"
