"""Reflections from the shell: from an argument, standard input or the user's editor."""

from __future__ import annotations

import os
import shlex
import sys
import tempfile

import click

from netjournal.cli.completion import complete_contacts
from netjournal.cli.output import and_list, say
from netjournal.cli.run import Run, parse_day, resolve_all
from netjournal.core.errors import InputError, JournalError
from netjournal.core.text import clean_text

REFLECT_PROMPT = "Who did I help this week without expecting anything back?"


@click.command(
    epilog="""\b
Examples:
  netjournal reflect "Spent an hour on Ana's proposal; felt good."
  netjournal reflect --title "Mentors" --about "Chen,Samir"      (opens $EDITOR)
  pbpaste | netjournal reflect - --tag gratitude

In the editor, lines starting with # are left out; pass TEXT or - for Markdown headings.
"""
)
@click.argument("text", required=False, metavar="[TEXT|-]")
@click.option("--title", default="", metavar="T", help="A title.")
@click.option(
    "--about", default="", metavar="NAMES", shell_complete=complete_contacts,
    help="Contacts it is about, separated by commas.",
)  # fmt: skip
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat or use commas.")
@click.option("--on", "on", metavar="DATE", help="When you wrote it (default: today).")
@click.pass_obj
def reflect(
    run: Run, text: str | None, title: str, about: str, tags: tuple[str, ...], on: str | None
) -> None:
    """Write a reflection (TEXT, - for standard input, or your editor).

    With no TEXT, opens $VISUAL or $EDITOR with a prompt to start from.
    """
    from netjournal.core.records import ReflectionDraft

    # Names and date are checked first, so a refusal never costs the user what they typed.
    with run.journal() as journal:
        refs = resolve_all(journal, about, required=False)
        day = parse_day(on, journal)
    prompt = ""
    if text == "-":
        body = sys.stdin.read()
    elif text is not None:
        body = text
    else:
        prompt = REFLECT_PROMPT
        body = _from_editor(prompt)
    if not body.strip():
        raise InputError("Nothing written; the reflection was not saved.")
    draft = ReflectionDraft(
        body=body,
        title=title,
        written_on=day,
        prompt=prompt,
        contact_ids=tuple(r.id for r in refs),
        tags=tags,
    )
    try:
        with run.journal() as journal:
            journal.add_reflection(draft)
    except JournalError as error:
        if text is None:
            raise JournalError(f"{error} {_rescue(body)}") from error
        raise
    words = len(body.split())
    named = f" about {and_list([r.name for r in refs])}" if refs else ""
    titled = f" “{clean_text(title).strip()}”" if title.strip() else ""
    say(f"Saved your reflection{titled}{named} ({words} {'word' if words == 1 else 'words'}).")


def _from_editor(prompt: str) -> str:
    template = (
        "\n\n"
        f"# {prompt}\n"
        "# Write above. Lines starting with # are left out; an empty text saves nothing.\n"
    )
    edited = click.edit(template, extension=".md")
    if edited is None:
        return ""
    return "\n".join(line for line in edited.splitlines() if not line.startswith("#")).strip()


def _rescue(body: str) -> str:
    """Keep text typed in the editor when the save fails: it must never be lost."""
    handle, name = tempfile.mkstemp(prefix="netjournal-reflection-", suffix=".md")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(body)
    return (
        f"Your text is kept in {name}; try again with: netjournal reflect - < {shlex.quote(name)}"
    )
