"""The full-text index: one FTS5 table per kind of thing, kept in step by the service layer.

SQLite's FTS5 tables can't be SQLModel models, so they are described here, next to the one
function every write path calls (`refresh`). Triggers would be tidier, but the journal runs with
`trusted_schema=OFF` (docs/data-safety.md, "What protects it") and SQLite then refuses FTS5
inside a trigger ("unsafe use of virtual table"). The index tables keep their own copy of the
text (not external content): that makes `refresh` a plain delete-then-insert, right whatever
changed.

A migration that rebuilds one of the source tables must call `rebuild` at its end; each revision
spells out its own frozen copy of the DDL below.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from netjournal.core.records import ExchangeFields, texts
from netjournal.core.storage.db import Connection

if TYPE_CHECKING:
    from sqlmodel import Session

# remove_diacritics 2 lets "jose" find "José"; the prefix indexes keep search-as-you-type quick
# for the short prefixes typed first.
TOKENIZE = "unicode61 remove_diacritics 2"
PREFIXES = "2 3"


@dataclass(frozen=True, slots=True)
class SearchTable:
    """An FTS5 table mirroring some text of one source table, row for row (rowid = id)."""

    name: str
    source: str
    columns: tuple[str, ...]
    # SQL expressions, one per column, evaluated with the source table aliased as `s`.
    values: tuple[str, ...]

    def ddl(self) -> str:
        columns = ", ".join(self.columns)
        return (
            f"CREATE VIRTUAL TABLE {self.name} USING fts5({columns}, "
            f"tokenize='{TOKENIZE}', prefix='{PREFIXES}')"
        )

    def select_rows(self) -> str:
        """The index rows for the source rows whose ids are in `:ids` (or all, without it)."""
        values = ", ".join(self.values)
        return f"SELECT s.id, {values} FROM {self.source} AS s"

    def insert_prefix(self) -> str:
        return f"INSERT INTO {self.name}(rowid, {', '.join(self.columns)}) "


CONTACTS = SearchTable(
    name="contact_search",
    source="contact",
    columns=(
        "name",
        "nickname",
        "company",
        "role",
        "location",
        "how_met",
        "email",
        "handles",
        "notes",
    ),
    values=(
        "s.name",
        "s.nickname",
        "s.company",
        "s.role",
        "s.location",
        "s.how_met",
        "s.email",
        "(SELECT coalesce(group_concat(c.handle, ' '), '') FROM channel AS c"
        " WHERE c.contact_id = s.id)",
        "s.notes",
    ),
)
# Every free text an exchange declares (records.ExchangeFields), in declaration order.
_EXCHANGE_TEXTS = tuple(name for name, _spec in texts(ExchangeFields))
EXCHANGES = SearchTable(
    name="exchange_search",
    source="exchange",
    columns=_EXCHANGE_TEXTS,
    values=tuple(f"s.{name}" for name in _EXCHANGE_TEXTS),
)
REFLECTIONS = SearchTable(
    name="reflection_search",
    source="reflection",
    columns=("title", "body"),
    values=("s.title", "s.body"),
)
SEARCH_TABLES: tuple[SearchTable, ...] = (CONTACTS, EXCHANGES, REFLECTIONS)

# FTS5 keeps each index in five ordinary "shadow" tables named after it.
_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


def is_search_table(name: str) -> bool:
    """Whether `name` is an FTS5 table of ours or one of its shadow tables.

    The migration environment and the schema tests skip these: SQLModel doesn't describe them.
    """
    for table in SEARCH_TABLES:
        if name == table.name:
            return True
        if name.startswith(table.name) and name[len(table.name) :] in _SHADOW_SUFFIXES:
            return True
    return False


def described_by_models(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's `include_name` hook: autogenerate would otherwise offer to drop our indexes."""
    return not (type_ == "table" and name is not None and is_search_table(name))


# SQLite allows 32,766 bound parameters; stay well under it.
_CHUNK = 5000


def refresh(
    target: Session | Connection,
    *,
    contacts: Iterable[int] = (),
    exchanges: Iterable[int] = (),
    reflections: Iterable[int] = (),
) -> None:
    """Bring the index rows of these ids in line with their source rows, in the caller's
    transaction. Call it after every write that adds, changes or removes such a row (or, for
    contacts, one of their channels); ids that no longer exist are simply dropped from the index.

    `target` is a DB-API connection inside a write, or an ORM session (flushed first: plain SQL
    doesn't see pending ORM changes).
    """
    connection = _connection_of(target)
    for table, ids in ((CONTACTS, contacts), (EXCHANGES, exchanges), (REFLECTIONS, reflections)):
        unique = sorted(set(ids))
        for start in range(0, len(unique), _CHUNK):
            _refresh_chunk(connection, table, unique[start : start + _CHUNK])


def _connection_of(target: Any) -> Connection:
    if hasattr(target, "flush") and hasattr(target, "connection"):  # an ORM session
        target.flush()
        connection: Connection = target.connection().connection.dbapi_connection
        return connection
    return target  # type: ignore[no-any-return]


def _refresh_chunk(connection: Connection, table: SearchTable, ids: Sequence[int]) -> None:
    marks = ", ".join("?" * len(ids))
    connection.execute(f"DELETE FROM {table.name} WHERE rowid IN ({marks})", list(ids))
    connection.execute(
        f"{table.insert_prefix()}{table.select_rows()} WHERE s.id IN ({marks})", list(ids)
    )


def rebuild(target: Session | Connection) -> None:
    """Index everything again from the source tables (after bulk loads and table rebuilds)."""
    connection = _connection_of(target)
    for table in SEARCH_TABLES:
        connection.execute(f"DELETE FROM {table.name}")
        connection.execute(f"{table.insert_prefix()}{table.select_rows()}")
