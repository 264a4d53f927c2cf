"""Any CSV: headers guessed, or mapped with --map; bad rows reported, good rows kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.io.csv_import import parse_mapping
from netjournal.io.importing import plan_import
from tests.io.conftest import run_import, write


def test_headers_are_guessed(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "people.csv",
        "Given name,Surname,E-mail Address,Organisation,Job Title,Birthday,Groups,LinkedIn,Notes\n"
        "Ana,Lima,ana@example.com,Lumen,Founder,1990-03-14,close; seo,linkedin.com/in/ana,Hi\n",
    )
    plan, result = run_import(journal, path)
    assert plan.format == "csv"
    ana = journal.contact(result.contact_ids[0])
    assert (ana.name, ana.email, ana.company, ana.role) == (
        "Ana Lima",
        "ana@example.com",
        "Lumen",
        "Founder",
    )
    assert (ana.birthday_month, ana.birthday_day, ana.birthday_year) == (3, 14, 1990)
    assert ana.tags == ("close", "seo")
    assert [(c.platform, c.handle) for c in ana.channels] == [("linkedin", "linkedin.com/in/ana")]
    assert ana.notes == "Hi"


def test_a_mapping_names_the_columns(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "Full name;Mail;Whatever;Memo\nAna Lima;ana@example.com;x;met at PyCon\n",
    )
    mapping = parse_mapping("Full name=name, Mail=email,Memo=how met")
    plan, result = run_import(journal, path, mapping=mapping)
    ana = journal.contact(result.contact_ids[0])
    assert (ana.name, ana.email, ana.how_met) == ("Ana Lima", "ana@example.com", "met at PyCon")
    assert plan.unused_columns == (("export.csv", ("Whatever",)),)  # the column left out


@pytest.mark.parametrize(
    ("text", "message"),
    [("Full name", "needs the form"), ("Full name=nonsense", "not a field"), ("=name", "needs")],
)
def test_a_bad_mapping_is_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_mapping(text)


def test_a_mapping_naming_a_missing_column_lists_the_real_ones(
    journal: Journal, tmp_path: Path
) -> None:
    path = write(tmp_path / "x.csv", "Name,Mail\nAna,a@b.c\n")
    with pytest.raises(InputError, match="Its columns are: Name, Mail"):
        plan_import(path, journal, mapping=parse_mapping("Email=email"))


def test_no_name_column_is_refused_with_a_hint(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "Colour,Size\nred,L\n")
    with pytest.raises(InputError, match='--map "Colour=name"'):
        plan_import(path, journal)


def test_a_file_of_one_column_unlike_contacts_says_so(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "passwd", "root:x:0:0:root:/root:/bin/bash\nana:x:1000:1000::/home/ana:\n"
    )
    with pytest.raises(InputError) as refused:
        plan_import(path, journal)
    assert str(refused.value) == (
        "passwd doesn't look like a file of contacts: it has a single column, headed "
        "'root:x:0:0:root:/root:/bin/bash'. A contacts file starts with a header row such as "
        "Name,Email,Phone; if this column does hold names, say so with "
        '--map "root:x:0:0:root:/root:/bin/bash=name".'
    )
    # A single column that is named as names is still read.
    ok = write(tmp_path / "names.csv", "Name\nAna Lima\n")
    assert [c.draft.name for c in plan_import(ok, journal).creates] == ["Ana Lima"]


def test_bad_cells_keep_the_row_and_say_so(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv",
        "Name,Email,Birthday,Cadence\n"
        "Ana,not an email,31 Feb,often\n"
        ",,,30\n"
        "Bruno,bruno@example.com,14 Mar,30\n",
    )
    plan, result = run_import(journal, path)
    assert result.created == 2
    assert [s.origin.line for s in plan.skipped] == [3]
    assert "no name, company, e-mail or phone" in plan.skipped[0].reason
    assert {n.origin.line for n in plan.notes} == {2}
    assert len(plan.notes) == 3
    bruno = journal.contact(result.contact_ids[1])
    assert (bruno.cadence_days, bruno.birthday_month, bruno.birthday_day) == (30, 3, 14)


def test_a_row_without_a_name_is_named_after_its_email_and_tagged(
    journal: Journal, tmp_path: Path
) -> None:
    path = write(tmp_path / "x.csv", "Name,Email,Company\n,orphan@example.com,\n,,Acme Ltd\n")
    plan, result = run_import(journal, path)
    assert not plan.skipped
    orphan, acme = (journal.contact(i) for i in result.contact_ids)
    assert (orphan.name, orphan.email, orphan.tags) == (
        "orphan@example.com",
        "orphan@example.com",
        ("needs-name",),
    )
    assert (acme.name, acme.company, acme.tags) == ("Acme Ltd", "Acme Ltd", ())


def test_formula_guards_from_our_own_export_are_undone(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "name,phone,notes\nAna,'+1 555,'=not a formula\n")
    _, result = run_import(journal, path)
    ana = journal.contact(result.contact_ids[0])
    assert (ana.phone, ana.notes) == ("+1 555", "=not a formula")


def test_a_binary_file_is_refused(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 10)
    with pytest.raises(InputError, match="doesn't look like a text file"):
        plan_import(path, journal)


def test_an_empty_file_and_a_missing_one_are_refused(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        plan_import(write(tmp_path / "empty.csv", ""), journal)
    with pytest.raises(InputError, match="no file or folder"):
        plan_import(tmp_path / "missing.csv", journal)


def test_reimporting_a_csv_changes_nothing(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv",
        "Name,Email,Tags,Birthday\nAna,ana@example.com,a b,03-14\nAna,,c,\nBruno,,,\n",
    )
    run_import(journal, path)
    again = plan_import(path, journal)
    assert again.nothing_to_do and again.already_known == 2 and again.duplicates == 1
