"""Names resolve whatever characters they hold: brackets, stars, quotes, commas, a leading dash,
punctuation alone. And the "Add them first" hint is a command that works, pasted into a shell.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from netjournal.core.text import normalise_name, shell_argument
from tests.conftest import TODAY

NAMES = [
    "[/",
    "[bold]Ana[/bold]",
    "*",
    "***",
    "Ana*",
    "'",
    '"Quoted" Bea',
    "O'Brien",
    "-dash",
    "--double-dash",
    "-x and a space",
    "Smith, John",
    "a$b`c\\d",
    "!!!",
    "?",
    "Zoë [Berlin]",
]


def invoke(path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli,
        ["--db", str(path), *args],
        env={"NETJOURNAL_TODAY": TODAY.isoformat()},
        prog_name="netjournal",
    )


def names_in(path: Path) -> list[str]:
    with open_journal(path, today=lambda: TODAY) as journal:
        return [ref.name for ref in journal.contact_refs()]


def with_dash_guard(*args: str) -> list[str]:
    """Positional arguments as a user must type them: after `--` when one starts with a dash."""
    return ["--", *args] if any(a.startswith("-") for a in args) else list(args)


@pytest.mark.parametrize("name", NAMES)
def test_a_name_with_any_characters_can_be_logged_touched_and_snoozed(
    journal_path: Path, name: str
) -> None:
    added = invoke(journal_path, "add", *with_dash_guard(name))
    assert added.exit_code == 0, added.output
    assert names_in(journal_path) == [name]
    for args in (
        ["log", "gave", *with_dash_guard(name, "Sent the notes")],
        ["touch", *with_dash_guard(name)],
        ["snooze", *with_dash_guard(name, "7")],
    ):
        result = invoke(journal_path, *args)
        assert result.exit_code == 0, (args, result.output)
        assert "No contact matches" not in result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        [exchange] = journal.exchanges()
        assert [c.name for c in exchange.contacts] == [name]
    assert names_in(journal_path) == [name]


@pytest.mark.parametrize("name", NAMES)
def test_the_hint_for_a_missing_name_adds_it_and_then_it_resolves(
    journal_path: Path, name: str
) -> None:
    invoke(journal_path, "add", "Someone Else")
    missing = invoke(journal_path, "log", "gave", *with_dash_guard(name, "Hello"))
    assert missing.exit_code == 1
    # With a comma, the last command offered is the one for a single person of that name.
    hint = missing.output.rsplit("with: ", 1)[1].strip()
    words = shlex.split(hint)  # as a POSIX shell reads the pasted line
    assert words[:2] == ["netjournal", "add"]
    assert invoke(journal_path, *words[1:]).exit_code == 0
    assert sorted(names_in(journal_path)) == sorted(["Someone Else", name])
    logged = invoke(journal_path, "log", "gave", *with_dash_guard(name, "Hello"))
    assert logged.exit_code == 0, logged.output
    # Following the hint again now finds them: nothing more to add, so no duplicate.
    again = invoke(journal_path, "log", "gave", *with_dash_guard(name, "Hello again"))
    assert "Add them first" not in again.output
    assert sorted(names_in(journal_path)) == sorted(["Someone Else", name])


def test_the_hint_works_in_a_real_shell(journal_path: Path, tmp_path: Path) -> None:
    name = "-x [/ 'it's' $HOME `id`"
    invoke(journal_path, "add", "Someone Else")
    missing = invoke(journal_path, "log", "gave", "--", name, "Hello")
    hint = missing.output.split("Add them first with: ", 1)[1].strip()
    script = tmp_path / "netjournal"
    script.write_text(
        f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m netjournal "
        f'--db {shlex.quote(str(journal_path))} "$@"\n'
    )
    script.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    env["NETJOURNAL_TODAY"] = TODAY.isoformat()
    done = subprocess.run(["sh", "-c", hint], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(names_in(journal_path)) == sorted(["Someone Else", name])


def test_shell_argument_quotes_only_when_needed() -> None:
    assert shell_argument("Ana") == "Ana"
    assert shell_argument("Ana Lima") == "'Ana Lima'"
    assert shell_argument("[/") == "'[/'"
    assert shell_argument("-x") == "-- -x"
    assert shell_argument("O'Brien") == "'O'\"'\"'Brien'"


def test_punctuation_only_names_are_told_apart() -> None:
    assert normalise_name("[/") != normalise_name("***")
    assert normalise_name("[/") == normalise_name(" [/ ")


def test_a_name_stored_before_punctuation_had_a_key_still_resolves(journal_path: Path) -> None:
    import sqlite3

    invoke(journal_path, "add", "[/")
    # A journal written by an earlier version stored an empty key for such a name.
    with sqlite3.connect(journal_path) as db:
        db.execute("UPDATE contact SET name_key = '' WHERE name = '[/'")
    result = invoke(journal_path, "log", "gave", "[/", "Hello")
    assert result.exit_code == 0, result.output
