"""Taking everything out: JSON, CSV per table, Markdown and vCard, written privately and atomically
(io/exporting chooses among them).

CSV cells are formula-safe: text that a spreadsheet would run as a formula gets a leading `'`;
real numbers stay numbers. Every format passes stored text through core.text.shown (JSON escapes
instead), so control characters some other program wrote into the journal never reach a file.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.core.errors import InputError
from netjournal.core.rows import EXCHANGE_COLUMNS
from netjournal.core.text import shown
from netjournal.io.files import private_text_files, refuse_journal_files

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.records import ContactRecord, ExchangeRecord, ReflectionRecord

CSV_TABLES = ("contacts.csv", "channels.csv", "exchanges.csv", "reflections.csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
Cell = str | int | float | bool | date | None
Progress = Callable[[int], None]


def safe_cell(value: Cell) -> str | int | float:
    """A value as a spreadsheet should see it: numbers as numbers, text never as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value.isoformat() if isinstance(value, date) else shown(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True)
class Everything:
    """The journal's records, read once for an export."""

    contacts: list[ContactRecord]
    exchanges: list[ExchangeRecord]
    reflections: list[ReflectionRecord]

    @classmethod
    def read(cls, journal: Journal) -> Everything:
        return cls(
            journal.all_contacts(),
            sorted(journal.exchanges(limit=None), key=lambda e: e.id),
            sorted(journal.reflections(), key=lambda r: r.id),
        )


def export_work(journal: Journal) -> int:
    """How many steps an export reports to a progress bar: one per contact."""
    return len(journal.contact_refs())


def json_text(journal: Journal, progress: Progress | None = None) -> str:
    # Escaped rather than cleaned (json_format.export_json), so the export stays complete.
    from netjournal.io.json_format import export_json

    text = export_json(journal)
    if progress is not None:
        progress(export_work(journal))
    return text


def markdown_text(journal: Journal, progress: Progress | None = None) -> str:
    from netjournal.io.markdown import export_markdown

    everything = Everything.read(journal)
    return shown(
        export_markdown(
            everything.contacts,
            everything.exchanges,
            everything.reflections,
            journal.today(),
            progress,
        )
    )


def vcard_text(journal: Journal, progress: Progress | None = None) -> str:
    from netjournal.io.vcard_export import export_vcards

    # Per line: the CRLF that ends each vCard line stays, any other CR goes.
    text = export_vcards(Everything.read(journal).contacts, progress)
    return "\r\n".join(shown(line) for line in text.split("\r\n"))


def csv_files(journal: Journal, folder: Path, progress: Progress | None = None) -> list[Path]:
    """The CSV tables, written into `folder`; refused when `folder` is a file."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file; a CSV export is a folder of files, one per table.")
    refuse_journal_files(journal.path, [folder / name for name in CSV_TABLES])
    return write_csv_tables(Everything.read(journal), folder, progress)


def write_csv_tables(
    everything: Everything, folder: Path, progress: Progress | None = None
) -> list[Path]:
    tables: list[tuple[str, list[str], list[list[Cell]]]] = [
        ("contacts.csv", _CONTACT_HEADER, [_contact_row(c) for c in everything.contacts]),
        ("channels.csv", _CHANNEL_HEADER, _channel_rows(everything.contacts)),
        ("exchanges.csv", _EXCHANGE_HEADER, [_exchange_row(e) for e in everything.exchanges]),
        (
            "reflections.csv",
            _REFLECTION_HEADER,
            [_reflection_row(r) for r in everything.reflections],
        ),
    ]
    written = [folder / name for name, _header, _rows in tables]
    # The four tables appear together or not at all.
    with private_text_files(written, newline="") as files:
        for file, (_name, header, rows) in zip(files, tables, strict=True):
            # A BOM so spreadsheet programs read the file as UTF-8.
            file.write("\ufeff")
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    if progress is not None:
        progress(len(everything.contacts))
    return written


_CONTACT_HEADER = [
    "id", "name", "nickname", "company", "role", "location", "how_met", "email", "phone",
    "website", "birthday", "cadence_days", "tags", "notes", "archived", "touched_on",
    "snoozed_until", "added_on",
]  # fmt: skip
_CHANNEL_HEADER = [
    "contact_id", "contact", "platform", "handle", "i_follow", "they_follow", "connected_on",
]  # fmt: skip
_EXCHANGE_HEADER = ["id", "occurred_on", *EXCHANGE_COLUMNS, "tags", "contact_ids", "contacts"]
_REFLECTION_HEADER = [
    "id", "written_on", "title", "body", "prompt", "tags", "contact_ids", "contacts",
]  # fmt: skip


def _birthday(c: ContactRecord) -> str:
    if not (c.birthday_month and c.birthday_day):
        return ""
    # Month-day alone as 03-14: "--03-14" would need a formula guard in a spreadsheet.
    year = f"{c.birthday_year:04d}-" if c.birthday_year else ""
    return f"{year}{c.birthday_month:02d}-{c.birthday_day:02d}"


def _contact_row(c: ContactRecord) -> list[Cell]:
    return [
        c.id, c.name, c.nickname, c.company, c.role, c.location, c.how_met, c.email, c.phone,
        c.website, _birthday(c), c.cadence_days, ", ".join(c.tags), c.notes, c.archived,
        c.touched_on, c.snoozed_until, c.added_on,
    ]  # fmt: skip


def _channel_rows(contacts: Sequence[ContactRecord]) -> list[list[Cell]]:
    return [
        [c.id, c.name, ch.platform, ch.handle, ch.i_follow, ch.they_follow, ch.connected_on]
        for c in contacts
        for ch in c.channels
    ]


def _exchange_row(e: ExchangeRecord) -> list[Cell]:
    return [
        e.id, e.occurred_on, *(getattr(e, name) for name in EXCHANGE_COLUMNS),
        ", ".join(e.tags), " ".join(str(c.id) for c in e.contacts),
        "; ".join(c.name for c in e.contacts),
    ]  # fmt: skip


def _reflection_row(r: ReflectionRecord) -> list[Cell]:
    return [
        r.id, r.written_on, r.title, r.body, r.prompt, ", ".join(r.tags),
        " ".join(str(c.id) for c in r.contacts), "; ".join(c.name for c in r.contacts),
    ]  # fmt: skip
