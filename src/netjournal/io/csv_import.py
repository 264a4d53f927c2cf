"""Contacts from any CSV: an export netjournal knows (Google, Outlook, Outlook.com, Thunderbird),
or columns guessed from their headers, or named with a mapping such as
`--map "Full name=name,Mail=email"`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from netjournal.core.errors import InputError
from netjournal.io.csv_contact import PLATFORM_FIELDS, Column, Layout, RowReader
from netjournal.io.csv_families import family_layout
from netjournal.io.csv_rows import Table, header_key, read_table
from netjournal.io.incoming import ImportRequest, Note, Origin, Parsed, Skipped
from netjournal.io.limits import Text
from netjournal.io.source import read_text

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
    "email": "email address, mail, primary email, emails, email 2, secondary email, work email, "
    "home email, personal email, other email",
    "phone": "mobile, telephone, tel, phone number, cell, mobile phone, cell phone, "
    "mobile number, work phone, home phone, business phone, phone 2, other phone",
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
# Japanese address books (a Shift-JIS file is read as such).
_SAME_AS_JAPANESE = {
    "name": "名前, 氏名, 表示名",
    "first_name": "名",
    "last_name": "姓",
    "company": "会社, 会社名, 勤務先",
    "role": "役職",
    "email": "メール, メールアドレス, 電子メール, 電子メール アドレス",
    "phone": "電話, 電話番号, 携帯電話, 携帯電話番号",
    "birthday": "誕生日",
    "notes": "メモ, 備考",
}
# Guessed, never typed in --map: they have no field of their own.
_INNER = {"middle name": "middle_name", "anniversary": "date"}


def _synonyms() -> dict[str, str]:
    table = {header_key(f): f for f in FIELDS}
    for same_as in (_SAME_AS, _SAME_AS_JAPANESE):
        for target, words in same_as.items():
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


def read_csv(request: ImportRequest) -> Parsed:
    """Read a CSV file of contacts, its columns named by `request.mapping` or guessed."""
    return parse_csv(read_text(request.path), request.today, request.mapping)


def parse_csv(text: Text, today: date, mapping: Mapping[str, str] | None = None) -> Parsed:
    parsed = Parsed("csv")
    if text.encoding_note:
        parsed.notes.append(Note(Origin(text.name), text.encoding_note))
    table = read_table(text)
    layout = _layout(table, mapping or {})
    parsed.family = layout.family
    unused = _unused(table, layout)
    if unused:
        parsed.unused_columns.append((table.source, unused))
    reader = RowReader(layout, parsed, today)
    reader.learn_dates(table.rows)
    parsed.skipped += table.skipped
    for row in table.rows:
        origin = Origin(table.source, row.line)
        try:
            parsed.contacts.append(reader.contact(row, origin))
        except InputError as error:
            parsed.skipped.append(Skipped(origin, str(error)))
    return parsed


def _layout(table: Table, mapping: Mapping[str, str]) -> Layout:
    """A known export's layout with the mapping before it, or the mapping and guesses."""
    missing = [key for key in mapping if key not in table.keys]
    if missing:
        raise InputError(
            f"--map names {', '.join(repr(m) for m in missing)}, which {_text_is(len(missing))} "
            f"not a column of {table.source}. Its columns are: {', '.join(table.header)}."
        )
    layout = family_layout(table.keys)
    if layout is not None:
        for index, key in enumerate(table.keys):
            if key in mapping:
                _mapped_first(layout, mapping[key], index)
        return layout
    layout = Layout()
    mapped_fields = set(mapping.values())
    for index, key in enumerate(table.keys):
        field = mapping.get(key)
        if field is None:
            guess = _BY_HEADER.get(key) or _INNER.get(key)
            field = guess if guess not in mapped_fields else None
        if field is None:
            continue
        layout.known.add(index)
        if field != "ignore":
            layout.add(field, Column(index, _label(field, key)))
    if not layout.has("name", "first_name", "last_name"):
        if len(table.header) == 1:  # no comma, semicolon or tab in the first line
            raise InputError(
                f"{table.source} doesn't look like a file of contacts: it has a single column, "
                f"headed {table.header[0]!r}. A contacts file starts with a header row such as "
                "Name,Email,Phone; if this column does hold names, say so with "
                f'--map "{table.header[0]}=name".'
            )
        raise InputError(
            f"netjournal can't tell which column of {table.source} holds names. Its columns are: "
            f'{", ".join(table.header)}. Name it with --map, e.g. --map "{table.header[0]}=name".'
        )
    return layout


def _mapped_first(layout: Layout, field: str, index: int) -> None:
    """--map on a known export: the column leaves the field it had and leads the one named."""
    for columns in layout.fields.values():
        columns[:] = [c for c in columns if c.index != index]
    layout.known.add(index)
    if field != "ignore":
        layout.fields.setdefault(field, []).insert(0, Column(index))


def _label(field: str, key: str) -> str:
    """What a guessed column calls its values: "work" for a Work Phone column."""
    if field == "date":
        return "Anniversary"
    if field != "phone":
        return ""
    labels = {"mobile": "mobile", "cell": "mobile", "work": "work", "business": "work"}
    labels |= {"home": "home", "other": "other"}
    return next((labels[w] for w in key.split() if w in labels), "")


def _unused(table: Table, layout: Layout) -> list[str]:
    """Headers of the columns no field takes that hold something in some row."""
    candidates = [i for i, key in enumerate(table.keys) if key and i not in layout.known]
    filled = {i for row in table.rows for i in candidates if row.cells[i].strip()}
    return [table.header[i].strip() for i in candidates if i in filled]


def _text_is(count: int) -> str:
    return "is" if count == 1 else "are"
