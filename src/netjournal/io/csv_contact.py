"""One contact from one CSV row, given a layout: which columns feed which field.

A layout comes from an export family's headers (Google, Outlook, Thunderbird: see csv_families)
or from guesses and --map (csv_import). Every e-mail, phone and web page is kept: the first as
the field, the rest as channels or a line of the notes, as a vCard's are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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
    phone_number,
    stand_in_name,
)
from netjournal.io.csv_rows import Row
from netjournal.io.incoming import IncomingContact, Note, Origin, Parsed, usable_email

PLATFORM_FIELDS = ("linkedin", "x", "mastodon", "bluesky", "github", "blog")
_FORMULA_START = tuple("=+-@\t\r\n\x00")
_EMPTY_DATE = re.compile(r"0+[./-]0+[./-]0+")
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})")
_EMAIL_SEPARATORS = re.compile(r"\s*(?::::|;|,)\s*")
_OUTLOOK_NO_DATE = 4500
"""Outlook's "no date" is 1/1/4501."""
Clean = Callable[[str], str]


@dataclass(frozen=True)
class Column:
    index: int
    label: str = ""
    """What the file calls this column's values ("work", "Spouse")."""
    label_index: int | None = None
    """A column holding each row's label (Google's `E-mail 1 - Label`)."""
    display_index: int | None = None
    """A column that may hold the address when this one doesn't (Outlook's display name)."""


@dataclass(frozen=True)
class Address:
    label: str
    parts: dict[str, int]
    """"city", "region", "country", "formatted"… → column."""


@dataclass
class Layout:
    family: str = ""
    """The export it comes from ("Google Contacts", "Outlook"…), or "" for any CSV."""
    fields: dict[str, list[Column]] = field(default_factory=dict)
    addresses: list[Address] = field(default_factory=list)
    known: set[int] = field(default_factory=set)
    """Columns read, or known to hold nothing worth importing."""
    multi: str = ""
    """What separates several values in one cell (Google's ` ::: `)."""

    def add(self, name: str, column: Column) -> None:
        self.fields.setdefault(name, []).append(column)
        indexes = (column.index, column.label_index, column.display_index)
        self.known.update(i for i in indexes if i is not None)

    def has(self, *names: str) -> bool:
        return any(self.fields.get(name) for name in names)


