"""vCard 4.0 (RFC 6350) out: one card per contact, readable by the import and by address books.

Dates besides the birthday and one anniversary go out as Apple's labelled X-ABDATE, which
Apple Contacts, Gmail and netjournal's own import read back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from netjournal.core.records import ContactRecord
from netjournal.io.address_book import ANNIVERSARY


def export_vcards(
    contacts: Sequence[ContactRecord], progress: Callable[[int], None] | None = None
) -> str:
    """vCard 4.0 text for `contacts`: one card each, FN always present."""
    cards = []
    for contact in contacts:
        cards.append(_card(contact))
        if progress is not None:
            progress(1)
    return "".join(cards)


def _card(c: ContactRecord) -> str:
    given, _, family = c.name.rpartition(" ") if " " in c.name else ("", "", c.name)
    if not given:
        given, family = family, ""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_escape(c.name)}"]
    lines.append(f"N:{_escape(family)};{_escape(given)};;;")
    simple = (("NICKNAME", c.nickname), ("ORG", c.company), ("TITLE", c.role))
    lines += [f"{key}:{_escape(value)}" for key, value in simple if value]
    if c.email:
        lines.append(f"EMAIL;PREF=1:{_escape(c.email)}")
    if c.phone:
        lines.append(_phone(c.phone))
    if c.website:
        lines.append(f"URL:{_escape(c.website)}")
    if c.birthday_month and c.birthday_day:
        lines.append(f"BDAY:{_day(c.birthday_year, c.birthday_month, c.birthday_day)}")
    lines += _dates(c)
    if c.location:
        lines.append(f"ADR:;;;{_escape(c.location)};;;")
    if c.notes:
        lines.append(f"NOTE:{_escape(c.notes)}")
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in c.tags))
    for channel in c.channels:
        if channel.platform == "email":
            lines.append(f"EMAIL:{_escape(channel.handle)}")
        else:
            lines.append(f"X-SOCIALPROFILE;TYPE={channel.platform}:{_escape(channel.handle)}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _phone(phone: str) -> str:
    """A number as text; one kept as a tel: URI (imported before netjournal read them) as a URI,
    which RFC 6350 marks with VALUE=uri."""
    if phone[:4].casefold() == "tel:":
        return f"TEL;VALUE=uri:tel:{_escape(phone[4:].strip())}"
    return f"TEL:{_escape(phone)}"


def _day(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}{month:02d}{day:02d}" if year else f"--{month:02d}{day:02d}"


def _dates(c: ContactRecord) -> list[str]:
    lines, anniversary, item = [], False, 0
    for when in c.dates:
        value = _day(when.year, when.month, when.day)
        if when.label.casefold() == ANNIVERSARY.casefold() and not anniversary:
            lines.append(f"ANNIVERSARY:{value}")
            anniversary = True  # a card holds one
            continue
        item += 1
        lines += [f"item{item}.X-ABDATE:{value}", f"item{item}.X-ABLabel:{_escape(when.label)}"]
    return lines


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets without splitting a character (RFC 6350 3.2)."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)
