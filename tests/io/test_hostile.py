"""Hostile text through every importer: cleaned on the way in, never a traceback
(docs/data-safety.md, "Files from elsewhere are data, never code")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from netjournal.core import validation
from netjournal.core.journal import Journal
from netjournal.io.importing import plan_import
from netjournal.io.report import plan_lines
from tests.io.conftest import connections_csv, run_import, write

HOSTILE = "\x1b]0;pwned\x07Eve\u202e \x9b31m[@click=app.quit]x[/bold] [/ trail\\"
CLEANED = "]0;pwnedEve 31m[@click=app.quit]x[/bold] [/ trail\\"
LONG = "y" * 100_001


def linkedin(path: Path, name: str, note: str) -> Path:
    return connections_csv(path / "Connections.csv", f'"{name}",,,,"{note}",,01 Jan 2020')


def vcard(path: Path, name: str, note: str) -> Path:
    escaped = note.replace("\\", "\\\\")
    return write(
        path / "c.vcf",
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{name.replace(chr(92), chr(92) * 2)}\nORG:{escaped}\n"
        "END:VCARD\n",
    )


def generic_csv(path: Path, name: str, note: str) -> Path:
    return write(path / "c.csv", f'Name,Company\n"{name}","{note}"\n')


def netjournal_json(path: Path, name: str, note: str) -> Path:
    document = {
        "format": "netjournal",
        "version": 1,
        "contacts": [{"id": 1, "name": name, "company": note}],
    }
    return write(path / "c.json", json.dumps(document))


IMPORTERS: list[Callable[[Path, str, str], Path]] = [linkedin, vcard, generic_csv, netjournal_json]


@pytest.mark.parametrize("make", IMPORTERS, ids=lambda f: f.__name__)
def test_control_characters_and_markup_are_cleaned(
    journal: Journal, tmp_path: Path, make: Callable[[Path, str, str], Path]
) -> None:
    plan, result = run_import(journal, make(tmp_path, HOSTILE, "Acme\x00 Inc"))
    assert not plan.skipped, plan.skipped
    contact = journal.contact(result.contact_ids[0])
    assert contact.name == CLEANED
    assert contact.company == "Acme Inc"
    assert plan_import(make(tmp_path, HOSTILE, "Acme\x00 Inc"), journal).nothing_to_do


@pytest.mark.parametrize("make", IMPORTERS, ids=lambda f: f.__name__)
def test_a_field_too_long_is_cut_to_its_limit_and_counted(
    journal: Journal, tmp_path: Path, make: Callable[[Path, str, str], Path]
) -> None:
    long_name = "Ana " + "z" * 300
    plan, result = run_import(journal, make(tmp_path, long_name, LONG))
    assert not plan.skipped, plan.skipped
    contact = journal.contact(result.contact_ids[0])
    assert len(contact.company) == validation.LINE and contact.company.endswith("y…")
    assert len(contact.name) == validation.NAME and contact.name.startswith("Ana zzz")
    assert dict(plan.shortened) == {"company": 1, "name": 1}
    report = " ".join("\n".join(plan_lines(plan, dry_run=False)).split())
    assert "Cut 2 texts to netjournal's length limits, ending in …: name, company" in report


@pytest.mark.parametrize("make", IMPORTERS, ids=lambda f: f.__name__)
def test_an_empty_name_is_a_reported_row(
    journal: Journal, tmp_path: Path, make: Callable[[Path, str, str], Path]
) -> None:
    plan = plan_import(make(tmp_path, "\x1b\x07  ", ""), journal)
    assert not plan.creates
    [skipped] = plan.skipped
    assert "name" in skipped.reason


@pytest.mark.parametrize("make", [vcard, generic_csv], ids=lambda f: f.__name__)
def test_an_address_book_entry_whose_name_cleans_to_nothing_is_named_after_its_company(
    journal: Journal, tmp_path: Path, make: Callable[[Path, str, str], Path]
) -> None:
    plan, _ = run_import(journal, make(tmp_path, "\x1b\x07  ", "Acme\x1b"))
    assert not plan.skipped
    assert [c.name for c in journal.all_contacts()] == ["Acme"]
