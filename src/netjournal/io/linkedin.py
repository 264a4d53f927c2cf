"""LinkedIn's data export: Connections.csv, and the archive (a folder or the .zip as downloaded)
whose recommendations and endorsements seed the give/receive ledger.

Columns are found by their header names, so reordered or spreadsheet-saved files still import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from netjournal.core.dates import parse_date
from netjournal.core.errors import InputError
from netjournal.core.records import ChannelDraft, ContactDraft, ExchangeDraft
from netjournal.core.text import clean_line, normalise_name
from netjournal.io.csv_rows import Row, Table, find_header, read_table
from netjournal.io.incoming import (
    ImportRequest,
    IncomingContact,
    IncomingExchange,
    Note,
    Origin,
    Parsed,
    PersonRef,
    Skipped,
    usable_email,
)
from netjournal.io.limits import Text
from netjournal.io.source import Member, bundle, decode, read_text

CONNECTIONS = "connections"
RECOMMENDATIONS_GIVEN = "recommendations_given"
RECOMMENDATIONS_RECEIVED = "recommendations_received"
ENDORSEMENTS_GIVEN = "endorsement_given_info"
ENDORSEMENTS_RECEIVED = "endorsement_received_info"
ARCHIVE_FILES = (
    CONNECTIONS,
    RECOMMENDATIONS_GIVEN,
    RECOMMENDATIONS_RECEIVED,
    ENDORSEMENTS_GIVEN,
    ENDORSEMENTS_RECEIVED,
)
_LISTED = "Connections.csv, Recommendations_Given/Received.csv, Endorsement_Given/Received_Info.csv"
# Rows LinkedIn keeps but that never happened, or were taken back.
_WITHDRAWN = frozenset({"rejected", "revoked", "deleted", "withdrawn", "declined", "removed"})
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -](\d{4})")
_NUMERIC = (
    re.compile(r"(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})\b"),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}),"),
)


# ------------------------------------------------------------------------ recognising


def file_kind(name: str) -> str | None:
    """Which LinkedIn export file a name is ("Connections.csv" → "connections"), if any."""
    stem = Path(name).name.casefold()
    if not stem.endswith(".csv"):
        return None
    key = re.sub(r"[\s-]+", "_", stem[: -len(".csv")])
    return key if key in ARCHIVE_FILES else None


def _is_connections_header(keys: list[str]) -> bool:
    return "first name" in keys and "last name" in keys and "connected on" in keys


def _is_any_header(keys: list[str]) -> bool:
    if _is_connections_header(keys):
        return True
    if "endorsement date" in keys and "skill name" in keys:
        return True
    return {"first name", "last name", "text", "creation date"} <= set(keys)


def looks_like_linkedin(text: str) -> bool:
    """Whether `text` starts like one of LinkedIn's export files."""
    return find_header(text, _is_any_header) is not None


# ---------------------------------------------------------------------------- reading


def read_linkedin(request: ImportRequest) -> Parsed:
    """Read Connections.csv (or another file of the archive), or a whole archive."""
    path, today = request.path, request.today
    parsed = Parsed("linkedin")
    if path.is_file() and not _is_zip(path):
        text = read_text(path)
        _note_encoding(parsed, text)
        parsed.extend(_parse_one(text, _kind_from_content(text), today))
        return parsed
    found = bundle(path)
    known = sorted(
        ((kind, m) for m in found.files if (kind := file_kind(m.name))),
        key=lambda pair: ARCHIVE_FILES.index(pair[0]),
    )
    if not known:
        raise InputError(
            f"{path} holds none of the LinkedIn export files netjournal reads ({_LISTED})."
        )
    # The archive's other files (messages, ads, logins…) are named in one line of the report.
    parsed.ignored_files += [m.name for m in found.files if file_kind(m.name) is None]
    parsed.ignored_files += [f"{folder}/" for folder in found.folders]
    for kind, member in known:
        parsed.extend(_parse_member(member, kind, today))
    return parsed


