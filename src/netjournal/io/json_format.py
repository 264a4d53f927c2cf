"""netjournal's own JSON: the complete journal, versioned, and read back so that importing an
export into an empty journal reproduces it exactly.

    {"format": "netjournal", "version": 1, "settings": {...},
     "contacts": [...], "exchanges": [...], "reflections": [...]}

Exchanges and reflections name their contacts by the ids used in the same file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import MISSING, Field, asdict, fields
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from netjournal.core.errors import InputError
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    ContactRecord,
    DateDraft,
    ExchangeDraft,
    ExchangeFields,
    ExchangeRecord,
    ReflectionDraft,
    ReflectionRecord,
)
from netjournal.core.rows import EXCHANGE_COLUMNS
from netjournal.core.settings import Settings
from netjournal.core.text import shown_json
from netjournal.io.incoming import (
    ContactMarks,
    ImportRequest,
    IncomingContact,
    IncomingExchange,
    IncomingReflection,
    Origin,
    Parsed,
    PersonRef,
    Skipped,
)
from netjournal.io.limits import MAX_RECORDS, Text, too_many
from netjournal.io.source import read_text

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

FORMAT_MARK = "netjournal"
VERSION = 1
T = TypeVar("T")


# ------------------------------------------------------------------------------ export


def export_document(journal: Journal) -> dict[str, Any]:
    """The whole journal as one JSON-ready document."""
    from netjournal import __version__

    exchanges = sorted(journal.exchanges(limit=None), key=lambda e: e.id)
    reflections = sorted(journal.reflections(), key=lambda r: r.id)
    return {
        "format": FORMAT_MARK,
        "version": VERSION,
        "exported_at": journal.now().isoformat(timespec="seconds"),
        "app_version": __version__,
        "settings": asdict(journal.settings()),
        "contacts": [_contact_entry(c) for c in journal.all_contacts()],
        "exchanges": [_exchange_entry(e) for e in exchanges],
        "reflections": [_reflection_entry(r) for r in reflections],
    }


def export_json(journal: Journal) -> str:
    """The export as text; characters a terminal could obey are \\u-escaped (core.text)."""
    return shown_json(json.dumps(export_document(journal), indent=2, ensure_ascii=False)) + "\n"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _contact_entry(c: ContactRecord) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "nickname": c.nickname,
        "company": c.company,
        "role": c.role,
        "location": c.location,
        "how_met": c.how_met,
        "email": c.email,
        "phone": c.phone,
        "website": c.website,
        "birthday": {"month": c.birthday_month, "day": c.birthday_day, "year": c.birthday_year},
        "cadence_days": c.cadence_days,
        "notes": c.notes,
        "tags": list(c.tags),
        "archived": c.archived,
        "touched_on": _iso(c.touched_on),
        "snoozed_until": _iso(c.snoozed_until),
        "added_on": c.added_on.isoformat(),
        "channels": [
            {
                "platform": ch.platform,
                "handle": ch.handle,
                "i_follow": ch.i_follow,
                "they_follow": ch.they_follow,
                "connected_on": _iso(ch.connected_on),
            }
            for ch in c.channels
        ],
        "dates": [
            {"label": d.label, "month": d.month, "day": d.day, "year": d.year} for d in c.dates
        ],
    }


def _exchange_entry(e: ExchangeRecord) -> dict[str, Any]:
    return {
        "id": e.id,
        "occurred_on": e.occurred_on.isoformat(),
        **{name: getattr(e, name) for name in EXCHANGE_COLUMNS},
        "tags": list(e.tags),
        "contacts": [c.id for c in e.contacts],
    }


def _reflection_entry(r: ReflectionRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "written_on": r.written_on.isoformat(),
        "title": r.title,
        "body": r.body,
        "prompt": r.prompt,
        "tags": list(r.tags),
        "contacts": [c.id for c in r.contacts],
    }


# ------------------------------------------------------------------------------ import


class _Bad(Exception):
    """A value in the file has the wrong type or shape."""


def looks_like_json(text: str) -> bool:
    """Whether `text`, a file's start, is JSON (a netjournal export is one object)."""
    return text.lstrip("\ufeff \t\r\n").startswith(("{", "["))


def read_json(request: ImportRequest) -> Parsed:
    return parse_json(read_text(request.path))


