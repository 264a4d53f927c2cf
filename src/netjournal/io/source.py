"""Reading what the user points an import at: a file, a folder or a .zip, and telling its format.

Formats are recognised from the content (a LinkedIn header, BEGIN:VCARD, a netjournal JSON
export), so a renamed or extension-less file still imports.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netjournal.core.errors import InputError
from netjournal.io.charsets import decode_legacy

FORMATS = ("linkedin", "vcard", "csv", "json")
MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger than any address book or LinkedIn archive; protects memory from a wrong path or a zip
bomb."""
_SNIFF_BYTES = 64 * 1024
# Any line ending: LF, CRLF, CR CR LF (iPhone), or CR alone.
_VCARD_START = re.compile(
    r"(?:^|[\r\n])[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*(?:[\r\n]|$)", re.IGNORECASE
)


@dataclass(frozen=True)
class Text:
    """A file's text, and how it was decoded when that needs saying."""

    name: str
    text: str
    encoding_note: str = ""
    undecoded: bool = False
    """The file isn't UTF-8 and `text` holds its bytes one per character (Latin-1), for a reader
    that decodes each value itself (a vCard names a CHARSET per property)."""


@dataclass(frozen=True)
class Member:
    """One file in a folder or .zip, read only when it is needed."""

    name: str
    size: int
    load: Callable[[], bytes]


def decode(name: str, data: bytes, *, lossless: bool = False) -> Text:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 or
    Shift-JIS (see `decode_legacy`); with `lossless`, else undecoded (see `Text.undecoded`)."""
    if data.startswith(codecs.BOM_UTF8):
        return Text(name, data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Text(name, data.decode("utf-16", errors="replace"))
    try:
        return Text(name, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:
            # Only the last character is broken: the file was cut short mid-character.
            return Text(name, data.decode("utf-8", errors="replace"))
    if lossless:
        return Text(name, data.decode("latin-1"), undecoded=True)
    text, encoding = decode_legacy(data)
    return Text(name, text, f"{name} isn't UTF-8, so it was read as {encoding}; check the names.")


def read_text(path: Path, *, lossless: bool = False) -> Text:
    size = _size_of(path)
    if size > MAX_FILE_BYTES:
        raise InputError(f"{path} is {size:,} bytes; netjournal imports files up to 256 MB.")
    with open(path, "rb") as file:
        return decode(path.name, file.read(), lossless=lossless)


@dataclass(frozen=True)
class Bundle:
    """What a folder or .zip holds at its top: files to consider, and folders left unread."""

    files: list[Member]
    folders: list[str]


def bundle(path: Path) -> Bundle:
    """The files at the top of a folder or .zip, sorted by name.

    Subfolders are not read, only named; when everything sits in one folder (an archive
    unpacked into a folder of its own), that folder is the top.
    """
    if path.is_dir():
        return _folder_bundle(path, path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(i.filename for i in archive.infolist() if not i.is_dir())
            sizes = {i.filename: i.file_size for i in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise InputError(f"{path} is not a .zip netjournal can read ({error}).") from None
    tops = {name.split("/", 1)[0] for name in names}
    prefix = f"{tops.pop()}/" if len(tops) == 1 and all("/" in n for n in names) else ""
    inner = [n.removeprefix(prefix) for n in names]
    return Bundle(
        [
            Member(n, sizes[prefix + n], _zip_loader(path, prefix + n))
            for n in inner
            if "/" not in n
        ],
        sorted({n.split("/", 1)[0] for n in inner if "/" in n}),
    )


def _folder_bundle(folder: Path, root: Path) -> Bundle:
    entries = sorted(folder.iterdir())
    files = [e for e in entries if e.is_file()]
    folders = [e for e in entries if e.is_dir()]
    if not files and len(folders) == 1:
        return _folder_bundle(folders[0], root)
    return Bundle(
        [Member(str(f.relative_to(root)), f.stat().st_size, _file_loader(f)) for f in files],
        [str(f.relative_to(root)) for f in folders],
    )


def detect_format(path: Path) -> str:
    """The format of `path`, from its content: linkedin, vcard, json or csv."""
    if path.is_dir() or zipfile.is_zipfile(path):
        return "linkedin"
    if path.suffix.casefold() == ".zip":
        raise InputError(
            f"{path} is named .zip but isn't a zip archive; it may be incomplete. "
            "Download it again, or unpack it and import the folder."
        )
    with open(path, "rb") as file:
        head = file.read(_SNIFF_BYTES)
    if not head.strip():
        raise InputError(f"{path} is empty; there is nothing to import.")
    text = decode(path.name, head).text
    # A stray NUL is damage inside a text file (the row reports it); many mean binary data.
    if text.count("\x00") > max(2, len(text) // 100):
        raise InputError(
            f"{path} doesn't look like a text file. netjournal imports LinkedIn exports "
            "(Connections.csv or the archive), vCard (.vcf), CSV and its own JSON exports."
        )
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    if _VCARD_START.search(text):
        return "vcard"
    from netjournal.io.linkedin import looks_like_linkedin

    return "linkedin" if looks_like_linkedin(text) else "csv"


def check_path(path: Path) -> Path:
    """`path`, made absolute, or an InputError saying why it can't be imported."""
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise InputError(f"There is no file or folder at {path}.")
    if not (path.is_file() or path.is_dir()):
        raise InputError(f"{path} is not a file or a folder, so it can't be imported.")
    return path


def _size_of(path: Path) -> int:
    return path.stat().st_size


def _file_loader(path: Path) -> Callable[[], bytes]:
    def load() -> bytes:
        return path.read_bytes()

    return load


def _zip_loader(path: Path, name: str) -> Callable[[], bytes]:
    def load() -> bytes:
        with zipfile.ZipFile(path) as archive, archive.open(name) as member:
            # Read one byte past the limit: the size in the directory can lie.
            data = member.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"{name} in {path.name} is larger than 256 MB; it was not read.")
        return data

    return load
