"""The shell face: `netjournal` opens the screen; subcommands capture and report from a terminal.

The database layer and the TUI are imported inside commands, so `--help` and `where` stay instant.
"""

from __future__ import annotations

import errno
import json
import os
import shlex
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click.shell_completion import CompletionItem

from netjournal import __version__
from netjournal.core import paths, vocab
from netjournal.core.errors import InputError, JournalError
from netjournal.core.text import clean_text, normalise_name

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.records import (
        ContactRef,
        ContactSummary,
        ExchangeRecord,
        Highlights,
        UpcomingDate,
    )
    from netjournal.core.search import Marked, SearchHit, SearchResults

ENV_DEBUG = "NETJOURNAL_DEBUG"
ENV_TODAY = "NETJOURNAL_TODAY"
"""Pins "today" to an ISO date. For tests and demos only; real use follows the local calendar."""
COMPLETE_VAR = "_NETJOURNAL_COMPLETE"
REFLECT_PROMPT = "Who did I help this week without expecting anything back?"
TUI_MISSING = (
    "The netjournal screen isn't built yet; try `netjournal --help` for the shell commands."
)
NAME_WIDTH = 28

_KIND_NOUNS = {
    "article": "an article",
    "introduction": "an introduction",
    "advice": "advice",
    "recommendation": "a recommendation",
    "favor": "a favor",
    "feedback": "feedback",
    "opportunity": "an opportunity",
    "meeting": "a meeting",
    "gift": "a gift",
    "other": "something",
}


# ---------------------------------------------------------------------------- plumbing


def _say(text: str = "", *, err: bool = False) -> None:
    """Print through one door, so no control character in user text reaches the terminal."""
    click.echo(clean_text(text), err=err)


def _fail(message: str, ctx: click.Context, code: int) -> NoReturn:
    _say(message, err=True)
    ctx.exit(code)


def _today_source() -> Callable[[], date]:
    """The one place that reads NETJOURNAL_TODAY."""
    raw = os.environ.get(ENV_TODAY, "").strip()
    if not raw:
        return _local_today
    try:
        pinned = date.fromisoformat(raw)
    except ValueError:
        raise InputError(
            f"{ENV_TODAY} must be an ISO date like 2026-11-25, not {raw!r}; unset it to use today."
        ) from None
    return lambda: pinned


def _local_today() -> date:
    from netjournal.core.journal import local_today

    return local_today()


@dataclass
class _Run:
    """What every command needs: where the journal is, and which day it is."""

    locations: paths.Locations
    today: Callable[[], date]
    demo: bool = False

    @contextmanager
    def journal(self) -> Iterator[Journal]:
        """The journal, open (and locked) only for the length of the `with` block."""
        from netjournal.core.journal import open_journal

        with open_journal(self.locations.journal, today=self.today) as journal:
            yield journal

    def has_journal(self) -> bool:
        return self.locations.journal.exists()


class _JournalGroup(click.Group):
    """Turns refusals, file problems and Ctrl+C into a sentence and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JournalError as error:
            _fail(str(error), ctx, 1)
        except KeyboardInterrupt:
            _fail("Interrupted; nothing more was written.", ctx, 130)
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise  # click quiets a closed pipe (`netjournal due | head`) itself
            where = f" {error.filename}" if error.filename else ""
            _fail(f"netjournal could not use{where}: {error.strerror or error}.", ctx, 1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            if os.environ.get(ENV_DEBUG):
                raise
            _fail(
                f"netjournal hit an unexpected problem ({type(error).__name__}: {error}). "
                "Nothing already saved was lost. Run again with NETJOURNAL_DEBUG=1 to see "
                "the details, and please report them.",
                ctx,
                1,
            )


def _open_tui(
    path: Path,
    demo: bool,
    locations: paths.Locations | None = None,
    today: Callable[[], date] | None = None,
) -> bool:
    """Run the screen on `path`; False when this install has no screen to run."""
    try:
        from netjournal.tui.app import run_app
    except ImportError as error:
        if error.name != "netjournal.tui.app":
            raise JournalError(
                f"The netjournal screen couldn't start ({error}); reinstall netjournal. "
                "The shell commands still work: netjournal --help."
            ) from error
        return False
    run_app(path, locations=locations, demo=demo, today=today)
    return True


def _make_demo(today: date) -> Path:
    from netjournal.core.demo import build_demo

    path = Path(tempfile.mkdtemp(prefix="netjournal-demo-")) / paths.JOURNAL_FILENAME
    build_demo(path, today=today)
    return path


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _resolve_all(journal: Journal, text: str, *, required: bool = True) -> list[ContactRef]:
    """Every comma-separated name as one contact; any ambiguity refuses the lot."""
    names = _split_names(text)
    if required and not names:
        raise InputError('Name at least one contact, e.g. "Ana Lima" or "Ana Lima,Bruno".')
    refs = [journal.resolve_contact(name) for name in names]
    return list({ref.id: ref for ref in refs}.values())


def _and_list(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _parse_day(text: str | None, journal: Journal) -> date | None:
    if text is None:
        return None
    from netjournal.core.dates import parse_date

    return parse_date(text, journal.today())


def _when(day: date, today: date) -> str:
    from netjournal.core.dates import humanize_date

    return humanize_date(day, today)


# ------------------------------------------------------------------------- completion


def _contact_names(ctx: click.Context) -> list[str]:
    from netjournal.core.journal import Journal
    from netjournal.core.store import open_store

    db = ctx.find_root().params.get("db")
    path = paths.resolve(db).journal
    if not path.is_file():
        return []
    # Unlocked, so completion works while the screen has the journal open; and never migrating,
    # since a schema change must not happen without the lock.
    with Journal(open_store(path, create=False, lock=False, migrate=False)) as journal:
        return [ref.name for ref in journal.contact_refs(include_archived=False)]


def _complete_contacts(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Contact names for the shell; the part after the last comma is what is being typed."""
    head, comma, fragment = incomplete.rpartition(",")
    wanted = fragment.strip().casefold()
    try:
        names = _contact_names(ctx)
    except Exception:
        return []  # a completion has nowhere to explain a failure; offering nothing is honest
    return [
        CompletionItem(head + comma + name)
        for name in names
        if not wanted
        or any(word.startswith(wanted) for word in [name.casefold(), *name.casefold().split()])
    ]


