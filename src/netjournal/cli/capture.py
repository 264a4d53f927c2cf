"""Capturing from the shell: add a contact, log an exchange, see who else might value it, touch
and snooze."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from netjournal.cli.completion import complete_contacts, complete_from
from netjournal.cli.output import NAME_WIDTH, and_list, fit, print_json, relative_day, say
from netjournal.cli.run import Run, parse_day, resolve_all
from netjournal.core import vocab
from netjournal.core.errors import InputError
from netjournal.core.text import normalise_name

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.lean import LeanJournal
    from netjournal.core.records import ContactRef, ExchangeRecord


@click.command(
    epilog="""\b
Examples:
  netjournal add "Ana Lima"
  netjournal add "Ana Lima" --tag close,seo --every 30 --company "Lumen Studio"
  netjournal add "Bruno Costa" --email bruno@example.com --note "Met at the SEO meetup"
"""
)
@click.argument("name")
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat or use commas.")
@click.option("--every", type=int, metavar="DAYS", help="Reconnect rhythm in days.")
@click.option("--email", default="", metavar="E", help="Email address.")
@click.option("--company", default="", metavar="C", help="Company.")
@click.option("--role", default="", metavar="R", help="Role or job title.")
@click.option("--note", default="", metavar="TEXT", help="Notes (Markdown).")
@click.option("--birthday", default="", metavar="DATE", help="Birthday, e.g. 14 Mar or 1990-03-14.")
@click.pass_obj
def add(
    run: Run,
    name: str,
    tags: tuple[str, ...],
    every: int | None,
    email: str,
    company: str,
    role: str,
    note: str,
    birthday: str,
) -> None:
    """Add a contact."""
    from netjournal.core.dates import parse_month_day
    from netjournal.core.records import ContactDraft

    with run.journal() as journal:
        month, day, year = parse_month_day(birthday, journal.today()) if birthday else (None,) * 3
        draft = ContactDraft(
            name=name,
            email=email,
            company=company,
            role=role,
            notes=note,
            cadence_days=every,
            tags=tags,
            birthday_month=month,
            birthday_day=day,
            birthday_year=year,
        )
        before = journal.match_contacts(name)
        added = journal.contact(journal.add_contact(draft))
    say(f"Added {added.name}.")
    if any(normalise_name(ref.name) == normalise_name(added.name) for ref in before):
        say(f"You already had a contact named {added.name}; `netjournal contacts` lists both.")


def _vocabulary(parse: Callable[[str], str]) -> Callable[..., str]:
    """A click callback: a word of the vocabulary, or a usage error (exit 2) saying which."""

    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        try:
            return parse(value)
        except InputError as error:
            raise click.BadParameter(error.message, ctx, param) from None

    return check


@click.command(
    epilog="""\b
Examples:
  netjournal log gave "Ana Lima" "Sent the SEO checklist" --kind article --on yesterday
  netjournal log r bruno "Reviewed my pricing page" --kind feedback --weight 2
  netjournal log g ana "Sent the pricing deck" --notes "She asked for the Q3 numbers too"
  netjournal log g "Ana Lima,Bruno" "Introduced Ana and Bruno" --kind intro
  netjournal log mutual chen "Coffee, talked about AI tools" --kind coffee --on "last friday"

\b
Directions: gave (g), received (r), mutual (m).
Kinds: article, introduction, advice, recommendation, favor, feedback, opportunity,
       meeting, gift, other (also: link, intro, referral, call, coffee…).
