"""What an importer read from a file, before it is matched against the journal.

Every format turns its file into a `Parsed`: contacts, exchanges and reflections as drafts, each
remembering where in the file it came from, plus the rows it could not use and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netjournal.core.errors import InputError
from netjournal.core.records import ContactDraft, ExchangeDraft, ReflectionDraft
from netjournal.core.validation import validate_contact
from netjournal.io.limits import MAX_RECORDS, too_many


@dataclass(frozen=True)
class ImportRequest:
    """What a format's reader is handed (see io/formats): a file, or a folder or .zip for a
    format that reads those, already checked to exist."""

    path: Path
    today: date
    mapping: Mapping[str, str] | None = None
    """Which column holds which field, for a format that takes --map."""


@dataclass(frozen=True)
class Origin:
    """Where a record came from: a file, and a line in it or a position in a list."""

    source: str
    line: int | None = None
    item: str = ""

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.source} line {self.line}"
        if self.item:
            return f"{self.source}, {self.item}"
        return self.source


@dataclass(frozen=True)
class Skipped:
    """A row (or a whole file) an import left out, with the reason in a sentence."""

    origin: Origin
    reason: str


@dataclass(frozen=True)
class Note:
    """Something worth knowing about a row that was imported anyway."""

    origin: Origin
    text: str


@dataclass(frozen=True)
class ContactMarks:
    """A contact's state beyond its draft; only a netjournal export carries it."""

    archived: bool = False
    touched_on: date | None = None
    snoozed_until: date | None = None

    def as_tuple(self) -> tuple[bool, date | None, date | None]:
        return (self.archived, self.touched_on, self.snoozed_until)


@dataclass(frozen=True)
class IncomingContact:
    draft: ContactDraft
    origin: Origin
    key: str | None = None
    """The file's own id for this person (JSON), so exchanges can point at them."""
    emails: tuple[str, ...] = ()
    """Every address the file gives, for matching; the draft keeps one."""
    marks: ContactMarks = field(default_factory=ContactMarks)
    stand_in_name: bool = False
    """The file gave no name, so the contact is named after its e-mail or phone."""


@dataclass(frozen=True)
class PersonRef:
    """How an exchange or reflection names a person: by the file's id, profile link or name.

    `company` and `role` help tell apart two people of one name, and describe a person the
    journal doesn't know yet.
    """

    key: str | None = None
    profile_url: str = ""
    name: str = ""
    company: str = ""
    role: str = ""


@dataclass(frozen=True)
class IncomingExchange:
    draft: ExchangeDraft
    """With no contact ids yet: the planner finds them from `people`."""
    people: tuple[PersonRef, ...]
    origin: Origin


@dataclass(frozen=True)
class IncomingReflection:
    draft: ReflectionDraft
    people: tuple[PersonRef, ...]
    origin: Origin


@dataclass
class Parsed:
    """Everything read from one import: what to bring in, and what could not be."""

    format: str
    family: str = ""
    """The program that wrote the file, when its headers tell ("Google Contacts")."""
    contacts: list[IncomingContact] = field(default_factory=list)
    exchanges: list[IncomingExchange] = field(default_factory=list)
    reflections: list[IncomingReflection] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    dropped: list[Note] = field(default_factory=list)
    """Parts of imported records that couldn't be read (a vCard property), each left out."""
    ignored_files: list[str] = field(default_factory=list)
    """Files and folders of an archive that aren't read (a LinkedIn export holds dozens)."""
    unused_columns: list[tuple[str, list[str]]] = field(default_factory=list)
    """(file, headers) of CSV columns holding data that no field takes."""
    distinct_rows: bool = False
    """True when each row is a different person (a netjournal export): rows are then matched
    against the journal only, never merged with each other."""
    create_missing: bool = True
    """Whether a person an exchange names but nobody in the journal or file matches is added."""

    def extend(self, other: Parsed) -> None:
        """Add what another file of the same import held; refused past the import's limit."""
        self.contacts += other.contacts
        self.exchanges += other.exchanges
        self.reflections += other.reflections
        self.settings.update(other.settings)
        self.skipped += other.skipped
        self.notes += other.notes
        self.dropped += other.dropped
        self.ignored_files += other.ignored_files
        self.unused_columns += other.unused_columns
        if self.records > MAX_RECORDS:
            raise too_many("The files of this import", verb="hold")

    @property
    def records(self) -> int:
        """What the import's size limit counts: contacts, exchanges and reflections read.
        (Each file's rows, used or not, are counted as they are read.)"""
        return len(self.contacts) + len(self.exchanges) + len(self.reflections)


def usable_email(value: str, origin: Origin, notes: list[Note]) -> str:
    """`value` when core validation accepts it as an address; else "" and a note, so that the
    rest of the row still imports."""
    if not value.strip():
        return ""
    try:
        return validate_contact(ContactDraft(name="-", email=value), date.max).email
    except InputError as error:
        notes.append(Note(origin, f"{error} It was left out."))
        return ""