def _complete_from(choices: Sequence[str]) -> Callable[..., list[CompletionItem]]:
    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(c) for c in choices if c.startswith(incomplete.casefold())]

    return complete


# ------------------------------------------------------------------------------ tables


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _fit(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    kept = ""
    for ch in text:
        if _width(kept + ch) > width - 1:
            break
        kept += ch
    return kept + "…"


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows padded into columns; the last column runs free."""
    if not rows:
        return []
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:-1])]
        lines.append((indent + "  ".join([*cells, row[-1]])).rstrip())
    return lines


def _people(count: int, one: str = "person", many: str = "people") -> str:
    return f"{count} {one if count == 1 else many}"


def _rhythm(days: int | None) -> str:
    return f"every {days} days" if days else "no rhythm"


# --------------------------------------------------------------------------------- due


def _empty_highlights(today: date) -> Highlights:
    from netjournal.core.records import Highlights, Quality

    return Highlights(today, (), (), (), (), Quality(0, 0, 0), ())


def _upcoming_lines(upcoming: Sequence[UpcomingDate], today: date) -> list[str]:
    from netjournal.core.dates import format_short

    rows = []
    for u in upcoming:
        turning = ""
        if u.turning is not None:
            turning = f" (turns {u.turning})" if u.label == "Birthday" else f" ({u.turning} years)"
        name = _fit(u.contact.name, NAME_WIDTH)
        rows.append([format_short(u.on), _when(u.on, today), name, f"{u.label}{turning}"])
    return ["", f"Upcoming — {_people(len(upcoming), 'date', 'dates')}", *_table(rows)]


def _due_lines(h: Highlights, upcoming: Sequence[UpcomingDate] = ()) -> list[str]:
    from netjournal.core.insights import one_sided_note, reconnect_note

    if h.quality.total == 0:
        return [
            "Your journal is empty. Add someone and give them a rhythm:",
            '  netjournal add "Ana Lima" --tag close --every 30',
            "then log what you share:",
            '  netjournal log gave "Ana Lima" "Sent the SEO checklist" --kind article',
        ]
    count = len(h.reconnect)
    lines = [f"Reconnect — {_people(count)} past their rhythm" if count else "Reconnect"]
    if h.reconnect:
        rows = [["Name", "Last exchange", "Rhythm", "How far", "State"]]
        for s in h.reconnect:
            last = _when(s.last_exchange, h.today) if s.last_exchange else "never"
            rows.append(
                [_fit(s.name, NAME_WIDTH), last, _rhythm(s.cadence_days), reconnect_note(s), s.due]
            )
        lines += _table(rows)
    else:
        lines.append(
            "  Nobody is past their rhythm. Contacts get one from `add --every DAYS` "
            "or from a tag with a default (close, network…)."
        )
    if upcoming:
        lines += _upcoming_lines(upcoming, h.today)
    for title, people in (
        ("You give, little comes back", h.you_give),
        ("You mostly receive", h.you_receive),
    ):
        lines += ["", f"{title} — {_people(len(people)) if people else 'nobody'}"]
        for s in people:
            lines.append(f"  {s.name} · {s.window_count} exchanges this past year")
            lines.append(f"    {one_sided_note(s, h.today)}")
    if h.follow_gaps:
        lines += ["", f"Follow-back (just so you know) — {len(h.follow_gaps)} channels"]
        rows = []
        for gap in h.follow_gaps[:10]:
            who = "you follow them" if gap.i_follow else "they follow you"
            platform = vocab.PLATFORM_LABELS.get(gap.platform, gap.platform)
            rows.append([_fit(gap.contact.name, NAME_WIDTH), platform, _fit(gap.handle, 36), who])
        lines += _table(rows)
        if len(h.follow_gaps) > 10:
            lines.append(f"  …and {len(h.follow_gaps) - 10} more")
    q = h.quality
    lines += [
        "",
        f"In numbers: {_people(q.total, 'contact', 'contacts')}, {q.active} active in the last "
        f"90 days, {q.deep} with exchanges both ways this past year.",
    ]
    return lines


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _lean_entry(s: ContactSummary, today: date) -> dict[str, object]:
    from netjournal.core.insights import one_sided_note

    return {
        "id": s.id,
        "name": s.name,
        "balance": round(s.balance or 0.0, 3),
        "exchanges_in_window": s.window_count,
        "gave_count": s.gave_count,
        "received_count": s.received_count,
        "last_exchange": _iso(s.last_exchange),
        "last_gave": _iso(s.last_gave),
        "note": one_sided_note(s, today),
    }


def _due_document(h: Highlights, upcoming: Sequence[UpcomingDate] = ()) -> dict[str, object]:
    from netjournal.core.insights import reconnect_note

    return {
        "today": h.today.isoformat(),
        "reconnect": [
            {
                "id": s.id,
                "name": s.name,
                "state": s.due,
                "last_exchange": _iso(s.last_exchange),
                "clock_start": s.clock_start.isoformat(),
                "days_since": s.days_since,
                "cadence_days": s.cadence_days,
                "days_over": s.days_over,
                "note": reconnect_note(s),
            }
            for s in h.reconnect
        ],
        "you_give": [_lean_entry(s, h.today) for s in h.you_give],
        "you_receive": [_lean_entry(s, h.today) for s in h.you_receive],
        "follow_back": [
            {
                "id": g.contact.id,
                "name": g.contact.name,
                "platform": g.platform,
                "handle": g.handle,
                "i_follow": g.i_follow,
                "they_follow": g.they_follow,
            }
            for g in h.follow_gaps
        ],
        "quality": {"total": h.quality.total, "active": h.quality.active, "deep": h.quality.deep},
        "upcoming": [
            {
                "id": u.contact.id,
                "name": u.contact.name,
                "label": u.label,
                "on": u.on.isoformat(),
                "days_away": u.days_away,
                "turning": u.turning,
            }
            for u in upcoming
        ],
    }


def _print_json(document: object) -> None:
    _say(json.dumps(document, indent=2, ensure_ascii=False))


def _highlights(run: _Run) -> Highlights:
    if not run.has_journal():
        return _empty_highlights(run.today())
    with run.journal() as journal:
        return journal.highlights()


# ------------------------------------------------------------------------------- group

_MAIN_EPILOG = """\b
Examples:
  netjournal                          open the journal screen
  netjournal add "Ana Lima" --tag close,seo --every 30
  netjournal log gave "Ana Lima" "Sent the SEO checklist" --kind article --on yesterday
  netjournal due                      who to reconnect with, who runs one-sided
  netjournal --demo                   try it on invented people

\b
Shell completion (names and commands):
  eval "$(_NETJOURNAL_COMPLETE=bash_source netjournal)"    # in ~/.bashrc
  eval "$(_NETJOURNAL_COMPLETE=zsh_source netjournal)"     # in ~/.zshrc
  _NETJOURNAL_COMPLETE=fish_source netjournal | source     # in config.fish
"""


@click.group(
    cls=_JournalGroup,
    name="netjournal",
    invoke_without_command=True,
    epilog=_MAIN_EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="Journal file to use (overrides NETJOURNAL_DB and the default location).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Use a freshly made sample journal of invented people, in a temporary folder.",
)
@click.version_option(
    __version__, "--version", prog_name="netjournal", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, demo: bool) -> None:
    """A private journal of the value you share with the people in your life.

    With no command, opens the journal screen.
    """
    if demo and db is not None:
        raise click.UsageError("Use either --demo or --db, not both.")
    today = _today_source()
    run = _Run(paths.resolve(db), today)
    ctx.obj = run
    if demo:
        run.locations = paths.resolve(_make_demo(today()))
        run.demo = True
        if ctx.invoked_subcommand is not None:
            _say(f"(Using a temporary sample journal: {run.locations.journal})", err=True)
    if ctx.invoked_subcommand is None:
        _open_default(run)


def _open_default(run: _Run) -> None:
    if _open_tui(run.locations.journal, demo=run.demo, locations=run.locations, today=run.today):
        if run.demo:
            shutil.rmtree(run.locations.journal.parent, ignore_errors=True)
            _say("That was a temporary sample journal; it has been removed.")
        return
    if not run.demo:
        _say(TUI_MISSING)
        return
    path = shlex.quote(str(run.locations.journal))
    _say(f"A sample journal of invented people was made at {run.locations.journal}")
    _say("It is a temporary copy: nothing you do with it touches your own journal.")
    _say(f"Explore it with: netjournal --db {path} contacts")
    _say()
    for line in _due_lines(_highlights(run)):
        _say(line)


# ---------------------------------------------------------------------------- commands


@cli.command(
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
    run: _Run,
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
    _say(f"Added {added.name}.")
    if any(normalise_name(ref.name) == normalise_name(added.name) for ref in before):
        _say(f"You already had a contact named {added.name}; `netjournal contacts` lists both.")


@cli.command(
    epilog="""\b
Examples:
  netjournal log gave "Ana Lima" "Sent the SEO checklist" --kind article --on yesterday
  netjournal log r bruno "Reviewed my pricing page" --kind feedback --weight 2
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
    shell_complete=_complete_from(vocab.DIRECTIONS),
)
@click.argument("names", shell_complete=_complete_contacts)
@click.argument("summary")
@click.option(
    "--kind",
    default="other",
    show_default=True,
    metavar="K",
    shell_complete=_complete_from(vocab.KINDS),
    help="What it was: article, introduction, advice, recommendation, favor, feedback, …",
)
@click.option("--on", "on", metavar="DATE", help="When it happened (default: today).")
@click.option("--url", default="", metavar="U", help="A link that goes with it.")
@click.option(
    "--weight", type=int, default=1, show_default=True, metavar="1-3", help="How much it mattered."
)
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat or use commas.")
@click.pass_obj
def log(
    run: _Run,
    direction: str,
    names: str,
    summary: str,
    kind: str,
    on: str | None,
    url: str,
    weight: int,
    tags: tuple[str, ...],
) -> None:
    """Log something of value shared with one or more contacts.

    NAMES is one name or several separated by commas. A name that matches more than one
    contact is refused with the candidates listed, and nothing is written.
    """
    from netjournal.core.records import ExchangeDraft

    direction = vocab.parse_direction(direction)
    kind = vocab.parse_kind(kind)
    with run.journal() as journal:
        day = _parse_day(on, journal)
        refs = _resolve_all(journal, names)
        draft = ExchangeDraft(
            direction=direction,
            summary=summary,
            contact_ids=tuple(ref.id for ref in refs),
            kind=kind,
            occurred_on=day,
            url=url,
            weight=weight,
            tags=tags,
        )
        record = journal.exchange(journal.log_exchange(draft))
        suggestions = _share_suggestions(journal, record, refs)
        today = journal.today()
    who = _and_list([ref.name for ref in refs])
    noun = _KIND_NOUNS.get(record.kind, "something")
    action = {
        "gave": f"gave {who} {noun}",
        "received": f"received {noun} from {who}",
        "mutual": f"exchanged {noun} with {who}",
    }[record.direction]
    _say(f"Logged: {action} — {record.summary.rstrip('.')} ({_when(record.occurred_on, today)}).")
    if suggestions:
        _say(suggestions)