def parse_json(text: Text) -> Parsed:
    """Read a netjournal JSON export; entries that don't fit are skipped with a reason."""
    document = _load(text)
    parsed = Parsed("json", distinct_rows=True, create_missing=False)
    settings = document.get("settings", {})
    if isinstance(settings, dict):
        known = {f.name for f in fields(Settings)}
        parsed.settings = {
            k: v for k, v in settings.items() if k in known and not isinstance(v, _HugeNumber)
        }
    readers: tuple[tuple[str, str, Callable[[dict[str, Any], Origin, Parsed], None]], ...] = (
        ("contacts", "contact", _read_contact),
        ("exchanges", "exchange", _read_exchange),
        ("reflections", "reflection", _read_reflection),
    )
    for key, noun, read in readers:
        entries = document.get(key, [])
        if not isinstance(entries, list):
            parsed.skipped.append(Skipped(Origin(text.name), f"its {key!r} is not a list."))
            continue
        for number, entry in enumerate(entries, start=1):
            label = f"{noun} #{number}"
            if isinstance(entry, dict) and isinstance(entry.get("id"), int | str):
                if isinstance(entry["id"], _HugeNumber):
                    label += " (an id far too long)"
                else:
                    label += f" (id {str(entry['id'])[:40]})"
            origin = Origin(text.name, item=label)
            try:
                if not isinstance(entry, dict):
                    raise _Bad("it is not an object")
                if isinstance(entry.get("id"), _HugeNumber):
                    raise _Bad("its 'id' is a number far too long to be an id")
                read(entry, origin, parsed)
            except (_Bad, InputError) as error:
                parsed.skipped.append(Skipped(origin, f"{str(error).rstrip('.')}."))
    return parsed


class _HugeNumber(int):
    """A number too long to be anything in a netjournal export: never an int to convert."""


def _whole_number(digits: str) -> int:
    # Python refuses to convert more than 4,300 digits (a ValueError from deep inside json);
    # no id, count or year in an export has more than 19.
    return _HugeNumber(0) if len(digits.lstrip("-")) > 19 else int(digits)


