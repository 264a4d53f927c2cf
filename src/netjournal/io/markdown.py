"""The journal as one readable Markdown document: a section per contact, with its timeline.

User text that may itself hold Markdown (notes, reflections) is quoted, so it can't
break the document's own headings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from netjournal.core.dates import format_long
from netjournal.core.records import (
    ContactRecord,
    ExchangeFields,
    ExchangeRecord,
    ReflectionRecord,
    long_texts,
)
from netjournal.core.vocab import KIND_LABELS, PLATFORM_LABELS

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DIRECTION_WORDS = {"gave": "you gave", "received": "you received", "mutual": "both ways"}


def export_markdown(
    contacts: Sequence[ContactRecord],
    exchanges: Sequence[ExchangeRecord],
    reflections: Sequence[ReflectionRecord],
    today: date,
    progress: Callable[[int], None] | None = None,
) -> str:
    by_contact: dict[int, list[tuple[date, int, list[str]]]] = defaultdict(list)
    for e in exchanges:
        for ref in e.contacts:
            others = [c.name for c in e.contacts if c.id != ref.id]
            by_contact[ref.id].append((e.occurred_on, e.id, _exchange(e, others)))
    unlinked = []
    for r in reflections:
        if not r.contacts:
            unlinked.append(r)
        for ref in r.contacts:
            by_contact[ref.id].append((r.written_on, -r.id, _reflection(r)))
    out = [
        f"# netjournal — exported {format_long(today)}",
        "",
        f"{_count(len(contacts), 'contact')} · {_count(len(exchanges), 'exchange')} · "
        f"{_count(len(reflections), 'reflection')}",
    ]
    for contact in sorted(contacts, key=lambda c: (c.name.casefold(), c.id)):
        out += _contact(contact, by_contact.get(contact.id, []))
        if progress is not None:
            progress(1)
    if unlinked:
        out += ["", "## Reflections not about anyone in particular"]
        for r in unlinked:
            out += ["", *_reflection(r)]
    return "\n".join(out) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _quoted(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.splitlines()]


def _contact(c: ContactRecord, timeline: list[tuple[date, int, list[str]]]) -> list[str]:
    out = ["", f"## {c.name}", ""]
    work = " at ".join(p for p in (c.role, c.company) if p)
    facts = [
        ("Also known as", c.nickname),
        ("Work", work),
        ("Location", c.location),
        ("How you met", c.how_met),
        ("Email", c.email),
        ("Phone", c.phone),
        ("Website", c.website),
        ("Birthday", _birthday(c)),
        ("Tags", ", ".join(c.tags)),
        ("Rhythm", f"every {c.cadence_days} days" if c.cadence_days else ""),
        ("Added", c.added_on.isoformat()),
        ("Last touched", c.touched_on.isoformat() if c.touched_on else ""),
        ("Snoozed until", c.snoozed_until.isoformat() if c.snoozed_until else ""),
        ("Archived", "yes" if c.archived else ""),
    ]
    out += [f"- **{label}:** {value}" for label, value in facts if value]
    out += [f"- **{d.label}:** {_day_of_year(d.month, d.day, d.year)}" for d in c.dates]
    for ch in c.channels:
        follows = ", ".join(
            w for w, on in (("you follow", ch.i_follow), ("follows you", ch.they_follow)) if on
        )
        since = f"connected {ch.connected_on.isoformat()}" if ch.connected_on else ""
        extra = "; ".join(p for p in (since, follows) if p)
        label = PLATFORM_LABELS.get(ch.platform, ch.platform)
        out.append(f"- **{label}:** {ch.handle}" + (f" ({extra})" if extra else ""))
    if c.notes:
        out += ["", "### Notes", "", *_quoted(c.notes)]
    if timeline:
        out += ["", "### Timeline", ""]
        for _day, _key, lines in sorted(timeline, key=lambda t: (t[0], t[1]), reverse=True):
            out += lines
    return out


def _birthday(c: ContactRecord) -> str:
    if not (c.birthday_month and c.birthday_day):
        return ""
    return _day_of_year(c.birthday_month, c.birthday_day, c.birthday_year)


def _day_of_year(month: int, day: int, year: int | None) -> str:
    shown = f"{day} {_MONTHS[month - 1]}"
    return f"{shown} {year}" if year else shown


LONG_TEXTS = long_texts(ExchangeFields)


def _exchange(e: ExchangeRecord, others: list[str]) -> list[str]:
    kind = KIND_LABELS.get(e.kind, e.kind)
    when = f"{e.occurred_on.isoformat()}{' ' + e.occurred_time if e.occurred_time else ''}"
    line = f"- {when} · {_DIRECTION_WORDS.get(e.direction, e.direction)} · {kind} — {e.summary}"
    if others:
        line += f" (with {', '.join(others)})"
    if e.url:
        line += f" <{e.url}>"
    lines = [line]
    if e.tags:
        lines.append(f"  Tags: {', '.join(e.tags)}")
    for name in LONG_TEXTS:
        if value := getattr(e, name):
            lines += ["", *(f"  {q}" for q in _quoted(value)), ""]
    return lines


def _reflection(r: ReflectionRecord) -> list[str]:
    title = f" “{r.title}”" if r.title else ""
    lines = [f"- {r.written_on.isoformat()} · reflection{title}"]
    if r.prompt:
        lines.append(f"  Prompt: {r.prompt}")
    lines += ["", *(f"  {q}" for q in _quoted(r.body)), ""]
    return lines
