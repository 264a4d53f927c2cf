"""vCard 3.0 and 4.0 address books in (parsed by vobject, a well-kept parser), vCard 4.0 out.

Each card is parsed on its own, so one broken card is reported with its line and the others
still import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import vobject  # type: ignore[import-untyped]

from netjournal.core.dates import parse_month_day
from netjournal.core.errors import InputError
from netjournal.core.records import ChannelDraft, ContactDraft, ContactRecord, DateDraft
from netjournal.core.text import clean_line, clean_text
from netjournal.io.incoming import IncomingContact, Note, Origin, Parsed, Skipped, usable_email
from netjournal.io.profiles import platform_of_label, platform_of_link
from netjournal.io.source import Text

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_LINES = re.compile(r"\r\n|\r|\n")
# Apple writes this year for a birthday saved without one.
_NO_YEAR = 1604
ANNIVERSARY = "Anniversary"


# ----------------------------------------------------------------------------- import


def parse_vcard(text: Text, today: date) -> Parsed:
    parsed = Parsed("vcard")
    if text.encoding_note:
        parsed.notes.append(Note(Origin(text.name), text.encoding_note))
    for line, block, complete in _cards(text.text):
        origin = Origin(text.name, line)
        if not complete:
            parsed.skipped.append(
                Skipped(origin, "this card has no END:VCARD; the file seems cut short here.")
            )
            continue
        try:
            card = vobject.readOne(block)
        except Exception as error:  # vobject raises many kinds of error for broken input
            parsed.skipped.append(Skipped(origin, f"this card can't be read ({_short(error)})."))
            continue
        try:
            parsed.contacts.append(_contact(card, origin, parsed.notes, today))
        except InputError as error:
            parsed.skipped.append(Skipped(origin, str(error)))
    if not parsed.contacts and not parsed.skipped:
        raise InputError(f"{text.name} holds no vCards (no BEGIN:VCARD line).")
    return parsed


def _cards(text: str) -> Iterator[tuple[int, str, bool]]:
    """(first line, card text, whether it ended) for each BEGIN:VCARD … END:VCARD."""
    start, depth = 0, 0
    lines: list[str] = []
    for number, line in enumerate(_LINES.split(text), start=1):
        if _BEGIN.match(line):
            if depth == 0:
                start, lines = number, []
            depth += 1
        if depth:
            lines.append(line)
        if depth and _END.match(line):
            depth -= 1
            if depth == 0:
                yield start, "\r\n".join(lines) + "\r\n", True
    if depth:
        yield start, "", False


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(clean_line(str(v)) for v in value if str(v).strip())
    return clean_text(str(value)) if value is not None else ""


def _first(card: Any, name: str) -> str:
    for line in _preferred(_values(card, name)):
        if text := _text(line.value).strip():
            return text
    return ""


def _preferred(lines: Sequence[Any]) -> list[Any]:
    """Lines marked preferred (TYPE=pref in 3.0, PREF=1 in 4.0) first."""

    def rank(line: Any) -> int:
        types = [t.casefold() for t in line.params.get("TYPE", [])]
        return 0 if "pref" in types or line.params.get("PREF") else 1

    return sorted(lines, key=rank)


def _name(card: Any) -> str:
    full = clean_line(_first(card, "fn"))
    if full:
        return full
    for line in _values(card, "n"):
        value = line.value
        parts = [getattr(value, part, "") for part in ("prefix", "given", "additional", "family")]
        name = clean_line(" ".join(_text(p) for p in parts if p))
        if name:
            return name
    raise InputError("this card has no name (neither FN nor N), so it was left out.")


def _contact(card: Any, origin: Origin, notes: list[Note], today: date) -> IncomingContact:
    name = _name(card)
    emails = [_text(line.value).strip() for line in _preferred(_values(card, "email"))]
    emails = [e for e in (usable_email(e, origin, notes) for e in emails if e) if e]
    phones = [_text(line.value).strip() for line in _preferred(_values(card, "tel"))]
    phones = [p for p in phones if p]
    website, channels = _links(card)
    channels += [ChannelDraft("email", e) for e in emails[1:]]
    note_parts = [_text(line.value).strip() for line in _values(card, "note")]
    if len(phones) > 1:
        note_parts.append("Other phones: " + ", ".join(phones[1:]))
    tags = [t for line in _values(card, "categories") for t in _list(line.value)]
    month, day, year = _birthday(card, origin, notes, today)
    org = _values(card, "org")
    draft = ContactDraft(
        name=name,
        nickname=_first(card, "nickname"),
        company=_list(org[0].value)[0] if org and _list(org[0].value) else "",
        role=_first(card, "title") or _first(card, "role"),
        location=_location(card),
        email=emails[0] if emails else "",
        phone=phones[0] if phones else "",
        website=website,
        birthday_month=month,
        birthday_day=day,
        birthday_year=year,
        notes="\n\n".join(p for p in note_parts if p),
        tags=tuple(tags),
        channels=tuple(channels),
        dates=_anniversary(card, origin, notes, today),
    )
    return IncomingContact(draft, origin, emails=tuple(emails))


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return [clean_line(str(item)) for item in items if clean_line(str(item))]


def _labels(card: Any) -> dict[str, str]:
    """Apple's `itemN.X-ABLabel` lines: the label of each group."""
    return {
        line.group.casefold(): _text(line.value).strip()
        for line in _values(card, "x-ablabel")
        if line.group
    }


