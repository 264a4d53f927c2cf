"""Deterministic benchmark journals S, M and L, built through the real store with bulk inserts.

    .venv/bin/python benchmarks/generate.py [demo,S,M,L]

The journal is created by `open_store` (real schema, application id and migrations), then filled
in one `store.writer()` transaction with `session.execute(insert(Model), rows)`. Built journals are
cached in benchmarks/.cache/, keyed by size, generator version and schema, and reused. The `demo`
size is the sample journal `netjournal --demo` shows (benchmarks/demo_journal.py), cached alike.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time as clock
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from itertools import accumulate
from pathlib import Path
from typing import Any

import people

GENERATOR_VERSION = 3
"""Part of the cache key: bumped when the journals or their metadata change."""
SEED = "netjournal-bench-2"
"""Seeds the random draws (with the size): the same people and exchanges from round to round."""
TODAY = date(2026, 11, 25)
"""The day every benchmark journal is built for; runs pin NETJOURNAL_TODAY to it."""
CACHE = Path(__file__).resolve().parent / ".cache"

AARON = "Aaron Aalto"
"""First by name, never exchanged with: the first row of the Contacts table, never on Home."""
TESSA = "Tessa Timeline"
"""A close contact with exactly TESSA_EXCHANGES + TESSA_REFLECTIONS timeline items."""
QUINN = "Quinn Quicklog"
"""Who the quick-log and `netjournal log` measurements write to."""
TESSA_EXCHANGES = 1_900
TESSA_REFLECTIONS = 100
QUINN_EXCHANGES = 12

TIERS = (("close", 0.01), ("regular", 0.13), ("occasional", 0.45), ("dormant", 1.0))
"""Cumulative shares: 1 % close, 12 % regular, 32 % occasional, 55 % never exchanged with."""
CHUNK = 20_000
WEIGHT_CAP = 8.0
"""Caps the heavy tail: at L the busiest contact has a few thousand exchanges, not 60,000."""
MULTI_SHARE = 0.08
"""Share of exchanges that involve two to four people (introductions, group calls)."""


@dataclass(frozen=True)
class Size:
    contacts: int
    exchanges: int
    reflections: int


SIZES = {
    "S": Size(500, 10_000, 300),
    "M": Size(5_000, 200_000, 3_000),
    "L": Size(30_000, 1_000_000, 20_000),
}
DEMO = "demo"
"""The sample journal of `netjournal --demo` (~40 people), measured beside the generated sizes."""
ALL_SIZES = (DEMO, *SIZES)
"""Every size, smallest first: the order of the table."""
DERIVED_TABLES = {"contact_ledger", "ledger_dirty", "alembic_version"}
"""Kept by the store itself (the ledger by triggers and the writer), never filled directly."""


def size_named(text: str) -> str | None:
    """The size `text` names, in any case ("demo", "s", "L"); None when there is no such size."""
    wanted = text.strip().casefold()
    return next((size for size in ALL_SIZES if size.casefold() == wanted), None)


@dataclass(frozen=True)
class BuiltJournal:
    """A cached benchmark journal and what the benchmarks need to know about it."""

    size: str
    path: Path
    meta: dict[str, Any]


# --------------------------------------------------------------------------- the cache


def schema_fingerprint() -> str:
    """Changes whenever a migration or a model column changes, so a stale cache is rebuilt."""
    from sqlmodel import SQLModel

    from netjournal.core import models  # noqa: F401  (registers the tables)
    from netjournal.core.storage.migrate import HEAD_REVISION

    columns = sorted(
        f"{table.name}.{column.name}:{column.type}"
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
    )
    digest = hashlib.sha256("\n".join(columns).encode()).hexdigest()[:8]
    return f"{HEAD_REVISION}-{digest}"


def cached_path(size: str) -> Path:
    if size == DEMO:
        import demo_journal

        return CACHE / f"journal-demo-{demo_journal.fingerprint()}-{schema_fingerprint()}.db"
    return CACHE / f"journal-{size}-g{GENERATOR_VERSION}-{schema_fingerprint()}.db"


def journal_for(size: str, *, log: bool = True) -> BuiltJournal:
    """The cached journal for `size`, built first if it isn't there yet."""
    path = cached_path(size)
    meta_path = path.with_suffix(".json")
    if not (path.exists() and meta_path.exists()):
        started = clock.perf_counter()
        if log:
            print(f"building the {size} journal (cached afterwards in {CACHE}) …", flush=True)
        if size == DEMO:
            import demo_journal

            demo_journal.build(path)
        else:
            build(size, path)
        if log:
            print(f"  built {size} in {clock.perf_counter() - started:.0f} s", flush=True)
    return BuiltJournal(size, path, json.loads(meta_path.read_text()))


