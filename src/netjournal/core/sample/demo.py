"""A sample journal of invented people, for `netjournal --demo`, screenshots and tests.

Built through the public Journal API only, and identical for the same seed and `today`.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from netjournal.core.errors import JournalFileError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    DateDraft,
    ExchangeDraft,
    ReflectionDraft,
)
from netjournal.core.sample import demo_people as invented

WINDOW_DAYS = 365
HALF_LIFE_DAYS = 180


@dataclass(frozen=True)
class _Person:
    name: str
    company: str
    role: str
    city: str
    tags: tuple[str, ...]
    story: str
    cadence: int | None


@dataclass
class _Event:
    """One exchange being planned; `people` are indexes into the people list."""

    day: date
    direction: str
    weight: int
    people: tuple[int, ...]

    @property
    def is_introduction(self) -> bool:
        return len(self.people) > 1


def _people() -> list[_Person]:
    people = []
    for line in invented.PEOPLE.strip().splitlines():
        name, company, role, city, tags, story, cadence = (p.strip() for p in line.split("|"))
        people.append(
            _Person(
                name, company, role, city, tuple(tags.split()), story, int(cadence or 0) or None
            )
        )
    return people


def _cadence(person: _Person) -> int | None:
    if person.cadence:
        return person.cadence
    defaults = [invented.TAG_CADENCE[t] for t in person.tags if t in invented.TAG_CADENCE]
    return min(defaults) if defaults else None


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(ascii_name.lower().replace("-", " ").split())


def _days_between(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    span = max(0, (last - first).days)
    return sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(count))


def _alternating(rng: random.Random, days: list[date], index: int) -> list[_Event]:
    """A two-way relationship: directions take turns, with the odd mutual one."""
    turn = rng.randint(0, 1)
    events = []
    for day in days:
        direction = ("gave", "received")[turn % 2]
        turn += 1
        if rng.random() < 0.2:
            direction = "mutual"
        events.append(_Event(day, direction, rng.choice((1, 1, 1, 2)), (index,)))
    return events


def _one_way(
    rng: random.Random, person: _Person, index: int, connected: date, today: date
) -> list[_Event]:
    """Older two-way history, then a year that runs one way (past the 0.6 balance line)."""
    main, other = ("gave", "received") if person.story == "gives" else ("received", "gave")
    window_start = today - timedelta(days=300)
    older = _days_between(
        rng, connected, today - timedelta(days=WINDOW_DAYS + 15), rng.randint(2, 3)
    )
    last = today - timedelta(days=rng.randint(2, 12))
    recent = [*_days_between(rng, window_start, last, 5), last]
    events = _alternating(rng, older, index)
    # The one exchange the other way comes first, so every later one outweighs it after decay.
    events.append(_Event(recent[0], other, 1, (index,)))
    events += [_Event(day, main, rng.choice((1, 1, 2)), (index,)) for day in recent[1:]]
    return events


def _last_gap(rng: random.Random, person: _Person) -> int:
    """Days since the last exchange, chosen so the story shows on the Reconnect list."""
    cadence = _cadence(person)
    if person.story in ("due", "snoozed"):
        assert cadence, person.name
        return int(cadence * rng.uniform(1.05, 1.4))
    if person.story in ("overdue", "touched"):
        assert cadence, person.name
        return int(cadence * rng.uniform(1.7, 3.0))
    if person.story == "quiet":
        return rng.randint(150, 400)
    if person.story == "archived":
        return rng.randint(300, 500)
    return rng.randint(1, max(2, int((cadence or 60) * 0.6)))


def _plan_person(
    rng: random.Random, person: _Person, index: int, today: date
) -> tuple[date, list[_Event]]:
    """When the connection began, and the exchanges since."""
    if person.story == "new":
        connected = today - timedelta(days=rng.randint(3, 20))
        days = _days_between(rng, connected, today, rng.randint(0, 1))
        return connected, [_Event(d, rng.choice(("gave", "mutual")), 1, (index,)) for d in days]
    connected = today - timedelta(days=rng.randint(420, 720))
    if person.story in ("gives", "receives"):
        return connected, _one_way(rng, person, index, connected, today)
    count = {"steady": rng.randint(8, 13), "quiet": rng.randint(2, 4), "archived": 4}.get(
        person.story, rng.randint(5, 8)
    )
    last = today - timedelta(days=_last_gap(rng, person))
    days = _days_between(rng, connected + timedelta(days=1), last - timedelta(days=1), count - 1)
    return connected, _alternating(rng, [*days, last], index)


def _balance(events: list[_Event], today: date) -> float:
    """The reciprocity balance as insights computes it, to keep each story true to its label."""
    given = received = 0.0
    for event in events:
        age = (today - event.day).days
        if age >= WINDOW_DAYS:
            continue
        value = event.weight * 0.5 ** (age / HALF_LIFE_DAYS)
        given += value if event.direction != "received" else 0.0
        received += value if event.direction != "gave" else 0.0
    total = given + received
    return (given - received) / total if total else 0.0


def _even_out(events: list[_Event], today: date) -> None:
    """Turn the newest lopsided exchanges into mutual ones until the balance is mild."""
    in_window = [e for e in events if (today - e.day).days < WINDOW_DAYS]
    if len(in_window) < 3:
        return  # too few to be called one-sided; leave their directions as they came
    personal = [e for e in in_window if not e.is_introduction]
    for event in sorted(personal, key=lambda e: e.day, reverse=True):
        b = _balance(events, today)
        if abs(b) <= 0.4:
            return
        if event.direction == ("gave" if b > 0 else "received"):
            event.direction = "mutual"


def _introductions(
    rng: random.Random,
    people: list[_Person],
    plans: list[tuple[date, list[_Event]]],
    count: int,
) -> list[_Event]:
    """Introductions between two-way contacts, dated before either one's last exchange."""
    open_to = [i for i, p in enumerate(people) if p.story in ("steady", "quiet")]
    events: list[_Event] = []
    while len(events) < count:
        a, b = sorted(rng.sample(open_to, 2))
        start = max(plans[a][0], plans[b][0]) + timedelta(days=1)
        end = min(max(e.day for e in plans[a][1]), max(e.day for e in plans[b][1]))
        if start > end:
            continue
        event = _Event(_days_between(rng, start, end, 1)[0], "gave", 1, (a, b))
        plans[a][1].append(event)
        plans[b][1].append(event)
        events.append(event)
    return events


