"""Plans: a dry run writes nothing, merges fill only what is empty, an import is all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.core.records import ChannelDraft, ContactDraft
from netjournal.io.importing import plan_import
from netjournal.io.merge import merge_contact
from netjournal.io.plan import apply_plan
from tests.conftest import TODAY
from tests.io.conftest import connections_csv, run_import, write


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def people_csv(tmp_path: Path, count: int) -> Path:
    rows = "".join(f"Person {n},p{n}@example.com,Company {n % 7}\n" for n in range(count))
    return write(tmp_path / "people.csv", "Name,Email,Company\n" + rows)


def test_a_dry_run_writes_nothing(journal: Journal, journal_path: Path, tmp_path: Path) -> None:
    journal.add_contact(ContactDraft("Person 1", company=""))
    journal.store.engine.dispose()  # the last connection closing folds the log into the file
    before = digest(journal_path)
    plan = plan_import(people_csv(tmp_path, 5), journal)
    assert (len(plan.creates), len(plan.updates)) == (4, 1)
    assert plan.updates[0].fields == ("company", "email")
    assert digest(journal_path) == before
    assert journal_path.with_name("journal.db-wal").stat().st_size == 0
    assert len(journal.all_contacts()) == 1


def test_planning_without_a_journal_creates_none(tmp_path: Path) -> None:
    plan = plan_import(people_csv(tmp_path, 3), today=TODAY)
    assert len(plan.creates) == 3
    assert not (tmp_path / "default").exists()


def test_existing_values_win_unless_empty() -> None:
    known = ContactDraft(
        "Ana Lima",
        company="Lumen",
        email="",
        birthday_month=3,
        birthday_day=14,
        tags=("close",),
        channels=(ChannelDraft("linkedin", "https://linkedin.com/in/ana"),),
    )
    incoming = ContactDraft(
        "ANA LIMA",
        company="Other",
        email="ana@example.com",
        role="Founder",
        birthday_month=3,
        birthday_day=14,
        birthday_year=1990,
        tags=("seo", "close"),
        channels=(
            ChannelDraft("linkedin", "http://www.linkedin.com/in/ana/", connected_on=TODAY),
            ChannelDraft("github", "https://github.com/ana"),
        ),
    )
    merged, fields = merge_contact(known, incoming)
    assert merged.name == "Ana Lima" and merged.company == "Lumen"
    assert (merged.email, merged.role, merged.birthday_year) == ("ana@example.com", "Founder", 1990)
    assert merged.tags == ("close", "seo")
    assert [(c.platform, c.handle, c.connected_on) for c in merged.channels or ()] == [
        ("linkedin", "https://linkedin.com/in/ana", TODAY),
        ("github", "https://github.com/ana", None),
    ]
    assert fields == ["role", "email", "tags", "channels", "birthday"]
    assert merge_contact(merged, incoming) == (merged, [])


def test_a_different_birthday_is_not_overwritten() -> None:
    known = ContactDraft("Ana", birthday_month=3, birthday_day=14)
    merged, fields = merge_contact(known, ContactDraft("Ana", birthday_month=4, birthday_day=1))
    assert (merged, fields) == (known, [])


def test_rows_of_one_import_merge_and_report_it(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv",
        "Name,Email,Company\nAna Lima,,Lumen\nana  lima,ana@example.com,\nBruno,b@example.com,\n"
        "Bruno Costa,B@EXAMPLE.COM,Pedra\n",
    )
    plan, result = run_import(journal, path)
    assert (result.created, plan.duplicates) == (2, 2)
    ana, bruno = (journal.contact(i) for i in result.contact_ids)
    assert (ana.email, ana.company) == ("ana@example.com", "Lumen")
    assert (bruno.name, bruno.company) == ("Bruno", "Pedra")
    assert [o.line for o in plan.creates[0].duplicates] == [3]


def test_two_known_people_of_one_name_are_not_guessed(journal: Journal, tmp_path: Path) -> None:
    journal.add_contact(ContactDraft("Sam Lee", company="A"))
    journal.add_contact(ContactDraft("Sam Lee", company="B"))
    path = write(tmp_path / "x.csv", "Name,Company,Phone\nSam Lee,,1\nSam Lee,B,2\n")
    plan, result = run_import(journal, path)
    assert [s.origin.line for s in plan.skipped] == [2]
    assert "2 contacts are named 'Sam Lee'" in plan.skipped[0].reason
    assert result.updated == 1
    assert {c.company: c.phone for c in journal.all_contacts()} == {"A": "", "B": "2"}


def test_an_import_is_one_transaction(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.add_contact(ContactDraft("Person 3"))
    plan = plan_import(people_csv(tmp_path, 50), journal)
    monkeypatch.setattr(Journal, "_BATCH", 10)
    calls: list[int] = []

    def interrupt(count: int) -> None:
        calls.append(count)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_plan(journal, plan, progress=interrupt)
    assert [c.name for c in journal.all_contacts()] == ["Person 3"]
    assert journal.contact(journal.all_contacts()[0].id).email == ""
    result = apply_plan(journal, plan, progress=calls.append)
    assert sum(calls[3:]) == plan.work == result.created + result.updated
    assert len(journal.all_contacts()) == 50


def test_a_contact_deleted_after_planning_fails_the_whole_import(
    journal: Journal, tmp_path: Path
) -> None:
    known = journal.add_contact(ContactDraft("Person 2"))
    plan = plan_import(people_csv(tmp_path, 4), journal)
    journal.delete_contact(known)
    with pytest.raises(InputError, match="deleted meanwhile"):
        apply_plan(journal, plan)
    assert len(journal.all_contacts()) == 0


def test_hostile_text_is_cleaned_and_long_fields_are_reported(
    journal: Journal, tmp_path: Path
) -> None:
    long = "x" * 100_001
    path = connections_csv(
        tmp_path / "Connections.csv",
        "\x1b]0;pwned\x07Eve\u202e,[@click=app.quit]Mallory [/bold],,,\x00Acme,[/,01 Jan 2020",
        f"Long,Name,,,{long[:130_000]},,01 Jan 2020",
        "Trailing,Backslash\\,,,,,01 Jan 2020",
    )
    plan, result = run_import(journal, path)
    assert result.created == 3 and not plan.skipped
    assert plan.shortened == (("company", 1),)
    eve = journal.contact(result.contact_ids[0])
    assert eve.name == "]0;pwnedEve [@click=app.quit]Mallory [/bold]"
    assert (eve.company, eve.role) == ("Acme", "[/")
    assert journal.contact(result.contact_ids[1]).company == "x" * 199 + "…"
    assert journal.contact(result.contact_ids[2]).name == "Trailing Backslash\\"