def _parse_member(member: Member, kind: str, today: date) -> Parsed:
    try:
        text = decode(member.name, member.load())
        parsed = _parse_one(text, kind, today)
    except InputError as error:
        parsed = Parsed("linkedin")
        parsed.skipped.append(Skipped(Origin(member.name), str(error)))
        return parsed
    _note_encoding(parsed, text)
    return parsed


def _parse_one(text: Text, kind: str, today: date) -> Parsed:
    readers: dict[str, Callable[[Table, date], Parsed]] = {
        CONNECTIONS: _connections,
        RECOMMENDATIONS_GIVEN: lambda t, d: _recommendations(t, "gave", d),
        RECOMMENDATIONS_RECEIVED: lambda t, d: _recommendations(t, "received", d),
        ENDORSEMENTS_GIVEN: lambda t, d: _endorsements(t, "gave", d),
        ENDORSEMENTS_RECEIVED: lambda t, d: _endorsements(t, "received", d),
    }
    is_header = _is_connections_header if kind == CONNECTIONS else _is_any_header
    table = read_table(text, is_header, "LinkedIn header row (First Name, Last Name, …)")
    parsed = readers[kind](table, today)
    parsed.skipped[:0] = table.skipped
    return parsed


def _kind_from_content(text: Text) -> str:
    by_name = file_kind(text.name)
    if by_name is not None:
        return by_name
    found = find_header(text.text, _is_any_header)
    if found is None:
        raise InputError(f"{text.name} doesn't start like a LinkedIn export ({_LISTED}).")
    table = read_table(text, _is_any_header)
    if _is_connections_header(table.keys):
        return CONNECTIONS
    if "endorsement date" in table.keys:
        return (
            ENDORSEMENTS_GIVEN
            if _column_ending(table, "endorsee first name")
            else (ENDORSEMENTS_RECEIVED)
        )
    raise InputError(
        f"{text.name} holds LinkedIn recommendations, but its name doesn't say whether you gave "
        "or received them; keep LinkedIn's file name (Recommendations_Given.csv or "
        "Recommendations_Received.csv)."
    )


# ------------------------------------------------------------------------------- rows


def _cell(row: Row, index: int | None) -> str:
    # Validation cleans every field on the way in; names are cleaned here to test emptiness.
    return row.cells[index].strip() if index is not None else ""


def _column_ending(table: Table, suffix: str) -> int | None:
    for index, key in enumerate(table.keys):
        if key.endswith(suffix):
            return index
    return None


def _connections(table: Table, today: date) -> Parsed:
    parsed = Parsed("linkedin")
    first, last = table.column("first name"), table.column("last name")
    url = table.column("url", "profile url", "public url")
    email = table.column("email address", "email")
    company, role = table.column("company"), table.column("position", "job title", "title")
    connected = table.column("connected on")
    for row in table.rows:
        origin = Origin(table.source, row.line)
        name = clean_line(f"{_cell(row, first)} {_cell(row, last)}")
        if not name:
            parsed.skipped.append(
                Skipped(origin, "no name (LinkedIn leaves it empty for members who hide it).")
            )
            continue
        day = _day(_cell(row, connected), today, origin, parsed.notes)
        link = clean_line(_cell(row, url))
        channels = (ChannelDraft("linkedin", link, connected_on=day),) if link else ()
        draft = ContactDraft(
            name=name,
            company=_cell(row, company),
            role=_cell(row, role),
            email=usable_email(_cell(row, email), origin, parsed.notes),
            channels=channels,
        )
        parsed.contacts.append(IncomingContact(draft, origin))
    return parsed


def _recommendations(table: Table, direction: str, today: date) -> Parsed:
    parsed = Parsed("linkedin")
    first, last = table.column("first name"), table.column("last name")
    company, role = table.column("company"), table.column("job title", "position", "title")
    body, created = table.column("text"), table.column("creation date")
    status = table.column("status")
    for row in table.rows:
        origin = Origin(table.source, row.line)
        name = clean_line(f"{_cell(row, first)} {_cell(row, last)}")
        state = _cell(row, status).casefold()
        if state in _WITHDRAWN:
            parsed.skipped.append(Skipped(origin, f"LinkedIn marks this recommendation {state}."))
            continue
        if not name:
            parsed.skipped.append(Skipped(origin, "the recommendation names nobody."))
            continue
        day = _day(_cell(row, created), today, origin, parsed.notes)
        if day is None:
            parsed.skipped.append(
                Skipped(origin, "the recommendation has no date netjournal can read.")
            )
            continue
        text = row.cells[body] if body is not None else ""
        summary = _with_excerpt("LinkedIn recommendation", text)
        draft = ExchangeDraft(
            direction, summary, (), kind="recommendation", occurred_on=day, notes=text, weight=2
        )
        person = PersonRef(name=name, company=_cell(row, company), role=_cell(row, role))
        parsed.exchanges.append(IncomingExchange(draft, (person,), origin))
    return parsed