def _topic(rng: random.Random, people: list[_Person], event: _Event) -> tuple[str, str | None]:
    """A topic word for the summary and, when it comes from a shared tag, that tag."""
    tags = [t for i in event.people for t in people[i].tags if t in invented.TOPICS]
    if tags:
        tag = rng.choice(sorted(tags))
        return invented.TOPICS[tag], tag
    return rng.choice(invented.GENERIC_TOPICS), None


def _exchange_draft(
    rng: random.Random, people: list[_Person], ids: list[int], event: _Event
) -> ExchangeDraft:
    topic, tag = _topic(rng, people, event)
    if event.is_introduction:
        first, second = (people[i].name.split()[0] for i in event.people)
        kind, summary = "introduction", f"Introduced {first} and {second}, both deep in {topic}"
    else:
        kind, template = rng.choice(
            {"gave": invented.GAVE, "received": invented.RECEIVED, "mutual": invented.MUTUAL}[
                event.direction
            ]
        )
        summary = template.format(topic=topic)
    url = (
        f"https://notes.example/{_slug(topic)}/{rng.randint(10, 999)}" if kind == "article" else ""
    )
    return ExchangeDraft(
        direction=event.direction,
        summary=summary,
        contact_ids=tuple(ids[i] for i in event.people),
        kind=kind,
        occurred_on=event.day,
        occurred_time=f"{rng.randint(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        if kind == "meeting" and rng.random() < 0.5
        else "",
        notes=rng.choice(invented.EXCHANGE_NOTES).format(topic=topic)
        if rng.random() < 0.15
        else "",
        url=url,
        weight=event.weight,
        tags=(tag,) if tag else (),
    )


def _channels(rng: random.Random, person: _Person, connected: date) -> tuple[ChannelDraft, ...]:
    slug = _slug(person.name)
    handles = {
        "x": "@" + slug.replace("-", "")[:15],
        "mastodon": f"@{slug.split('-')[0]}@social.example",
        "bluesky": f"@{slug}.bsky.example",
        "github": slug.replace("-", ""),
        "blog": f"https://{slug}.example/blog",
    }
    channels = [ChannelDraft("linkedin", slug, True, True, connected)]
    for platform in rng.sample(sorted(handles), rng.randint(0, 2)):
        i_follow, they_follow = rng.choice(
            ((True, True), (True, True), (True, False), (False, True))
        )
        channels.append(ChannelDraft(platform, handles[platform], i_follow, they_follow))
    return tuple(channels)


