"""vCard 3.0 and 4.0 in, vCard 4.0 out, and broken cards reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.core.records import ChannelDraft, ContactDraft, DateDraft
from netjournal.io.exporting import render
from netjournal.io.importing import plan_import
from tests.io.conftest import run_import, write

APPLE_CARD = """BEGIN:VCARD
VERSION:3.0
N:Lima;Ana;;;
FN:Ana Lima
NICKNAME:Aninha
ORG:Lumen Studio;Design
TITLE:Founder
EMAIL;TYPE=INTERNET;TYPE=WORK:ana@lumen.example
EMAIL;TYPE=INTERNET;TYPE=HOME;TYPE=pref:ana@home.example
TEL;TYPE=CELL:+1 555 0100
TEL;TYPE=HOME:+1 555 0199
item1.URL:https://www.linkedin.com/in/analima
item1.X-ABLabel:LinkedIn
item2.URL:https://lumen.example
item2.X-ABLabel:_$!<HomePage>!$_
X-SOCIALPROFILE;type=twitter:x-apple:analima
X-SOCIALPROFILE;TYPE=github:https://github.com/analima
BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14
NOTE:Met at the SEO meetup\\, Lisbon\\nSecond line
CATEGORIES:close,seo
ADR;TYPE=HOME:;;Rua X 1;Lisbon;;1000;Portugal
END:VCARD
"""

V4_CARDS = """BEGIN:VCARD
VERSION:4.0
FN:Bruno Costa
BDAY:--0314
EMAIL;PREF=1:bruno@example.com
END:VCARD
BEGIN:VCARD
VERSION:4.0
N:Reyes;Dana;;;
BDAY:19850704
URL:https://dana.example
END:VCARD
"""


def test_an_apple_card_brings_every_field(journal: Journal, tmp_path: Path) -> None:
    plan, result = run_import(journal, write(tmp_path / "ana.vcf", APPLE_CARD, newline="\r\n"))
    assert plan.format == "vcard"
    ana = journal.contact(result.contact_ids[0])
    assert (ana.name, ana.nickname, ana.company, ana.role) == (
        "Ana Lima",
        "Aninha",
        "Lumen Studio",
        "Founder",
    )
    assert ana.email == "ana@home.example"  # the preferred one
    assert ana.phone == "+1 555 0100"
    assert ana.website == "https://lumen.example"
    assert (ana.birthday_month, ana.birthday_day, ana.birthday_year) == (3, 14, None)
    assert ana.location == "Lisbon, Portugal"
    assert ana.tags == ("close", "seo")
    assert ana.notes == (
        "Met at the SEO meetup, Lisbon\nSecond line\n\nOther phones: +1 555 0199 (home)"
    )
    assert {(c.platform, c.handle) for c in ana.channels} == {
        ("linkedin", "https://www.linkedin.com/in/analima"),
        ("x", "analima"),
        ("github", "https://github.com/analima"),
        ("email", "ana@lumen.example"),
    }


def test_vcard_4_with_and_without_birth_year(journal: Journal, tmp_path: Path) -> None:
    _, result = run_import(journal, write(tmp_path / "two.vcf", V4_CARDS))
    bruno, dana = (journal.contact(i) for i in result.contact_ids)
    assert (bruno.birthday_month, bruno.birthday_day, bruno.birthday_year) == (3, 14, None)
    assert (dana.name, dana.birthday_year, dana.website) == (
        "Dana Reyes",
        1985,
        "https://dana.example",
    )


def test_a_broken_card_or_line_is_reported_by_line_and_the_rest_imports(
    journal: Journal, tmp_path: Path
) -> None:
    text = (
        V4_CARDS
        + "BEGIN:VCARD\nVERSION:4.0\nORG:Nobody Inc\nEND:VCARD\n"  # no FN, no N: line 13
        + "BEGIN:VCARD\nVERSION:3.0\nFN:Odd\nthis line has no colon\nEND:VCARD\n"  # line 17
        + "BEGIN:VCARD\nVERSION:3.0\nNOTE:nothing to name it by\nEND:VCARD\n"  # line 22
        + "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\nEMAIL:cut@"  # line 26
    )
    plan, result = run_import(journal, write(tmp_path / "book.vcf", text))
    assert sorted(c.name for c in journal.all_contacts()) == [
        "Bruno Costa",
        "Dana Reyes",
        "Nobody Inc",  # named after its company
        "Odd",  # without the line it couldn't read
    ]
    reasons = {s.origin.line: s.reason for s in plan.skipped}
    assert set(reasons) == {22, 26}
    assert "no name, e-mail or phone" in reasons[22]
    assert "cut short" in reasons[26]
    [dropped] = plan.dropped
    assert dropped.origin.line == 20
    assert "'this line has no colon' isn't a vCard line" in dropped.text
    assert result.created == 4


def test_a_file_without_cards_is_refused(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no vCards"):
        plan_import(write(tmp_path / "x.vcf", "hello\n"), journal, fmt="vcard")


def test_reimport_and_merge_by_email(journal: Journal, tmp_path: Path) -> None:
    known = journal.add_contact(ContactDraft("A. Lima", email="ANA@home.example", role="Editor"))
    path = write(tmp_path / "ana.vcf", APPLE_CARD)
    _, result = run_import(journal, path)
    assert (result.created, result.updated) == (0, 1)
    ana = journal.contact(known)
    assert (ana.name, ana.role, ana.company) == ("A. Lima", "Editor", "Lumen Studio")
    assert plan_import(path, journal).nothing_to_do


def test_exported_cards_import_back_the_same(journal: Journal, tmp_path: Path) -> None:
    journal.add_contact(
        ContactDraft(
            "Ana; Lima, Jr.",
            nickname="Aninha",
            company="Lumen, Inc.",
            role="Founder",
            location="Lisbon",
            email="ana@example.com",
            phone="+1 555",
            website="https://lumen.example",
            birthday_month=2,
            birthday_day=29,
            notes="Line one\nLine two with a very long tail " + "é" * 80,
            tags=("close", "seo"),
            channels=(
                ChannelDraft("linkedin", "https://linkedin.com/in/ana"),
                ChannelDraft("mastodon", "@ana@example.social"),
                ChannelDraft("email", "other@example.com"),
            ),
        )
    )
    journal.add_contact(
        ContactDraft(
            "Madonna",
            birthday_month=8,
            birthday_day=16,
            birthday_year=1958,
            dates=(DateDraft("Anniversary", 12, 22, 2000),),
        )
    )
    text = render(journal, "vcf")
    assert text.count("BEGIN:VCARD") == 2 and "VERSION:4.0\r\n" in text
    assert "ANNIVERSARY:20001222\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    before = sorted((c.to_draft() for c in journal.all_contacts()), key=lambda d: d.name)
    from netjournal.core.journal import open_journal
    from tests.conftest import TODAY

    with open_journal(tmp_path / "other" / "journal.db", today=lambda: TODAY) as other:
        run_import(other, write(tmp_path / "out.vcf", text))
        after = sorted((c.to_draft() for c in other.all_contacts()), key=lambda d: d.name)
    assert after == before
