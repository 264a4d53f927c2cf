"""The highlight rules: reconnect, reciprocity, follow-back and quality, over the ledger.

The ledger (`core/highlights/ledger.py`) holds each contact's facts, kept current by every write;
the reads here narrow it in SQL to the few rows a list shows, and pure functions that take `today`
apply each rule of docs/guide.md "How the highlights work", so every rule can be tested at its edges
without a database. Standard library only: the shell's lean path reads highlights through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from netjournal.core.exchange_reads import load_exchanges
from netjournal.core.highlights.ledger import DEEP_MIN_EXCHANGES, DEEP_MIN_MONTHS
from netjournal.core.records import (
    ContactRef,
    ContactSummary,
    DueState,
    FollowGap,
    Highlights,
    Lean,
    LogFilter,
    MonthTotal,
    Quality,
    made_quickly,
)
from netjournal.core.settings import Settings
from netjournal.core.storage.db import Connection

TAG_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class ContactFacts:
    """What the ledger knows about one contact, before any rule is applied."""

    id: int
    name: str
    company: str = ""
    archived: bool = False
    cadence_days: int | None = None
    """The effective rhythm (`Settings.cadence_for`), as the ledger keeps it."""
    tags: tuple[str, ...] = ()
    clock: date = date(2000, 1, 1)
    """When the reconnect clock started (`clock_start`), as the ledger keeps it."""
    snoozed_until: date | None = None
    last_exchange: date | None = None
    last_kind: str = ""
    last_gave: date | None = None
    as_of: date | None = None
    """The day `given` and `received` were decayed to; None means today."""
    given: float = 0.0
    received: float = 0.0
    window_count: int = 0
    gave_count: int = 0
    received_count: int = 0
    window_months: int = 0


# --- Reading the ledger ----------------------------------------------------------------------

_SUMMARY_COLUMNS = """
    c.id, c.name, c.company, c.archived, l.cadence_days, {tags}, l.clock, c.snoozed_until,
    l.last_exchange, l.last_kind, l.last_gave, l.as_of, l.given, l.received, l.window_count,
    l.gave_count, l.received_count, l.window_months
"""
_TAGS_OF_ONE = (
    "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM contact_tag ct "
    "JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id ORDER BY t.name))"
)
_ALL_SUMMARIES_SQL = f"""
    WITH tags AS (
        SELECT ct.contact_id, group_concat(t.name, char(31)) AS names
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
        GROUP BY ct.contact_id
    )
    SELECT {_SUMMARY_COLUMNS.format(tags="tags.names")}
    FROM contact_ledger l JOIN contact c ON c.id = l.contact_id
    LEFT JOIN tags ON tags.contact_id = c.id
    WHERE c.deleted_at IS NULL {{archived}}
"""
# SQL narrows to the due (the margin only absorbs float rounding of cadence × factor, and the
# snoozed are left to the rules); the rules in Python decide.
_RECONNECT_SQL = f"""
    SELECT {_SUMMARY_COLUMNS.format(tags=_TAGS_OF_ONE)}
    FROM contact_ledger l JOIN contact c ON c.id = l.contact_id
    WHERE l.cadence_days IS NOT NULL AND c.deleted_at IS NULL AND c.archived = 0
        AND julianday(:today) - julianday(l.clock) >= l.cadence_days * :due_factor - 0.000001
        AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today)
"""
_LEANING_SQL = f"""
    SELECT {_SUMMARY_COLUMNS.format(tags=_TAGS_OF_ONE)}
    FROM contact_ledger l JOIN contact c ON c.id = l.contact_id
    WHERE l.window_count >= :min_count AND c.deleted_at IS NULL AND c.archived = 0
        AND l.given + l.received > 0
        AND abs(l.given - l.received) >= (l.given + l.received) * :threshold * 0.999
"""
_QUALITY_SQL = f"""
    SELECT count(*),
        coalesce(sum(l.last_exchange > :active_since), 0),
        coalesce(sum(l.gave_count > 0 AND l.received_count > 0
            AND l.window_count >= {DEEP_MIN_EXCHANGES} AND l.window_months >= {DEEP_MIN_MONTHS}), 0)
    FROM contact_ledger l JOIN contact c ON c.id = l.contact_id
    WHERE c.deleted_at IS NULL AND c.archived = 0