def _contact_draft(rng: random.Random, person: _Person, connected: date) -> ContactDraft:
    first = _slug(person.name).split("-")[0]
    how_met = rng.choice(invented.HOW_MET)
    topic = next((invented.TOPICS[t] for t in person.tags if t in invented.TOPICS), "their work")
    birthday = (rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.3 else (None, None)
    notes = (
        rng.choice(invented.NOTES).format(platform="LinkedIn", topic=topic, how_met=how_met)
        if rng.random() < 0.35
        else ""
    )
    return ContactDraft(
        name=person.name,
        company=person.company,
        role=person.role,
        location=person.city,
        how_met=how_met,
        email=f"{first}@{_slug(person.company or person.name)}.example"
        if rng.random() < 0.6
        else "",
        website=f"https://{_slug(person.name)}.example" if rng.random() < 0.2 else "",
        birthday_month=birthday[0],
        birthday_day=birthday[1],
        birthday_year=rng.randint(1965, 1998) if birthday[0] and rng.random() < 0.5 else None,
        cadence_days=person.cadence,
        notes=notes,
        tags=person.tags,
        channels=_channels(rng, person, connected),
        added_on=connected,
    )


def _with_remembered_dates(draft: ContactDraft, today: date) -> ContactDraft:
    """Give the people in `invented.REMEMBERED` their date, without drawing on the random stream."""
    if draft.name not in invented.REMEMBERED:
        return draft
    offset, label, years = invented.REMEMBERED[draft.name]
    on = today + timedelta(days=offset)
    day = 28 if (on.month, on.day) == (2, 29) else on.day  # 29 Feb needs a leap year
    year = on.year - years if years is not None else None
    if label == "Birthday":
        return replace(draft, birthday_month=on.month, birthday_day=day, birthday_year=year)
    return replace(draft, dates=(DateDraft(label, on.month, day, year),))


def _write_reflections(
    journal: Journal,
    rng: random.Random,
    people: list[_Person],
    ids: list[int],
    connected: list[date],
    today: date,
) -> None:
    by_story: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        by_story.setdefault(person.story, []).append(index)
    # Who each reflection is about, by the story that fits its text.
    about = (
        ("receives",), ("gives",), ("overdue",), ("steady", "steady"), (), ("steady",),
        ("receives",), ("steady",), (), ("gives",), ("new", "steady"), (),
    )  # fmt: skip
    for (title, prompt, body), stories in zip(invented.REFLECTIONS, about, strict=True):
        chosen: list[int] = []
        for story in stories:
            pool = [i for i in by_story[story] if i not in chosen]
            chosen.append(rng.choice(pool))
        names = [people[i].name.split()[0] for i in chosen] + ["", ""]
        # Never about someone before you knew them.
        earliest = max([today - timedelta(days=700), *(connected[i] for i in chosen)])
        journal.add_reflection(
            ReflectionDraft(
                body=body.format(a=names[0], b=names[1]),
                title=title,
                written_on=_days_between(rng, earliest, today, 1)[0],
                prompt=invented.PROMPTS[prompt] if isinstance(prompt, int) else "",
                contact_ids=tuple(ids[i] for i in chosen),
                tags=("reflection", *(("gratitude",) if prompt == 2 else ())),
            )
        )


def build_demo(path: Path, *, seed: int = 7, today: date) -> None:
    """Fill a new journal at `path` with ~40 invented people and two years of history."""
    if path.exists():
        raise JournalFileError(f"{path} already exists; the demo is only built into a new file.")
    rng = random.Random(seed)
    people = _people()
    plans = [_plan_person(rng, person, index, today) for index, person in enumerate(people)]
    introductions = _introductions(rng, people, plans, count=6)
    for person, (_, events) in zip(people, plans, strict=True):
        if person.story not in ("gives", "receives"):
            _even_out(events, today)
    personal = [e for _, events in plans for e in events if not e.is_introduction]
    # Oldest first, so exchange ids grow with their dates as they would in real use.
    timeline = sorted(personal + introductions, key=lambda e: (e.day, e.people))

    with open_journal(path, today=lambda: today) as journal:
        journal.update_settings(tag_cadence=dict(invented.TAG_CADENCE))
        ids = [
            journal.add_contact(
                _with_remembered_dates(_contact_draft(rng, person, connected), today)
            )
            for person, (connected, _) in zip(people, plans, strict=True)
        ]
        for event in timeline:
            journal.log_exchange(_exchange_draft(rng, people, ids, event))
        _write_reflections(journal, rng, people, ids, [c for c, _ in plans], today)
        for index, person in enumerate(people):
            if person.story == "snoozed":
                journal.snooze(ids[index], 14)
            elif person.story == "touched":
                journal.touch(ids[index], today - timedelta(days=4))
            elif person.story == "archived":
                journal.set_archived(ids[index])
