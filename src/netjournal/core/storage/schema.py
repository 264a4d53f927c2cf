"""The schema each released version of netjournal makes, and the check that a file holds no more.

A journal, a backup or a shared file may come from someone else, and SQL inside it runs with the
user's rights: a trigger planted in a file would run on every change, even with
`trusted_schema=OFF`. So before a file is used, every table, column, index, trigger, view and
virtual table in it (its `sqlite_schema`) must be exactly what netjournal's migrations make at
that revision; `schemas/<revision>.json` records that. See docs/data-safety.md.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from netjournal.core.storage.db import Connection

SCHEMAS = Path(__file__).with_name("schemas")
# SQLite's own bookkeeping tables (sqlite_sequence, sqlite_stat1…) are left out; the automatic
# indexes behind UNIQUE and PRIMARY KEY constraints are kept, as part of the tables.
_OBJECTS = (
    "SELECT type, name, tbl_name, sql FROM sqlite_schema "
    "WHERE substr(name, 1, 7) != 'sqlite_' OR type = 'index' ORDER BY type, name"
)

SchemaObject = tuple[str, str, str, str | None]


@functools.cache
def expected(revision: str) -> frozenset[SchemaObject] | None:
    """What a journal at `revision` holds, or None for a revision this version has no record of."""
    try:
        rows = json.loads((SCHEMAS / f"{revision}.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return frozenset((row[0], row[1], row[2], row[3]) for row in rows)


def objects(connection: Connection) -> frozenset[SchemaObject]:
    return frozenset(
        (str(t), str(n), str(tbl), None if sql is None else str(sql))
        for t, n, tbl, sql in connection.execute(_OBJECTS).fetchall()
    )


def foreign_object(connection: Connection, revision: str) -> str | None:
    """A phrase naming the first object that isn't netjournal's own, or None when all are.

    An object that is missing, or whose definition differs, counts as altered.
    """
    wanted = expected(revision)
    if wanted is None:
        return None  # a revision without a record is refused by its own check (newer version)
    found = objects(connection)
    extra = sorted(found - wanted, key=_order)
    if extra:
        kind, name, table, _sql = extra[0]
        known = {(k, n) for k, n, _t, _s in wanted}
        if (kind, name) in known:
            return f"an altered {kind} {name!r}"
        where = f" on table {table!r}" if kind in ("trigger", "index") and table != name else ""
        return f"a {kind} {name!r}{where}"
    missing = sorted(wanted - found, key=_order)
    if missing:
        kind, name, _table, _sql = missing[0]
        return f"an altered schema (the {kind} {name!r} is missing)"
    return None


def _order(item: SchemaObject) -> tuple[int, str]:
    # Triggers and views first: they are the ones that run.
    rank = {"trigger": 0, "view": 1, "table": 2, "index": 3}.get(item[0], 4)
    return (rank, item[1])