# --------------------------------------------------------------------------- the plan


@dataclass
class _Person:
    id: int
    name: str
    added: int
    """Day ordinal the contact was added (or connected)."""
    last: int
    """The latest day an exchange may fall on."""
    gave: float
    received: float
    """Probability thresholds for the direction: gave below `gave`, received below `received`."""
    weight: float
    tags: tuple[str, ...]
    cadence: int | None
    active: bool


def _names(rng: random.Random, count: int) -> list[str]:
    first, last = people.FIRST_NAMES, people.LAST_NAMES
    combos = len(first) * len(last)
    names = [
        f"{first[i % len(first)]} {last[i // len(first)]}"
        for i in rng.sample(range(combos), min(count, combos))
    ]
    while len(names) < count:
        initial = chr(ord("A") + rng.randrange(26))
        names.append(f"{rng.choice(first)} {initial}. {rng.choice(last)}")
    return names


def _plan_people(rng: random.Random, size: Size) -> list[_Person]:
    today = TODAY.toordinal()
    names = [AARON, TESSA, QUINN, *_names(rng, size.contacts - 3)]
    persons = []
    for index, name in enumerate(names):
        roll = rng.random()
        tier = next(name for name, share in TIERS if roll < share)
        added = today - rng.randint(10, 6 * 365)
        lapse = {
            "close": rng.randint(0, 25),
            "regular": int(rng.expovariate(1 / 60)),
            "occasional": int(rng.expovariate(1 / 200)),
            "dormant": 0,
        }[tier]
        lean = rng.random()
        gave, received = (0.45, 0.85) if lean < 0.8 else (0.8, 0.9) if lean < 0.9 else (0.1, 0.9)
        base = {"close": 60.0, "regular": 8.0, "occasional": 1.5, "dormant": 0.0}[tier]
        tags: list[str] = []
        if tier == "close":
            tags.append("close")
        if tier != "dormant" or rng.random() < 0.2:
            for tag in rng.sample(people.OTHER_TAGS, rng.choice((0, 1, 1, 2, 3))):
                tags.append(tag)
            if rng.random() < 0.06:
                tags.append("network")
            if rng.random() < 0.02:
                tags.append(rng.choice(("mentor", "client")))
        cadence = None
        if (tier == "close" and rng.random() < 0.5) or (tier == "regular" and rng.random() < 0.1):
            cadence = rng.choice((14, 21, 30, 60, 90))
        persons.append(
            _Person(
                id=index + 1,
                name=name,
                added=added,
                last=max(added, today - lapse),
                gave=gave,
                received=received,
                weight=base * min(rng.paretovariate(1.5), WEIGHT_CAP),
                tags=tuple(dict.fromkeys(tags)),
                cadence=cadence,
                active=tier != "dormant",
            )
        )
    aaron, tessa, quinn = persons[:3]
    aaron.tags, aaron.cadence, aaron.active, aaron.added = (), None, False, today - 2000
    tessa.tags, tessa.cadence, tessa.active, tessa.added = (
        ("close", "writing"),
        14,
        False,
        today - 1600,
    )
    tessa.gave, tessa.received = 0.45, 0.85
    quinn.tags, quinn.cadence, quinn.active, quinn.added = (), None, False, today - 500
    quinn.gave, quinn.received = 0.45, 0.85
    return persons


@dataclass(frozen=True)
class _Exchange:
    day: int
    seq: int
    contacts: tuple[int, ...]
    direction: str
    weight: int


