"""The front door of every export: the format asked for (io/formats), written to standard output,
a file or a folder.

text = render(journal, "md")                # one-file formats only
written = export_to(journal, "csv", folder) # files, privately and atomically
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.core.errors import InputError
from netjournal.io.files import refuse_journal_files, write_private_text
from netjournal.io.formats import Progress, exporter

if TYPE_CHECKING:
    from netjournal.core.journal import Journal


def render(journal: Journal, fmt: str, progress: Progress | None = None) -> str:
    """A one-file format as text (for standard output or a file), safe to show."""
    export = exporter(fmt)
    if export.folder:
        raise InputError(f"{fmt!r} is a folder of files; give a folder with -o.")
    return export.text(journal, progress)


def export_to(
    journal: Journal, fmt: str, output: Path, progress: Progress | None = None
) -> list[Path]:
    """Write the export to `output` (a file, or a folder for csv); returns the files written."""
    output = Path(output).expanduser().absolute()
    export = exporter(fmt)
    if export.folder:
        return export.files(journal, output, progress)
    if output.is_dir():
        output = output / default_name(fmt, journal.today())
    refuse_journal_files(journal.path, [output])
    return [write_private_text(output, export.text(journal, progress))]


def default_name(fmt: str, today: date) -> str:
    return f"netjournal-{today.isoformat()}.{fmt}"
