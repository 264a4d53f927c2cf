"""Import, export, backup and restore: the shell faces of netjournal.io.

The work happens there; this module only parses and prints.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from netjournal.cli.output import plural, say
from netjournal.cli.run import Run
from netjournal.core.errors import InputError
from netjournal.core.text import shown
from netjournal.io.formats import export_for, exporter, exports, format_of, importers

_PROGRESS_FROM = 1000
"""Records below which a progress bar would only flash by."""


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long work, shown only when stderr is a terminal."""
    if total < _PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda _count: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def _announce_reading(path: Path) -> None:
    """A line on a terminal before a big file is read, which takes a few seconds."""
    try:
        big = path.is_dir() or path.stat().st_size > 1_000_000
    except OSError:
        return
    if big and sys.stderr.isatty():
        say(f"Reading {path}…", err=True)


def _format_lines() -> str:
    """The formats `import --help` lists, each with its lines of description."""
    lines = []
    for fmt in importers():
        first, *rest = fmt.help
        lines.append(f"  {fmt.name.ljust(8)}  {first}")
        lines += [f"  {'':8}  {line}" for line in rest]
    return "\n".join(lines)


def _mapping(text: str | None, fmt: str | None) -> dict[str, str] | None:
    if text is None:
        return None
    from netjournal.io.csv_import import parse_mapping

    mapped = next(f for f in importers() if f.mapped)
    if fmt not in (None, mapped.name):
        raise click.UsageError(
            f"--map only applies to {mapped.label} files (--format {mapped.name})."
        )
    try:
        return parse_mapping(text)
    except InputError as error:
        raise click.BadParameter(str(error), param_hint="--map") from None


@click.command(
    "import",
    epilog=f"""\b
Examples:
  netjournal import ~/Downloads/Connections.csv --dry-run
  netjournal import ~/Downloads/Basic_LinkedInDataExport_11-25-2026.zip
  netjournal import contacts.vcf
  netjournal import google-contacts.csv -v
  netjournal import people.csv --map "Full name=name,Mail=email,Groups=tags"
  netjournal import netjournal-2026-11-25.json --settings

\b
Formats (found from the content when --format is left out):
{_format_lines()}

A contact with no name is named after its company, else its e-mail or phone, and tagged
needs-name so you can find and rename them.

People already in the journal (same e-mail, profile link or name) are merged, never doubled:
their empty fields are filled in and nothing they have is overwritten. Importing the same
file again changes nothing. The whole import is one transaction.
""",
)
@click.argument("path", type=click.Path(path_type=Path), metavar="PATH")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.name for f in importers()]),
    help="The file's format (default: recognised from its content).",
)
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option(
    "--map",
    "mapping",
    metavar='"COLUMN=field,…"',
    help='CSV only: which column holds which field, e.g. "Full name=name,Mail=email".',
)
@click.option(
    "--settings",
    "take_settings",
    is_flag=True,
    help="Also take the settings a netjournal export carries (the dry run lists them first).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="List every row, column, file and unreadable part the report counts.",
)
@click.pass_obj
def import_(
    run: Run,
    path: Path,
    fmt: str | None,
    dry_run: bool,
    mapping: str | None,
    take_settings: bool,
    verbose: bool,
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
        with run.journal() as journal:
            plan = plan_import(path, journal, fmt=fmt, mapping=columns, settings=take_settings)
    elif run.has_journal():
        with run.journal() as journal:
            plan = plan_import(path, journal, fmt=fmt, mapping=columns, settings=take_settings)
            if not dry_run and not plan.nothing_to_do:
                with progress(plan.work, "Importing") as step:
                    apply_plan(journal, plan, progress=step)
    else:
        # Read the file first, so a wrong path or a broken file doesn't leave an empty journal.
        plan = plan_import(
            path, fmt=fmt, mapping=columns, today=run.today(), settings=take_settings
        )
        if not dry_run and not plan.nothing_to_do:
            with run.journal() as journal, progress(plan.work, "Importing") as step:
                apply_plan(journal, plan, progress=step)
    for line in plan_lines(plan, dry_run=dry_run, verbose=verbose):
        say(line)
    if plan.read_nothing:
        # Nothing usable at all: a wrong or broken file, which a script must be able to tell.
        click.get_current_context().exit(1)


def _export_help() -> str:
    """ "json (complete, re-importable), csv (a folder) or …", from the format registry."""
    named = [f"{e.name} ({e.hint})" for e in exports()]
    return f"{', '.join(named[:-1])} or {named[-1]}."


@click.command(
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
    type=click.Choice([e.name for e in exports()]),
    help=_export_help(),
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), metavar="PATH",
    help="Where to write (a file; a folder for csv).",
)  # fmt: skip
@click.pass_obj
def export(run: Run, fmt: str | None, output: Path | None) -> None:
    """Take everything out of the journal."""
    from netjournal.io.exporters import export_work
    from netjournal.io.exporting import export_to, render

    chosen = exporter(fmt) if fmt is not None else export_for(output)
    fmt = chosen.name
    if chosen.folder and output is None:
        raise click.UsageError(
            f"A {format_of(chosen).label} export is a folder with one file per table; "
            f"name it with -o, e.g. -o netjournal-{chosen.name}."
        )
    if not run.has_journal():
        raise InputError(
            f"There is no journal at {run.locations.journal} yet, so there is nothing to export."
        )
    with run.journal() as journal:
        with progress(export_work(journal), "Exporting") as step:
            if output is None:
                text = render(journal, fmt, step)
            else:
                written = export_to(journal, fmt, output, step)
        count = len(journal.contact_refs())
    if output is None:
        # vCard lines end in CRLF, which `say` would turn into newlines; render() has already
        # passed the text through core.text.shown, and this is the one door for the rest.
        click.echo("\r\n".join(shown(part) for part in text.split("\r\n")), nl=False)
        return
    where = written[0].parent if chosen.folder else written[0]
    files = f" ({', '.join(p.name for p in written)})" if chosen.folder else ""
    say(f"Exported {plural(count, 'contact', 'contacts')} to {where}{files}.")


