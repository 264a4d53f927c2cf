"""Contacts from any CSV: columns guessed from their headers, or named with a mapping such as
`--map "Full name=name,Mail=email"`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from netjournal.core.dates import parse_month_day
from netjournal.core.errors import InputError
from netjournal.core.records import ChannelDraft, ContactDraft
from netjournal.core.text import clean_line, clean_text
from netjournal.io.csv_rows import Row, Table, header_key, read_table
from netjournal.io.incoming import IncomingContact, Note, Origin, Parsed, Skipped, usable_email
from netjournal.io.source import Text

PLATFORM_FIELDS = ("linkedin", "x", "mastodon", "bluesky", "github", "blog")
FIELDS = (
    "name", "first_name", "last_name", "nickname", "company", "role", "location", "how_met",
    "email", "phone", "website", "birthday", "notes", "tags", "cadence", *PLATFORM_FIELDS,
    "ignore",
)  # fmt: skip
_SAME_AS = {
    "name": "full name, display name, contact, contact name",
    "first_name": "first, given name, firstname",
    "last_name": "last, surname, family name, lastname",
    "nickname": "nick",
    "company": "organization, organisation, org, employer, company name",
    "role": "title, job title, position, job",
    "location": "city, address, country",
    "how_met": "how we met, met, met at",
    "email": "email address, mail, primary email, emails",
    "phone": "mobile, telephone, tel, phone number, cell, mobile phone",
    "website": "web, url, homepage, home page, site, web page",
    "birthday": "bday, birth date, date of birth, dob",
    "notes": "note, comments, comment, description",
    "tags": "tag, labels, groups, categories",
    "cadence": "every, rhythm, cadence days",
    "linkedin": "linkedin url, linkedin profile",
    "x": "twitter, twitter handle, x twitter",
    "bluesky": "bsky",
    "ignore": "skip, -",
}
_FORMULA_START = tuple("=+-@\t\r\n\x00")


def _synonyms() -> dict[str, str]:
    table = {header_key(f): f for f in FIELDS}
    for target, words in _SAME_AS.items():
        table.update({header_key(word): target for word in words.split(", ")})
    return table


_BY_HEADER = _synonyms()


def parse_mapping(text: str) -> dict[str, str]:
    """`"Full name=name,Mail=email"` as {header key: field}; InputError for anything unclear."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        column, equals, target = part.rpartition("=")
        if not equals or not column.strip():
            raise InputError(
                f'{part.strip()!r} in --map needs the form Column=field, e.g. "Full name=name".'
            )
        field = _BY_HEADER.get(header_key(target))
        if field is None:
            raise InputError(
                f"{target.strip()!r} is not a field netjournal knows. Fields: {', '.join(FIELDS)}."
            )
        mapping[header_key(column)] = field
    return mapping


def parse_csv(text: Text, today: date, mapping: Mapping[str, str] | None = None) -> Parsed:
    parsed = Parsed("csv")
    if text.encoding_note:
        parsed.notes.append(Note(Origin(text.name), text.encoding_note))
    table = read_table(text)
    columns = _columns(table, mapping or {}, parsed)
    parsed.skipped += table.skipped
    for row in table.rows:
        origin = Origin(table.source, row.line)
        try:
            parsed.contacts.append(
                IncomingContact(_draft(row, columns, origin, parsed, today), origin)
            )
        except InputError as error:
            parsed.skipped.append(Skipped(origin, str(error)))
    return parsed


def _columns(table: Table, mapping: Mapping[str, str], parsed: Parsed) -> dict[str, list[int]]:
    """Each field and the columns that feed it: the mapping first, then guesses from headers."""
    missing = [key for key in mapping if key not in table.keys]
    if missing:
        raise InputError(
            f"--map names {', '.join(repr(m) for m in missing)}, which {_text_is(len(missing))} "
            f"not a column of {table.source}. Its columns are: {', '.join(table.header)}."
        )
    columns: dict[str, list[int]] = {}
    unused = []
    mapped_fields = set(mapping.values())
    for index, key in enumerate(table.keys):
        field = mapping.get(key)
        if field is None:
            guess = _BY_HEADER.get(key)
            field = guess if guess not in mapped_fields else None
        if field is None:
            if key:
                unused.append(table.header[index].strip())
            continue
        if field != "ignore":
            columns.setdefault(field, []).append(index)
    if not {"name", "first_name", "last_name"} & set(columns):
        raise InputError(
            f"netjournal can't tell which column of {table.source} holds names. Its columns are: "
            f'{", ".join(table.header)}. Name it with --map, e.g. --map "{table.header[0]}=name".'
        )
    if unused:
        parsed.notes.append(
            Note(
                Origin(table.source),
                f"Not imported: the column{'s' if len(unused) > 1 else ''} {', '.join(unused)} "
                f'(bring one in with --map, e.g. --map "{unused[0]}=notes").',
            )
        )
    return columns


def _text_is(count: int) -> str:
    return "is" if count == 1 else "are"


def _cell(value: str) -> str:
    # Undo the quote a formula-safe export put before = + - @ (RELIABILITY.md 13).
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _draft(
    row: Row, columns: dict[str, list[int]], origin: Origin, parsed: Parsed, today: date
) -> ContactDraft:
    def get(field: str, sep: str = " ") -> str:
        return sep.join(
            c for c in (_cell(row.cells[i]).strip() for i in columns.get(field, ())) if c
        )

    name = clean_line(get("name") or f"{get('first_name')} {get('last_name')}")
    if not name:
        raise InputError("this row has no name, so it was left out.")
    channels = tuple(
        ChannelDraft(platform, clean_line(handle))
        for platform in PLATFORM_FIELDS
        for handle in [get(platform)]
        if clean_line(handle)
    )
    month, day, year = _birthday(get("birthday"), origin, parsed, today)
    return ContactDraft(
        name=name,
        nickname=get("nickname"),
        company=get("company"),
        role=get("role"),
        location=get("location", ", "),
        how_met=get("how_met"),
        email=usable_email(get("email"), origin, parsed.notes),
        phone=get("phone"),
        website=get("website"),
        birthday_month=month,
        birthday_day=day,
        birthday_year=year,
        cadence_days=_cadence(get("cadence"), origin, parsed),
        notes=clean_text(get("notes", "\n\n")),
        tags=(get("tags", ",").replace(";", ","),),
        channels=channels,
    )


def _birthday(
    text: str, origin: Origin, parsed: Parsed, today: date
) -> tuple[int | None, int | None, int | None]:
    if not text:
        return None, None, None
    try:
        return parse_month_day(text, today)
    except InputError as error:
        parsed.notes.append(Note(origin, f"{error} The birthday was left out."))
        return None, None, None


def _cadence(text: str, origin: Origin, parsed: Parsed) -> int | None:
    if not text:
        return None
    digits = text.removesuffix("days").strip()
    if digits.isdigit() and 1 <= int(digits) <= 3650:
        return int(digits)
    parsed.notes.append(
        Note(origin, f"{text[:40]!r} isn't a number of days; the rhythm was left out.")
    )
    return None
