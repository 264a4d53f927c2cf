"""The highlights engine: reconnect, reciprocity, follow-back and quality numbers.

SQL does the aggregation in one grouped query; pure functions that take `today` do the scoring,
so every rule in PRODUCT.md "Highlights" can be tested at its edges without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session

from netjournal.core.records import (
    ContactRef,
    ContactSummary,
    DueState,
    FollowGap,
    Lean,
    MonthTotal,
    Quality,
)
from netjournal.core.settings import Settings

TAG_SEPARATOR = "\x1f"

# More than half of a journal's exchanges can fall in the reciprocity window, so the window's
# sums are one range scan per contact over the covering index of exchange_contact, and the
# all-time dates are index seeks per contact; `mutual` counts on both sides. (One pass over every
# row with conditional sums took twice as long at 1.16 M rows.)
_FACTS_SQL = text(
    """
    WITH agg AS (
        SELECT contact_id,
            SUM(CASE WHEN direction != 'received'
                THEN weight * pow(0.5, (julianday(:today) - julianday(occurred_on)) / :half_life)
                ELSE 0 END) AS given,
            SUM(CASE WHEN direction != 'gave'
                THEN weight * pow(0.5, (julianday(:today) - julianday(occurred_on)) / :half_life)
                ELSE 0 END) AS received,
            COUNT(*) AS n_window,
            SUM(direction != 'received') AS n_gave,
            SUM(direction != 'gave') AS n_received
        FROM exchange_contact
        WHERE occurred_on > :start
        GROUP BY contact_id
    ),
    tags AS (
        SELECT ct.contact_id, group_concat(t.name, char(31)) AS names
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
        GROUP BY ct.contact_id
    ),
    conn AS (
        SELECT contact_id, MAX(connected_on) AS connected_on
        FROM channel GROUP BY contact_id
    )
    SELECT c.id, c.name, c.company, c.archived, c.cadence_days, tags.names,
        substr(c.created_at, 1, 10), c.touched_on, c.snoozed_until, conn.connected_on,
        (SELECT MAX(x.occurred_on) FROM exchange_contact x WHERE x.contact_id = c.id),
        agg.given, agg.received, agg.n_window, agg.n_gave, agg.n_received,
        (SELECT x.occurred_on FROM exchange_contact x
            WHERE x.contact_id = c.id AND x.direction != 'received'
            ORDER BY x.occurred_on DESC LIMIT 1),
        (SELECT e.kind FROM exchange_contact x JOIN exchange e ON e.id = x.exchange_id
            WHERE x.contact_id = c.id
            ORDER BY x.occurred_on DESC LIMIT 1)
    FROM contact c
    LEFT JOIN agg ON agg.contact_id = c.id
    LEFT JOIN tags ON tags.contact_id = c.id
    LEFT JOIN conn ON conn.contact_id = c.id
    WHERE c.deleted_at IS NULL
    """
)


@dataclass(frozen=True)
class ContactFacts:
    """What SQL knows about one contact, before any rule is applied."""

    id: int
    name: str
    company: str = ""
    archived: bool = False
    own_cadence: int | None = None
    tags: tuple[str, ...] = ()
    added_on: date = date(2000, 1, 1)
    touched_on: date | None = None
    snoozed_until: date | None = None
    connected_on: date | None = None
    last_exchange: date | None = None
    given: float = 0.0
    received: float = 0.0
    window_count: int = 0
    gave_count: int = 0
    received_count: int = 0
    last_gave: date | None = None
    last_kind: str = ""


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def load_facts(session: Session, settings: Settings, today: date) -> list[ContactFacts]:
    """Every live contact with its aggregated exchange numbers, in one query."""
    start = today - timedelta(days=settings.reciprocity_window_days)
    rows = session.execute(
        _FACTS_SQL,
        {
            "today": today.isoformat(),
            "start": start.isoformat(),
            "half_life": float(settings.half_life_days),
        },
    ).all()
    # A journal has a few thousand distinct dates across its 100,000s of date fields.
    days: dict[object, date | None] = {}

    def day(value: object) -> date | None:
        try:
            return days[value]
        except KeyError:
            parsed = days[value] = _day(value)
            return parsed

    facts = []
    for row in rows:
        facts.append(
            ContactFacts(
                id=row[0],
                name=row[1],
                company=row[2],
                archived=bool(row[3]),
                own_cadence=row[4],
                tags=tuple(sorted(row[5].split(TAG_SEPARATOR))) if row[5] else (),
                added_on=day(row[6]) or today,
                touched_on=day(row[7]),
                snoozed_until=day(row[8]),
                connected_on=day(row[9]),
                last_exchange=day(row[10]),
                given=float(row[11] or 0.0),
                received=float(row[12] or 0.0),
                window_count=int(row[13] or 0),
                gave_count=int(row[14] or 0),
                received_count=int(row[15] or 0),
                last_gave=day(row[16]),
                last_kind=row[17] or "",
            )
        )
    return facts


def balance(given: float, received: float) -> float | None:
    """(G − R) / (G + R) in [−1, 1]; None when nothing was exchanged."""
    total = given + received
    if total <= 0:
        return None
    return (given - received) / total


def clock_start(facts: ContactFacts) -> date:
    """The newest of: last exchange, the manual touch, and when the contact was added.

    "Added" is the channel's connected-on date when there is one (an imported connection
    began then, not on the day of the import), else the day the contact was created.
    """
    added = facts.connected_on or facts.added_on
    candidates = [d for d in (facts.last_exchange, facts.touched_on, added) if d is not None]
    return max(candidates)


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
    cadence = settings.cadence_for(facts.own_cadence, facts.tags)
    start = clock_start(facts)
    days_since = max(0, (today - start).days)
    state = due_state(days_since, cadence, settings)
    if state in ("due", "overdue") and facts.snoozed_until and facts.snoozed_until > today:
        state = "snoozed"
    b = balance(facts.given, facts.received)
    return ContactSummary(
        id=facts.id,
        name=facts.name,
        company=facts.company,
        tags=facts.tags,
        archived=facts.archived,
        last_exchange=facts.last_exchange,
        cadence_days=cadence,
        clock_start=start,
        days_since=days_since,
        due=state,
        given=facts.given,
        received=facts.received,
        window_count=facts.window_count,
        gave_count=facts.gave_count,
        received_count=facts.received_count,
        last_gave=facts.last_gave,
        balance=b,
        lean=lean_of(b, facts.window_count, settings),
        snoozed_until=facts.snoozed_until,
        last_kind=facts.last_kind,
    )


def summarize_all(
    facts: Iterable[ContactFacts], settings: Settings, today: date
) -> list[ContactSummary]:
    return [summarize(f, settings, today) for f in facts]


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


def quality(summaries: Sequence[ContactSummary], settings: Settings, today: date) -> Quality:
    """Total vs. active (an exchange in the last N days) vs. deep (both ways in the window)."""
    live = [s for s in summaries if not s.archived]
    active_since = today - timedelta(days=settings.active_days)
    active = sum(1 for s in live if s.last_exchange and s.last_exchange > active_since)
    deep = sum(1 for s in live if s.gave_count > 0 and s.received_count > 0)
    return Quality(total=len(live), active=active, deep=deep)


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


_FOLLOW_SQL = text(
    """
    SELECT c.id, c.name, ch.platform, ch.handle, ch.i_follow, ch.they_follow
    FROM channel ch JOIN contact c ON c.id = ch.contact_id
    WHERE c.deleted_at IS NULL AND c.archived = 0 AND ch.i_follow != ch.they_follow
    ORDER BY c.name COLLATE NOCASE
    """
)


def load_follow_gaps(session: Session) -> list[FollowGap]:
    rows = session.execute(_FOLLOW_SQL).all()
    return follow_gaps((r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows)


_MONTHS_SQL = text(
    """
    SELECT substr(occurred_on, 1, 7) AS month,
        SUM(direction = 'gave'), SUM(direction = 'received'), SUM(direction = 'mutual')
    FROM exchange WHERE occurred_on >= :since
    GROUP BY month ORDER BY month
    """
)


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


def load_months(session: Session, today: date, months: int) -> list[MonthTotal]:
    """Exchanges per month and direction, every month present even when empty."""
    keys = month_keys(today, months)
    found = {row[0]: row for row in session.execute(_MONTHS_SQL, {"since": f"{keys[0]}-01"}).all()}
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
