"""LinkedIn's Connections.csv and the archive, as LinkedIn and spreadsheets really write them."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from netjournal.core.journal import Journal
from netjournal.core.records import ChannelDraft, ContactDraft, LogFilter
from netjournal.io.importing import plan_import
from netjournal.io.plan import apply_plan
from tests.conftest import TODAY
from tests.io.conftest import CONNECTIONS_HEADER, LINKEDIN_NOTES, connections_csv, run_import, write

ANA = 'Ana,Lima,https://www.linkedin.com/in/analima,,"Lumen Studio, Inc.",Founder,15 Jan 2024'
BRUNO = "Bruno,Costa,https://www.linkedin.com/in/bruno,bruno@example.com,Pedra,CTO,03 Feb 2023"


def by_name(journal: Journal) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for record in journal.all_contacts():
        found.setdefault(record.name, []).append(record)
    return found


def test_connections_with_preamble_bom_quoted_commas_and_dates(
    journal: Journal, tmp_path: Path
) -> None:
    path = connections_csv(tmp_path / "Connections.csv", ANA, BRUNO)
    plan, result = run_import(journal, path)
    assert plan.format == "linkedin"
    assert result.created == 2
    ana = journal.contact(result.contact_ids[0])
    assert (ana.name, ana.company, ana.role, ana.email) == (
        "Ana Lima",
        "Lumen Studio, Inc.",
        "Founder",
        "",
    )
    assert [(c.platform, c.handle, c.connected_on) for c in ana.channels] == [
        ("linkedin", "https://www.linkedin.com/in/analima", date(2024, 1, 15))
    ]
    assert journal.contact(result.contact_ids[1]).email == "bruno@example.com"


def test_rows_without_a_name_are_skipped_with_their_line(journal: Journal, tmp_path: Path) -> None:
    path = connections_csv(tmp_path / "Connections.csv", ANA, ",,,,Hidden Co,,01 Jan 2020", BRUNO)
    plan, result = run_import(journal, path)
    assert result.created == 2
    [skipped] = plan.skipped
    # Notes, their text and a blank line come first; the header is line 4 and Ana line 5.
    assert skipped.origin.line == 6
    assert "no name" in skipped.reason


def test_spreadsheet_saved_with_semicolons_and_crlf(journal: Journal, tmp_path: Path) -> None:
    text = (
        LINKEDIN_NOTES.replace(",", " ")
        + CONNECTIONS_HEADER.replace(",", ";")
        + "\n"
        + 'Ana;Lima;https://www.linkedin.com/in/analima;;"Lumen; Studio";Founder;15/01/2024\n'
        + "Bruno;Costa;https://www.linkedin.com/in/bruno;bruno@example.com;Pedra;CTO;2023-02-03\n"
    )
    path = write(tmp_path / "Connections.csv", text, newline="\r\n", encoding="cp1252")
    plan, result = run_import(journal, path)
    assert plan.format == "linkedin"
    assert not plan.skipped
    ana = journal.contact(result.contact_ids[0])
    assert ana.company == "Lumen; Studio"
    assert ana.channels[0].connected_on is not None
    assert journal.contact(result.contact_ids[1]).channels[0].connected_on == date(2023, 2, 3)


def test_a_truncated_file_imports_what_is_whole_and_reports_the_rest(
    journal: Journal, tmp_path: Path
) -> None:
    path = connections_csv(tmp_path / "Connections.csv", ANA, BRUNO)
    cut = path.read_bytes()[:-30]
    path.write_bytes(cut)
    plan, result = run_import(journal, path)
    assert result.created == 1
    [skipped] = plan.skipped
    assert skipped.origin.line == 6
    assert "cut short" in skipped.reason


def test_an_unclosed_quote_is_reported_not_swallowed(journal: Journal, tmp_path: Path) -> None:
    path = connections_csv(tmp_path / "Connections.csv", ANA, 'Bruno,"Costa,,,,', BRUNO)
    plan, result = run_import(journal, path)
    assert result.created == 1
    assert "never closed" in plan.skipped[0].reason
    assert plan.skipped[0].origin.line == 6


def test_reimporting_changes_nothing(journal: Journal, tmp_path: Path) -> None:
    path = connections_csv(
        tmp_path / "Connections.csv", ANA, BRUNO, ANA.replace("/analima", "/analima/")
    )
    first, _ = run_import(journal, path)
    assert (len(first.creates), first.duplicates) == (2, 1)
    again = plan_import(path, journal)
    assert again.nothing_to_do
    assert again.already_known == 2
    assert len(journal.all_contacts()) == 2


def test_same_name_different_profiles_are_two_people(journal: Journal, tmp_path: Path) -> None:
    path = connections_csv(
        tmp_path / "Connections.csv",
        "John,Smith,https://www.linkedin.com/in/js1,,A,,01 Mar 2022",
        "John,Smith,https://www.linkedin.com/in/js2,,B,,01 Mar 2022",
    )
    run_import(journal, path)
    assert len(by_name(journal)["John Smith"]) == 2
    assert plan_import(path, journal).nothing_to_do


def test_a_known_contact_is_merged_and_keeps_what_it_has(journal: Journal, tmp_path: Path) -> None:
    known = journal.add_contact(ContactDraft("Ana Lima", company="Her Own Studio", tags=("close",)))
    path = connections_csv(tmp_path / "Connections.csv", ANA)
    plan, result = run_import(journal, path)
    assert (result.created, result.updated) == (0, 1)
    assert plan.updates[0].fields == ("role", "channels")
    ana = journal.contact(known)
    assert (ana.company, ana.role, ana.tags) == ("Her Own Studio", "Founder", ("close",))
    assert ana.channels[0].handle == "https://www.linkedin.com/in/analima"


# ------------------------------------------------------------------------------ archive

RECS_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"


def make_archive(folder: Path) -> Path:
    connections_csv(
        folder / "Connections.csv",
        ANA,
        BRUNO,
        "John,Smith,https://www.linkedin.com/in/js1,,Alpha,,01 Mar 2022",
        "John,Smith,https://www.linkedin.com/in/js2,,Beta,,01 Mar 2022",
    )
    write(
        folder / "Recommendations_Received.csv",
        f"{RECS_HEADER}\n"
        'Bruno,Costa,Pedra,CTO,"Bruno is rare: he ships, listens and teaches.",'
        '"01/15/24, 09:05 PM",VISIBLE\n'
        'Dana,Reyes,Acme,PM,"Dana made our launch.","03/02/23, 10:00 AM",VISIBLE\n',
    )
    write(
        folder / "Recommendations_Given.csv",
        f'{RECS_HEADER}\nJohn,Smith,Beta,,"Great colleague.","06/30/22, 08:00 AM",VISIBLE\n'
        'Ana,Lima,,,"Withdrawn.","06/30/22, 08:00 AM",REJECTED\n',
    )
    write(
        folder / "Endorsement_Received_Info.csv",
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
        "Endorsement Status\n"
        "2020/05/07 08:33:41 UTC,Python,Ana,Lima,www.linkedin.com/in/analima,ACCEPTED\n"
        "2020/05/07 08:34:02 UTC,SQL,Ana,Lima,www.linkedin.com/in/analima,ACCEPTED\n"
        "2021/01/01 10:00:00 UTC,Go,J.,Smith,https://www.linkedin.com/in/js1,ACCEPTED\n",
    )
    write(
        folder / "Endorsement_Given_Info.csv",
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
        "Endorsement Status\n"
        "2022/05/07 08:33:41 UTC,Design,Ana,Lima,https://linkedin.com/in/analima,ACCEPTED\n",
    )
    write(folder / "Messages.csv", "FROM,TO,CONTENT\na,b,c\n")
    write(folder / "Jobs" / "Saved Jobs.csv", "x\n")
    return folder


def zipped(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder))
    return dest


@pytest.mark.parametrize("packed", [False, True], ids=["folder", "zip"])
def test_archive_seeds_the_ledger(journal: Journal, tmp_path: Path, packed: bool) -> None:
    folder = make_archive(tmp_path / "export")
    path = zipped(folder, tmp_path / "export.zip") if packed else folder
    plan, result = run_import(journal, path)
    assert plan.format == "linkedin"
    assert plan.ignored_files == ("Messages.csv", "Jobs/")
    # Only real rows are skipped: the archive's other files are named apart.
    assert {s.origin.source for s in plan.skipped} <= {
        "Recommendations_Given.csv",
        "Recommendations_Received.csv",
        "Endorsement_Given_Info.csv",
        "Endorsement_Received_Info.csv",
    }
    assert any("rejected" in s.reason for s in plan.skipped)
    people = {c.name: c for c in journal.all_contacts() if c.name != "John Smith"}
    smiths = {c.company: c for c in journal.all_contacts() if c.name == "John Smith"}
    assert set(people) == {"Ana Lima", "Bruno Costa", "Dana Reyes"}  # Dana came from a rec

    def ledger(contact_id: int) -> list[tuple[date, str, str, str]]:
        found = journal.exchanges(LogFilter(contact_id=contact_id), limit=None)
        return sorted((e.occurred_on, e.direction, e.kind, e.summary) for e in found)

    assert ledger(people["Ana Lima"].id) == [
        (date(2020, 5, 7), "received", "recommendation", "LinkedIn endorsement: Python, SQL"),
        (date(2022, 5, 7), "gave", "recommendation", "LinkedIn endorsement: Design"),
    ]
    [bruno] = ledger(people["Bruno Costa"].id)
    assert bruno[:3] == (date(2024, 1, 15), "received", "recommendation")
    assert bruno[3].startswith("LinkedIn recommendation: “Bruno is rare")
    # Matched by profile link first (js1, whatever the endorser's name says), then by name and
    # company (the recommendation names John Smith of Beta).
    assert [e[1:] for e in ledger(smiths["Alpha"].id)] == [
        ("received", "recommendation", "LinkedIn endorsement: Go")
    ]
    assert [e[1] for e in ledger(smiths["Beta"].id)] == ["gave"]
    full = journal.exchanges(LogFilter(contact_id=people["Bruno Costa"].id))[0]
    assert full.notes == "Bruno is rare: he ships, listens and teaches."
    assert full.weight == 2
    assert result.exchanges == 6

    again = plan_import(path, journal)
    assert again.nothing_to_do
    assert again.exchanges_known == 6


def test_archive_without_linkedin_files_is_refused(journal: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    write(folder / "a.txt", "hello")
    from netjournal.core.errors import InputError

    with pytest.raises(InputError, match="none of the LinkedIn export files"):
        plan_import(folder, journal)


def test_a_single_endorsements_file_knows_its_direction(journal: Journal, tmp_path: Path) -> None:
    journal.add_contact(
        ContactDraft("Ana Lima", channels=(ChannelDraft("linkedin", "linkedin.com/in/analima"),))
    )
    path = write(
        tmp_path / "endorsements (1).csv",
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
        "Endorsement Status\n2022/05/07 08:33:41 UTC,Design,Ana,Lima,"
        "https://www.linkedin.com/in/analima/,ACCEPTED\n",
    )
    plan = plan_import(path, journal)
    assert [e.draft.direction for e in plan.exchanges] == ["gave"]
    assert not plan.creates
    apply_plan(journal, plan)
    assert journal.exchanges()[0].occurred_on == date(2022, 5, 7)


def test_future_and_unreadable_dates_are_left_out_with_a_note(
    journal: Journal, tmp_path: Path
) -> None:
    path = connections_csv(
        tmp_path / "Connections.csv",
        ANA.replace("15 Jan 2024", f"01 Jan {TODAY.year + 1}"),
        BRUNO.replace("03 Feb 2023", "sometime"),
    )
    plan, result = run_import(journal, path)
    assert result.created == 2
    assert len(plan.notes) == 2
    assert all("date" in n.text for n in plan.notes)
    assert all(c.channels[0].connected_on is None for c in journal.all_contacts())


def test_an_archive_unpacked_into_its_own_folder_is_read_from_there(
    journal: Journal, tmp_path: Path
) -> None:
    make_archive(tmp_path / "outer" / "Basic_LinkedInDataExport")
    zipped(tmp_path / "outer", tmp_path / "wrapped.zip")
    for path in (tmp_path / "outer", tmp_path / "wrapped.zip"):
        plan = plan_import(path, journal)
        assert len(plan.creates) == 5 and len(plan.exchanges) == 6


def test_only_the_top_of_a_folder_is_read(journal: Journal, tmp_path: Path) -> None:
    connections_csv(tmp_path / "export" / "Connections.csv", ANA)
    connections_csv(tmp_path / "export" / "old" / "Connections.csv", BRUNO)
    plan = plan_import(tmp_path / "export", journal)
    assert [c.draft.name for c in plan.creates] == ["Ana Lima"]
    assert plan.ignored_files == ("old/",) and not plan.skipped


def test_a_file_named_zip_that_is_not_one_is_refused(journal: Journal, tmp_path: Path) -> None:
    from netjournal.core.errors import InputError

    with pytest.raises(InputError, match="isn't a zip archive"):
        plan_import(write(tmp_path / "export.zip", "PK\x03\x04 half a download"), journal)
