"""Every format netjournal imports or exports, in one list: its name, how it is told apart, and
where its reader and writer live. Readers and writers are imported only when a file needs them.

To add an importer, see docs/architecture.md, "Adding an importer".
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from netjournal.core.errors import InputError

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.io.incoming import ImportRequest, Parsed

Progress = Callable[[int], None]
Reader = Callable[["ImportRequest"], "Parsed"]
Sniffer = Callable[[str], bool]
TextWriter = Callable[["Journal", Progress | None], str]
FolderWriter = Callable[["Journal", Path, Progress | None], list[Path]]


def _load(ref: str) -> Any:
    """The function a "package.module:function" reference names, importing its module now."""
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Export:
    """How a format is written out."""

    name: str
    """What `netjournal export --format` takes, and the file's ending ("vcf")."""
    label: str
    """How the app's export dialog offers it."""
    hint: str
    """A few words for `netjournal export --help`."""
    writer: str
    """"module:function": (journal, progress) -> text, or for a folder (journal, folder,
    progress) -> files written. The text is already safe to show or write."""
    rank: int
    """Its place in lists; the lowest is the default."""
    folder: bool = False
    """It writes a folder of files rather than one file."""
    endings: tuple[str, ...] = ()
    """Endings of an output path that choose it when --format is left out."""

    def text(self, journal: Journal, progress: Progress | None = None) -> str:
        return cast(TextWriter, _load(self.writer))(journal, progress)

    def files(self, journal: Journal, folder: Path, progress: Progress | None) -> list[Path]:
        return cast(FolderWriter, _load(self.writer))(journal, folder, progress)


@dataclass(frozen=True)
class Format:
    """One kind of file: read by `reader`, written by `export`; either may be absent."""

    name: str
    """What `netjournal import --format` takes, and what a report's Parsed.format holds."""
    label: str
    """How reports name it ("vCard")."""
    reader: str | None = None
    """"module:function": ImportRequest -> Parsed (it reads a file, or a folder or .zip when
    `folders`)."""
    sniffer: str | None = None
    """"module:function": the start of a file's text -> whether it is this format."""
    fallback: bool = False
    """Any text file no sniffer claims is read as this format."""
    folder: str = ""
    """How a sentence names a folder or .zip of this format ("a LinkedIn archive"); empty when
    it reads single files only. Which folders are its: those with files matching `patterns`."""
    patterns: tuple[str, ...] = ()
    """File names this format reads (lower case, shell wildcards)."""
    mapped: bool = False
    """It takes --map (which column holds which field)."""
    examples: str = ""
    """What the app's import box suggests for it."""
    help: tuple[str, ...] = ()
    """Its lines under "Formats" in `netjournal import --help`."""
    export: Export | None = None

    def read(self, request: ImportRequest) -> Parsed:
        if self.reader is None:
            raise InputError(f"netjournal doesn't import {self.label} files.")
        return cast(Reader, _load(self.reader))(request)

    def sniff(self, text: str) -> bool:
        return self.sniffer is not None and cast(Sniffer, _load(self.sniffer))(text)

    def claims(self, file_name: str) -> bool:
        """Whether a file in a folder or .zip is one this format reads."""
        name = Path(file_name).name.casefold()
        return any(fnmatch(name, pattern) for pattern in self.patterns)


_LINKEDIN_FILES = tuple(
    f"{stem}.csv"
    for stem in (
        "connections",
        "recommendations[_ -]given",
        "recommendations[_ -]received",
        "endorsement[_ -]given[_ -]info",
        "endorsement[_ -]received[_ -]info",
    )
)

