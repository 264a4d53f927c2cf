"""vCard 2.1, 3.0 and 4.0 address books in, as phones, mail programs and CardDAV servers write them.

Each card is read on its own (see vcard_lines), so a broken card is reported with its line and
the others still import; a property that can't be read is left out of its card, never the card.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from netjournal.core.dates import parse_month_day
from netjournal.core.errors import InputError
from netjournal.core.records import ChannelDraft, ContactDraft, DateDraft
from netjournal.core.text import clean_line, clean_text
from netjournal.io.address_book import (
    ANNIVERSARY,
    Labelled,
    email_address,
    label_tags,
    links,
    other_phones,
    phone_label,
    phone_number,
    stand_in_name,
)
from netjournal.io.charsets import codec_of, decode_legacy
from netjournal.io.incoming import IncomingContact, Note, Origin, Parsed, Skipped, usable_email
from netjournal.io.limits import Text
from netjournal.io.profiles import platform_of_label, platform_of_link
from netjournal.io.vcard_lines import (
    Card,
    Property,
    read_card,
    split_cards,
    split_escaped,
    unescape,
)

# Apple writes this year for a birthday saved without one.
_NO_YEAR = 1604
_ANNIVERSARIES = (
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-KADDRESSBOOK-X-ANNIVERSARY",
)
_SPOUSES = ("X-EVOLUTION-SPOUSE", "X-SPOUSE", "X-MS-SPOUSE", "X-KADDRESSBOOK-X-SPOUSENAME")
_GROUP_KINDS = ("KIND", "X-ADDRESSBOOKSERVER-KIND")
_GROUP_MEMBERS = ("MEMBER", "X-ADDRESSBOOKSERVER-MEMBER")


@dataclass
class _Group:
    origin: Origin
    name: str
    members: list[str] = field(default_factory=list)


@dataclass
class _Book:
    """What reading one file gathers besides its contacts."""

    parsed: Parsed
    today: date
    uids: dict[str, int] = field(default_factory=dict)
    groups: list[_Group] = field(default_factory=list)
    photos: int = 0
    legacy_text: bool = False


def parse_vcard(text: Text, today: date) -> Parsed:
    book = _Book(Parsed("vcard"), today)
    parsed = book.parsed
    if text.encoding_note:
        parsed.notes.append(Note(Origin(text.name), text.encoding_note))
    fallback = "Windows-1252"
    if text.undecoded:
        fallback = decode_legacy(text.text.encode("latin-1"))[1]
    found = False
    for raw in split_cards(text.text):
        found = True
        origin = Origin(text.name, raw.line)
        if not raw.complete:
            parsed.skipped.append(
                Skipped(origin, "this card has no END:VCARD; the file seems cut short here.")
            )
            continue
        card = read_card(raw, undecoded=text.undecoded, fallback=codec_of(fallback))
        book.legacy_text |= card.legacy_text
        _read(card, origin, book)
    if not found:
        raise InputError(f"{text.name} holds no vCards (no BEGIN:VCARD line).")
    _tag_groups(book)
    if book.legacy_text:
        parsed.notes.append(
            Note(
                Origin(text.name),
                f"some values aren't UTF-8 and name no charset, so they were read as {fallback}; "
                "check the names.",
            )
        )
    if book.photos:
        parsed.notes.append(
            Note(
                Origin(text.name),
                f"{_cards(book.photos)} a photo; netjournal keeps no photos, so "
                f"{'they were' if book.photos > 1 else 'it was'} left out.",
            )
        )
    return parsed


def _cards(count: int) -> str:
    return f"{count:,} card{'s carry' if count > 1 else ' carries'}"


def _read(card: Card, origin: Origin, book: _Book) -> None:
    parsed = book.parsed
    for line, problem in card.problems:
        parsed.dropped.append(Note(Origin(origin.source, line), f"{problem}; it was left out."))
    if any(_first_text(card, kind).casefold() == "group" for kind in _GROUP_KINDS):
        members = [p.text.strip() for name in _GROUP_MEMBERS for p in card.all(name)]
        book.groups.append(_Group(origin, _full_name(card) or _first_text(card, "ORG"), members))
        return
    try:
        incoming = _contact(card, origin, book)
    except InputError as error:
        parsed.skipped.append(Skipped(origin, str(error)))
        return
    if card.all("PHOTO"):
        book.photos += 1
    if uid := _uid(_first_text(card, "UID")):
        book.uids[uid] = len(parsed.contacts)
    parsed.contacts.append(incoming)


def _first_text(card: Card, name: str) -> str:
    for prop in card.preferred(name):
        if text := clean_line(prop.text):
            return text
    return ""


def _uid(text: str) -> str:
    text = text.strip().casefold()
    for prefix in ("urn:uuid:", "mailto:"):
        text = text.removeprefix(prefix)
    return text


def _full_name(card: Card, emails: Sequence[str] = ()) -> str:
    """FN, else N; an FN that is only the card's e-mail (Apple writes one) isn't a name."""
    full = _first_text(card, "FN")
    if full and not ("@" in full and full.casefold() in (e.casefold() for e in emails)):
        return full
    for prop in card.all("N"):
        parts = [_joined(part) for part in split_escaped(prop.value, ";")] + [""] * 5
        family, given, additional, _prefix, suffix = parts[:5]
        if name := clean_line(" ".join(p for p in (given, additional, family, suffix) if p)):
            return name
    return ""


def _joined(part: str) -> str:
    """A name component that may list several values (`John,Johnny`), as one text."""
    return " ".join(unescape(v).strip() for v in split_escaped(part, ",") if v.strip())


def _contact(card: Card, origin: Origin, book: _Book) -> IncomingContact:
    notes = book.parsed.notes
    emails = [email_address(p.text) for p in card.preferred("EMAIL")]
    emails = [e for e in (usable_email(e, origin, notes) for e in emails if e) if e]
    phones = _phones(card)
    company = clean_line(card.all("ORG")[0].parts()[0]) if card.all("ORG") else ""
    name, stand_in = _full_name(card, emails), False
    if not name:
        name = _first_text(card, "NICKNAME")
    if not name:
        name, stand_in = stand_in_name(company, emails, [p.value for p in phones])
    if not name:
        raise InputError("this card has no name, e-mail or phone, so it was left out.")
    website, channels = _links(card)
    channels += [ChannelDraft("email", e) for e in emails[1:]]
    note_parts = [clean_text(p.text).strip() for p in card.all("NOTE")]
    note_parts += [_related(card), other_phones(phones)]
    month, day, year = _birthday(card, origin, book)
    draft = ContactDraft(
        name=name,
        nickname=", ".join(t for p in card.all("NICKNAME") for t in p.parts(",") if t.strip()),
        company=company,
        role=_first_text(card, "TITLE") or _first_text(card, "ROLE"),
        location=_location(card),
        email=emails[0] if emails else "",
        phone=phones[0].value if phones else "",
        website=website,
        birthday_month=month,
        birthday_day=day,
        birthday_year=year,
        notes="\n\n".join(p for p in note_parts if p),
        tags=tuple(label_tags(t for p in card.all("CATEGORIES") for t in p.parts(","))),
        channels=tuple(channels),
        dates=tuple(dict.fromkeys(_dates(card, origin, book))),
    )
    return IncomingContact(draft, origin, emails=tuple(emails), stand_in_name=stand_in)


def _labels(card: Card) -> dict[str, str]:
    """Apple's `itemN.X-ABLabel` lines: the label of each group, `_$!<HomePage>!$_` unwrapped."""
    return {
        p.group.casefold(): clean_line(p.text).removeprefix("_$!<").removesuffix(">!$_")
        for p in card.all("X-ABLABEL")
        if p.group
    }


