"""The CSV exports of Google Contacts, Outlook, Outlook.com and Thunderbird (tests/io/data):
recognised from their headers, every useful column kept."""

from __future__ import annotations

from pathlib import Path

from netjournal.core.journal import Journal
from netjournal.core.records import ContactRecord
from netjournal.io.csv_import import parse_mapping
from netjournal.io.importing import plan_import
from tests.io.conftest import run_import, write

DATA = Path(__file__).parent / "data"


def imported(journal: Journal, name: str, family: str) -> dict[str, ContactRecord]:
    plan, _ = run_import(journal, DATA / name)
    assert (plan.format, plan.family) == ("csv", family)
    assert not plan.skipped and not plan.unused_columns, (plan.skipped, plan.unused_columns)
    return {c.name: c for c in journal.all_contacts()}


def channels(contact: ContactRecord) -> set[tuple[str, str]]:
    return {(c.platform, c.handle) for c in contact.channels}


def test_google_contacts(journal: Journal) -> None:
    people = imported(journal, "google-contacts.csv", "Google Contacts")
    ana = people["Ana Lima"]
    assert (ana.email, ana.phone, ana.company, ana.role, ana.location) == (
        "ana@lumen.example",  # * Work: the primary one
        "+351 91 555 0100",
        "Lumen Studio",
        "Founder",
        "Lisboa, Portugal",
    )
    assert channels(ana) == {
        ("linkedin", "https://www.linkedin.com/in/analima"),
        ("email", "ana.lima@mail.example"),
    }
    assert ana.tags == ("friends", "seo")  # without * myContacts and the ::: separators
    assert ana.notes == (
        "Met at the SEO meetup.\nLoves ceramics.\n\nSpouse: Rita Lima\n\n"
        "Other phones: +351 21 555 0101 (work)"
    )
    assert [(d.label, d.month, d.day, d.year) for d in ana.dates] == [("Anniversary", 9, 3, 2016)]
    bruno = people["Bruno Costa"]  # several values in one cell
    assert (bruno.email, bruno.phone, bruno.nickname) == (
        "bruno@costa.example",
        "+55 11 95555 0102",
        "Bru",
    )
    assert ("email", "bruno.work@firm.example") in channels(bruno)
    assert ("blog", "https://bruno.example") in channels(bruno)
    assert (bruno.birthday_month, bruno.birthday_day, bruno.birthday_year) == (7, 4, None)
    assert people["Kiln & Co"].tags == ("suppliers",)  # a company-only row
    assert people["someone@mail.example"].tags == ("needs-name",)
    dana = people["Dana K. Reyes"]
    assert dana.location == "200 Main St, Springfield, IL 62701, USA"  # only Formatted given
    assert dana.notes == "Department: Cardiology\nMet at: Hackathon 2019"
    assert dana.tags == ("work",)  # not * starred


def test_google_contacts_older_export(journal: Journal) -> None:
    people = imported(journal, "google-contacts-legacy.csv", "Google Contacts")
    fatima = people["Fatima Zahra Benali"]
    assert (fatima.email, fatima.company, fatima.role, fatima.website, fatima.tags) == (
        "fz.benali@atlas.example",
        "Atlas Textiles",
        "Buyer",
        "http://atlas.example",
        ("clients",),
    )
    assert (people["Greg Novak"].birthday_year, people["Greg Novak"].birthday_month) == (1979, 12)


