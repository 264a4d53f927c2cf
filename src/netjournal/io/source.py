"""Reading what the user points an import at: a file, a folder or a .zip, as text.

Which format it is, io/formats tells from this text. Every read is bounded (see
docs/data-safety.md, "Limits"): a file or archive member is read in pieces and refused past
MAX_FILE_BYTES, an import past MAX_RECORDS rows, binary data is refused before any parser sees
it, and a damaged or encrypted archive is a sentence, never a traceback.
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from netjournal.core.errors import InputError
from netjournal.io.charsets import decode_legacy
from netjournal.io.limits import MAX_FILE_BYTES, ImportRefused, Text, too_big

_CHUNK = 1 << 20
SNIFF_BYTES = 64 * 1024
"""How much of a file's start tells its format, or that it isn't text."""
_BINARY_SHARE = 0.01
"""Control characters (or undecodable bytes) in more than this share of a file's start mean
it is not text: no text format has them, random or compressed data has ~13%."""
_SQLITE_HEADER = b"SQLite format 3\x00"


def damaged_archive(path: Path) -> ImportRefused:
    return ImportRefused(
        f"{path} is damaged or password-protected, so netjournal can't read it; nothing was "
        "imported. Download it again (LinkedIn's archives have no password)."
    )


@dataclass(frozen=True)
class Member:
    """One file in a folder or .zip, read only when it is needed."""

    name: str
    size: int
    load: Callable[[], bytes | bytearray]


def decode(name: str, data: bytes | bytearray, *, lossless: bool = False) -> Text:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 or
    Shift-JIS (see `decode_legacy`); with `lossless`, else undecoded (see `Text.undecoded`).

    Binary data (an image, a spreadsheet, a journal file) is an InputError that says so.
    """
    refuse_binary(name, data[:SNIFF_BYTES])
    if data.startswith(codecs.BOM_UTF8):
        # Through a view: slicing bytes would copy the whole file once more.
        return Text(name, str(memoryview(data)[len(codecs.BOM_UTF8) :], "utf-8", "replace"))
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


def refuse_binary(name: str, head: bytes | bytearray) -> None:
    """An InputError when `head`, the start of a file, is not text in any encoding we read."""
    if head.startswith(_SQLITE_HEADER):
        raise InputError(
            f"{name} is a database (a netjournal journal or backup?), not a file to import. "
            "To bring a backup back, use: netjournal restore FILE"
        )
    sample = _sample(bytes(head))
    odd = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    )
    if odd > max(8, len(sample) * _BINARY_SHARE):
        raise InputError(
            f"{name} doesn't look like a text file. netjournal imports LinkedIn exports "
            "(Connections.csv or the archive), vCard (.vcf), CSV and its own JSON exports."
        )


def _sample(head: bytes) -> str:
    """The start of a file decoded as `decode` would decode it (so accented Windows-1252 text
    is not mistaken for undecodable bytes)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:
            return head[: error.start].decode("utf-8")  # a character cut by the sample's end
    # As `decode` reads a file that isn't UTF-8; the sample may end inside a Shift-JIS pair.
    text, _encoding = decode_legacy(head)
    if "\ufffd" in text:
        shorter, _encoding = decode_legacy(head[:-1])
        text = shorter if "\ufffd" not in shorter else text
    return text


def read_bounded(stream: IO[bytes], name: str) -> bytearray:
    """All of `stream`, read in pieces, or ImportRefused as soon as it passes the size limit
    (whatever size the file or archive claims)."""
    data = bytearray()
    while chunk := stream.read(_CHUNK):
        data += chunk
        if len(data) > MAX_FILE_BYTES:
            raise too_big(name)
    return data


def read_text(path: Path, *, lossless: bool = False) -> Text:
    if _size_of(path) > MAX_FILE_BYTES:
        raise too_big(str(path))
    with open(path, "rb") as file:
        data = read_bounded(file, str(path))
    return decode(path.name, data, lossless=lossless)


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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise damaged_archive(path) from None
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


def check_path(path: Path) -> Path:
    """`path`, made absolute, or an InputError saying why it can't be imported."""
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise InputError(f"There is no file or folder at {path}.")
    if not (path.is_file() or path.is_dir()):
        raise InputError(f"{path} is not a file or a folder, so it can't be imported.")
    if path.is_file() and not zipfile.is_zipfile(path) and _size_of(path) > MAX_FILE_BYTES:
        raise too_big(str(path))
    return path


def _size_of(path: Path) -> int:
    return path.stat().st_size


def _file_loader(path: Path) -> Callable[[], bytearray]:
    def load() -> bytearray:
        with open(path, "rb") as file:
            return read_bounded(file, str(path))

    return load


def _zip_loader(path: Path, name: str) -> Callable[[], bytearray]:
    def load() -> bytearray:
        where = f"{name} in {path}"
        try:
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(name)
                if info.flag_bits & 0x1:
                    raise damaged_archive(path)  # encrypted: it needs a password
                if info.file_size > MAX_FILE_BYTES:
                    raise too_big(where)
                with archive.open(info) as member:
                    # Read in pieces past the claimed size: the directory can lie.
                    return read_bounded(member, where)
        except NotImplementedError:
            raise ImportRefused(
                f"{path} is compressed in a way netjournal can't read; nothing was imported. "
                "Unpack it with your system's archive tool and import the folder."
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
            # A bad CRC, a broken deflate stream, a cut-short file, or a password.
            raise damaged_archive(path) from None

    return load
