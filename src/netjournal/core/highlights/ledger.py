"""The ledger: each contact's highlight facts, kept current in the transaction of every write.

Triggers note which contacts a write touches (in `ledger_dirty`); before the write commits,
`flush` recomputes exactly those rows from the exchanges, so reading the highlights is a small
read. The window figures (decayed give and take, counts) hold from `as_of` until `stale_on`, the
day the oldest exchange in the window leaves it; `freshen` recomputes rows that time has moved
past. One SELECT computes a row, whether for a write (`flush`), a check or a rebuild.

Standard library only: the shell's lean path runs this SQL on a plain `sqlite3` connection, and
the service layer runs it on its session's own connection. See docs/architecture.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netjournal.core.settings import Settings
from netjournal.core.storage.db import Connection

DEEP_MIN_EXCHANGES = 3
DEEP_MIN_MONTHS = 2

# Triggers that mark touched contacts. Built-in SQL only, so they run under trusted_schema=OFF.
# Each revision that creates or changes them spells out its own frozen copy.
TRIGGERS: tuple[tuple[str, str], ...] = (
    (
        "ledger_exchange_contact_insert",
        "CREATE TRIGGER ledger_exchange_contact_insert AFTER INSERT ON exchange_contact "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (NEW.contact_id); END",
    ),
    (
        "ledger_exchange_contact_delete",
        "CREATE TRIGGER ledger_exchange_contact_delete AFTER DELETE ON exchange_contact "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (OLD.contact_id); END",
    ),
    (
        "ledger_exchange_contact_update",
        "CREATE TRIGGER ledger_exchange_contact_update AFTER UPDATE ON exchange_contact "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (OLD.contact_id); "
        "INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (NEW.contact_id); END",
    ),
    (
        "ledger_exchange_update",
        "CREATE TRIGGER ledger_exchange_update "
        "AFTER UPDATE OF kind, occurred_on, direction, weight ON exchange "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) "
        "SELECT contact_id FROM exchange_contact WHERE exchange_id = NEW.id; END",
    ),
    (
        "ledger_contact_insert",
        "CREATE TRIGGER ledger_contact_insert AFTER INSERT ON contact "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (NEW.id); END",
    ),
    (
        "ledger_contact_update",
        "CREATE TRIGGER ledger_contact_update "
        "AFTER UPDATE OF touched_on, cadence_days, created_at ON contact "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (NEW.id); END",
    ),
    (
        "ledger_contact_tag_insert",
        "CREATE TRIGGER ledger_contact_tag_insert AFTER INSERT ON contact_tag "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (NEW.contact_id); END",
    ),
    (
        "ledger_contact_tag_delete",
        "CREATE TRIGGER ledger_contact_tag_delete AFTER DELETE ON contact_tag "
        "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) VALUES (OLD.contact_id); END",
    ),
    *(
        (
            f"ledger_setting_{event.lower()}",
            f"CREATE TRIGGER ledger_setting_{event.lower()} AFTER {event} ON setting "
            "BEGIN INSERT OR IGNORE INTO ledger_dirty(contact_id) SELECT id FROM contact; END",
        )
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
)

COLUMNS = (
    "contact_id",
    "clock",
    "cadence_days",
    "last_exchange",
    "last_kind",
    "last_gave",
    "as_of",
    "given",
    "received",
    "window_count",
    "gave_count",
    "received_count",
    "window_months",
    "stale_on",
)

# One ledger row per id in {ids}, computed from the source tables as of :today.
_ROWS_SQL = """
WITH ids(contact_id) AS ({ids}),
win AS (
    SELECT x.contact_id,
        SUM(CASE WHEN x.direction != 'received'
            THEN x.weight * pow(0.5, (julianday(:today) - julianday(x.occurred_on)) / :half_life)
            ELSE 0 END) AS given,
        SUM(CASE WHEN x.direction != 'gave'
            THEN x.weight * pow(0.5, (julianday(:today) - julianday(x.occurred_on)) / :half_life)
            ELSE 0 END) AS received,
        COUNT(*) AS n,
        SUM(x.direction != 'received') AS n_gave,
        SUM(x.direction != 'gave') AS n_received,
        COUNT(DISTINCT substr(x.occurred_on, 1, 7)) AS months,
        MIN(x.occurred_on) AS oldest
    FROM ids JOIN exchange_contact x ON x.contact_id = ids.contact_id AND x.occurred_on > :start
    GROUP BY x.contact_id
),
facts AS (
    SELECT c.id, c.touched_on, c.cadence_days, substr(c.created_at, 1, 10) AS added,
        (SELECT MAX(x.occurred_on) FROM exchange_contact x WHERE x.contact_id = c.id)
            AS last_exchange,
        (SELECT x.occurred_on FROM exchange_contact x
            WHERE x.contact_id = c.id AND x.direction != 'received'
            ORDER BY x.occurred_on DESC LIMIT 1) AS last_gave,
        (SELECT e.kind FROM exchange_contact x JOIN exchange e ON e.id = x.exchange_id
            WHERE x.contact_id = c.id
            ORDER BY x.occurred_on DESC, x.exchange_id DESC LIMIT 1) AS last_kind,
        (SELECT MIN(td.value) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
            JOIN json_each(:tag_cadence) td ON td.key = t.name
            WHERE ct.contact_id = c.id) AS tag_cadence
    FROM ids JOIN contact c ON c.id = ids.contact_id
)
SELECT f.id,
    CASE WHEN f.last_exchange IS NULL THEN coalesce(f.touched_on, f.added)
        WHEN f.touched_on IS NULL OR f.last_exchange >= f.touched_on THEN f.last_exchange
        ELSE f.touched_on END,
    coalesce(f.cadence_days, f.tag_cadence),
    f.last_exchange, coalesce(f.last_kind, ''), f.last_gave, :today,
    coalesce(w.given, 0.0), coalesce(w.received, 0.0), coalesce(w.n, 0),
    coalesce(w.n_gave, 0), coalesce(w.n_received, 0), coalesce(w.months, 0),
    date(w.oldest, '+' || :window || ' days')