"""


class _Days:
    """ISO text to dates, remembered: a journal has a few thousand distinct days."""

    def __init__(self) -> None:
        self._seen: dict[object, date | None] = {None: None, "": None}

    def __call__(self, value: object) -> date | None:
        try:
            return self._seen[value]
        except KeyError:
            parsed = self._seen[value] = _day(value)
            return parsed


def _facts(rows: Iterable[Sequence[Any]]) -> list[ContactFacts]:
    day = _Days()
    return [
        made_quickly(
            ContactFacts,
            id=int(row[0]),
            name=str(row[1]),
            company=str(row[2]),
            archived=bool(row[3]),
            cadence_days=row[4],
            tags=tuple(sorted(str(row[5]).split(TAG_SEPARATOR))) if row[5] else (),
            clock=day(row[6]) or date.min,
            snoozed_until=day(row[7]),
            last_exchange=day(row[8]),
            last_kind=str(row[9] or ""),
            last_gave=day(row[10]),
            as_of=day(row[11]),
            given=float(row[12] or 0.0),
            received=float(row[13] or 0.0),
            window_count=int(row[14] or 0),
            gave_count=int(row[15] or 0),
            received_count=int(row[16] or 0),
            window_months=int(row[17] or 0),
        )
        for row in rows
    ]


def load_summaries(
    connection: Connection, settings: Settings, today: date, *, include_archived: bool = True
) -> list[ContactSummary]:
    """Every live contact with every rule applied; the ledger must be fresh (`ledger.freshen`)."""
    archived = "" if include_archived else "AND c.archived = 0"
    rows = connection.execute(_ALL_SUMMARIES_SQL.format(archived=archived)).fetchall()
    return [summarize(f, settings, today) for f in _facts(rows)]


_SOME_SUMMARIES_SQL = f"""
    SELECT {_SUMMARY_COLUMNS.format(tags=_TAGS_OF_ONE)}
    FROM contact_ledger l JOIN contact c ON c.id = l.contact_id
    WHERE c.deleted_at IS NULL AND c.id IN (SELECT value FROM json_each(:ids))
"""


def load_summaries_of(
    connection: Connection, ids: Iterable[int], settings: Settings, today: date
) -> list[ContactSummary]:
    """These live contacts with every rule applied (reconnect states need no freshening)."""
    wanted = json.dumps(sorted(set(ids)))
    rows = connection.execute(_SOME_SUMMARIES_SQL, {"ids": wanted}).fetchall()
    return [summarize(f, settings, today) for f in _facts(rows)]


def load_highlights(
    connection: Connection, settings: Settings, today: date, *, recent: int = 8
) -> Highlights:
    """Everything Home shows first: the Reconnect and one-sided lists, follow-backs, the quality
    numbers and the latest exchanges, reading only the rows they show. The ledger must be fresh
    (`ledger.freshen`)."""
    iso = today.isoformat()
    candidates = connection.execute(
        _RECONNECT_SQL, {"today": iso, "due_factor": settings.due_factor}
    ).fetchall()
    due = [summarize(f, settings, today) for f in _facts(candidates)]
    leaning = connection.execute(
        _LEANING_SQL,
        {"min_count": settings.one_sided_min_exchanges, "threshold": settings.one_sided_threshold},
    ).fetchall()
    lean = [summarize(f, settings, today) for f in _facts(leaning)]
    return Highlights(
        today=today,
        reconnect=tuple(reconnect_list(due)),
        you_give=tuple(one_sided(lean, "gives")),
        you_receive=tuple(one_sided(lean, "receives")),
        follow_gaps=tuple(load_follow_gaps(connection)),
        quality=load_quality(connection, settings, today),
        recent=tuple(load_exchanges(connection, where=LogFilter(), limit=recent)),
    )


def load_quality(connection: Connection, settings: Settings, today: date) -> Quality:
    """Live contacts in total, active (an exchange in the last N days) and deep (`is_deep`)."""
    active_since = today - timedelta(days=settings.active_days)
    total, active, deep = connection.execute(
        _QUALITY_SQL, {"active_since": active_since.isoformat()}
    ).fetchone()
    return Quality(total=int(total), active=int(active), deep=int(deep))


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def balance(given: float, received: float) -> float | None:
    """(G − R) / (G + R) in [−1, 1]; None when nothing was exchanged."""
    total = given + received
    if total <= 0:
        return None
    return (given - received) / total


def due_state(days_since: int, cadence: int | None, settings: Settings) -> DueState:
    if not cadence:
        return "none"
    ratio = days_since / cadence
    if ratio >= settings.overdue_factor:
        return "overdue"
    if ratio >= settings.due_factor:
        return "due"
    return "ok"


def lean_of(b: float | None, count: int, settings: Settings) -> Lean | None:
    if b is None or count < settings.one_sided_min_exchanges:
        return None
    if b >= settings.one_sided_threshold:
        return "gives"
    if b <= -settings.one_sided_threshold:
        return "receives"
    return None


def summarize(facts: ContactFacts, settings: Settings, today: date) -> ContactSummary:
    """Apply every highlight rule to one contact's facts."""
    cadence = facts.cadence_days
    days_since = max(0, (today - facts.clock).days)
    state = due_state(days_since, cadence, settings)
    if state in ("due", "overdue") and facts.snoozed_until and facts.snoozed_until > today:
        state = "snoozed"
    given, received = facts.given, facts.received
    if facts.as_of is not None and facts.as_of != today and (given or received):
        # Every weight in the window decays by the same factor a day, so the balance stays.
        decay = 0.5 ** ((today - facts.as_of).days / settings.half_life_days)
        given, received = given * decay, received * decay
    b = balance(given, received)
    return made_quickly(
        ContactSummary,
        id=facts.id,
        name=facts.name,
        company=facts.company,
        tags=facts.tags,
        archived=facts.archived,
        last_exchange=facts.last_exchange,
        cadence_days=cadence,
        clock_start=facts.clock,
        days_since=days_since,
        due=state,
        given=given,
        received=received,
        window_count=facts.window_count,
        gave_count=facts.gave_count,
        received_count=facts.received_count,
        last_gave=facts.last_gave,
        balance=b,
        lean=lean_of(b, facts.window_count, settings),
        snoozed_until=facts.snoozed_until,
        last_kind=facts.last_kind,
        window_months=facts.window_months,
    )