# What one entry of an export holds at most, roughly: objects and lists (a contact's birthday,
# channels and dates), and values. Past these a file is refused before it is loaded, since
# a list of a million empty objects takes gigabytes once loaded.
_CONTAINERS_PER_ENTRY = 8
_VALUES_PER_ENTRY = 40
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{[,]')


def _check_size(text: Text) -> None:
    containers_limit = MAX_RECORDS * _CONTAINERS_PER_ENTRY
    values_limit = MAX_RECORDS * _VALUES_PER_ENTRY
    raw = text.text
    if raw.count("{") + raw.count("[") <= containers_limit and raw.count(",") <= values_limit:
        return
    # Braces and commas inside text don't count: look again, skipping strings.
    containers = values = 0
    for token in _TOKENS.finditer(raw):
        mark = token.group()
        if mark == ",":
            values += 1
        elif mark in "{[":
            containers += 1
        if containers > containers_limit or values > values_limit:
            raise too_many(text.name, "entries")


def _load(text: Text) -> dict[str, Any]:
    _check_size(text)
    try:
        document = json.loads(text.text, parse_int=_whole_number)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{text.name} isn't valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); it may be cut short. Nothing was imported."
        ) from None
    except RecursionError:
        raise InputError(f"{text.name} nests too deeply to be a netjournal export.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_MARK:
        raise InputError(
            f'{text.name} is JSON, but not a netjournal export (it has no "format": '
            '"netjournal"). For other data, save it as CSV or vCard and import that.'
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"{text.name} has no format version netjournal knows.")
    if version > VERSION:
        raise InputError(
            f"{text.name} was written by a newer netjournal (format version {version}); "
            "upgrade netjournal to import it."
        )
    entries = sum(
        len(value)
        for value in (document.get(key) for key in ("contacts", "exchanges", "reflections"))
        if isinstance(value, list)
    )
    if entries > MAX_RECORDS:
        raise too_many(text.name, "entries")
    return document


def _get(entry: dict[str, Any], key: str, kind: type[T], default: T) -> T:
    value = entry.get(key, default)
    if value is None:
        return default
    if isinstance(value, _HugeNumber):
        raise _Bad(f"{key!r} is a number far too long to be right")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(f"{key!r} should be {_KIND_NAMES.get(kind, kind.__name__)}")
    return value


def _blank(declared: Field[Any]) -> Any:
    """What a declared column is when an entry leaves it out: its default, else ""."""
    return "" if declared.default is MISSING else declared.default


_KIND_NAMES: dict[type, str] = {str: "text", int: "a whole number", bool: "true or false"}


def _maybe_int(entry: dict[str, Any], key: str) -> int | None:
    if entry.get(key) is None:
        return None
    return _get(entry, key, int, 0)


def _day(entry: dict[str, Any], key: str) -> date | None:
    value = _get(entry, key, str, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{key!r} should be a date like 2026-11-25, not {value[:40]!r}") from None


def _strings(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    values = _get(entry, key, list, [])
    if not all(isinstance(v, str) for v in values):
        raise _Bad(f"{key!r} should be a list of text")
    return tuple(values)


def _refs(entry: dict[str, Any]) -> tuple[PersonRef, ...]:
    values = _get(entry, "contacts", list, [])
    if not all(isinstance(v, int | str) and not isinstance(v, bool | _HugeNumber) for v in values):
        raise _Bad("'contacts' should be a list of contact ids")
    return tuple(PersonRef(key=str(v)) for v in values)


_CONTACT_TEXT = (
    "name", "nickname", "company", "role", "location", "how_met", "email", "phone", "website",
    "notes",
)  # fmt: skip


def _read_contact(entry: dict[str, Any], origin: Origin, parsed: Parsed) -> None:
    birthday = _get(entry, "birthday", dict, {})
    channels = []
    for channel in _get(entry, "channels", list, []):
        if not isinstance(channel, dict):
            raise _Bad("each of 'channels' should be an object")
        channels.append(
            ChannelDraft(
                platform=_get(channel, "platform", str, ""),
                handle=_get(channel, "handle", str, ""),
                i_follow=_get(channel, "i_follow", bool, False),
                they_follow=_get(channel, "they_follow", bool, False),
                connected_on=_day(channel, "connected_on"),
            )
        )
    dates = []
    for when in _get(entry, "dates", list, []):
        if not isinstance(when, dict):
            raise _Bad("each of 'dates' should be an object")
        month, day = _maybe_int(when, "month"), _maybe_int(when, "day")
        if month is None or day is None:
            raise _Bad("each of 'dates' needs a month and a day")
        dates.append(DateDraft(_get(when, "label", str, ""), month, day, _maybe_int(when, "year")))
    text = {key: _get(entry, key, str, "") for key in _CONTACT_TEXT}
    draft = ContactDraft(
        **text,
        birthday_month=_maybe_int(birthday, "month"),
        birthday_day=_maybe_int(birthday, "day"),
        birthday_year=_maybe_int(birthday, "year"),
        cadence_days=_maybe_int(entry, "cadence_days"),
        tags=_strings(entry, "tags"),
        channels=tuple(channels),
        dates=tuple(dates),
        added_on=_day(entry, "added_on"),
    )
    marks = ContactMarks(
        archived=_get(entry, "archived", bool, False),
        touched_on=_day(entry, "touched_on"),
        snoozed_until=_day(entry, "snoozed_until"),
    )
    key = entry.get("id")
    parsed.contacts.append(
        IncomingContact(draft, origin, key=None if key is None else str(key), marks=marks)
    )


def _read_exchange(entry: dict[str, Any], origin: Origin, parsed: Parsed) -> None:
    declared = {
        f.name: _get(entry, f.name, type(_blank(f)), _blank(f)) for f in fields(ExchangeFields)
    }
    # Files from before an exchange's details became its notes: the details come first.
    if details := _get(entry, "details", str, ""):
        declared["notes"] = f"{details}\n\n{declared['notes']}" if declared["notes"] else details
    draft = ExchangeDraft(
        **declared,
        contact_ids=(),
        occurred_on=_day(entry, "occurred_on"),
        tags=_strings(entry, "tags"),
    )
    if draft.occurred_on is None:
        raise _Bad("it has no 'occurred_on' date")
    parsed.exchanges.append(IncomingExchange(draft, _refs(entry), origin))


def _read_reflection(entry: dict[str, Any], origin: Origin, parsed: Parsed) -> None:
    draft = ReflectionDraft(
        body=_get(entry, "body", str, ""),
        title=_get(entry, "title", str, ""),
        written_on=_day(entry, "written_on"),
        prompt=_get(entry, "prompt", str, ""),
        tags=_strings(entry, "tags"),
    )
    if draft.written_on is None:
        raise _Bad("it has no 'written_on' date")
    parsed.reflections.append(IncomingReflection(draft, _refs(entry), origin))