FORMATS: tuple[Format, ...] = (
    Format(
        "linkedin", "LinkedIn", "netjournal.io.linkedin:read_linkedin",
        sniffer="netjournal.io.linkedin:looks_like_linkedin", folder="a LinkedIn archive",
        patterns=_LINKEDIN_FILES, examples="Connections.csv, a LinkedIn .zip or folder",
        help=(
            "Connections.csv, or the whole archive (folder or .zip): recommendations and",
            "endorsements become exchanges, given or received",
        ),
    ),
    Format(
        "vcard", "vCard", "netjournal.io.vcard_reading:read_vcards",
        sniffer="netjournal.io.vcard_reading:looks_like_vcard",
        folder="vCard files (.vcf)",
        patterns=("*.vcf", "*.vcard"), examples=".vcf",
        help=(
            ".vcf files with one or many cards (vCard 2.1, 3.0 and 4.0), as phones, Gmail,",
            "Apple Contacts, Outlook, Thunderbird and CardDAV servers write them",
        ),
        export=Export(
            "vcf", "vCard 4.0 — for address books", "vCard 4.0",
            "netjournal.io.exporters:vcard_text", rank=3, endings=("vcf", "vcard"),
        ),
    ),
    Format(
        "csv", "CSV", "netjournal.io.csv_import:read_csv", fallback=True, mapped=True,
        examples=".csv",
        help=(
            "Google Contacts, Outlook, Outlook.com and Thunderbird exports are recognised;",
            "in any other CSV, columns are guessed from their headers, or named with --map",
        ),
        export=Export(
            "csv", "CSV — a folder, one file per table", "a folder",
            "netjournal.io.exporters:csv_files", rank=1, folder=True,
        ),
    ),
    Format(
        "json", "netjournal JSON", "netjournal.io.json_format:read_json",
        sniffer="netjournal.io.json_format:looks_like_json", examples=".json",
        help=(
            "a netjournal export (complete: contacts, exchanges, reflections, settings;",
            "the settings are taken only with --settings)",
        ),
        export=Export(
            "json", "JSON — everything, importable again", "complete, re-importable",
            "netjournal.io.exporters:json_text", rank=0, endings=("json",),
        ),
    ),
    Format(
        "markdown", "Markdown",
        export=Export(
            "md", "Markdown — one readable document", "Markdown",
            "netjournal.io.exporters:markdown_text", rank=2, endings=("md", "markdown"),
        ),
    ),
)  # fmt: skip


def importers() -> tuple[Format, ...]:
    """The formats netjournal reads, in the order help and errors list them."""
    return tuple(f for f in FORMATS if f.reader is not None)


def exports() -> tuple[Export, ...]:
    """The formats netjournal writes, the default first."""
    return tuple(sorted((f.export for f in FORMATS if f.export), key=lambda e: e.rank))


def importer(name: str) -> Format:
    """The format `name` names, or an InputError listing the ones there are."""
    for fmt in importers():
        if fmt.name == name:
            return fmt
    names = ", ".join(f.name for f in importers())
    raise InputError(f"{name!r} is not an import format; use one of {names}.")


def exporter(name: str) -> Export:
    for export in exports():
        if export.name == name:
            return export
    names = ", ".join(e.name for e in exports())
    raise InputError(f"{name!r} is not an export format; use one of {names}.")


def format_of(export: Export) -> Format:
    return next(f for f in FORMATS if f.export is export)


def label_of(name: str) -> str:
    """How a report names a format ("vcard" → "vCard"); an unknown name as it is."""
    return next((f.label for f in FORMATS if f.name == name), name)


def export_for(output: Path | None) -> Export:
    """The export an output path asks for by its ending: a folder (or a name with no ending)
    gets the folder format, anything else the default."""
    ending = output.suffix.casefold().lstrip(".") if output is not None else ""
    for export in exports():
        if ending in export.endings:
            return export
    if output is not None and (output.is_dir() or not ending):
        return next(e for e in exports() if e.folder)
    return exports()[0]


def detect_format(path: Path) -> Format:
    """The format of `path` from its content (a folder or .zip by the files at its top), so a
    renamed or extension-less file still imports."""
    import zipfile

    from netjournal.io.source import bundle

    if path.is_dir() or zipfile.is_zipfile(path):
        return folder_format([member.name for member in bundle(path).files])
    if path.suffix.casefold() == ".zip":
        raise InputError(
            f"{path} is named .zip but isn't a zip archive; it may be incomplete. "
            "Download it again, or unpack it and import the folder."
        )
    return text_format(path)


def folder_format(names: list[str]) -> Format:
    """The first format that reads folders and claims one of `names`; else the first that
    reads folders at all (whose reader says what it missed)."""
    readers = [f for f in importers() if f.folder]
    return next((f for f in readers if any(f.claims(n) for n in names)), readers[0])


def text_format(path: Path) -> Format:
    from netjournal.io.source import SNIFF_BYTES, decode

    with open(path, "rb") as file:
        head = file.read(SNIFF_BYTES)
    if not head.strip():
        raise InputError(f"{path} is empty; there is nothing to import.")
    # A stray NUL or two is damage inside a text file (its row reports it); binary data is
    # refused by decode.
    text = decode(str(path), head).text
    found = next((f for f in importers() if f.sniff(text)), None)
    return found or next(f for f in importers() if f.fallback)