class _Picker:
    """Weighted draws of active contacts: a few close ones get most of the exchanges."""

    def __init__(self, persons: Sequence[_Person]) -> None:
        self.pool = [p for p in persons if p.active]
        self._cumulative = list(accumulate(p.weight for p in self.pool))

    def pick(self, rng: random.Random) -> _Person:
        return self.pool[bisect_left(self._cumulative, rng.random() * self._cumulative[-1])]


def _direction(rng: random.Random, person: _Person) -> str:
    roll = rng.random()
    return "gave" if roll < person.gave else "received" if roll < person.received else "mutual"


def _weight(rng: random.Random) -> int:
    roll = rng.random()
    return 1 if roll < 0.7 else 2 if roll < 0.92 else 3


def _others(rng: random.Random, picker: _Picker, primary: int) -> tuple[int, ...]:
    if rng.random() >= MULTI_SHARE:
        return ()
    chosen = {picker.pick(rng).id for _ in range(rng.randint(1, 3))}
    chosen.discard(primary)
    return tuple(sorted(chosen))


def _plan_exchanges(rng: random.Random, size: Size, persons: list[_Person]) -> list[_Exchange]:
    today = TODAY.toordinal()
    picker = _Picker(persons)
    tessa, quinn = persons[1], persons[2]
    planned: list[_Exchange] = []

    def add(day: int, person: _Person, others: tuple[int, ...]) -> None:
        contacts = (person.id, *others)
        planned.append(
            _Exchange(day, len(planned), contacts, _direction(rng, person), _weight(rng))
        )

    tessa_days = [today - 2] + [
        today - 2 - int(1460 * rng.random() ** 1.2) for _ in range(TESSA_EXCHANGES - 1)
    ]
    for day in tessa_days:
        # Her timeline must hold exactly TESSA_EXCHANGES items, so others join hers only.
        add(day, tessa, _others(rng, picker, tessa.id))
    for day in [today - 10] + [today - rng.randint(11, 400) for _ in range(QUINN_EXCHANGES - 1)]:
        add(day, quinn, ())
    for _ in range(size.exchanges - len(planned)):
        person = picker.pick(rng)
        span = person.last - person.added
        add(person.last - int(span * rng.random() ** 1.6), person, _others(rng, picker, person.id))
    # Ids grow with dates, as they do when a journal is kept day by day.
    planned.sort(key=lambda e: (e.day, e.seq))
    return planned


# --------------------------------------------------------------------------- rows


def _defaults(model: Any) -> dict[str, Any]:
    """Every column's own default, so a new column with a default needs no change here."""
    return {
        name: field.default
        for name, field in model.model_fields.items()
        if not field.is_required() and field.default_factory is None
    }


def _stamp(day: int, rng: random.Random) -> datetime:
    return datetime.combine(
        date.fromordinal(day), time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=UTC
    )


