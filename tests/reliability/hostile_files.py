"""A corpus of hostile files, made by code: journals poisoned with plain sqlite3 after netjournal
wrote them, and import files that are too big, binary, damaged or lying about themselves.

Every maker writes into a folder it is given and returns the path; nothing here uses
netjournal to write the hostile part, as an attacker's file would not.
"""

from __future__ import annotations

import base64
import json
import random
import sqlite3
import struct
import unicodedata
import zipfile
from pathlib import Path

# One of every kind of control a terminal might obey, with some text around them: OSC title and
# clipboard, CSI (7-bit and C1), a lone CR, other C0, DEL, C1 NEL and ST, bidi override and
# isolates, and NUL.
POISON = (
    "\x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b[31m red \x9b1;1H \x9d2;t\x9c "
    "cr\rback \x01\x08\x0b\x0c\x1f\x7f \x85 \u202eevil\u202c \u2066iso\u2069 nul\x00end"
)


def forbidden(char: str) -> bool:
    """Whether `char` must never reach a terminal or an exported file: C0 but tab and newline
    (CR included), DEL, C1, bidi controls, lone surrogates."""
    if char in "\t\n":
        return False
    if unicodedata.category(char) in ("Cc", "Cs"):
        return True
    return "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters in `text`, in order (empty when it is safe)."""
    return [char for char in text if forbidden(char)]


# Tables whose text is the schema's own bookkeeping, or FTS5's internal storage.
_NOT_USER_TEXT = ("alembic_version",)
_FTS_SHADOW = ("_data", "_idx", "_content", "_docsize", "_config")
_TEXT_TYPES = ("CHAR", "CLOB", "TEXT")


def text_columns(path: Path) -> dict[str, list[str]]:
    """Every table of the journal at `path` and its text columns (FTS5 columns included)."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        found: dict[str, list[str]] = {}
        for table, sql in rows:
            if table in _NOT_USER_TEXT or any(table.endswith(s) for s in _FTS_SHADOW):
                continue
            virtual = (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
            columns = [
                name
                for _cid, name, kind, *_rest in db.execute(f'PRAGMA table_info("{table}")')
                if virtual or any(t in (kind or "").upper() for t in _TEXT_TYPES)
            ]
            if columns:
                found[table] = columns
    return found


def poison_journal(path: Path, poison: str = POISON) -> dict[str, list[str]]:
    """Wrap every text value of every table in `poison`, with plain sqlite3; returns what was
    poisoned. A column whose CHECK constraint admits only a fixed set of words (an exchange's
    direction) is left as it is. The journal must have been closed by netjournal first."""
    poisoned: dict[str, list[str]] = {}
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        for table, names in text_columns(path).items():
            for name in names:
                db.execute("SAVEPOINT one")
                try:
                    db.execute(
                        f'UPDATE "{table}" SET "{name}" = :p || "{name}" || :p', {"p": poison}
                    )
                except sqlite3.IntegrityError:
                    db.execute("ROLLBACK TO one")
                else:
                    poisoned.setdefault(table, []).append(name)
                db.execute("RELEASE one")
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return poisoned


# ------------------------------------------------------------------------- import files

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def random_bytes(path: Path, size: int = 200_000, seed: int = 13) -> Path:
    """Binary noise under a text file's name (.vcf, .csv, .json or none)."""
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def connections(path: Path, rows: int) -> Path:
    """A LinkedIn Connections.csv of `rows` people."""
    lines = [CONNECTIONS_HEADER]
    lines += [
        f"Ana{n},Lima{n},https://www.linkedin.com/in/ana-{n},,Acme,Editor,01 Jan 2020\r\n"
        for n in range(rows)
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def linkedin_zip(path: Path, member: bytes, *, name: str = "Connections.csv") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, member)
    return path


def _member_data_offset(raw: bytes) -> int:
    """Where the first member's compressed data starts, after its local header."""
    name_length, extra_length = struct.unpack_from("<HH", raw, 26)
    return 30 + name_length + extra_length


def zip_with_bad_crc(path: Path) -> Path:
    """A stored (uncompressed) member whose bytes no longer match its CRC."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS_HEADER + "Ana,Lima,,,,,01 Jan 2020\r\n")
    raw = bytearray(path.read_bytes())
    raw[_member_data_offset(raw) + 5] ^= 0x20
    path.write_bytes(raw)
    return path


def zip_with_broken_deflate(path: Path) -> Path:
    """A deflated member whose compressed stream is garbage halfway through."""
    linkedin_zip(path, connections(path.with_suffix(".csv"), 2_000).read_bytes())
    path.with_suffix(".csv").unlink()
    raw = bytearray(path.read_bytes())
    start = _member_data_offset(raw)
    raw[start + 40 : start + 240] = bytes(200)
    path.write_bytes(raw)
    return path


def encrypted_zip(path: Path) -> Path:
    """A member marked as encrypted (general purpose flag bit 0), as a zip tool's password
    protection leaves it."""
    zip_with_bad_crc(path)  # any member will do; the flag is what a reader must notice
    raw = bytearray(path.read_bytes())
    raw[6] |= 0x01  # local header flags
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 8] |= 0x01  # central directory flags
    path.write_bytes(raw)
    return path


def zip_bomb(path: Path, size: int) -> Path:
    """A small archive whose member unpacks to `size` bytes of one repeated line."""
    line = b"Ana,Lima,,,,,01 Jan 2020\r\n"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        member.write(CONNECTIONS_HEADER.encode())
        block = line * (1 << 16)
        written = 0
        while written < size:
            member.write(block)
            written += len(block)
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A file that claims `size` bytes without taking them on disk."""
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def vcards(path: Path, count: int, *, note: str = "", photo: bytes = b"") -> Path:
    cards = []
    for n in range(count):
        card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nN:{n};Person;;;\r\n"
        if note:
            card += _folded(f"NOTE:{note}")
        if photo:
            card += _folded(f"PHOTO;ENCODING=b;TYPE=JPEG:{base64.b64encode(photo).decode()}")
        cards.append(card + "END:VCARD\r\n")
    path.write_text("".join(cards), encoding="utf-8")
    return path


def _folded(line: str) -> str:
    return "\r\n ".join(line[i : i + 74] for i in range(0, len(line), 74)) + "\r\n"


def netjournal_json(path: Path, document: dict[str, object]) -> Path:
    path.write_text(json.dumps({"format": "netjournal", "version": 1, **document}))
    return path


def garbage_text(size: int, seed: int = 7) -> bytes:
    """Printable noise with separators, quotes and line breaks: text, but no table."""
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyzÆØÅéüñ中文ß€ ,,,;\"'\n\n\t-=+@"
    return "".join(rng.choice(alphabet) for _ in range(size)).encode("utf-8")[:size]
