"""`netjournal check` (is the journal whole, do its highlights add up?) and `salvage`."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from netjournal.cli.output import plural, say
from netjournal.cli.run import Run


@click.command(
    epilog="""\b
Examples:
  netjournal check              check, and rebuild the highlights if they don't add up
  netjournal check --no-repair  only report; exit 1 if anything is off

\b
What it checks:
  - SQLite's full integrity check of the journal file (every page and index);
  - that every contact's highlight figures (the ledger behind Home and `due`) equal a
    recomputation from their exchanges. The ledger is derived data: rebuilding it loses nothing.
"""
)
@click.option(
    "--repair/--no-repair",
    default=True,
    show_default=True,
    help="Rebuild the highlight figures when they differ from a recomputation.",
)
@click.pass_context
def check(ctx: click.Context, repair: bool) -> None:
    """Check the journal file and its highlight figures."""
    run: Run = ctx.obj
    if not run.has_journal():
        say(f"There is no journal at {run.locations.journal} yet; nothing to check.")
        return
    with run.journal() as journal:
        problems = journal.check_file()
        if problems:
            say(f"SQLite's integrity check found damage in {journal.path}: {problems[0]}", err=True)
            say(
                "Nothing was changed. Restore the latest backup with `netjournal restore FILE` "
                f"(backups are in {run.locations.backup_dir}).",
                err=True,
            )
            ctx.exit(1)
        say(f"The journal file is whole ({journal.path}).")
        mismatches = journal.check_ledger(repair=repair)
        count = len(journal.contact_refs())
    if not mismatches:
        whose = "your one contact" if count == 1 else f"all {plural(count, 'contact', 'contacts')}"
        say(f"The highlight figures of {whose} add up.")
        return
    who = plural(len(mismatches), "contact", "contacts")
    if repair:
        say(f"The highlight figures of {who} did not add up; they were rebuilt from the exchanges.")
        return
    say(
        f"The highlight figures of {who} don't add up. Run `netjournal check` to rebuild them "
        "from the exchanges (nothing is lost).",
        err=True,
    )
    ctx.exit(1)


@click.command(
    epilog="""\b
Examples:
  netjournal salvage ~/Downloads/shared-journal.db -o ~/journal-clean.db
  netjournal --db ~/journal-clean.db contacts     then look at what came across

\b
For a journal netjournal refuses to open because it holds something netjournal didn't put
there (a trigger, a view, an extra table), or that is damaged: its contacts, exchanges,
reflections, tags and settings are copied row by row into a new journal, and nothing else.
The file itself is only read.
"""
)
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="NEW",
    help="Where to create the clean journal (a file that doesn't exist yet).",
)
def salvage(file: Path, target: Path) -> None:
    """Copy a suspicious or damaged journal's contents into a new, clean journal."""
    from netjournal.io.salvage import salvage as copy_rows

    report = copy_rows(file, target)
    say(f"Made a clean journal at {target}.")
    copied = report.copied
    if any(copied.values()):
        say(
            f"Copied {plural(copied.get('contact', 0), 'contact', 'contacts')}, "
            f"{plural(copied.get('exchange', 0), 'exchange', 'exchanges')} and "
            f"{plural(copied.get('reflection', 0), 'reflection', 'reflections')}, with their "
            "tags, channels, dates and settings."
        )
    else:
        say("The file held no rows to copy.")
    if report.left_behind:
        shown = ", ".join(report.left_behind[:5])
        more = f" and {len(report.left_behind) - 5} more" if len(report.left_behind) > 5 else ""
        say(f"Left behind (not netjournal's): {shown}{more}.")
    skipped = sum(report.refused.values()) + report.orphans
    if skipped:
        say(f"Left out {skipped:,} rows that didn't fit a clean journal.")
    say(f"Use it with: netjournal --db {shlex.quote(str(target))}")