def _phones(card: Card) -> list[Labelled]:
    labels = _labels(card)
    phones = [
        Labelled(phone_number(p.text), phone_label(p.types, labels.get(p.group.casefold(), "")))
        for p in card.preferred("TEL")
    ]
    return [p for p in phones if p.value]


def _links(card: Card) -> tuple[str, list[ChannelDraft]]:
    labels = _labels(card)
    urls = [Labelled(p.text, labels.get(p.group.casefold(), "")) for p in card.all("URL")]
    website, channels = links(urls)
    for prop in card.all("X-SOCIALPROFILE"):
        link = clean_line(prop.text).removeprefix("x-apple:")
        kinds = prop.params.get("TYPE", [])
        platform = platform_of_label(kinds[0]) if kinds else None
        if link:
            channels.append(ChannelDraft(platform or platform_of_link(link) or "other", link))
    return website, channels


def _related(card: Card) -> str:
    """Spouses and other relations, as lines of the notes ("Spouse: Maria")."""
    labels = _labels(card)
    lines = []
    for prop in card.all("X-ABRELATEDNAMES") + card.all("RELATED"):
        if prop.params.get("VALUE", ["text"])[0].casefold() != "text":
            continue  # a link to another card, not a name
        label = labels.get(prop.group.casefold()) or next(iter(prop.types), "") or "Related"
        if name := clean_line(prop.text):
            lines.append(f"{label[:1].upper()}{label[1:]}: {name}")
    lines += [f"Spouse: {text}" for name in _SPOUSES if (text := _first_text(card, name))]
    # Thunderbird's four custom fields.
    for number in range(1, 5):
        for prop in card.all(f"X-CUSTOM{number}"):
            if text := clean_text(prop.text).strip():
                lines.append(f"Custom {number}: {text}")
    return "\n".join(dict.fromkeys(lines))