@dataclass
class RowReader:
    """Builds contacts from rows; one per file, since a file writes its dates one way."""

    layout: Layout
    parsed: Parsed
    today: date
    day_first: bool = False

    def learn_dates(self, rows: Sequence[Row]) -> None:
        """Whether 04/07/1985 means 4 July in this file: a first number above 12 anywhere says
        so, a second one above 12 says not; dots mean day first unless a row says otherwise."""
        fields = self.layout.fields
        columns = [c.index for name in ("birthday", "date") for c in fields.get(name, [])]
        day_first = month_first = dots = 0
        for row in rows:
            for index in columns:
                match = _NUMERIC_DATE.fullmatch(row.cells[index].strip())
                if match is None:
                    continue
                day_first += int(match[1]) > 12
                month_first += int(match[3]) > 12
                dots += match[2] == "."
        self.day_first = day_first > month_first or (day_first == month_first and dots > 0)

    def contact(self, row: Row, origin: Origin) -> IncomingContact:
        cells = [_cell(c) for c in row.cells]
        emails = self._emails(cells, origin)
        phones = self._labelled(cells, "phone", phone_number)
        company = self._text(cells, "company")
        name, stand_in = self._name(cells, company, emails, [p.value for p in phones])
        urls = self._labelled(cells, "website", clean_line)
        website, channels = links(urls)
        channels += [ChannelDraft("email", e) for e in emails[1:]]
        channels += [
            ChannelDraft(platform, handle)
            for platform in PLATFORM_FIELDS
            if (handle := self._text(cells, platform))
        ]
        month, day, year = self._birthday(cells, origin)
        notes = [self._text(cells, "notes", "\n\n", clean_text), self._extras(cells)]
        notes.append(other_phones(phones))
        draft = ContactDraft(
            name=name,
            nickname=self._text(cells, "nickname"),
            company=company,
            role=self._text(cells, "role", ", "),
            location=self._location(cells),
            how_met=self._text(cells, "how_met"),
            email=emails[0] if emails else "",
            phone=phones[0].value if phones else "",
            website=website,
            birthday_month=month,
            birthday_day=day,
            birthday_year=year,
            cadence_days=self._cadence(cells, origin),
            notes="\n\n".join(n for n in notes if n.strip()),
            tags=(self._text(cells, "tags", ",").replace(";", ","), *self._labels(cells)),
            channels=tuple(channels),
            dates=tuple(dict.fromkeys(self._dates(cells, origin))),
        )
        return IncomingContact(draft, origin, emails=tuple(emails), stand_in_name=stand_in)

    # ------------------------------------------------------------------------- fields

    def _values(self, cells: list[str], name: str) -> Iterable[tuple[Column, str]]:
        for column in self.layout.fields.get(name, ()):
            value = cells[column.index].strip()
            parts = value.split(self.layout.multi) if self.layout.multi else [value]
            for part in parts:
                if part.strip():
                    yield column, part.strip()

    def _text(self, cells: list[str], name: str, sep: str = " ", clean: Clean = clean_line) -> str:
        return sep.join(dict.fromkeys(clean(v) for _, v in self._values(cells, name)))

    def _label(self, cells: list[str], column: Column) -> str:
        if column.label_index is not None:
            return clean_line(cells[column.label_index])
        return column.label

    def _labelled(self, cells: list[str], name: str, clean: Clean = clean_line) -> list[Labelled]:
        found = [Labelled(clean(v), self._label(cells, c)) for c, v in self._values(cells, name)]
        # Google marks the primary one `* Work`.
        found.sort(key=lambda item: not item.label.startswith("*"))
        unique = {item.value: Labelled(item.value, item.label.lstrip("* ")) for item in found}
        return [item for item in unique.values() if item.value]

    def _emails(self, cells: list[str], origin: Origin) -> list[str]:
        found = []
        for column, value in self._values(cells, "email"):
            if "@" not in value and column.display_index is not None:
                value = cells[column.display_index]  # Outlook's Exchange entries
            found += [email_address(v) for v in _EMAIL_SEPARATORS.split(value) if v.strip()]
        usable = (usable_email(e, origin, self.parsed.notes) for e in dict.fromkeys(found))
        return [e for e in usable if e]

    def _name(
        self, cells: list[str], company: str, emails: list[str], phones: list[str]
    ) -> tuple[str, bool]:
        name = self._text(cells, "name")
        if not name:
            parts = ("first_name", "middle_name", "last_name", "suffix")
            name = " ".join(text for part in parts if (text := self._text(cells, part)))
        if name and not (name in emails and "@" in name):
            return name, False
        if file_as := self._text(cells, "file_as"):
            return file_as, False
        name, stand_in = stand_in_name(company, emails, phones)
        if not name:
            raise InputError("this row has no name, company, e-mail or phone, so it was left out.")
        return name, stand_in

    def _location(self, cells: list[str]) -> str:
        if text := self._text(cells, "location", ", "):
            return text
        for address in self.layout.addresses:
            where = [address.parts.get(p) for p in ("city", "region", "country")]
            parts = [clean_line(cells[i]) for i in where if i is not None]
            if text := ", ".join(dict.fromkeys(p for p in parts if p)):
                return text
            if "formatted" in address.parts:
                lines = cells[address.parts["formatted"]].splitlines()
                if text := ", ".join(clean_line(line) for line in lines if line.strip()):
                    return text
        return ""

    def _extras(self, cells: list[str]) -> str:
        """Columns kept as lines of the notes: "Spouse: Maria"."""
        lines = []
        for column, value in self._values(cells, "extra"):
            label = self._label(cells, column).lstrip("* ") or "Other"
            lines.append(f"{label[:1].upper()}{label[1:]}: {clean_line(value)}")
        return "\n".join(dict.fromkeys(lines))

    def _labels(self, cells: list[str]) -> list[str]:
        return label_tags(v for _, v in self._values_whole(cells, "labels"))

    def _values_whole(self, cells: list[str], name: str) -> Iterable[tuple[Column, str]]:
        for column in self.layout.fields.get(name, ()):
            if value := cells[column.index].strip():
                yield column, value

    # -------------------------------------------------------------------------- dates

    def _day(self, text: str, what: str, origin: Origin) -> tuple[int, int, int | None] | None:
        text = text.strip()
        if not text or _EMPTY_DATE.fullmatch(text):
            return None
        match = _NUMERIC_DATE.fullmatch(text)
        if match and self.day_first:
            text = f"{match[3]}/{match[1]}/{match[4]}"
        try:
            month, day, year = parse_month_day(text, self.today, what=what)
        except InputError as error:
            if match and int(match[4]) >= _OUTLOOK_NO_DATE:
                return None
            self.parsed.notes.append(Note(origin, f"{error} The {what} was left out."))
            return None
        return month, day, year

    def _birthday(
        self, cells: list[str], origin: Origin
    ) -> tuple[int | None, int | None, int | None]:
        text = self._text(cells, "birthday")
        if not text and self.layout.has("birth_month"):
            year = self._text(cells, "birth_year")
            month, day = self._text(cells, "birth_month"), self._text(cells, "birth_day")
            if month and day:
                text = f"{year}-{month}-{day}" if year else f"--{month:0>2}-{day:0>2}"
        found = self._day(text, "birthday", origin)
        return found if found is not None else (None, None, None)

    def _dates(self, cells: list[str], origin: Origin) -> Iterable[DateDraft]:
        for column, value in self._values(cells, "date"):
            label = self._label(cells, column).lstrip("* ") or "Other date"
            if label.casefold() == "anniversary":
                label = ANNIVERSARY
            found = self._day(value, label.casefold(), origin)
            if found is not None:
                yield DateDraft(label[:60], *found)

    def _cadence(self, cells: list[str], origin: Origin) -> int | None:
        text = self._text(cells, "cadence")
        if not text:
            return None
        digits = text.removesuffix("days").strip()
        if digits.isdigit() and 1 <= int(digits) <= 3650:
            return int(digits)
        self.parsed.notes.append(
            Note(origin, f"{text[:40]!r} isn't a number of days; the rhythm was left out.")
        )
        return None


def _cell(value: str) -> str:
    # Undo the quote a formula-safe export (netjournal's own too) put before = + - @.
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value
