"""The format registry: each format tells its own files apart, and the shell, the reports and the
errors name the formats from it, as they always have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from netjournal.cli import cli
from netjournal.cli.transfer import export, import_
from netjournal.core.errors import InputError
from netjournal.io.formats import (
    FORMATS,
    _load,
    detect_format,
    export_for,
    exporter,
    exports,
    importer,
    importers,
    label_of,
)
from netjournal.io.importing import plan_import
from netjournal.io.report import plan_lines
from netjournal.io.source import decode
from tests.conftest import TODAY

DATA = Path(__file__).parent / "data"
SAMPLES = {
    **{path.name: "vcard" for path in DATA.glob("*.vcf")},
    **{path.name: "csv" for path in DATA.glob("*.csv")},
    "formats/Connections.csv": "linkedin",
    "formats/Endorsement_Received_Info.csv": "linkedin",
    "formats/linkedin-archive": "linkedin",
    "formats/outlook-folder": "vcard",
    "formats/netjournal-export.json": "json",
}
NOT_TEXT = (
    "doesn't look like a text file. netjournal imports LinkedIn exports (Connections.csv or "
    "the archive), vCard (.vcf), CSV and its own JSON exports."
)


def test_every_format_netjournal_reads_has_sample_files() -> None:
    assert set(SAMPLES.values()) == {f.name for f in importers()}


@pytest.mark.parametrize(("name", "expected"), sorted(SAMPLES.items()))
def test_a_sample_file_is_recognised_as_its_own_format(name: str, expected: str) -> None:
    assert detect_format(DATA / name).name == expected


@pytest.mark.parametrize(
    "name", sorted(n for n in SAMPLES if (DATA / n).is_file() and SAMPLES[n] != "csv")
)
def test_only_its_own_format_claims_a_sample(name: str) -> None:
    """No two sniffers claim one file, so the order they are asked in doesn't matter."""
    text = decode(name, (DATA / name).read_bytes()).text
    assert [f.name for f in importers() if f.sniff(text)] == [SAMPLES[name]]


def test_address_book_csvs_are_claimed_by_no_sniffer_and_read_as_csv() -> None:
    for path in sorted(DATA.glob("*.csv")):
        text = decode(path.name, path.read_bytes()).text
        assert [f.name for f in importers() if f.sniff(text)] == [], path.name
    assert [f.name for f in importers() if f.fallback] == ["csv"]


def test_a_folder_is_told_apart_by_the_files_at_its_top(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "Recommendations Given.csv").write_text("First Name\n", encoding="utf-8")
    (archive / "card.vcf").write_text("BEGIN:VCARD\nEND:VCARD\n", encoding="utf-8")
    assert detect_format(archive).name == "linkedin"
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.txt").write_text("hello\n", encoding="utf-8")
    assert detect_format(nothing).name == "linkedin"
    with pytest.raises(InputError, match="holds none of the LinkedIn export files"):
        plan_import(nothing, today=TODAY)


def test_every_reference_in_the_registry_names_a_function() -> None:
    references = [
        ref
        for f in FORMATS
        for ref in (f.reader, f.sniffer, f.export.writer if f.export else None)
        if ref is not None
    ]
    assert len(references) > len(FORMATS)
    for ref in references:
        assert callable(_load(ref)), ref


def test_the_registry_imports_no_reader_or_writer_until_one_is_needed() -> None:
    code = (
        "import sys, netjournal.io.formats, netjournal.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('netjournal.io.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['netjournal.io.formats']"


def _choices(command: click.Command) -> list[str]:
    option = next(p for p in command.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_the_shell_offers_the_registry_formats_as_before() -> None:
    assert (
        _choices(import_) == [f.name for f in importers()] == ["linkedin", "vcard", "csv", "json"]
    )
    assert _choices(export) == [e.name for e in exports()] == ["json", "csv", "md", "vcf"]


def test_the_import_help_describes_every_format() -> None:
    result = CliRunner().invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    assert "[linkedin|vcard|csv|json]" in result.output
    assert (
        "    vcard     .vcf files with one or many cards (vCard 2.1, 3.0 and 4.0), as phones,"
        " Gmail,\n              Apple Contacts, Outlook, Thunderbird and CardDAV servers write"
        " them\n"
    ) in result.output
    for fmt in importers():
        assert f"\n    {fmt.name.ljust(8)}  {fmt.help[0]}\n" in result.output


def test_the_export_help_names_every_export_format() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "[json|csv|md|vcf]" in text
    assert (
        "json (complete, re-importable), csv (a folder), md (Markdown) or vcf (vCard 4.0)." in text
    )


def test_an_unknown_format_is_refused_with_the_formats_there_are() -> None:
    with pytest.raises(InputError) as error:
        importer("xml")
    assert (
        str(error.value) == "'xml' is not an import format; use one of linkedin, vcard, csv, json."
    )
    with pytest.raises(InputError) as error:
        exporter("pdf")
    assert str(error.value) == "'pdf' is not an export format; use one of json, csv, md, vcf."


def test_a_file_no_format_reads_gets_the_sentence_it_always_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(bytes(range(256)) * 40)
    journal = tmp_path / "journal.db"
    result = CliRunner().invoke(cli, ["--db", str(journal), "import", str(picture)])
    assert result.exit_code == 1
    assert f"{picture} {NOT_TEXT}" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not journal.exists()


def test_a_folder_given_a_one_file_format_is_refused_as_before() -> None:
    with pytest.raises(InputError) as error:
        plan_import(DATA / "formats" / "outlook-folder", today=TODAY, fmt="csv")
    assert str(error.value).endswith(
        "outlook-folder is a folder, which netjournal reads as a LinkedIn archive or as vCard "
        "files (.vcf); --format csv needs a single file."
    )
    with pytest.raises(InputError, match=r"^--map only applies to CSV files\.$"):
        plan_import(
            DATA / "formats" / "Connections.csv", today=TODAY, fmt="json", mapping={"a": "name"}
        )


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("formats/Connections.csv", "LinkedIn"),
        ("formats/outlook-folder", "vCard"),
        ("google-contacts.csv", "Google Contacts CSV"),
        ("formats/netjournal-export.json", "netjournal JSON"),
    ],
)
def test_the_report_names_the_format(name: str, label: str) -> None:
    path = DATA / name
    plan = plan_import(path, today=TODAY)
    assert plan_lines(plan, dry_run=True)[0] == (
        f"Dry run of {path} ({label}): nothing was written."
    )


def test_labels_of_formats_and_an_unknown_name() -> None:
    assert [label_of(f.name) for f in importers()] == [
        "LinkedIn",
        "vCard",
        "CSV",
        "netjournal JSON",
    ]
    assert label_of("someday") == "someday"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (None, "json"),
        ("journal.json", "json"),
        ("journal.MD", "md"),
        ("journal.markdown", "md"),
        ("people.vcf", "vcf"),
        ("people.vcard", "vcf"),
        ("netjournal-csv", "csv"),
        ("journal.txt", "json"),
    ],
)
def test_an_export_is_chosen_by_the_ending_of_its_path(
    tmp_path: Path, output: str | None, expected: str
) -> None:
    assert export_for(tmp_path / output if output else None).name == expected


def test_an_existing_folder_gets_the_folder_export(tmp_path: Path) -> None:
    (tmp_path / "out.d").mkdir()
    assert export_for(tmp_path / "out.d").name == "csv"
