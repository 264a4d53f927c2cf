"""`netjournal check`: is the journal whole, and do its highlights add up?"""

from __future__ import annotations

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
        say(f"The highlight figures of all {plural(count, 'contact', 'contacts')} add up.")
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
