"""Printing to the terminal: one door for text, columns that line up, dates and counts in words."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

import click

from netjournal.core.text import shown, shown_json

NAME_WIDTH = 28


def say(text: str = "", *, err: bool = False) -> None:
    """Print through one door, so no control character in stored or typed text reaches the
    terminal (core.text.shown)."""
    click.echo(shown(text), err=err)


def fail(message: str, ctx: click.Context, code: int) -> NoReturn:
    say(message, err=True)
    ctx.exit(code)


def print_json(document: object) -> None:
    """JSON on standard output: characters a terminal could obey are \\u-escaped, not lost."""
    say(shown_json(json.dumps(document, indent=2, ensure_ascii=False)))


def display_width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells with an ellipsis; measured as it will be shown."""
    text = shown(text)
    if display_width(text) <= width:
        return text
    kept = ""
    for ch in text:
        if display_width(kept + ch) > width - 1:
            break
        kept += ch
    return kept + "…"


def table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows padded into columns; the last column runs free."""
    if not rows:
        return []
    rows = [[shown(cell) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row[:-1])]
        lines.append((indent + "  ".join([*cells, row[-1]])).rstrip())
    return lines


def plural(count: int, one: str = "person", many: str = "people") -> str:
    return f"{count:,} {one if count == 1 else many}"


def rhythm(days: int | None) -> str:
    return f"every {days} days" if days else "no rhythm"


def and_list(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def relative_day(day: date, today: date) -> str:
    from netjournal.core.dates import humanize_date

    return humanize_date(day, today)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
