"""Introductions from the shell: two people you introduced, or someone introduced to you."""

from __future__ import annotations

import click

from netjournal.cli.completion import complete_contacts
from netjournal.cli.output import relative_day, say
from netjournal.cli.run import Run, parse_day
from netjournal.core.text import normalise_name


@click.command(
    epilog="""\b
Examples:
  netjournal introduce "Ana Lima" bruno "Both work on SEO tools"
  netjournal introduce ana chen --on yesterday
  netjournal introduce --by "Ana Lima" "Cy Twombly" "Paints; wants a website"

\b
Without --by, you introduced A and B: it counts as given to both.
With --by A, A introduced you to NEW_NAME: received from A; NEW_NAME is added
as a contact unless one has exactly that name.
"""
)
@click.argument("people", nargs=-1, metavar="A B [CONTEXT]", shell_complete=complete_contacts)
@click.option(
    "--by", "by", metavar="A", shell_complete=complete_contacts,
    help="Who introduced you (the introduction was received).",
)  # fmt: skip
@click.option("--on", "on", metavar="DATE", help="When it happened (default: today).")
@click.pass_obj
def introduce(run: Run, people: tuple[str, ...], by: str | None, on: str | None) -> None:
    """Log an introduction: two people you introduced, or someone introduced to you.

    With --by A, the arguments are NEW_NAME [CONTEXT] instead: who A introduced you to.
    Names are matched as `netjournal log` matches them; a name that matches more than one
    contact is refused with the candidates listed, and nothing is written.
    """
    if by is None and len(people) not in (2, 3):
        raise click.UsageError('Name two people, e.g. netjournal introduce "Ana Lima" Bruno.')
    if by is not None and len(people) not in (1, 2):
        raise click.UsageError(
            'With --by, name the person you met, e.g. --by "Ana Lima" "Cy Twombly".'
        )
    if by is None:
        _introduce_two(run, people[0], people[1], people[2] if len(people) > 2 else "", on)
    else:
        _introduced_to_me(run, by, people[0], people[1] if len(people) > 1 else "", on)


def _introduce_two(run: Run, first: str, second: str, context: str, on: str | None) -> None:
    with run.journal() as journal:
        day = parse_day(on, journal)
        one, two = journal.resolve_contact(first), journal.resolve_contact(second)
        record = journal.exchange(journal.introduce(one.id, two.id, context, on=day))
        today = journal.today()
    say(
        f"Introduced {one.name} and {two.name} ({relative_day(record.occurred_on, today)}); "
        "it counts as given to both."
    )


def _introduced_to_me(run: Run, by: str, name: str, context: str, on: str | None) -> None:
    from netjournal.core.records import ContactDraft

    with run.journal() as journal:
        day = parse_day(on, journal)
        introducer = journal.resolve_contact(by)
        wanted = normalise_name(name)
        same = [r for r in journal.match_contacts(name) if normalise_name(r.name) == wanted]
        known = journal.resolve_contact(name) if same else None
        exchange_id, person_id = journal.log_received_introduction(
            introducer.id,
            to=known.id if known is not None else None,
            new_contact=ContactDraft(name) if known is None else None,
            context=context,
            on=day,
        )
        record = journal.exchange(exchange_id)
        person = journal.contact(person_id)
        today = journal.today()
    if known is None:
        say(f"Added {person.name} as a new contact, introduced by {introducer.name}.")
    say(
        f"Logged: {introducer.name} introduced you to {person.name} "
        f"({relative_day(record.occurred_on, today)}); "
        f"it counts as received from {introducer.name}."
    )
