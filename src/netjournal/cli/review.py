"""Reading the journal back in the shell: contacts, search, and where its files live."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from netjournal.cli.output import (
    NAME_WIDTH,
    display_width,
    fit,
    iso,
    print_json,
    relative_day,
    rhythm,
    say,
    table,
)
from netjournal.cli.run import Run
from netjournal.core.records import UNTITLED
from netjournal.core.text import clean_text, shown

if TYPE_CHECKING:
    from netjournal.core.find.search import Marked, SearchHit, SearchResults
    from netjournal.core.records import ContactSummary


@click.command(
    epilog="""\b
Examples:
  netjournal contacts
  netjournal contacts --all
  netjournal contacts --json | jq -r '.[] | select(.due == "overdue") | .name'
"""
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (ISO dates).")
@click.option("--all", "include_archived", is_flag=True, help="Include archived contacts.")
@click.pass_obj
def contacts(run: Run, as_json: bool, include_archived: bool) -> None:
    """List contacts, their last exchange and how each is doing."""
    summaries: list[ContactSummary] = []
    today = run.today()
    if run.has_journal():
        with run.lean_journal() as journal:
            summaries = journal.contact_summaries(include_archived=include_archived)
            today = journal.today()
    if as_json:
        print_json([_contact_entry(s) for s in summaries])
        return
    if not summaries:
        say('No contacts yet. Add one with: netjournal add "Ana Lima" --tag close --every 30')
        return
    rows = [["Name", "Tags", "Last exchange", "Rhythm", "State"]]
    for s in summaries:
        last = relative_day(s.last_exchange, today) if s.last_exchange else "never"
        rows.append(
            [
                fit(s.name, NAME_WIDTH),
                fit(", ".join(s.tags), 24),
                last,
                rhythm(s.cadence_days),
                _state(s, today),
            ]
        )
    for line in table(rows, indent=""):
        say(line)


def _state(s: ContactSummary, today: date) -> str:
    parts = []
    if s.archived:
        parts.append("archived")
    if s.due == "snoozed" and s.snoozed_until:
        parts.append(f"snoozed {relative_day(s.snoozed_until, today).replace('in ', 'for ')}")
    elif s.due in ("due", "overdue", "ok"):
        parts.append(s.due)
    if s.lean == "gives":
        parts.append("you give more")
    elif s.lean == "receives":
        parts.append("you receive more")
    return ", ".join(parts) or "—"


def _contact_entry(s: ContactSummary) -> dict[str, object]:
    return {
        "id": s.id,
        "name": s.name,
        "company": s.company,
        "tags": list(s.tags),
        "archived": s.archived,
        "last_exchange": iso(s.last_exchange),
        "cadence_days": s.cadence_days,
        "days_since": s.days_since,
        "due": s.due,
        "snoozed_until": iso(s.snoozed_until),
        "balance": None if s.balance is None else round(s.balance, 3),
        "lean": s.lean,
    }


@click.command(
    epilog="""\b
Examples:
  netjournal search pottery
  netjournal search ana kiln --limit 5
  netjournal search '"kiln prices" OR glaze*' --advanced
  netjournal search pricing --json | jq -r '.exchanges[].title'

