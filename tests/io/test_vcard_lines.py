"""The vCard reader on any text: escapes undone exactly, any value's line ending or encoding read
back, and nothing but a sentence for input it can't use."""

from __future__ import annotations

import binascii
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netjournal.core.errors import InputError
from netjournal.core.text import clean_line, clean_text
from netjournal.io.limits import Text
from netjournal.io.vcard import parse_vcard
from netjournal.io.vcard_export import _escape
from netjournal.io.vcard_lines import split_escaped, unescape

TODAY = date(2026, 11, 25)
PIECES = st.sampled_from(
    [
        "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "FN:", "N:;;;;", "EMAIL;PREF:", "a@b.co",
        "TEL;VALUE=uri:tel:+1", ";ext=", "=", "=0D", "=ZZ", "NOTE;ENCODING=QUOTED-PRINTABLE:x=",
        " ", "\t", "\r", "\n", "\r\r\n", '"', ":", ";", ",", "\\", "CHARSET=X-NONE",
        "PHOTO;ENCODING=b:", "item1.", "X-ABLabel:", "KIND:group", "MEMBER:", "UID:", "BDAY:",
        "X-ABDATE:", "ADR:;;;;;;", "CATEGORIES:", "é", "安", "\x00", "\x1b",
    ]
)  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=80)


@given(TEXT)
def test_unescape_undoes_the_export_escape(value: str) -> None:
    assert unescape(_escape(value)) == value
    assert [unescape(p) for p in split_escaped(_escape(value), ";")] == [value]


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join), st.booleans())
def test_any_text_gives_contacts_or_sentences(text: str, undecoded: bool) -> None:
    source = text.encode("utf-8", "surrogatepass").decode("latin-1") if undecoded else text
    try:
        parsed = parse_vcard(Text("f.vcf", source, undecoded=undecoded), TODAY)
    except InputError as error:
        assert "no vCards" in str(error)
        return
    assert all(c.draft.name == clean_line(c.draft.name) != "" for c in parsed.contacts)


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT, st.sampled_from(["\r\n", "\n", "\r\r\n", "\r"]), st.booleans())
@example("0", "\\,", "\r\n", True)  # a note that is a backslash and a comma
def test_values_come_back_whatever_the_line_ending_and_encoding(
    name: str, note: str, newline: str, quoted: bool
) -> None:
    name, note = clean_text(name), clean_text(note)  # as netjournal holds them: no CR
    if quoted:
        # Phones escape the value, then quote it: a backslash-comma in a quoted NOTE is a comma.
        encoded = binascii.b2a_qp(_escape(note).encode(), istext=False).decode()
        note_line = "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + encoded.replace("\n", newline)
    else:
        note_line = f"NOTE:{_escape(note)}"
    text = newline.join(
        ["BEGIN:VCARD", "VERSION:2.1", f"FN:{_escape(name)}", note_line, "END:VCARD", ""]
    )
    parsed = parse_vcard(Text("f.vcf", text), TODAY)
    if not clean_line(name):
        return  # named after nothing: left out with a sentence
    [contact] = parsed.contacts
    assert contact.draft.name == clean_line(name)
    assert contact.draft.notes == clean_text(note).strip()
