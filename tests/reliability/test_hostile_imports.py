"""Import files that are too big, binary, damaged or lying: each is refused with exit code 1 and
one sentence, or read within its limits; never a traceback, and neither the file nor the
journal changes when refused (docs/data-safety.md, "Limits").
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft
from netjournal.io import limits
from netjournal.io.limits import MAX_FILE_BYTES, MAX_RECORDS, ImportRefused
from netjournal.io.source import read_bounded
from tests.conftest import TODAY
from tests.reliability import hostile_files as make

BINARY = "doesn't look like a text file"
DAMAGED = "is damaged or password-protected, so netjournal can't read it"
TOO_BIG = "is larger than 50 MB"


def invoke(path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(path), *args], env={"NETJOURNAL_TODAY": TODAY.isoformat()}
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


@pytest.fixture
def journal_file(journal_path: Path) -> Path:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Someone Already Here"))
    return journal_path


def refused(journal_file: Path, file: Path, expected: str, *args: str) -> str:
    """Import `file`; assert a one-sentence refusal naming `expected`, nothing changed."""
    before = (sha(file), sha(journal_file))
    result = invoke(journal_file, "import", str(file), *args)
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output and "unexpected problem" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert (sha(file), sha(journal_file)) == before
    return result.output


Maker = Callable[[Path], Path]


@pytest.mark.parametrize("name", ["contacts.vcf", "people.csv", "export.json", "Connections"])
def test_binary_data_under_a_text_name_is_not_a_text_file(
    journal_file: Path, tmp_path: Path, name: str
) -> None:
    refused(journal_file, make.random_bytes(tmp_path / name), BINARY)


@pytest.mark.parametrize("fmt", ["csv", "vcard", "json", "linkedin"])
def test_binary_data_is_refused_whatever_format_is_asked_for(
    journal_file: Path, tmp_path: Path, fmt: str
) -> None:
    refused(journal_file, make.random_bytes(tmp_path / "x.dat"), BINARY, "--format", fmt)


def test_a_journal_given_to_import_points_to_restore(journal_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "journal.db"
    with open_journal(other, today=lambda: TODAY):
        pass
    refused(journal_file, other, "is a database (a netjournal journal or backup?)")


@pytest.mark.parametrize(
    "maker",
    [make.zip_with_bad_crc, make.zip_with_broken_deflate, make.encrypted_zip],
    ids=["bad-crc", "broken-deflate", "encrypted"],
)
def test_a_damaged_or_encrypted_archive_is_a_sentence(
    journal_file: Path, tmp_path: Path, maker: Maker
) -> None:
    output = refused(journal_file, maker(tmp_path / "Basic_LinkedInDataExport.zip"), DAMAGED)
    assert "Download it again" in output


def test_an_archive_member_past_the_limit_is_refused_at_once(
    journal_file: Path, tmp_path: Path
) -> None:
    bomb = make.zip_bomb(tmp_path / "archive.zip", MAX_FILE_BYTES + 1_000_000)
    assert bomb.stat().st_size < 1_000_000  # small on disk, huge unpacked
    refused(journal_file, bomb, TOO_BIG)


def test_a_file_past_the_limit_is_refused_unread(journal_file: Path, tmp_path: Path) -> None:
    refused(journal_file, make.sparse_file(tmp_path / "big.csv", MAX_FILE_BYTES + 1), TOO_BIG)


def test_a_stream_that_lies_about_its_size_is_cut_off_at_the_limit() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    with pytest.raises(ImportRefused, match="larger than 50 MB"):
        read_bounded(io.BufferedReader(Endless()), "member.csv")


def test_too_many_rows_is_refused(journal_file: Path, tmp_path: Path) -> None:
    rows = make.connections(tmp_path / "Connections.csv", MAX_RECORDS + 1)
    refused(journal_file, rows, f"holds more than {MAX_RECORDS:,} rows")


def test_too_many_cards_is_refused(journal_file: Path, tmp_path: Path) -> None:
    cards = make.vcards(tmp_path / "contacts.vcf", MAX_RECORDS + 1)
    refused(journal_file, cards, f"holds more than {MAX_RECORDS:,} cards")


def test_too_many_json_entries_is_refused(journal_file: Path, tmp_path: Path) -> None:
    people = [{"id": n, "name": f"P{n}"} for n in range(MAX_RECORDS + 1)]
    file = make.netjournal_json(tmp_path / "export.json", {"contacts": people})
    refused(journal_file, file, f"holds more than {MAX_RECORDS:,} entries")


def test_millions_of_empty_objects_are_refused_before_loading(
    journal_file: Path, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    empties = ",".join(["{}"] * 3_000_000)
    file.write_text(f'{{"format": "netjournal", "version": 1, "exchanges": [{empties}]}}')
    refused(journal_file, file, "entries")


def test_a_5000_digit_id_skips_its_entry_with_a_sentence(
    journal_file: Path, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    file.write_text(
        '{"format": "netjournal", "version": 1, "contacts": ['
        f'{{"id": {"9" * 5000}, "name": "Huge Id"}}, {{"id": 2, "name": "Ana Lima"}}]}}'
    )
    result = invoke(journal_file, "import", str(file))
    assert result.exit_code == 0, result.output
    assert "its 'id' is a number far too long to be an id" in result.output
    assert "unexpected problem" not in result.output
    with open_journal(journal_file, today=lambda: TODAY) as journal:
        names = sorted(ref.name for ref in journal.contact_refs())
    assert names == ["Ana Lima", "Someone Already Here"]


def test_an_import_that_reads_nothing_exits_1(journal_file: Path, tmp_path: Path) -> None:
    file = tmp_path / "people.csv"
    file.write_text("Name,Notes\n,met at a fair\n  ,no one I know\n", encoding="utf-8")
    before = sha(journal_file)
    result = invoke(journal_file, "import", str(file))
    assert result.exit_code == 1
    assert result.output.startswith("Nothing could be read from")
    assert "no name" in result.output  # each skipped row says why
    assert sha(journal_file) == before


def test_an_archive_member_that_reads_nothing_exits_1(journal_file: Path, tmp_path: Path) -> None:
    archive = make.linkedin_zip(tmp_path / "a.zip", b"Not,A,Header\r\n1,2,3\r\n")
    result = invoke(journal_file, "import", str(archive))
    assert result.exit_code == 1, result.output
    assert "Nothing could be read" in result.output


def test_garbage_text_as_csv_is_a_sentence(journal_file: Path, tmp_path: Path) -> None:
    file = tmp_path / "garbage.csv"
    file.write_bytes(make.garbage_text(2_000_000))
    result = invoke(journal_file, "import", str(file))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "unexpected problem" not in result.output


def test_a_huge_vcard_note_is_cut_and_photos_are_not_read(
    journal_file: Path, tmp_path: Path
) -> None:
    note = "word " * 1_000_000  # 5 MB in one value
    file = make.vcards(tmp_path / "contacts.vcf", 2, note=note, photo=b"\xff\xd8" * 50_000)
    result = invoke(journal_file, "import", str(file))
    assert result.exit_code == 0, result.output
    with open_journal(journal_file, today=lambda: TODAY) as journal:
        people = [c for c in journal.all_contacts() if c.name.startswith("Person")]
    assert len(people) == 2
    assert all(len(p.notes) == 100_000 and p.notes.endswith("…") for p in people)
    assert "to netjournal's length limits" in result.output


def test_the_limits_are_what_the_documentation_says() -> None:
    page = (Path(__file__).parents[2] / "docs" / "data-safety.md").read_text()
    assert f"{limits.MAX_FILE_BYTES // 1_000_000} MB" in page
    assert f"{limits.MAX_RECORDS:,}" in page


def test_accented_windows_1252_text_is_text(journal_file: Path, tmp_path: Path) -> None:
    file = tmp_path / "people.csv"
    rows = "".join(f"Élodie Gérard-Müller {n},Société Générale à Orléans\r\n" for n in range(300))
    file.write_bytes(("Name,Company\r\n" + rows).encode("cp1252"))
    result = invoke(journal_file, "import", str(file))
    assert result.exit_code == 0, result.output
    assert "read as Windows-1252" in result.output
    with open_journal(journal_file, today=lambda: TODAY) as journal:
        assert journal.contact(journal.resolve_contact("Élodie Gérard-Müller 7").id).company == (
            "Société Générale à Orléans"
        )