def _endorsements(table: Table, direction: str, today: date) -> Parsed:
    """One exchange per person and day: five skills endorsed at once are one gesture."""
    parsed = Parsed("linkedin")
    first, last = _column_ending(table, "first name"), _column_ending(table, "last name")
    url = _column_ending(table, "url")
    skill, when = table.column("skill name"), table.column("endorsement date")
    status = _column_ending(table, "status")
    groups: dict[tuple[str, date], tuple[Origin, PersonRef, list[str]]] = {}
    for row in table.rows:
        origin = Origin(table.source, row.line)
        name = clean_line(f"{_cell(row, first)} {_cell(row, last)}")
        link = clean_line(_cell(row, url))
        state = _cell(row, status).casefold()
        if state in _WITHDRAWN:
            parsed.skipped.append(Skipped(origin, f"LinkedIn marks this endorsement {state}."))
            continue
        if not name and not link:
            parsed.skipped.append(Skipped(origin, "the endorsement names nobody."))
            continue
        day = _day(_cell(row, when), today, origin, parsed.notes)
        if day is None:
            parsed.skipped.append(
                Skipped(origin, "the endorsement has no date netjournal can read.")
            )
            continue
        key = (link.casefold() or normalise_name(name), day)
        if key not in groups:
            groups[key] = (origin, PersonRef(profile_url=link, name=name), [])
        skills = groups[key][2]
        if (found := _cell(row, skill)) and found not in skills:
            skills.append(found)
    for (_, day), (origin, person, skills) in groups.items():
        summary = "LinkedIn endorsement" + (f": {', '.join(skills)}" if skills else "")
        draft = ExchangeDraft(direction, summary, (), kind="recommendation", occurred_on=day)
        parsed.exchanges.append(IncomingExchange(draft, (person,), origin))
    return parsed


def _with_excerpt(title: str, text: str, width: int = 60) -> str:
    words = clean_line(text).split()
    if not words:
        return title
    excerpt = ""
    for word in words:
        if len(excerpt) + len(word) + 1 > width:
            return f"{title}: “{excerpt}…”"
        excerpt = f"{excerpt} {word}".strip()
    return f"{title}: “{excerpt}”"


def _day(text: str, today: date, origin: Origin, notes: list[Note]) -> date | None:
    """A date as LinkedIn writes it: "15 Jan 2024", "01/15/24, 09:05 PM", "2020/05/07 08:33:41
    UTC", or however a spreadsheet re-saved it."""
    if not text:
        return None
    lowered = text.casefold()
    try:
        if (match := _DAY_MONTH_YEAR.match(lowered)) and match[2] in _MONTHS:
            return _checked(date(int(match[3]), _MONTHS[match[2]], int(match[1])), today)
        for pattern in _NUMERIC:
            if match := pattern.match(lowered):
                year = int(match["y"])
                year += 2000 if year < 100 else 0
                return _checked(date(year, int(match["m"]), int(match["d"])), today)
        return parse_date(text, today)
    except (ValueError, InputError):
        notes.append(Note(origin, f"couldn't read the date {text[:40]!r}; it was left out."))
        return None


def _checked(day: date, today: date) -> date:
    if day > today:
        raise ValueError("in the future")
    return day


def _note_encoding(parsed: Parsed, text: Text) -> None:
    if text.encoding_note:
        parsed.notes.append(Note(Origin(text.name), text.encoding_note))


def _is_zip(path: Path) -> bool:
    import zipfile

    return zipfile.is_zipfile(path)