def _company(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return ""
    return f"{rng.choice(people.COMPANY_WORDS)} {rng.choice(people.COMPANY_KINDS)}"


def _notes(rng: random.Random) -> str:
    where = rng.choice(people.HOW_MET) or "work"
    return f"Met through {where}.\n\n- into **{rng.choice(people.TOPICS)}**"


def _contact_rows(rng: random.Random, persons: Sequence[_Person]) -> Iterator[dict[str, Any]]:
    from netjournal.core.models import Contact
    from netjournal.core.text import normalise_name

    base = _defaults(Contact)
    today = TODAY.toordinal()
    for person in persons:
        named = person.id <= 3
        first = person.name.split()[0].casefold()
        company = "" if named else _company(rng)
        roll = rng.random()
        created = _stamp(person.added, rng)
        birthday = rng.random() < 0.3
        yield {
            **base,
            "id": person.id,
            "name": person.name,
            "name_key": normalise_name(person.name),
            "company": company,
            "role": rng.choice(people.ROLES) if rng.random() < 0.7 else "",
            "location": rng.choice(people.CITIES) if rng.random() < 0.6 else "",
            "how_met": rng.choice(people.HOW_MET),
            "email": f"{first}.{person.id}@example.com" if rng.random() < 0.5 else "",
            "phone": f"+1 555 {person.id:07d}" if rng.random() < 0.2 else "",
            "birthday_month": rng.randint(1, 12) if birthday else None,
            "birthday_day": rng.randint(1, 28) if birthday else None,
            "cadence_days": person.cadence,
            "notes": "" if rng.random() < 0.8 else _notes(rng),
            "archived": not named and 0.02 <= roll < 0.04,
            "touched_on": date.fromordinal(today - rng.randint(0, 200))
            if not named and roll < 0.03
            else None,
            "snoozed_until": date.fromordinal(today + rng.randint(1, 30))
            if not named and 0.04 <= roll < 0.05
            else None,
            "deleted_at": _stamp(today - rng.randint(1, 20), rng)
            if not named and 0.05 <= roll < 0.053
            else None,
            "created_at": created,
            "updated_at": created,
        }


def _contact_date_rows(size_name: str, persons: Sequence[_Person]) -> Iterator[dict[str, Any]]:
    """A work anniversary for about one person in twenty (its own random stream, so adding it
    left every other table as it was)."""
    rng = random.Random(f"netjournal-bench-dates-{size_name}")
    for person in persons:
        if rng.random() < 0.05:
            yield {
                "contact_id": person.id,
                "label": "Work anniversary",
                "month": rng.randint(1, 12),
                "day": rng.randint(1, 28),
                "year": rng.randint(2005, 2025) if rng.random() < 0.5 else None,
            }


def _channel_rows(rng: random.Random, persons: Sequence[_Person]) -> Iterator[dict[str, Any]]:
    from netjournal.core.models import Channel

    base = _defaults(Channel)
    next_id = 1
    for person in persons:
        if person.id <= 3:
            continue
        channels: list[tuple[str, bool, bool, date | None]] = []
        if rng.random() < 0.7:
            # An imported LinkedIn connection: both follow, connected the day they were added.
            channels.append(("linkedin", True, True, date.fromordinal(person.added)))
        if rng.random() < 0.2:
            mine, theirs = rng.random() < 0.7, rng.random() < 0.6
            channels.append((rng.choice(people.PLATFORMS), mine, theirs, None))
        for platform, mine, theirs, connected in channels:
            handle = person.name.casefold().replace(" ", "-").replace(".", "")
            yield {
                **base,
                "id": next_id,
                "contact_id": person.id,
                "platform": platform,
                "handle": f"{handle}-{person.id}",
                "i_follow": mine,
                "they_follow": theirs,
                "connected_on": connected,
            }
            next_id += 1


def _summary(rng: random.Random, direction: str) -> str:
    verbs = {"gave": people.GAVE_VERBS, "received": people.RECEIVED_VERBS}.get(
        direction, people.MUTUAL_VERBS
    )
    return f"{rng.choice(verbs)} {rng.choice(people.TOPICS)}"


def _exchange_rows(
    rng: random.Random, planned: Sequence[_Exchange], tag_ids: Sequence[int]
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
    """One exchange row with its contact links (date, direction and weight copied) and tags."""
    from netjournal.core.models import Exchange, ExchangeContact, ExchangeTag
    from netjournal.core.vocab import KINDS

    base, link_base, tag_base = (
        _defaults(Exchange),
        _defaults(ExchangeContact),
        _defaults(ExchangeTag),
    )
    for exchange_id, planned_exchange in enumerate(planned, start=1):
        day = date.fromordinal(planned_exchange.day)
        stamp = _stamp(planned_exchange.day, rng)
        notes = (
            "" if rng.random() < 0.9 else "Follow-up:\n\n- send the slides\n- check in next month"
        )
        row = {
            **base,
            "id": exchange_id,
            "occurred_on": day,
            "occurred_time": f"{stamp.hour:02d}:{stamp.minute:02d}" if rng.random() < 0.3 else "",
            "direction": planned_exchange.direction,
            "kind": rng.choice(KINDS),
            "summary": _summary(rng, planned_exchange.direction),
            "notes": notes,
            "url": f"https://example.com/{exchange_id}" if rng.random() < 0.2 else "",
            "weight": planned_exchange.weight,
            "created_at": stamp,
            "updated_at": stamp,
        }
        links = [
            {
                **link_base,
                "exchange_id": exchange_id,
                "contact_id": contact_id,
                "occurred_on": day,
                "direction": planned_exchange.direction,
                "weight": planned_exchange.weight,
            }
            for contact_id in planned_exchange.contacts
        ]
        tags = []
        if rng.random() < 0.15:
            for tag_id in sorted(set(rng.sample(tag_ids, rng.randint(1, 2)))):
                tags.append({**tag_base, "exchange_id": exchange_id, "tag_id": tag_id})
        yield row, links, tags


def _reflection_rows(
    rng: random.Random, size: Size, persons: Sequence[_Person], tag_ids: Sequence[int]
) -> Iterator[tuple[dict[str, Any], list[int], list[int]]]:
    """Reflections oldest first, each with who it is about and its tags."""
    from netjournal.core.models import Reflection

    base = _defaults(Reflection)
    today = TODAY.toordinal()
    picker = _Picker(persons)
    tessa = persons[1]
    planned: list[tuple[int, int, tuple[int, ...]]] = []
    for _ in range(TESSA_REFLECTIONS):
        planned.append((today - rng.randint(0, 1460), len(planned), (tessa.id,)))
    for _ in range(size.reflections - TESSA_REFLECTIONS):
        chosen = {picker.pick(rng).id for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3)))}
        planned.append((today - rng.randint(0, 3 * 365), len(planned), tuple(sorted(chosen))))
    planned.sort()
    for reflection_id, (day, _, about) in enumerate(planned, start=1):
        stamp = _stamp(day, rng)
        topic = rng.choice(people.TOPICS)
        body = (
            f"Thinking about {topic} and the people around it.\n\n"
            f"- who helped\n- who I could help next\n\nI should **say so**, not just log it. "
            + "More thoughts. "
            * rng.randint(2, 30)
        )
        row = {
            **base,
            "id": reflection_id,
            "written_on": date.fromordinal(day),
            "title": rng.choice(people.REFLECTION_TITLES),
            "body": body,
            "prompt": rng.choice(people.PROMPTS) if rng.random() < 0.3 else "",
            "created_at": stamp,
            "updated_at": stamp,
        }
        tags = sorted(set(rng.sample(tag_ids, rng.randint(1, 2)))) if rng.random() < 0.3 else []
        yield row, list(about), tags