FROM facts f LEFT JOIN win w ON w.contact_id = f.id
"""
_DIRTY_IDS = "SELECT contact_id FROM ledger_dirty"
_ALL_IDS = "SELECT id FROM contact"
_STALE = "as_of > :today OR stale_on <= :today"


def _params(connection: Connection, today: date) -> dict[str, Any]:
    """The rule's parameters, from the settings as this transaction sees them."""
    settings = read_settings(connection)
    start = today - timedelta(days=settings.reciprocity_window_days)
    return {
        "today": today.isoformat(),
        "start": start.isoformat(),
        "half_life": float(settings.half_life_days),
        "window": settings.reciprocity_window_days,
        "tag_cadence": json.dumps(settings.tag_cadence),
    }


def read_settings(connection: Connection) -> Settings:
    rows = connection.execute("SELECT key, value FROM setting").fetchall()
    return Settings.from_rows({str(key): str(value) for key, value in rows})


def flush(connection: Connection, today: date) -> int:
    """Recompute the rows the current write touched; inside that write, before it commits."""
    if connection.execute("SELECT 1 FROM ledger_dirty LIMIT 1").fetchone() is None:
        return 0
    columns = ", ".join(COLUMNS)
    connection.execute(
        f"INSERT OR REPLACE INTO contact_ledger ({columns}) " + _ROWS_SQL.format(ids=_DIRTY_IDS),
        _params(connection, today),
    )
    count = int(connection.execute("SELECT count(*) FROM ledger_dirty").fetchone()[0])
    connection.execute("DELETE FROM ledger_dirty")
    return count


def needs_freshening(connection: Connection, today: date) -> bool:
    """Whether a write left rows unflushed, or time has moved past some rows' window figures."""
    found = connection.execute(
        f"SELECT EXISTS (SELECT 1 FROM ledger_dirty) "
        f"OR EXISTS (SELECT 1 FROM contact_ledger WHERE {_STALE})",
        {"today": today.isoformat()},
    ).fetchone()
    return bool(found[0])


def freshen(connection: Connection, today: date) -> int:
    """Inside a write: bring every row that is out of date up to `today`."""
    connection.execute(
        f"INSERT OR IGNORE INTO ledger_dirty(contact_id) "
        f"SELECT contact_id FROM contact_ledger WHERE {_STALE}",
        {"today": today.isoformat()},
    )
    return flush(connection, today)


def rebuild(connection: Connection, today: date) -> int:
    """Inside a write: every row again, from the source tables."""
    connection.execute("DELETE FROM contact_ledger")
    connection.execute(f"INSERT OR IGNORE INTO ledger_dirty(contact_id) {_ALL_IDS}")
    return flush(connection, today)


@dataclass(frozen=True)
class Mismatch:
    """A contact whose stored ledger row differs from the row its exchanges make."""

    contact_id: int
    stored: tuple[Any, ...] | None
    expected: tuple[Any, ...] | None


def check(connection: Connection, today: date) -> list[Mismatch]:
    """Every contact whose stored row (brought to `today`) differs from a recomputation.

    Rows out of date by time alone are compared as `freshen` would bring them; pending marks in
    `ledger_dirty` are ignored, since the rows they name are recomputed here anyway.
    """
    params = _params(connection, today)
    expected = {
        row[0]: tuple(row)
        for row in connection.execute(_ROWS_SQL.format(ids=_ALL_IDS), params).fetchall()
    }
    stored = {
        row[0]: tuple(row)
        for row in connection.execute(f"SELECT {', '.join(COLUMNS)} FROM contact_ledger")
    }
    half_life = params["half_life"]
    problems = []
    for contact_id in sorted(set(expected) | set(stored)):
        want, have = expected.get(contact_id), stored.get(contact_id)
        if want is None or have is None or not _same(have, want, today, half_life):
            problems.append(Mismatch(contact_id, have, want))
    return problems


def _same(
    stored: tuple[Any, ...], expected: tuple[Any, ...], today: date, half_life: float
) -> bool:
    as_of = date.fromisoformat(str(stored[6]))
    stale_on = date.fromisoformat(str(stored[13])) if stored[13] else None
    if as_of > today or (stale_on is not None and stale_on <= today):
        # Time moved past this row; freshen recomputes it before anything reads it.
        return stored[:6] == expected[:6]
    decay = 0.5 ** ((today - as_of).days / half_life)
    for index in (7, 8):  # given and received decay with the days since as_of
        if not _close(float(stored[index]) * decay, float(expected[index])):
            return False
    return stored[:6] == expected[:6] and stored[9:] == expected[9:]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def create_triggers(connection: Connection) -> None:
    for _name, ddl in TRIGGERS:
        connection.execute(ddl)


def drop_triggers(connection: Connection) -> None:
    """Drop every ledger trigger the file has (whichever version made them)."""
    names = connection.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND substr(name, 1, 7) = 'ledger_'"
    ).fetchall()
    for (name,) in names:
        connection.execute(f'DROP TRIGGER "{name}"')