Every word must match, ignoring case and accents. With --advanced the query is SQLite FTS5
syntax: "exact phrase", OR, NOT, NEAR(a b), prefix*, name:word.
""",
    # So `netjournal search -kiln` searches for the word instead of failing on an option.
    context_settings={"ignore_unknown_options": True},
)
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document (ISO dates).")
@click.option("--advanced", is_flag=True, help="Read QUERY as FTS5 search syntax.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    metavar="N",
    help="At most N contacts, N exchanges and N reflections.",
)
@click.pass_obj
def search(run: Run, words: tuple[str, ...], as_json: bool, advanced: bool, limit: int) -> None:
    """Find contacts, exchanges and reflections by the words in them.

    Searches names, companies, notes, channel handles, exchange summaries, notes and links,
    and reflections. Exchanges and reflections come newest first.
    """
    from netjournal.core.find.search import SearchResults, match_expression

    query = " ".join(words)
    if not clean_text(query).strip() or (not advanced and match_expression(query) is None):
        raise click.UsageError("Give a word to search for, e.g. netjournal search pottery.")
    results = SearchResults(query)
    if run.has_journal():
        with run.journal() as journal:
            results = journal.search(query, advanced=advanced, limit=limit)
    if as_json:
        print_json(_search_document(results))
        return
    if not results:
        say(f"Nothing in your journal matches {clean_text(query)!r}.")
        return
    first = True
    for title, hits, more in _search_groups(results):
        if not hits:
            continue
        if not first:
            say()
        first = False
        say(f"{title} ({len(hits)}{'+' if more else ''})")
        people = [_search_people(hit) for hit in hits]
        width = max(display_width(who) for who in people)
        for hit, who in zip(hits, people, strict=True):
            click.echo("  " + _search_line(hit, who + " " * (width - display_width(who))))
        if more:
            say(f"  …more; add words to narrow it, or raise --limit (now {limit}).")


def _search_groups(
    results: SearchResults,
) -> list[tuple[str, tuple[SearchHit, ...], bool]]:
    return [
        ("Contacts", results.contacts, results.more.get("contact", False)),
        ("Exchanges", results.exchanges, results.more.get("exchange", False)),
        ("Reflections", results.reflections, results.more.get("reflection", False)),
    ]


def _styled(marked: Marked) -> str:
    """Marked text for the terminal: matched words bold (click drops the styling in pipes).

    Each piece is cleaned first, so stored text can't add escape codes of its own.
    """
    return "".join(
        click.style(shown(piece), bold=True) if is_match else shown(piece)
        for piece, is_match in marked.segments
    )


def _search_people(hit: SearchHit) -> str:
    return fit(", ".join(p.name for p in hit.people), NAME_WIDTH)


def _search_line(hit: SearchHit, people: str) -> str:
    """One hit: date and people in columns (if it has them), then the marked text."""
    parts = [hit.when.isoformat()] if hit.when is not None else []
    if people.strip():
        parts.append(people)
    title = _styled(hit.title) if hit.title.plain else UNTITLED
    parts.append(title + (f" — {_styled(hit.snippet)}" if hit.snippet else ""))
    return "  ".join(parts)


def _search_document(results: SearchResults) -> dict[str, object]:
    def entry(hit: SearchHit) -> dict[str, object]:
        return {
            "id": hit.id,
            "title": hit.title.plain,
            "snippet": hit.snippet.plain,
            "matched": [*hit.title.matched, *hit.snippet.matched],
            "date": iso(hit.when),
            "people": [{"id": p.id, "name": p.name} for p in hit.people],
        }

    return {
        "query": results.query,
        "contacts": [entry(hit) for hit in results.contacts],
        "exchanges": [entry(hit) for hit in results.exchanges],
        "reflections": [entry(hit) for hit in results.reflections],
        "more": {
            "contacts": results.more.get("contact", False),
            "exchanges": results.more.get("exchange", False),
            "reflections": results.more.get("reflection", False),
        },
    }


@click.command(
    epilog="""\b
Examples:
  netjournal where
  netjournal --db ~/notes/people.db where
"""
)
@click.pass_obj
def where(run: Run) -> None:
    """Print where the journal, its settings, lock and backups live."""
    loc = run.locations
    state = "exists" if loc.journal.exists() else "not created yet; the first change creates it"
    rows = [
        ["Journal:", f"{loc.journal} ({state})"],
        ["Config:", str(loc.config_file)],
        ["Key map:", str(loc.keymap_file)],
        ["Lock:", str(loc.lock_file)],
        ["Backups:", str(loc.backup_dir)],
    ]
    for line in table(rows, indent=""):
        say(line)


@click.command(
    epilog="""\b
Examples:
  netjournal keys
  netjournal keys | grep contacts.
"""
)
@click.pass_obj
def keys(run: Run) -> None:
    """Every key of the app, where it works, and the id to remap it with.

    To remap, write keymap.json (its path is printed last) mapping ids to keys, e.g.
    {"app.quick_log": "ctrl+l"}.
    """
    from netjournal.tui.keymap import key_rows, shown_key

    rows = key_rows()
    for scope in dict.fromkeys(row.scope for row in rows):
        say(scope)
        for line in table(
            [
                [shown_key(row.key), row.binding_id, row.tooltip or row.description]
                for row in rows
                if row.scope == scope and row.binding_id
            ]
        ):
            say(line)
        say()
    say(f"Remap them in {run.locations.keymap_file}")