Dates: today, yesterday, "3 days ago", "last friday", friday, 2026-11-20, "20 Nov".
"""
)
@click.argument(
    "direction",
    metavar="{gave|received|mutual|g|r|m}",
    callback=_vocabulary(vocab.parse_direction),
    shell_complete=complete_from(vocab.DIRECTIONS),
)
@click.argument("names", shell_complete=complete_contacts)
@click.argument("summary")
@click.option(
    "--kind",
    default=vocab.DEFAULT_KIND,
    show_default=True,
    metavar="K",
    callback=_vocabulary(vocab.parse_kind),
    shell_complete=complete_from(vocab.KINDS),
    help="What it was: article, introduction, advice, recommendation, favor, feedback, …",
)
@click.option("--on", "on", metavar="DATE", help="When it happened (default: today).")
@click.option("--url", default="", metavar="U", help="A link that goes with it.")
@click.option("--notes", default="", metavar="TEXT", help="Your own notes on it (Markdown).")
@click.option(
    "--weight",
    type=click.IntRange(1, 3),
    default=1,
    show_default=True,
    metavar="1-3",
    help="How much it mattered.",
)
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat or use commas.")
@click.pass_obj
def log(
    run: Run,
    direction: str,
    names: str,
    summary: str,
    kind: str,
    on: str | None,
    url: str,
    notes: str,
    weight: int,
    tags: tuple[str, ...],
) -> None:
    """Log something of value shared with one or more contacts.

    NAMES is one name or several separated by commas. A name that matches more than one
    contact is refused with the candidates listed, and nothing is written.
    """
    from netjournal.core.records import ExchangeDraft

    with run.lean_journal() as journal:
        day = parse_day(on, journal)
        refs = resolve_all(journal, names)
        draft = ExchangeDraft(
            direction=direction,
            summary=summary,
            contact_ids=tuple(ref.id for ref in refs),
            kind=kind,
            occurred_on=day,
            url=url,
            notes=notes,
            weight=weight,
            tags=tags,
        )
        record = journal.exchange(journal.log_exchange(draft))
        suggestions = _share_suggestions(journal, record, refs)
        today = journal.today()
    who = and_list([ref.name for ref in refs])
    noun = vocab.KIND_NOUNS.get(record.kind, "something")
    action = {
        "gave": f"gave {who} {noun}",
        "received": f"received {noun} from {who}",
        "mutual": f"exchanged {noun} with {who}",
    }[record.direction]
    when = relative_day(record.occurred_on, today)
    say(f"Logged: {action} — {record.summary.rstrip('.')} ({when}).")
    if suggestions:
        say(suggestions)


def _share_suggestions(
    journal: Journal | LeanJournal, record: ExchangeRecord, refs: Sequence[ContactRef]
) -> str:
    """One line naming others who might value what was just given, as the quick log ranks them."""
    from netjournal.core.suggestions.suggest import worth_sharing

    if not worth_sharing(record.direction, record.kind):
        return ""
    found = journal.suggest_recipients(
        record.summary, tags=record.tags, chosen=[ref.id for ref in refs], kind=record.kind
    )
    named = [
        f"{fit(s.contact.name, NAME_WIDTH)} ({s.reasons[0]})" if s.reasons else s.contact.name
        for s in found
    ]
    return f"Might also value this: {', '.join(named)}." if named else ""


@click.command(
    "suggest",
    epilog="""\b
Examples:
  netjournal suggest "The SEO checklist" --tag seo
  netjournal suggest "Notes on pricing" --for "Ana Lima"
  netjournal suggest "A talk on fundraising" --json | jq -r '.[].name'
""",
)
@click.argument("summary")
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat or use commas.")
@click.option(
    "--for",
    "for_names",
    multiple=True,
    metavar="NAME",
    shell_complete=complete_contacts,
    help="Who it goes to (repeat or use commas): left out, and their tags count.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def suggest_command(
    run: Run, summary: str, tags: tuple[str, ...], for_names: tuple[str, ...], as_json: bool
) -> None:
    """Who else might value something you share: up to five, each with why.

    Matches the item's tags and words against your contacts' tags and notes, and what you
    gave people before.
    """
    from netjournal.core.suggestions.suggest import Suggestion

    found: list[Suggestion] = []
    if run.has_journal():
        with run.journal() as journal:
            chosen = resolve_all(journal, ",".join(for_names), required=False)
            found = journal.suggest_recipients(
                summary, tags=tags, chosen=[ref.id for ref in chosen]
            )
    if as_json:
        print_json(
            [
                {
                    "id": s.contact.id,
                    "name": s.contact.name,
                    "score": round(s.score, 2),
                    "reasons": list(s.reasons),
                }
                for s in found
            ]
        )
        return
    if not found:
        say(
            "No one else stands out for this yet; tags and notes on your contacts, "
            "and tags on what you log, make suggestions possible."
        )
        return
    for s in found:
        say(f"{fit(s.contact.name, NAME_WIDTH)} — {'; '.join(s.reasons)}")


@click.command(
    epilog="""\b
Examples:
  netjournal touch "Ana Lima"
  netjournal touch ana --on yesterday
"""
)
@click.argument("name", shell_complete=complete_contacts)
@click.option("--on", "on", metavar="DATE", help="When you were in touch (default: today).")
@click.pass_obj
def touch(run: Run, name: str, on: str | None) -> None:
    """Mark a contact as touched, restarting their reconnect clock.

    Nothing is logged; use `netjournal log` when something was exchanged.
    """
    with run.journal() as journal:
        ref = journal.resolve_contact(name)
        day = parse_day(on, journal) or journal.today()
        journal.touch(ref.id, day)
        when = relative_day(day, journal.today())
    say(f"Touched {ref.name} ({when}); their reconnect clock starts again.")


@click.command(
    epilog="""\b
Examples:
  netjournal snooze "Ana Lima" 7
  netjournal snooze bruno 30
"""
)
@click.argument("name", shell_complete=complete_contacts)
@click.argument("days", type=int)
@click.pass_obj
def snooze(run: Run, name: str, days: int) -> None:
    """Keep a contact off the Reconnect list for a while.

    DAYS is how long; 3, 7, 14 or 30 are usual.
    """
    from netjournal.core.dates import format_long

    with run.journal() as journal:
        ref = journal.resolve_contact(name)
        until = journal.snooze(ref.id, days)
    say(f"Snoozed {ref.name} until {format_long(until)}.")
