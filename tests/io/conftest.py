"""Helpers for the import/export tests: hand-made files and a one-call import."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from netjournal.core.journal import Journal
from netjournal.io.importing import plan_import
from netjournal.io.plan import ImportPlan, ImportResult, apply_plan

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address using this setting, see https://x.y"\n'
    "\n"
)


def write(path: Path, text: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    """Write `text` as a file would be saved: `newline` for every line break."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def connections_csv(path: Path, *rows: str, bom: bool = True) -> Path:
    text = LINKEDIN_NOTES + CONNECTIONS_HEADER + "\n" + "".join(row + "\n" for row in rows)
    return write(path, ("\ufeff" if bom else "") + text)


def run_import(journal: Journal, path: Path, **options: object) -> tuple[ImportPlan, ImportResult]:
    plan = plan_import(path, journal, **options)  # type: ignore[arg-type]
    return plan, apply_plan(journal, plan)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)