def reconnect_list(summaries: Iterable[ContactSummary]) -> list[ContactSummary]:
    """Due and overdue contacts, furthest past their rhythm first."""
    due = [s for s in summaries if s.due in ("due", "overdue") and not s.archived]
    return sorted(due, key=lambda s: (-s.overdue_ratio, -s.days_over, s.name.casefold()))


def one_sided(summaries: Iterable[ContactSummary], lean: Lean) -> list[ContactSummary]:
    """Contacts leaning one way, the most lopsided (then the most active) first."""
    chosen = [s for s in summaries if s.lean == lean and not s.archived]
    if lean == "gives":
        return sorted(chosen, key=lambda s: (-(s.balance or 0), -s.window_count))
    return sorted(chosen, key=lambda s: ((s.balance or 0), -s.window_count))


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def one_sided_note(summary: ContactSummary, today: date) -> str:
    """The gentle sentence shown under a one-sided contact. Never advice to drop anyone."""
    who = first_name(summary.name)
    if summary.lean == "gives":
        return f"You've shared a lot with {who} lately — is this still where you want to invest?"
    times = "once" if summary.received_count == 1 else f"{summary.received_count} times"
    helped = f"{who} has helped you {times} this past year"
    if summary.last_gave is None:
        return f"{helped}; maybe share something back?"
    since = _month_name(summary.last_gave, today)
    return f"{helped}; you haven't shared anything with {who} since {since}."


def _month_name(day: date, today: date) -> str:
    return day.strftime("%B") if day.year == today.year else day.strftime("%B %Y")


def reconnect_note(summary: ContactSummary) -> str:
    """ "12 days over a 30-day rhythm"."""
    over = summary.days_over
    unit = "day" if over == 1 else "days"
    return f"{over} {unit} over a {summary.cadence_days}-day rhythm"


def follow_gaps(rows: Iterable[tuple[int, str, str, str, bool, bool]]) -> list[FollowGap]:
    return [
        FollowGap(ContactRef(cid, name), platform, handle, bool(mine), bool(theirs))
        for cid, name, platform, handle, mine, theirs in rows
        if bool(mine) != bool(theirs)
    ]


_FOLLOW_SQL = """
    SELECT c.id, c.name, ch.platform, ch.handle, ch.i_follow, ch.they_follow
    FROM channel ch JOIN contact c ON c.id = ch.contact_id
    WHERE c.deleted_at IS NULL AND c.archived = 0 AND ch.i_follow != ch.they_follow
    ORDER BY c.name COLLATE NOCASE
"""


def load_follow_gaps(connection: Connection) -> list[FollowGap]:
    rows = connection.execute(_FOLLOW_SQL).fetchall()
    return follow_gaps((r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows)


_MONTHS_SQL = """
    SELECT substr(occurred_on, 1, 7) AS month,
        SUM(direction = 'gave'), SUM(direction = 'received'), SUM(direction = 'mutual')
    FROM exchange WHERE occurred_on >= :since
    GROUP BY month ORDER BY month
"""


def month_keys(today: date, months: int) -> list[str]:
    """The last `months` calendar months up to and including today's, oldest first."""
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


def load_months(connection: Connection, today: date, months: int) -> list[MonthTotal]:
    """Exchanges per month and direction, every month present even when empty."""
    keys = month_keys(today, months)
    rows = connection.execute(_MONTHS_SQL, {"since": f"{keys[0]}-01"}).fetchall()
    found = {row[0]: row for row in rows}
    totals = []
    for key in keys:
        row = found.get(key)
        totals.append(
            MonthTotal(key, int(row[1] or 0), int(row[2] or 0), int(row[3] or 0))
            if row
            else MonthTotal(key, 0, 0, 0)
        )
    return totals


def balance_histogram(summaries: Iterable[ContactSummary], bins: int = 10) -> list[int]:
    """How many contacts fall in each slice of the balance range [−1, 1]."""
    counts = [0] * bins
    for s in summaries:
        if s.balance is None or s.archived:
            continue
        index = min(bins - 1, int((s.balance + 1) / 2 * bins))
        counts[index] += 1
    return counts
