"""A corpus of hostile files, made by code: journals poisoned with plain sqlite3 after netjournal
wrote them, and import files that are too big, binary, damaged or lying about themselves.

Every maker writes into a folder it is given and returns the path; nothing here uses
netjournal to write the hostile part, as an attacker's file would not.
"""

from __future__ import annotations

import sqlite3
import unicodedata
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