def _share_suggestions(journal: Journal, record: ExchangeRecord, refs: Sequence[ContactRef]) -> str:
    """One line naming others who might value what was just given, as the quick log ranks them."""
    from netjournal.core.suggest import worth_sharing

    if not worth_sharing(record.direction, record.kind):
        return ""
    found = journal.suggest_recipients(
        record.summary, tags=record.tags, chosen=[ref.id for ref in refs], kind=record.kind
    )
    named = [
        f"{_fit(s.contact.name, NAME_WIDTH)} ({s.reasons[0]})" if s.reasons else s.contact.name
        for s in found
    ]
    return f"Might also value this: {', '.join(named)}." if named else ""


@cli.command(
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
    shell_complete=_complete_contacts,
    help="Who it goes to (repeat or use commas): left out, and their tags count.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def suggest_command(
    run: _Run, summary: str, tags: tuple[str, ...], for_names: tuple[str, ...], as_json: bool
) -> None:
    """Who else might value something you share: up to five, each with why.

    Matches the item's tags and words against your contacts' tags and notes, and what you
    gave people before.
    """
    from netjournal.core.suggest import Suggestion

    found: list[Suggestion] = []
    if run.has_journal():
        with run.journal() as journal:
            chosen = _resolve_all(journal, ",".join(for_names), required=False)
            found = journal.suggest_recipients(
                summary, tags=tags, chosen=[ref.id for ref in chosen]
            )
    if as_json:
        _print_json(
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
        _say(
            "No one else stands out for this yet; tags and notes on your contacts, "
            "and tags on what you log, make suggestions possible."
        )
        return
    for s in found:
        _say(f"{_fit(s.contact.name, NAME_WIDTH)} — {'; '.join(s.reasons)}")


@cli.command(
    epilog="""\b
Examples:
  netjournal due
  netjournal due --json | jq '.reconnect[].name'
"""
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document (ISO dates).")
@click.pass_obj
def due(run: _Run, as_json: bool) -> None:
    """Who to reconnect with, and which relationships run one way.

    Reconnect lists contacts past their rhythm (due at 1×, overdue at 1.5×). The one-sided
    lists are for noticing, not for keeping score.
    """
    highlights = _highlights(run)
    upcoming: list[UpcomingDate] = []
    if run.has_journal():
        with run.journal() as journal:
            upcoming = journal.upcoming()
    if as_json:
        _print_json(_due_document(highlights, upcoming))
        return
    for line in _due_lines(highlights, upcoming):
        _say(line)


@cli.command(
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
    "--about", default="", metavar="NAMES", shell_complete=_complete_contacts,
    help="Contacts it is about, separated by commas.",
)  # fmt: skip
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat or use commas.")
@click.option("--on", "on", metavar="DATE", help="When you wrote it (default: today).")
@click.pass_obj
def reflect(
    run: _Run, text: str | None, title: str, about: str, tags: tuple[str, ...], on: str | None
) -> None:
    """Write a reflection (TEXT, - for standard input, or your editor).

    With no TEXT, opens $VISUAL or $EDITOR with a prompt to start from.
    """
    from netjournal.core.records import ReflectionDraft

    # Names and date are checked first, so a refusal never costs the user what they typed.
    with run.journal() as journal:
        refs = _resolve_all(journal, about, required=False)
        day = _parse_day(on, journal)
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
    named = f" about {_and_list([r.name for r in refs])}" if refs else ""
    titled = f" “{clean_text(title).strip()}”" if title.strip() else ""
    _say(f"Saved your reflection{titled}{named} ({words} {'word' if words == 1 else 'words'}).")


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


@cli.command(
    epilog="""\b
Examples:
  netjournal touch "Ana Lima"
  netjournal touch ana --on yesterday
"""
)
@click.argument("name", shell_complete=_complete_contacts)
@click.option("--on", "on", metavar="DATE", help="When you were in touch (default: today).")
@click.pass_obj
def touch(run: _Run, name: str, on: str | None) -> None:
    """Mark a contact as touched, restarting their reconnect clock.

    Nothing is logged; use `netjournal log` when something was exchanged.
    """
    with run.journal() as journal:
        ref = journal.resolve_contact(name)
        day = _parse_day(on, journal) or journal.today()
        journal.touch(ref.id, day)
        when = _when(day, journal.today())
    _say(f"Touched {ref.name} ({when}); their reconnect clock starts again.")


@cli.command(
    epilog="""\b
Examples:
  netjournal snooze "Ana Lima" 7
  netjournal snooze bruno 30
"""
)
@click.argument("name", shell_complete=_complete_contacts)
@click.argument("days", type=int)
@click.pass_obj
def snooze(run: _Run, name: str, days: int) -> None:
    """Keep a contact off the Reconnect list for a while.

    DAYS is how long; 3, 7, 14 or 30 are usual.
    """
    from netjournal.core.dates import format_long

    with run.journal() as journal:
        ref = journal.resolve_contact(name)
        until = journal.snooze(ref.id, days)
    _say(f"Snoozed {ref.name} until {format_long(until)}.")


@cli.command(
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
@click.argument("people", nargs=-1, metavar="A B [CONTEXT]", shell_complete=_complete_contacts)
@click.option(
    "--by", "by", metavar="A", shell_complete=_complete_contacts,
    help="Who introduced you (the introduction was received).",
)  # fmt: skip
@click.option("--on", "on", metavar="DATE", help="When it happened (default: today).")
@click.pass_obj
def introduce(run: _Run, people: tuple[str, ...], by: str | None, on: str | None) -> None:
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


def _introduce_two(run: _Run, first: str, second: str, context: str, on: str | None) -> None:
    with run.journal() as journal:
        day = _parse_day(on, journal)
        one, two = journal.resolve_contact(first), journal.resolve_contact(second)
        record = journal.exchange(journal.introduce(one.id, two.id, context, on=day))
        today = journal.today()
    _say(
        f"Introduced {one.name} and {two.name} ({_when(record.occurred_on, today)}); "
        "it counts as given to both."
    )


def _introduced_to_me(run: _Run, by: str, name: str, context: str, on: str | None) -> None:
    from netjournal.core.records import ContactDraft

    with run.journal() as journal:
        day = _parse_day(on, journal)
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
        _say(f"Added {person.name} as a new contact, introduced by {introducer.name}.")
    _say(
        f"Logged: {introducer.name} introduced you to {person.name} "
        f"({_when(record.occurred_on, today)}); it counts as received from {introducer.name}."
    )


@cli.command(
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
def contacts(run: _Run, as_json: bool, include_archived: bool) -> None:
    """List contacts, their last exchange and how each is doing."""
    summaries: list[ContactSummary] = []
    today = run.today()
    if run.has_journal():
        with run.journal() as journal:
            summaries = journal.contact_summaries(include_archived=include_archived)
            today = journal.today()
    if as_json:
        _print_json([_contact_entry(s) for s in summaries])
        return
    if not summaries:
        _say('No contacts yet. Add one with: netjournal add "Ana Lima" --tag close --every 30')
        return
    rows = [["Name", "Tags", "Last exchange", "Rhythm", "State"]]
    for s in summaries:
        last = _when(s.last_exchange, today) if s.last_exchange else "never"
        rows.append(
            [
                _fit(s.name, NAME_WIDTH),
                _fit(", ".join(s.tags), 24),
                last,
                _rhythm(s.cadence_days),
                _state(s, today),
            ]
        )
    for line in _table(rows, indent=""):
        _say(line)


def _state(s: ContactSummary, today: date) -> str:
    parts = []
    if s.archived:
        parts.append("archived")
    if s.due == "snoozed" and s.snoozed_until:
        parts.append(f"snoozed {_when(s.snoozed_until, today).replace('in ', 'for ')}")
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
        "last_exchange": _iso(s.last_exchange),
        "cadence_days": s.cadence_days,
        "days_since": s.days_since,
        "due": s.due,
        "snoozed_until": _iso(s.snoozed_until),
        "balance": None if s.balance is None else round(s.balance, 3),
        "lean": s.lean,
    }


@cli.command(
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
def search(run: _Run, words: tuple[str, ...], as_json: bool, advanced: bool, limit: int) -> None:
    """Find contacts, exchanges and reflections by the words in them.

    Searches names, companies, notes, channel handles, exchange summaries, details and links,
    and reflections. Exchanges and reflections come newest first.
    """
    from netjournal.core.search import SearchResults, match_expression

    query = " ".join(words)
    if not clean_text(query).strip() or (not advanced and match_expression(query) is None):
        raise click.UsageError("Give a word to search for, e.g. netjournal search pottery.")
    results = SearchResults(query)
    if run.has_journal():
        with run.journal() as journal:
            results = journal.search(query, advanced=advanced, limit=limit)
    if as_json:
        _print_json(_search_document(results))
        return
    if not results:
        _say(f"Nothing in your journal matches {clean_text(query)!r}.")
        return
    first = True
    for title, hits, more in _search_groups(results):
        if not hits:
            continue
        if not first:
            _say()
        first = False
        _say(f"{title} ({len(hits)}{'+' if more else ''})")
        people = [_search_people(hit) for hit in hits]
        width = max(_width(who) for who in people)
        for hit, who in zip(hits, people, strict=True):
            click.echo("  " + _search_line(hit, who + " " * (width - _width(who))))
        if more:
            _say(f"  …more; add words to narrow it, or raise --limit (now {limit}).")


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
        click.style(clean_text(piece), bold=True) if is_match else clean_text(piece)
        for piece, is_match in marked.segments
    )


def _search_people(hit: SearchHit) -> str:
    return clean_text(_fit(", ".join(p.name for p in hit.people), NAME_WIDTH))


def _search_line(hit: SearchHit, people: str) -> str:
    """One hit: date and people in columns (if it has them), then the marked text."""
    parts = [hit.when.isoformat()] if hit.when is not None else []
    if people.strip():
        parts.append(people)
    title = _styled(hit.title) if hit.title else "(untitled)"
    parts.append(title + (f" — {_styled(hit.snippet)}" if hit.snippet else ""))
    return "  ".join(parts)


def _search_document(results: SearchResults) -> dict[str, object]:
    def entry(hit: SearchHit) -> dict[str, object]:
        return {
            "id": hit.id,
            "title": hit.title.plain,
            "snippet": hit.snippet.plain,
            "matched": [*hit.title.matched, *hit.snippet.matched],
            "date": _iso(hit.when),
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


@cli.command(
    epilog="""\b
Examples:
  netjournal where
  netjournal --db ~/notes/people.db where
"""
)
@click.pass_obj
def where(run: _Run) -> None:
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
    for line in _table(rows, indent=""):
        _say(line)


# ============================================================ import, export, backup, restore
# Shell faces of netjournal.io; the work happens there, this section only parses and prints.

_PROGRESS_FROM = 1000
"""Records below which a progress bar would only flash by."""


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long work, shown only when stderr is a terminal."""
    if total < _PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda _count: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@contextmanager
def _reading(run: _Run) -> Iterator[Journal]:
    """The journal for reading only: unlocked and never upgraded, so it works while the screen
    has the journal open (as shell completion does)."""
    from netjournal.core.journal import Journal
    from netjournal.core.store import HEAD_REVISION, journal_revision, open_store

    if journal_revision(run.locations.journal) != HEAD_REVISION:
        # An older journal is upgraded first, which takes the lock like any writer.
        with run.journal() as journal:
            yield journal
        return
    store = open_store(run.locations.journal, create=False, lock=False, migrate=False)
    with Journal(store, today=run.today) as journal:
        yield journal


def _announce_reading(path: Path) -> None:
    """A line on a terminal before a big file is read, which takes a few seconds."""
    try:
        big = path.is_dir() or path.stat().st_size > 1_000_000
    except OSError:
        return
    if big and sys.stderr.isatty():
        _say(f"Reading {path}…", err=True)


def _mapping(text: str | None, fmt: str | None) -> dict[str, str] | None:
    if text is None:
        return None
    from netjournal.io.csv_import import parse_mapping

    if fmt not in (None, "csv"):
        raise click.UsageError("--map only applies to CSV files (--format csv).")
    try:
        return parse_mapping(text)
    except InputError as error:
        raise click.BadParameter(str(error), param_hint="--map") from None


@cli.command(
    "import",
    epilog="""\b
Examples:
  netjournal import ~/Downloads/Connections.csv --dry-run
  netjournal import ~/Downloads/Basic_LinkedInDataExport_11-25-2026.zip
  netjournal import contacts.vcf
  netjournal import people.csv --map "Full name=name,Mail=email,Groups=tags"
  netjournal import netjournal-2026-11-25.json

\b
Formats (found from the content when --format is left out):
  linkedin  Connections.csv, or the whole archive (folder or .zip): recommendations and
            endorsements become exchanges, given or received
  vcard     .vcf files with one or many cards (vCard 3.0 and 4.0)
  csv       any CSV; columns are guessed from their headers, or named with --map
  json      a netjournal export (complete: contacts, exchanges, reflections, settings)

People already in the journal (same e-mail, profile link or name) are merged, never doubled:
their empty fields are filled in and nothing they have is overwritten. Importing the same
file again changes nothing. The whole import is one transaction.
""",
)
@click.argument("path", type=click.Path(path_type=Path), metavar="PATH")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["linkedin", "vcard", "csv", "json"]),
    help="The file's format (default: recognised from its content).",
)
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option(
    "--map",
    "mapping",
    metavar='"COLUMN=field,…"',
    help='CSV only: which column holds which field, e.g. "Full name=name,Mail=email".',
)
@click.option("-v", "--verbose", is_flag=True, help="List every row the report mentions.")
@click.pass_obj
def import_(
    run: _Run, path: Path, fmt: str | None, dry_run: bool, mapping: str | None, verbose: bool
) -> None:
    """Bring contacts (and a LinkedIn archive's recommendations) in from PATH.

    PATH is a file, a folder or a .zip. Rows that can't be used are listed with their line
    and the reason; the rest is imported.
    """
    from netjournal.io.importing import plan_import
    from netjournal.io.plan import apply_plan
    from netjournal.io.report import plan_lines

    columns = _mapping(mapping, fmt)
    _announce_reading(path)
    if run.has_journal() and dry_run:
        with _reading(run) as journal:
            plan = plan_import(path, journal, fmt=fmt, mapping=columns)
    elif run.has_journal():
        with run.journal() as journal:
            plan = plan_import(path, journal, fmt=fmt, mapping=columns)
            if not dry_run and not plan.nothing_to_do:
                with _progress(plan.work, "Importing") as step:
                    apply_plan(journal, plan, progress=step)
    else:
        # Read the file first, so a wrong path or a broken file doesn't leave an empty journal.
        plan = plan_import(path, fmt=fmt, mapping=columns, today=run.today())
        if not dry_run and not plan.nothing_to_do:
            with run.journal() as journal, _progress(plan.work, "Importing") as step:
                apply_plan(journal, plan, progress=step)
    for line in plan_lines(plan, dry_run=dry_run, verbose=verbose):
        _say(line)


def _export_format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        return fmt
    suffix = output.suffix.casefold().lstrip(".") if output is not None else ""
    guessed = {"json": "json", "md": "md", "markdown": "md", "vcf": "vcf", "vcard": "vcf"}
    if suffix in guessed:
        return guessed[suffix]
    if output is not None and (output.is_dir() or not suffix):
        return "csv"
    return "json"


@cli.command(
    epilog="""\b
Examples:
  netjournal export > netjournal.json                  everything, as JSON
  netjournal export --format md -o journal.md          one readable document
  netjournal export --format vcf -o contacts.vcf       for your address book
  netjournal export --format csv -o netjournal-csv     a folder: one CSV per table

Files are written readable by you only (0600), and appear whole or not at all.
With no -o, one-file formats go to standard output. --format is guessed from -o's ending.
""",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "md", "vcf"]),
    help="json (complete, re-importable), csv (a folder), md (Markdown) or vcf (vCard 4.0).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), metavar="PATH",
    help="Where to write (a file; a folder for csv).",
)  # fmt: skip
@click.pass_obj
def export(run: _Run, fmt: str | None, output: Path | None) -> None:
    """Take everything out of the journal."""
    from netjournal.io.exporters import export_to, export_work, render

    fmt = _export_format(fmt, output)
    if fmt == "csv" and output is None:
        raise click.UsageError(
            "A CSV export is a folder with one file per table; name it with -o, "
            "e.g. -o netjournal-csv."
        )
    if not run.has_journal():
        raise InputError(
            f"There is no journal at {run.locations.journal} yet, so there is nothing to export."
        )
    with _reading(run) as journal:
        with _progress(export_work(journal), "Exporting") as step:
            if output is None:
                text = render(journal, fmt, step)
            else:
                written = export_to(journal, fmt, output, step)
        count = len(journal.contact_refs())
    if output is None:
        # vCard lines end in CRLF; everything else still goes through the one door.
        click.echo("\r\n".join(clean_text(part) for part in text.split("\r\n")), nl=False)
        return
    where = written[0].parent if fmt == "csv" else written[0]
    files = f" ({', '.join(p.name for p in written)})" if fmt == "csv" else ""
    _say(f"Exported {_people(count, 'contact', 'contacts')} to {where}{files}.")


@cli.command(
    epilog="""\b
Examples:
  netjournal backup                        into the backup folder (`netjournal where`)
  netjournal backup ~/Dropbox/netjournal   into a folder of your choice
  netjournal backup ~/journal-copy.db      as exactly that file

A backup is one SQLite file, checked before it is kept. In a folder, only the newest
backups are kept (the backups_keep setting, 10 by default).
""",
)
@click.argument("dest", required=False, type=click.Path(path_type=Path), metavar="[DEST]")
@click.pass_obj
def backup(run: _Run, dest: Path | None) -> None:
    """Make a verified copy of the journal."""
    from netjournal.io.backup import backups_keep, make_backup

    journal_path = run.locations.journal
    if not run.has_journal():
        raise InputError(
            f"There is no journal at {journal_path} yet, so there is nothing to back up."
        )
    # Through a read-only copy, so a backup works while the journal is open on screen.
    written = make_backup(journal_path, dest, keep=backups_keep(journal_path))
    _say(f"Backed up {journal_path} to {written}.")


@cli.command(
    epilog="""\b
Examples:
  netjournal restore ~/.local/share/netjournal/backups/journal-2026-11-24T090000Z-daily.db

Before anything is replaced, the journal as it is now is backed up, so a restore can be
undone by restoring that copy. A file that isn't a netjournal journal, or comes from a newer
version, is refused and left untouched.
""",
)
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@click.pass_obj
def restore(run: _Run, file: Path) -> None:
    """Replace the journal with a backup."""
    from netjournal.io.backup import check_backup_file, restore_journal

    source = check_backup_file(file, run.locations.journal)
    with run.journal() as journal:
        restored = restore_journal(journal, source)
    # Opening it again upgrades a backup made by an older version.
    with run.journal() as journal:
        count = len(journal.contact_refs())
    _say(
        f"Restored {restored.source} into {run.locations.journal} "
        f"({_people(count, 'contact', 'contacts')})."
    )
    undo = shlex.quote(str(restored.safety_backup))
    _say(f"The journal as it was before is kept; to undo: netjournal restore {undo}")


def main() -> None:
    """Console-script entry point (`netjournal`, and `python -m netjournal`)."""
    cli.main(prog_name="netjournal", complete_var=COMPLETE_VAR)
