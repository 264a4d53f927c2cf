"""Exports: formula-safe CSV, readable Markdown, private atomic files."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.core.records import ChannelDraft, ContactDraft, ExchangeDraft, ReflectionDraft
from netjournal.io.exporters import safe_cell
from netjournal.io.exporting import export_to, render
from netjournal.io.files import private_text_file
from tests.io.conftest import mode


@pytest.fixture
def filled(journal: Journal) -> Journal:
    ana = journal.add_contact(
        ContactDraft(
            '=HYPERLINK("http://evil")',
            company="+SUM(A1)",
            role="-2+3",
            phone="+1 555 0100",
            notes="@import\nsecond line",
            cadence_days=30,
            tags=("close",),
            birthday_month=3,
            birthday_day=14,
            channels=(
                ChannelDraft(
                    "linkedin", "https://linkedin.com/in/x", connected_on=date(2024, 1, 15)
                ),
            ),
        )
    )
    bruno = journal.add_contact(ContactDraft("Bruno Costa", company="Pedra"))
    journal.log_exchange(
        ExchangeDraft(
            "gave",
            "Introduced them",
            (ana, bruno),
            kind="introduction",
            weight=3,
            notes="=Ask Bruno\n# a heading\nmore",
        )
    )
    journal.add_reflection(ReflectionDraft("Thinking about =1+1", title="Notes"))
    return journal


def test_safe_cell_quotes_formulas_and_keeps_numbers() -> None:
    for text in ("=1+1", "+1", "-1", "@x", "\tx", "\nx"):
        assert safe_cell(text) == "'" + text
    # Control characters go first (core.text.shown); a formula behind them is still caught.
    assert safe_cell("\rx") == "x" and safe_cell("\x00x") == "x"
    assert safe_cell("\x00\x1b=1+1") == "'=1+1"
    assert safe_cell("Ana = friend") == "Ana = friend"
    assert safe_cell(42) == 42 and safe_cell(-3) == -3 and safe_cell(2.5) == 2.5
    assert safe_cell(True) == "true" and safe_cell(None) == ""
    assert safe_cell(date(2026, 1, 2)) == "2026-01-02"


def test_csv_tables_are_formula_safe(filled: Journal, tmp_path: Path) -> None:
    written = export_to(filled, "csv", tmp_path / "out")
    assert [p.name for p in written] == [
        "contacts.csv",
        "channels.csv",
        "exchanges.csv",
        "reflections.csv",
    ]
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "out" / "contacts.csv").read_text("utf-8-sig")))
    )
    ana = next(r for r in rows if r["company"].startswith("'"))
    assert ana["name"] == '\'=HYPERLINK("http://evil")'
    assert (ana["company"], ana["role"], ana["phone"]) == ("'+SUM(A1)", "'-2+3", "'+1 555 0100")
    assert ana["notes"] == "'@import\nsecond line"
    assert ana["cadence_days"] == "30" and ana["birthday"] == "03-14"
    exchanges = (tmp_path / "out" / "exchanges.csv").read_text("utf-8-sig")
    assert ",3," in exchanges  # the weight is a bare number
    [introduced] = csv.DictReader(io.StringIO(exchanges))
    assert introduced["notes"] == "'=Ask Bruno\n# a heading\nmore"
    for path in written:
        for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n", "\x00")), cell


def test_markdown_is_one_readable_document(filled: Journal) -> None:
    text = render(filled, "md")
    assert text.startswith("# netjournal — exported")
    assert "## Bruno Costa" in text
    assert "- **Rhythm:** every 30 days" in text
    assert "- **Birthday:** 14 March" in text
    assert "introduction — Introduced them (with Bruno Costa)" in text
    assert "  > # a heading" in text  # user Markdown is quoted, never a heading of its own
    assert "  > =Ask Bruno\n  > # a heading\n  > more" in text
    assert "## Reflections not about anyone in particular" in text


def test_files_are_private_and_atomic(filled: Journal, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "exports"
    for fmt in ("json", "md", "vcf"):
        [path] = export_to(filled, fmt, out / f"journal.{fmt}")
        assert mode(path) == 0o600
    for path in export_to(filled, "csv", out / "tables"):
        assert mode(path) == 0o600
    assert mode(out) == 0o700 and mode(out / "tables") == 0o700
    assert not list(out.rglob(".*.tmp"))


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), private_text_file(target) as file:
        file.write("half of the new")
        raise RuntimeError("disk went away")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["export.json"]


def test_a_folder_gets_a_named_file(filled: Journal, tmp_path: Path) -> None:
    [path] = export_to(filled, "json", tmp_path)
    assert path.name == "netjournal-2026-11-25.json"


def test_the_journal_itself_is_never_overwritten(filled: Journal) -> None:
    # (Reading the open journal's bytes here would drop SQLite's locks; its contents will do.)
    before = filled.all_contacts()
    with pytest.raises(InputError, match="is the journal"):
        export_to(filled, "json", filled.path)
    with pytest.raises(InputError, match="is the journal"):
        export_to(filled, "md", filled.path.with_name("journal.db-wal"))
    assert filled.all_contacts() == before


def test_markdown_lists_other_dates(journal: Journal) -> None:
    from netjournal.core.records import DateDraft

    journal.add_contact(
        ContactDraft(
            "Ana Lima",
            dates=(DateDraft("Name day", 6, 24), DateDraft("Work anniversary", 3, 1, 2019)),
        )
    )
    text = render(journal, "md")
    assert "- **Work anniversary:** 1 March 2019\n- **Name day:** 24 June" in text
