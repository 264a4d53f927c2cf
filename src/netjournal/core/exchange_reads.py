"""Reading exchanges back (the Log, timelines, Home's recent panel) as frozen records.

Plain SQL on a DB-API connection: the service layer runs it on its session's own connection and
the app's first frame on a plain `sqlite3` one (see docs/architecture.md). Standard library only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from netjournal.core.db import Connection
from netjournal.core.records import ContactRef, ExchangeRecord, LogFilter

# SQLite allows 32,766 bound parameters; stay well under it.
_CHUNK = 500
_COLUMNS = (
    "e.id, e.occurred_on, e.occurred_time, e.direction, e.kind, e.summary, e.details, e.url, "
    "e.weight"
)
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
        clauses.append(
            "(lower(e.summary) LIKE lower(:needle) ESCAPE '\\' "
            "OR lower(e.details) LIKE lower(:needle) ESCAPE '\\')"
        )
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
            rows += connection.execute(
                f"SELECT {_COLUMNS} FROM exchange e WHERE e.id IN ({marks})", chunk
            ).fetchall()
        rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
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
        rows = connection.execute(sql, params).fetchall()
    exchange_ids = [row[0] for row in rows]
    people = _contacts_by_exchange(connection, exchange_ids)
    tags = _tags_by_exchange(connection, exchange_ids)
    days: dict[str, date] = {}
    return [
        ExchangeRecord(
            id=row[0],
            occurred_on=days.get(row[1]) or days.setdefault(row[1], _day(row[1])),
            occurred_time=row[2],
            direction=row[3],
            kind=row[4],
            summary=row[5],
            details=row[6],
            url=row[7],
            weight=row[8],
            tags=tags.get(row[0], ()),
            contacts=people.get(row[0], ()),
        )
        for row in rows
    ]


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