# --------------------------------------------------------------------------- building


def _chunked(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(size_name: str, path: Path) -> None:
    """Create the journal for `size_name` at `path` (replacing what is there) and its metadata."""
    from sqlalchemy import insert
    from sqlmodel import SQLModel

    from netjournal.core import models as m
    from netjournal.core.find import search_index
    from netjournal.core.settings import Settings
    from netjournal.core.storage.store import open_store

    size = SIZES[size_name]
    rng = random.Random(f"{SEED}-{size_name}")
    persons = _plan_people(rng, size)
    planned = _plan_exchanges(rng, size, persons)
    tag_names = [*people.CADENCE_TAGS, *people.OTHER_TAGS]
    tag_ids = list(range(1, len(tag_names) + 1))
    tag_of = dict(zip(tag_names, tag_ids, strict=True))

    filled = {"tag", "contact", "contact_tag", "channel", "exchange", "exchange_contact"}
    filled |= {"exchange_tag", "reflection", "reflection_contact", "reflection_tag", "setting"}
    filled |= {"contact_date"}
    unknown = sorted(set(SQLModel.metadata.tables) - filled - DERIVED_TABLES)
    if unknown:
        print(f"  warning: the generator leaves these tables empty: {', '.join(unknown)}")

    work = path.parent / f"building-{size_name}-{path.stem}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    target = work / "journal.db"
    store = open_store(target)
    try:
        with store.writer() as session:

            def put(model: Any, rows: Iterable[dict[str, Any]]) -> None:
                for chunk in _chunked(rows):
                    session.execute(insert(model), chunk)

            put(m.Tag, ({**_defaults(m.Tag), "id": tag_of[n], "name": n} for n in tag_names))
            put(m.Contact, _contact_rows(rng, persons))
            put(
                m.ContactTag,
                (
                    {**_defaults(m.ContactTag), "contact_id": p.id, "tag_id": tag_of[t]}
                    for p in persons
                    for t in p.tags
                ),
            )
            put(m.Channel, _channel_rows(rng, persons))
            put(m.ContactDate, _contact_date_rows(size_name, persons))
            exchanges: list[dict[str, Any]] = []
            links: list[dict[str, Any]] = []
            tags: list[dict[str, Any]] = []
            for row, row_links, row_tags in _exchange_rows(rng, planned, tag_ids):
                exchanges.append(row)
                links.extend(row_links)
                tags.extend(row_tags)
                if len(exchanges) >= CHUNK:
                    put(m.Exchange, exchanges)
                    put(m.ExchangeContact, links)
                    put(m.ExchangeTag, tags)
                    exchanges, links, tags = [], [], []
            put(m.Exchange, exchanges)
            put(m.ExchangeContact, links)
            put(m.ExchangeTag, tags)
            reflections, about, reflection_tags = [], [], []
            for row, contact_ids, row_tag_ids in _reflection_rows(rng, size, persons, tag_ids):
                reflections.append(row)
                about += [{"reflection_id": row["id"], "contact_id": c} for c in contact_ids]
                reflection_tags += [{"reflection_id": row["id"], "tag_id": t} for t in row_tag_ids]
            put(m.Reflection, reflections)
            put(m.ReflectionContact, about)
            put(m.ReflectionTag, reflection_tags)
            settings = Settings().with_changes(tag_cadence=dict(people.CADENCE_TAGS))
            put(m.Setting, ({"key": k, "value": v} for k, v in settings.to_rows().items()))
            # Rows went in directly, past the service layer that keeps the index in step.
            search_index.rebuild(session)
    finally:
        store.close()
    checkpoint(target)
    meta = _describe(size_name, size, target)
    target.replace(path)
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)