def _when(prop: Property, what: str, origin: Origin, book: _Book) -> tuple[int, int, int | None]:
    """(month, day, year) of a date property; raises InputError with a note already made."""
    raw = clean_line(prop.text).split("T", 1)[0]
    try:
        month, day, year = parse_month_day(raw, book.today, what=what)
    except InputError:
        book.parsed.notes.append(
            Note(origin, f"couldn't read the {what} {raw[:40]!r}; it was left out.")
        )
        raise
    if year == _NO_YEAR or prop.params.get("X-APPLE-OMIT-YEAR"):
        year = None
    return month, day, year


def _birthday(card: Card, origin: Origin, book: _Book) -> tuple[int | None, int | None, int | None]:
    for prop in card.preferred("BDAY"):
        if clean_line(prop.text):
            try:
                return _when(prop, "birthday", origin, book)
            except InputError:
                break
    return None, None, None


def _dates(card: Card, origin: Origin, book: _Book) -> Iterator[DateDraft]:
    """Anniversaries (4.0, Evolution, Outlook, KDE) and Apple's and Gmail's labelled dates."""
    labels = _labels(card)
    found = [(ANNIVERSARY, p) for name in _ANNIVERSARIES for p in card.all(name)]
    for prop in card.all("X-ABDATE"):
        label = labels.get(prop.group.casefold(), "") or "Other date"
        found.append((ANNIVERSARY if label.casefold() == "anniversary" else label[:60], prop))
    for label, prop in found:
        if not clean_line(prop.text):
            continue
        try:
            month, day, year = _when(prop, label.casefold(), origin, book)
        except InputError:
            continue
        yield DateDraft("Other date" if label == "Other" else label, month, day, year)


def _location(card: Card) -> str:
    for prop in card.preferred("ADR"):
        parts = [clean_line(p) for p in prop.parts()] + [""] * 7
        if text := ", ".join(dict.fromkeys(p for p in (parts[3], parts[4], parts[6]) if p)):
            return text
    return ""


def _tag_groups(book: _Book) -> None:
    """A contact group (KIND:group) becomes a tag on each of its members found in the file."""
    by_email = {
        e.casefold(): index
        for index, incoming in enumerate(book.parsed.contacts)
        for e in incoming.emails
    }
    for group in book.groups:
        tags = label_tags([group.name])
        found = {i for m in group.members if (i := _member(m, book, by_email)) is not None}
        if not tags or not found:
            book.parsed.notes.append(
                Note(group.origin, "a contact group with no members in this file; left out.")
            )
            continue
        for index in sorted(found):
            incoming = book.parsed.contacts[index]
            draft = replace(incoming.draft, tags=(*incoming.draft.tags, *tags))
            book.parsed.contacts[index] = replace(incoming, draft=draft)
        missing = len(group.members) - len(found)
        book.parsed.notes.append(
            Note(
                group.origin,
                f"the group {group.name!r} became the tag {tags[0]} on {len(found):,} "
                f"contact{'s' if len(found) > 1 else ''}"
                + (f"; {missing:,} of its members aren't in this file." if missing else "."),
            )
        )


def _member(member: str, book: _Book, by_email: dict[str, int]) -> int | None:
    key = _uid(member)
    return book.uids.get(key, by_email.get(key))
