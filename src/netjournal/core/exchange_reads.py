"""Reading exchanges back (the Log, timelines, Home's recent panel) as frozen records.

Plain SQL on a DB-API connection: the service layer runs it on its session's own connection and
the app's first frame on a plain `sqlite3` one (see docs/architecture.md). Standard library only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from netjournal.core.records import ContactRef, ExchangeFields, ExchangeRecord, LogFilter, texts
from netjournal.core.rows import EXCHANGE_COLUMNS
from netjournal.core.storage.db import Connection

# SQLite allows 32,766 bound parameters; stay well under it.
_CHUNK = 500
_NAMES = ("id", "occurred_on", *EXCHANGE_COLUMNS)
_COLUMNS = ", ".join(f"e.{name}" for name in _NAMES)
# The Log's text filter looks in the summary and the longer texts (not the link).
_SEARCHED = tuple(name for name, spec in texts(ExchangeFields) if spec.required or spec.multi_line)
# An exchange shows while at least one of its people is live.
_ANYONE_LIVE = (
    "EXISTS (SELECT 1 FROM exchange_contact ec JOIN contact c ON c.id = ec.contact_id "
    "WHERE ec.exchange_id = e.id AND c.deleted_at IS NULL)"
)


def _filtered(where: LogFilter) -> tuple[str, dict[str, Any]]:
    """FROM and WHERE for the exchanges `where` asks for, with their parameters."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    source = "FROM exchange e"
    if where.contact_id is not None:
        source += " JOIN exchange_contact x ON x.exchange_id = e.id"
        clauses.append("x.contact_id = :contact_id")
        params["contact_id"] = where.contact_id
    else:
        clauses.append(_ANYONE_LIVE)
    for name in ("direction", "kind"):
        value = getattr(where, name)
        if value:
            clauses.append(f"e.{name} = :{name}")
            params[name] = value
    if where.since:
        clauses.append("e.occurred_on >= :since")
        params["since"] = where.since.isoformat()
    if where.until:
        clauses.append("e.occurred_on <= :until")
        params["until"] = where.until.isoformat()
    if where.tag:
        clauses.append(
            "e.id IN (SELECT et.exchange_id FROM exchange_tag et JOIN tag t ON t.id = et.tag_id "
            "WHERE t.name = :tag)"
        )
        params["tag"] = where.tag
    if where.text:
        alternatives = " OR ".join(
            f"lower(e.{name}) LIKE lower(:needle) ESCAPE '\\'" for name in _SEARCHED
        )
        clauses.append(f"({alternatives})")
        params["needle"] = "%" + _escape_like(where.text) + "%"
    return f"{source} WHERE {' AND '.join(clauses)}", params


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def load_exchanges(
    connection: Connection,
    *,
    where: LogFilter | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ExchangeRecord]:
    """Exchanges newest first, either those matching `where` or exactly `ids`."""
    if ids is not None:
        rows = []
        for chunk in _chunks(list(ids)):
            marks = ", ".join("?" * len(chunk))
            rows += _named(
                connection.execute(
                    f"SELECT {_COLUMNS} FROM exchange e WHERE e.id IN ({marks})", chunk
                ).fetchall()
            )
        rows.sort(key=lambda row: (row["occurred_on"], row["id"]), reverse=True)
        if limit is not None:
            rows = rows[offset : offset + limit]
    else:
        # The filters sit on the exchange query itself so SQLite can walk the date index in
        # order and stop at LIMIT, instead of sorting every row first.
        source, params = _filtered(where or LogFilter())
        sql = f"SELECT {_COLUMNS} {source} ORDER BY e.occurred_on DESC, e.id DESC"
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
        rows = _named(connection.execute(sql, params).fetchall())
    exchange_ids = [row["id"] for row in rows]
    people = _contacts_by_exchange(connection, exchange_ids)
    tags = _tags_by_exchange(connection, exchange_ids)
    days: dict[str, date] = {}
    for row in rows:
        on = row["occurred_on"]
        row["occurred_on"] = days.get(on) or days.setdefault(on, _day(on))
    return [
        ExchangeRecord(**row, tags=tags.get(row["id"], ()), contacts=people.get(row["id"], ()))
        for row in rows
    ]


def _named(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """Each row of a `SELECT {_COLUMNS}` by its column names."""
    return [dict(zip(_NAMES, row, strict=True)) for row in rows]


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _contacts_by_exchange(
    connection: Connection, ids: Sequence[int]
) -> dict[int, tuple[ContactRef, ...]]:
    found: dict[int, list[ContactRef]] = defaultdict(list)
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" * len(chunk))
        rows = connection.execute(
            "SELECT x.exchange_id, c.id, c.name FROM exchange_contact x "
            "JOIN contact c ON c.id = x.contact_id "
            f"WHERE x.exchange_id IN ({marks}) AND c.deleted_at IS NULL ORDER BY c.name",
            chunk,
        ).fetchall()
        for exchange_id, contact_id, name in rows:
            found[exchange_id].append(ContactRef(contact_id, name))
    return {k: tuple(v) for k, v in found.items()}


def _tags_by_exchange(connection: Connection, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" * len(chunk))
        rows = connection.execute(
            "SELECT et.exchange_id, t.name FROM exchange_tag et JOIN tag t ON t.id = et.tag_id "
            f"WHERE et.exchange_id IN ({marks}) ORDER BY t.name",
            chunk,
        ).fetchall()
        for exchange_id, name in rows:
            found[exchange_id].append(name)
    return {k: tuple(v) for k, v in found.items()}
