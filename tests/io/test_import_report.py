"""What `netjournal import` prints: counts a user can act on, every column and unreadable part
with -v, the --map example always, an archive's other files in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft
from tests.conftest import TODAY
from tests.io.conftest import connections_csv, write

Run = Callable[..., Result]
DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str) -> Result:
        result = CliRunner().invoke(cli, ["--db", str(journal_path), *args])
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    return invoke


def test_a_row_that_fills_in_a_known_contact_is_counted_once(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Ana Lima", email="ana@example.com"))
        journal.add_contact(ContactDraft("Bruno Costa", email="bruno@example.com"))
    path = write(
        tmp_path / "x.csv",
        "Name,Email,Company\nAna Lima,ana@example.com,Lumen\nBruno Costa,bruno@example.com,\n",
    )
    out = run("import", str(path)).stdout
    assert "Updated       1 contact already here (filling in company)" in out
    assert "Already here  1 contact, nothing new" in out
    assert "Merged" not in out


def test_unused_columns_are_listed_in_full_with_v_and_the_map_example_always(
    run: Run, tmp_path: Path
) -> None:
    extra = [f"Extra column number {n}" for n in range(1, 13)]
    path = write(
        tmp_path / "wide.csv",
        ",".join(["Name", *extra]) + "\n" + ",".join(["Ana", *["x"] * 12]) + "\n",
    )
    short = run("import", str(path), "--dry-run").stdout
    assert "Not imported from wide.csv: the 12 columns with data no field takes:" in short
    assert "Extra column number 8 and 4 more (--verbose lists them all)" in short
    assert "Extra column number 12" not in short
    assert 'Bring one in with --map, e.g. --map "Extra column number 1=notes".' in short
    full = run("import", str(path), "--dry-run", "-v").stdout
    assert ", ".join(extra) in full
    assert 'e.g. --map "Extra column number 1=notes"' in full


def test_a_long_note_is_shortened_only_without_v(run: Run, tmp_path: Path) -> None:
    group = "Friends from the " + "very " * 60 + "long trip"
    path = write(
        tmp_path / "x.vcf",
        "BEGIN:VCARD\nVERSION:4.0\nUID:a\nFN:Ana\nEND:VCARD\n"
        f"BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:{group}\nMEMBER:a\nEND:VCARD\n",
    )
    short = run("import", str(path), "--dry-run").stdout
    full = run("import", str(path), "--dry-run", "-v").stdout
    assert group not in short and "…" in short
    assert f"the group {group!r} became the tag" in full


def test_a_card_with_a_broken_photo_imports_without_it(run: Run) -> None:
    """Photos are never kept, and are set aside before the card is read at all."""
    out = run("import", str(DATA / "broken-photo.vcf"), "--dry-run").stdout
    assert "Would add  1 contact" in out and "Left out" not in out


def test_unreadable_parts_are_counted_and_listed_with_v(run: Run, tmp_path: Path) -> None:
    card = tmp_path / "odd.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Wanjiru Mwangi\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg\n this line is not a property\n"
        "EMAIL:wanjiru@shamba.example\nthis line has no colon\nEND:VCARD\n",
        encoding="utf-8",
    )
    short = run("import", str(card), "--dry-run").stdout
    assert "Left out   1 part of imported cards that can't be read (--verbose lists them)" in short
    assert "line 7" not in short
    full = run("import", str(card), "--dry-run", "-v").stdout
    assert "Left out of imported cards:" in full
    assert "odd.vcf line 7: 'this line has no colon' isn't a vCard line (no colon)" in full


def test_nameless_contacts_are_counted_with_the_tag_to_find_them(run: Run) -> None:
    out = run("import", str(DATA / "email-only.vcf")).stdout
    assert "No name  3 of them, named after their e-mail or phone (tag needs-name)" in out


def test_a_full_linkedin_archive_names_its_other_files_in_one_line(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    connections_csv(folder / "Connections.csv", "Ana,Lima,,,Lumen,Founder,15 Jan 2024", ",,,,X,,")
    others = [f"Other_File_{n:02d}.csv" for n in range(1, 41)]
    for name in others:
        write(folder / name, "a,b\n1,2\n")
    write(folder / "Articles" / "one.html", "<p>x</p>")
    write(
        folder / "Recommendations_Received.csv",
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        "Bruno,Costa,X,Y,Great work,01/10/24,REJECTED\n",
    )
    out = run("import", str(folder)).stdout
    [line] = [line for line in out.splitlines() if "Not read" in line]
    assert "41 other files of the archive: Other_File_01.csv" in line
    assert "and 33 more (--verbose lists them all)" in line
    assert "Skipped   2 rows:" in out
    assert "Connections.csv line 6: no name" in out
    assert "Recommendations_Received.csv line 2: LinkedIn marks this recommendation" in out
    assert "not a file netjournal imports" not in out
    full = run("import", str(folder), "--dry-run", "-v").stdout
    assert "Other_File_40.csv, Articles/" in full
