"""vCards as real programs write them (tests/io/data): each kind of trouble the importer meets,
and what arrives in the journal."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ContactRecord
from netjournal.io.exporting import render
from netjournal.io.importing import plan_import
from tests.io.conftest import run_import, write

DATA = Path(__file__).parent / "data"


def imported(journal: Journal, name: str) -> dict[str, ContactRecord]:
    plan, _ = run_import(journal, DATA / name)
    assert plan.format == "vcard"  # found from the content, whatever the line endings
    assert not plan.skipped, plan.skipped
    return {c.name: c for c in journal.all_contacts()}


def test_outlook_quoted_printable_soft_breaks_and_the_preferred_phone(journal: Journal) -> None:
    helena = imported(journal, "outlook-2003.vcf")["Helena Marques"]
    assert helena.notes == (
        "Met at the Lisbon logistics fair in 2019. Prefers calls before 10am; her assistant Rui "
        "books the meetings.\nSend the Q3 catalogue in October.\n\n"
        "Other phones: +351 21 555 0199 (home), +351 91 555 0123 (mobile), "
        "+351 21 555 0101 (work fax)"
    )
    assert helena.phone == "+351 21 555 0100"  # TEL;WORK;VOICE;PREF, though listed second
    assert helena.email == "helena.marques@tejofreight.example"
    assert [(c.platform, c.handle) for c in helena.channels] == [("email", "helena.m@mail.example")]
    assert (helena.company, helena.role, helena.location) == (
        "Tejo Freight Lda",
        "Key Account Manager",
        "Lisboa, Portugal",
    )
    assert (helena.birthday_year, helena.birthday_month, helena.birthday_day) == (1978, 5, 21)


def test_a_windows_1252_card_decodes_by_its_charsets_and_says_so(journal: Journal) -> None:
    plan, _ = run_import(journal, DATA / "outlook-2007.vcf")
    [tomas] = journal.all_contacts()
    assert (tomas.name, tomas.company) == ("Tomás Gonçalves", "Café Mondego")
    assert tomas.notes.startswith("Café owner; introduced by Helena.\nLikes: jazz")
    notes = " ".join(n.text for n in plan.notes)
    assert "read as Windows-1252" in notes  # ORG named no charset
    assert "1 card carries a photo" in notes


def test_iphone_cr_cr_lf_with_folded_photos(journal: Journal) -> None:
    people = imported(journal, "iphone.vcf")
    assert set(people) == {"Chidi Okafor", "Yui Nakamura", "Kiln & Co Ceramics", "Mette Andersen"}
    chidi = people["Chidi Okafor"]
    assert chidi.phone == "+234 803 555 0101"
    assert chidi.notes == "Other phones: +234 1 555 0102 (home), +234 803 555 0109 (studio)"
    assert [(d.label, d.month, d.day, d.year) for d in chidi.dates] == [
        ("Anniversary", 4, 18, 2015)
    ]
    assert {(c.platform, c.handle) for c in chidi.channels} == {
        ("linkedin", "https://www.linkedin.com/in/chidiokafor"),
        ("email", "chidi@ldw.example"),
    }
    assert (chidi.website, chidi.location) == ("https://chidi.example", "Lagos, Nigeria")
    assert people["Yui Nakamura"].birthday_year is None  # Apple's 1604
    assert (
        people["Mette Andersen"].notes == "Met at the kiln workshop, Aarhus.\nBrings her own clay."
    )


def test_escaped_commas_colons_and_evolution_fields(journal: Journal) -> None:
    john = imported(journal, "evolution.vcf")["Mr. John Richter, James Doe Sr."]
    assert john.role == "CEO, Founder"
    assert john.website == "http://www.richter-doe.example/team"
    assert john.notes.startswith("Favorite Color: Blue\nCall on Tuesdays; never Fridays.")
    assert "Spouse: Greta Richter" in john.notes
    assert [(d.label, d.month, d.day, d.year) for d in john.dates] == [("Anniversary", 5, 16, 1998)]
    assert john.tags == ("business", "key-customer")


def test_per_property_shift_jis(journal: Journal) -> None:
    people = imported(journal, "shift-jis.vcf")
    ando = people["安藤ロイド"]
    assert (ando.email, ando.location, ando.notes) == (
        "android.ando@example.jp",
        "東京都",
        "大学の同期",
    )
    assert "山田花子" in people


def test_android_quoted_printable_names_notes_and_a_nameless_card(journal: Journal) -> None:
    people = imported(journal, "android.vcf")
    assert "Małgorzata Wiśniewska-Kowalczyk" in people  # QP name with soft breaks
    bjorn = people["Bjørn Sørensen"]
    assert bjorn.notes.startswith("Cousin of Marta. Knows everyone in the Porto startup scene — ")
    assert "accelerator programme… Vegetarian." in bjorn.notes
    assert people["Karim Haddad"].phone == "+961 1 555 015"  # TEL;WORK;PREF
    nameless = people["+351 96 555 0147"]
    assert (nameless.phone, nameless.tags) == ("+351 96 555 0147", ("needs-name",))


def test_thunderbird_bare_cr_and_an_old_dos_file(journal: Journal) -> None:
    amara = imported(journal, "thunderbird.vcf")["Amara Diallo"]
    assert amara.notes == "Runs the Dakar literacy NGO.\n\nCustom 1: Board member\nsince 2021"
    giulia = imported(journal, "thunderbird-dos.vcf")["Giulia Romano"]
    assert (giulia.phone, giulia.website) == ("+39 055 555 0190", "https://studioromano.example")


def test_lotus_notes_profile_lines_are_ignored(journal: Journal) -> None:
    plan, _ = run_import(journal, DATA / "lotus-notes.vcf")
    assert not plan.dropped and not plan.skipped
    assert sorted(c.name for c in journal.all_contacts()) == ["Claudia Schmidt", "Hiroshi Tanaka"]


def test_an_unreadable_photo_is_left_out_and_the_contact_imports(journal: Journal) -> None:
    """Photos are never kept: set aside unread (however broken), and said to be left out."""
    plan, _ = run_import(journal, DATA / "broken-photo.vcf")
    [wanjiru] = journal.all_contacts()
    assert (wanjiru.name, wanjiru.phone) == ("Wanjiru Mwangi", "+254 722 555 022")
    assert plan.dropped == ()
    assert "1 card carries a photo" in " ".join(n.text for n in plan.notes)


def test_tel_uris_and_pref_in_vcard_4(journal: Journal) -> None:
    people = imported(journal, "carddav-groups.vcf")
    elodie, marc = people["Élodie Bernard"], people["Marc Dubois"]
    assert elodie.phone == "+33-6-55-55-01-21"  # PREF=1 beats PREF=2
    assert elodie.notes == "Other phones: +33-1-55-55-01-20 (home)"
    assert marc.phone == "+1-418-656-9254 ext. 102"
    assert (elodie.birthday_month, elodie.birthday_day, elodie.birthday_year) == (4, 15, None)
    assert [(d.label, d.year) for d in elodie.dates] == [("Anniversary", 2009)]


def test_a_contact_group_becomes_a_tag_on_its_members(journal: Journal) -> None:
    plan, _ = run_import(journal, DATA / "carddav-groups.vcf")
    people = {c.name: c for c in journal.all_contacts()}
    assert set(people) == {"Élodie Bernard", "Marc Dubois"}  # no contact for a group
    assert people["Élodie Bernard"].tags == ("atelier-paris",)
    assert people["Marc Dubois"].tags == ("atelier-paris", "running-club")
    assert any("'Atelier Paris' became the tag atelier-paris on 2" in n.text for n in plan.notes)


def test_gmail_and_apple_labels_dates_and_system_groups(journal: Journal) -> None:
    priya = imported(journal, "gmail.vcf")["Priya Raman"]
    assert priya.tags == ("close-friends", "speakers")  # not myContacts
    assert [(d.label, d.month, d.day) for d in priya.dates] == [("Anniversary", 12, 2)]
    assert ("github", "https://github.com/priyaraman") in {
        (c.platform, c.handle) for c in priya.channels
    }
    lucas = {c.name: c for c in journal.all_contacts()}["Lucas Ferreira"]
    assert lucas.tags == ()  # CATEGORIES:My Contacts
    jonas = imported(journal, "macos-contacts.vcf")["Dr. Jonas Keller"]
    assert sorted((d.label, d.month, d.day, d.year) for d in jonas.dates) == [
        ("Anniversary", 8, 25, 2012),
        ("Name day", 7, 5, None),
    ]
    assert jonas.notes == "Spouse: Anna Keller"


def test_cards_with_only_an_email_are_named_after_it_and_tagged(
    journal: Journal, tmp_path: Path
) -> None:
    known = journal.add_contact(ContactDraft("Old Friend", email="old.friend@mail.example"))
    plan, _ = run_import(journal, DATA / "email-only.vcf")
    assert sum(c.stand_in_name for c in plan.creates) == 2
    people = {c.name: c for c in journal.all_contacts()}
    assert people["hello@pottery-school.example"].tags == ("needs-name",)
    assert people["conference-desk@events.example"].tags == ("needs-name",)
    assert journal.contact(known).tags == ()  # matched by e-mail: keeps its name, no tag
    assert plan_import(DATA / "email-only.vcf", journal).nothing_to_do


def test_a_later_card_with_a_name_names_the_contact(journal: Journal, tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:ana@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEMAIL:ana@example.com\nTITLE:Editor\nEND:VCARD\n"
    )
    plan, _ = run_import(journal, write(tmp_path / "two.vcf", text))
    [ana] = journal.all_contacts()
    assert (ana.name, ana.role, ana.tags) == ("Ana Lima", "Editor", ())
    assert plan.duplicates == 1


def test_a_card_in_a_charset_it_does_not_name(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "latin.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9 M\xfcller\r\nEND:VCARD\r\n")
    plan, _ = run_import(journal, path)
    assert [c.name for c in journal.all_contacts()] == ["José Müller"]
    assert "read as Windows-1252" in plan.notes[0].text


def test_a_file_with_cr_alone_is_read(journal: Journal, tmp_path: Path) -> None:
    source = (DATA / "blackberry.vcf").read_bytes().replace(b"\r\n", b"\r")
    (tmp_path / "mac.vcf").write_bytes(source)
    plan, _ = run_import(journal, tmp_path / "mac.vcf")
    assert plan.format == "vcard"
    [siobhan] = journal.all_contacts()
    assert (siobhan.name, siobhan.location) == ("Siobhan O'Brien", "Galway, Ireland")


def test_a_stored_tel_uri_is_exported_as_a_uri(journal: Journal) -> None:
    journal.add_contact(ContactDraft("Marc", phone="tel:+1-418-656-9254"))
    journal.add_contact(ContactDraft("Ana", phone="+1 555 0100"))
    text = render(journal, "vcf")
    assert "TEL;VALUE=uri:tel:+1-418-656-9254\r\n" in text
    assert "TEL:+1 555 0100\r\n" in text
    assert "TEL:tel:" not in text


def test_labelled_dates_travel_through_a_vcard_export(journal: Journal, tmp_path: Path) -> None:
    imported(journal, "macos-contacts.vcf")
    text = render(journal, "vcf")
    assert "item1.X-ABDATE:--0705\r\nitem1.X-ABLabel:Name day\r\n" in text
    from netjournal.core.journal import open_journal
    from tests.conftest import TODAY

    with open_journal(tmp_path / "other" / "journal.db", today=lambda: TODAY) as other:
        run_import(other, write(tmp_path / "out.vcf", text))
        jonas = {c.name: c for c in other.all_contacts()}["Dr. Jonas Keller"]
        assert sorted((d.label, d.month, d.day) for d in jonas.dates) == [
            ("Anniversary", 8, 25),
            ("Name day", 7, 5),
        ]


def test_format_is_found_from_content_for_every_line_ending(
    journal: Journal, tmp_path: Path
) -> None:
    for name in ("iphone.vcf", "thunderbird-dos.vcf"):
        shutil.copy(DATA / name, tmp_path / "contacts.txt")
        assert plan_import(tmp_path / "contacts.txt", journal).format == "vcard"


def test_a_folder_or_zip_of_cards_imports_every_one(journal: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "Outlook contacts"
    folder.mkdir()
    for name in ("outlook-2003.vcf", "outlook-2007.vcf", "blackberry.vcf"):
        shutil.copy(DATA / name, folder / name)
    write(folder / "desktop.ini", "[.ShellClassInfo]\n")
    plan = plan_import(folder, journal)
    assert plan.format == "vcard"
    assert sorted(c.draft.name for c in plan.creates) == [
        "Helena Marques",
        "Siobhan O'Brien",
        "Tomás Gonçalves",
    ]
    assert plan.ignored_files == ("desktop.ini",)
    archive = tmp_path / "contacts.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for path in sorted(folder.glob("*.vcf")):
            packed.write(path, path.name)
    run_import(journal, archive)
    assert len(journal.all_contacts()) == 3
    assert plan_import(folder, journal, fmt="vcard").nothing_to_do
    write(tmp_path / "other" / "notes.txt", "not a card\n")
    with pytest.raises(InputError, match="holds no vCard files"):
        plan_import(tmp_path / "other", journal, fmt="vcard")


def test_a_bare_quoted_printable_parameter_is_decoded(journal: Journal, tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Lima;Ana\nNOTE;QUOTED-PRINTABLE:unicode text=E2=80=A6 and a=\n"
        " soft break\nTEL;WORK;PREF:+1 555 0100\nEND:VCARD\n"
    )
    run_import(journal, write(tmp_path / "ana.vcf", text, newline="\r\n"))
    [ana] = journal.all_contacts()
    assert (ana.name, ana.notes, ana.phone) == (
        "Ana Lima",
        "unicode text… and a soft break",
        "+1 555 0100",
    )


def test_an_fn_that_is_only_the_email_gives_way_to_n(journal: Journal, tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Lima;Ana;;;\nFN:ana@example.com\n"
        "EMAIL:ana@example.com\nEND:VCARD\n"
    )
    run_import(journal, write(tmp_path / "ana.vcf", text))
    [ana] = journal.all_contacts()
    assert (ana.name, ana.email, ana.tags) == ("Ana Lima", "ana@example.com", ())
