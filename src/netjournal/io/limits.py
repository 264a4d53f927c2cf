"""What one import may read, the refusal past it, and `Text`, the decoded file every reader takes.

A leaf: it imports nothing from netjournal.io, so every reader and the file door can use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.core.errors import JournalError

MAX_FILE_BYTES = 50_000_000
"""The most a file, or one file inside an archive, may hold: far more than any address book or
LinkedIn export (30,000 connections are ~3 MB), and small enough that an import of that size
finishes in seconds (benchmarks/import_limits.py)."""
MAX_RECORDS = 50_000
"""The most rows, cards or entries one import may hold (LinkedIn allows 30,000 connections)."""


class ImportRefused(JournalError):
    """A whole import refused before anything was planned: too big, not text, a damaged or
    encrypted archive. Unlike a row's InputError, it is never reduced to a skipped row."""


def too_big(name: str) -> ImportRefused:
    return ImportRefused(
        f"{name} is larger than {MAX_FILE_BYTES // 1_000_000} MB, more than netjournal imports "
        "from one file; nothing was imported. Export fewer contacts at a time, or split it."
    )


def too_many(name: str, what: str = "rows", *, verb: str = "holds") -> ImportRefused:
    return ImportRefused(
        f"{name} {verb} more than {MAX_RECORDS:,} {what}, more than netjournal imports in one go; "
        "nothing was imported. Split it and import the parts one after the other (people "
        "already imported are recognised, never doubled). To move a whole journal, use "
        "netjournal backup and netjournal restore."
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