def _links(card: Any) -> tuple[str, list[ChannelDraft]]:
    labels = _labels(card)
    website, channels = "", []
    for line in _values(card, "url"):
        link = clean_line(_text(line.value))
        label = labels.get((line.group or "").casefold(), "")
        platform = platform_of_label(label) or platform_of_link(link)
        if not link:
            continue
        if platform is not None:
            channels.append(ChannelDraft(platform, link))
        elif not website:
            website = link
        else:
            channels.append(ChannelDraft("other", link))
    for line in _values(card, "x-socialprofile"):
        link = clean_line(_text(line.value)).removeprefix("x-apple:")
        kinds = line.params.get("TYPE", [])
        platform = platform_of_label(kinds[0]) if kinds else None
        if link:
            channels.append(ChannelDraft(platform or platform_of_link(link) or "other", link))
    return website, channels


def _birthday(
    card: Any, origin: Origin, notes: list[Note], today: date
) -> tuple[int | None, int | None, int | None]:
    lines = _values(card, "bday")
    if not lines:
        return None, None, None
    raw = _text(lines[0].value).strip().split("T", 1)[0]
    if not raw:
        return None, None, None
    try:
        month, day, year = parse_month_day(raw, today)
    except InputError:
        notes.append(Note(origin, f"couldn't read the birthday {raw[:40]!r}; it was left out."))
        return None, None, None
    if year == _NO_YEAR or lines[0].params.get("X-APPLE-OMIT-YEAR"):
        year = None
    return month, day, year


def _anniversary(
    card: Any, origin: Origin, notes: list[Note], today: date
) -> tuple[DateDraft, ...]:
    """vCard 4.0's ANNIVERSARY, kept as a date labelled "Anniversary"."""
    lines = _values(card, "anniversary")
    raw = _text(lines[0].value).strip().split("T", 1)[0] if lines else ""
    if not raw:
        return ()
    try:
        month, day, year = parse_month_day(raw, today, what="anniversary")
    except InputError:
        notes.append(Note(origin, f"couldn't read the anniversary {raw[:40]!r}; it was left out."))
        return ()
    return (DateDraft(ANNIVERSARY, month, day, None if year == _NO_YEAR else year),)


def _location(card: Any) -> str:
    for line in _preferred(_values(card, "adr")):
        value = line.value
        parts = [_text(getattr(value, part, "")) for part in ("city", "region", "country")]
        if text := ", ".join(p.strip() for p in parts if p.strip()):
            return text
    return ""


# ----------------------------------------------------------------------------- export


def export_vcards(
    contacts: Sequence[ContactRecord], progress: Callable[[int], None] | None = None
) -> str:
    """vCard 4.0 (RFC 6350) text for `contacts`: one card each, FN always present."""
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
        lines.append(f"TEL:{_escape(c.phone)}")
    if c.website:
        lines.append(f"URL:{_escape(c.website)}")
    if c.birthday_month and c.birthday_day:
        year = f"{c.birthday_year:04d}" if c.birthday_year else "--"
        lines.append(f"BDAY:{year}{c.birthday_month:02d}{c.birthday_day:02d}")
    for when in c.dates:
        if when.label.casefold() == ANNIVERSARY.casefold():
            year = f"{when.year:04d}" if when.year else "--"
            lines.append(f"ANNIVERSARY:{year}{when.month:02d}{when.day:02d}")
            break  # a card holds one
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
