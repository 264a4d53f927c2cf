"""Reading CSV the way people's files really are: any of `,` `;` or tab, CRLF, BOM, a preamble
before the header, cut-short files. Every row keeps the line it started on; a row that can't be
read is set aside with a sentence, and the rest still comes through.
"""

from __future__ import annotations

import _csv
import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from netjournal.core.errors import InputError
from netjournal.io.incoming import Origin, Skipped
from netjournal.io.limits import MAX_RECORDS, Text, too_many

_DELIMITERS = (",", ";", "\t")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER_SCAN_LINES = 60


def header_key(text: str) -> str:
    """A header cell reduced for matching: "E-mail Address " and "email_address" agree."""
    text = text.replace("\ufeff", "").strip().strip('"').casefold()
    text = re.sub(r"[-_.:/()#]+", " ", text)
    return " ".join(text.split()).replace("e mail", "email")


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]


@dataclass
class Table:
    source: str
    header: list[str]
    keys: list[str]
    header_line: int
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def column(self, *names: str) -> int | None:
        """The index of the first column whose header is one of `names` (header keys)."""
        for name in names:
            if name in self.keys:
                return self.keys.index(name)
        return None


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def find_header(
    text: str, is_header: Callable[[list[str]], bool] | None = None
) -> tuple[int, str] | None:
    """(line index, delimiter) of the header: the first line `is_header` accepts, or else the
    first non-empty line, split by whichever delimiter gives it the most cells."""
    # Split exactly where the csv module breaks lines, so line numbers agree with it.
    # (Only the first lines are cut out of the text: splitting it would copy all of it.)
    for index, line in enumerate(islice(_lines(text, 0), _HEADER_SCAN_LINES)):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        splits = sorted(((len(_cells(line, d)), d) for d in _DELIMITERS), key=lambda pair: -pair[0])
        if is_header is None:
            return index, splits[0][1]
        for _count, delimiter in splits:
            if is_header([header_key(c) for c in _cells(line, delimiter)]):
                return index, delimiter
    return None


def read_table(
    text: Text, is_header: Callable[[list[str]], bool] | None = None, what: str = "a header"
) -> Table:
    """The rows under the header of a CSV text (see `find_header`)."""
    found = find_header(text.text, is_header)
    if found is None:
        raise InputError(f"{text.name} has no {what}, so netjournal can't tell its columns apart.")
    header_index, delimiter = found
    # Lines are handed to the reader one at a time, out of the text itself: a copy of the
    # text, or a StringIO (four bytes a character), would take several times the file's size.
    reader = csv.reader(_lines(text.text, header_index), delimiter=delimiter, strict=True)
    header = next(reader)
    table = Table(text.name, header, [header_key(h) for h in header], header_index + 1)
    # A last line without a line break, whose row doesn't fit, is a file cut short.
    whole = text.text.endswith(("\n", "\r"))
    unfinished = None if whole else _line_count(text.text)
    _read_rows(table, reader, unfinished)
    return table


def _lines(text: str, first: int) -> Iterator[str]:
    """The lines of `text` from line index `first`, each with its line break, split where
    the csv module splits them (CRLF, CR or LF)."""
    breaks = _LINE_BREAK.finditer(text)
    start = 0
    for _ in range(first):
        found = next(breaks, None)
        if found is None:
            return
        start = found.end()
    for found in breaks:
        yield text[start : found.end()]
        start = found.end()
    if start < len(text):
        yield text[start:]


def _line_count(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def _read_rows(table: Table, reader: _csv.Reader, unfinished_line: int | None) -> None:
    width = len(table.header)
    offset = table.header_line - 1
    last_end = table.header_line
    while True:
        if len(table.rows) + len(table.skipped) > MAX_RECORDS:
            raise too_many(table.source)
        start = last_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            table.skipped.append(Skipped(Origin(table.source, start), _csv_reason(error)))
            if offset + reader.line_num <= last_end:
                break  # the reader made no progress; never loop on one line
            last_end = offset + reader.line_num
            continue
        last_end = offset + reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            reason = _width_reason(len(cells), width, cut=last_end == unfinished_line)
            table.skipped.append(Skipped(Origin(table.source, start), reason))
            continue
        table.rows.append(Row(start, cells))


def _width_reason(found: int, width: int, *, cut: bool) -> str:
    reason = f"has {found} of the header's {width} columns"
    if cut:
        return f"{reason}; the file seems to be cut short here."
    return f"{reason}; check this line for a stray separator or quote."


def _csv_reason(error: csv.Error) -> str:
    message = str(error)
    if "unexpected end of data" in message:
        return (
            "a quote opened here is never closed, so the file seems cut short; nothing from "
            "here to the end could be read."
        )
    if "field larger than field limit" in message:
        return f"a cell is longer than {csv.field_size_limit():,} characters."
    if "expected after" in message:
        return "a quote closes in the middle of a cell; check the quoting on this line."
    return f"can't be read as CSV ({message})."