def test_outlook_desktop(journal: Journal) -> None:
    plan, _ = run_import(journal, DATA / "outlook.csv")
    assert not plan.notes  # 0/0/00 is an empty date, not an unreadable one
    people = {c.name: c for c in journal.all_contacts()}
    henrik = people["Henrik Larsen"]
    assert (henrik.role, henrik.company, henrik.location) == (
        "Account Manager",  # not "Mr. Account Manager"
        "Nordic Shipping A/S",
        "København, Denmark",
    )
    assert henrik.phone == "+45 20 55 50 02"
    assert henrik.notes == (
        "Prefers Teams calls.\n\nDepartment: Chartering\nSpouse: Maja\n\n"
        "Other phones: +45 33 55 50 01 (work), +45 35 55 50 03 (home)"
    )
    assert ("email", "henrik.larsen@mail.example") in channels(henrik)
    assert henrik.tags == ("clients", "shipping")
    assert (henrik.birthday_month, henrik.birthday_day, henrik.birthday_year) == (6, 15, 1975)
    olivia = people["Olivia Brown"]  # an Exchange address: the display name holds the real one
    assert (olivia.email, olivia.how_met) == ("olivia@brownpartners.example", "Henrik Larsen")
    assert [(d.label, d.month, d.day, d.year) for d in olivia.dates] == [
        ("Anniversary", 9, 1, 2001)
    ]
    acme = people["Acme Plumbing"]
    assert (acme.company, acme.phone, acme.tags) == ("Acme Plumbing", "+1 555 0120", ())
    assert people["Zoe Miller"].phone == "+1 555 0132"  # Primary Phone first
    assert people["Raj Patel"].website == "https://rajpatel.example"


def test_outlook_com(journal: Journal) -> None:
    people = imported(journal, "outlook-com.csv", "Outlook.com")
    mei = people["Mei Chen"]
    assert (mei.role, mei.website, mei.location) == (
        "Research Lead",
        "https://meichen.example",  # Personal Web Page
        "Shanghai, China",
    )
    assert "Green Grocer Ltd" in people
    assert [(d.label, d.year) for d in people["Sara Ahmed"].dates] == [("Anniversary", 2014)]


def test_thunderbird(journal: Journal) -> None:
    people = imported(journal, "thunderbird.csv", "Thunderbird")
    lena = people["Lena Fischer"]
    assert (lena.birthday_year, lena.birthday_month, lena.birthday_day) == (1992, 4, 17)
    assert lena.phone == "+49 151 555 0181"
    assert lena.notes == (
        "Met at the type conference.\n\nCustom 1: Plays the cello\n\n"
        "Other phones: +49 89 555 0180 (work)"
    )
    noah = people["Noah Weber"]
    assert (noah.birthday_year, noah.birthday_month, noah.birthday_day) == (None, 12, 24)
    assert people["mailing-list@lists.example"].tags == ("needs-name",)


def test_a_shift_jis_csv(journal: Journal) -> None:
    plan, _ = run_import(journal, DATA / "shift-jis.csv")
    assert "read as Shift-JIS" in plan.notes[0].text
    ando = {c.name: c for c in journal.all_contacts()}["安藤ロイド"]
    assert (ando.email, ando.company, ando.notes) == (
        "android.ando@example.jp",
        "株式会社サンプル",
        "大学の同期",
    )


def test_day_first_dates_are_recognised_from_the_file(journal: Journal, tmp_path: Path) -> None:
    header = (DATA / "outlook-com.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    columns = header.split(",")
    birthday = columns.index("Birthday")

    def row(first: str, day: str) -> str:
        cells = [""] * len(columns)
        cells[0], cells[2], cells[birthday] = first, "Meyer", day
        return ",".join(cells)

    path = write(
        tmp_path / "contacts.csv",
        "\n".join([header, row("Anna", "04.07.1985"), row("Ben", "25.12.1990")]) + "\n",
    )
    run_import(journal, path)
    days = {c.name: (c.birthday_month, c.birthday_day) for c in journal.all_contacts()}
    assert days == {"Anna Meyer": (7, 4), "Ben Meyer": (12, 25)}


def test_map_takes_a_column_of_a_known_export(journal: Journal) -> None:
    mapping = parse_mapping("Organization Department=role")
    run_import(journal, DATA / "google-contacts.csv", mapping=mapping)
    dana = {c.name: c for c in journal.all_contacts()}["Dana K. Reyes"]
    assert dana.role == "Cardiology, Surgeon"
    assert dana.notes == "Met at: Hackathon 2019"


def test_columns_with_data_no_field_takes_are_named(journal: Journal, tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv",
        "Name,Favourite colour,Shoe size,Empty\nAna,blue,,\nBruno,,42,\n",
    )
    plan = plan_import(path, journal)
    assert plan.unused_columns == (("x.csv", ("Favourite colour", "Shoe size")),)