def checkpoint(path: Path) -> None:
    """Fold the WAL into the file, so one file is the whole journal and copies stay consistent."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _describe(size_name: str, size: Size, path: Path) -> dict[str, Any]:
    """What the benchmarks look for on screen, read back through the real service API."""
    from netjournal.core.journal import open_journal

    with open_journal(path, today=lambda: TODAY) as journal:
        highlights = journal.highlights()
        summaries = journal.contact_summaries()
        ids = {ref.name: ref.id for ref in journal.contact_refs()}
        tessa_items = len(journal.timeline(ids[TESSA]))
    ordered = sorted(summaries, key=lambda s: s.name.casefold())
    return {
        "size": size_name,
        "generator_version": GENERATOR_VERSION,
        "schema": schema_fingerprint(),
        "today": TODAY.isoformat(),
        "contacts": size.contacts,
        "exchanges": size.exchanges,
        "reflections": size.reflections,
        "people_shown": highlights.quality.total,
        "reconnect_count": len(highlights.reconnect),
        "top_reconnect": highlights.reconnect[0].name if highlights.reconnect else None,
        "first_contact": ordered[0].name,
        "tessa": {"id": ids[TESSA], "name": TESSA, "timeline_items": tessa_items},
        "quinn": {"id": ids[QUINN], "name": QUINN},
        "logged": {"id": ids[QUINN], "name": QUINN},
        "bytes": path.stat().st_size,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "sizes", nargs="?", default="S,M,L", help="comma-separated: demo, S, M, L (default S,M,L)"
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    sizes = [size_named(text) for text in args.sizes.split(",")]
    unknown = [text for text, size in zip(args.sizes.split(","), sizes, strict=True) if not size]
    if unknown:
        parser.error(f"the sizes are {', '.join(ALL_SIZES)} (got {', '.join(unknown)})")
    for size in filter(None, sizes):
        if args.force:
            cached_path(size).unlink(missing_ok=True)
        built = journal_for(size)
        print(f"{size}: {built.path} ({built.meta['bytes'] / 1e6:.1f} MB)")
        print(json.dumps(built.meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