@click.command(
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
def backup(run: Run, dest: Path | None) -> None:
    """Make a verified copy of the journal."""
    from netjournal.io.backup import backups_keep, make_backup

    journal_path = run.locations.journal
    if not run.has_journal():
        raise InputError(
            f"There is no journal at {journal_path} yet, so there is nothing to back up."
        )
    # Through a read-only copy, so a backup works while the journal is open on screen.
    written = make_backup(journal_path, dest, keep=backups_keep(journal_path))
    say(f"Backed up {journal_path} to {written}.")


@click.command(
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
def restore(run: Run, file: Path) -> None:
    """Replace the journal with a backup."""
    from netjournal.core.errors import UnusableJournalError
    from netjournal.io.backup import (
        check_backup_file,
        replace_unusable_journal,
        restore_journal,
    )

    source = check_backup_file(file, run.locations.journal)
    try:
        with run.journal() as journal:
            restored = restore_journal(journal, source)
    except UnusableJournalError as unusable:
        # The journal itself is what's broken: set it aside (kept) and put the backup there.
        replaced = replace_unusable_journal(run.locations.journal, source)
        with run.journal() as journal:
            count = len(journal.contact_refs())
        say(f"Your journal couldn't be used: {unusable.message.split('. ')[0]}.")
        say(f"It is kept, as it was, at {replaced.kept_as}.")
        say(
            f"Restored {replaced.source} into {run.locations.journal} "
            f"({plural(count, 'contact', 'contacts')})."
        )
        return
    # Opening it again upgrades a backup made by an older version.
    with run.journal() as journal:
        count = len(journal.contact_refs())
    say(
        f"Restored {restored.source} into {run.locations.journal} "
        f"({plural(count, 'contact', 'contacts')})."
    )
    undo = shlex.quote(str(restored.safety_backup))
    say(f"The journal as it was before is kept; to undo: netjournal restore {undo}")
