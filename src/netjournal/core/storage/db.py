"""SQLite connections as netjournal uses them, with nothing but the standard library.

Every connection, whether SQLAlchemy's engine made it or the shell's lean path did, goes through
`configure`; every write runs inside `BEGIN IMMEDIATE` (see docs/data-safety.md, "Several
programs, one journal"). SQL in netjournal is written with `:name` parameters, which both
`sqlite3` and SQLAlchemy's `text()` read, so one statement serves both.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

# How long a write waits for another program's transaction (the BUSY sentence says 5 seconds).
BUSY_TIMEOUT_MS = 5000
CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
)


class Cursor(Protocol):
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...


class Connection(Protocol):
    """What netjournal's SQL needs of a connection: `sqlite3.Connection` has it."""

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ..., /) -> Any: ...


def configure(connection: sqlite3.Connection) -> None:
    """The settings every connection to a journal gets, before its first statement.

    With isolation_level None, Python 3.11's sqlite3 never begins or commits on its own (it would
    autocommit DDL); netjournal emits every BEGIN itself.
    """
    connection.isolation_level = None
    # The busy timeout comes first, so that even the switch to WAL waits for a busy journal.
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    for pragma in CONNECTION_PRAGMAS:
        connection.execute(pragma)
    provide_pow(connection)


def connect(path: Path) -> sqlite3.Connection:
    """A configured read-write connection to an existing journal (never creating one)."""
    uri = f"file:{urllib.parse.quote(str(path))}?mode=rw"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        configure(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def connect_read_only(path: Path, *, any_thread: bool = False) -> sqlite3.Connection:
    """A connection that can never write to `path` (nor create it); `any_thread` lets threads
    share it (the caller then keeps them from using it at the same time)."""
    return sqlite3.connect(
        f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True, check_same_thread=not any_thread
    )


@contextlib.contextmanager
def writing(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE (waiting up to the busy timeout), then commit.

    Any exception rolls everything back and leaves unchanged.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextlib.contextmanager
def reading(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every statement in it sees the same snapshot."""
    connection.execute("BEGIN")
    try:
        yield connection
    finally:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


def data_version(connection: sqlite3.Connection) -> int:
    """Changes whenever another connection commits to the journal; see SQLite's PRAGMA docs."""
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


# Whether this SQLite was built with its math functions. That is fixed for the whole library,
# so the first connection asks and every later one reuses the answer.
_pow_is_built_in: bool | None = None


def provide_pow(connection: sqlite3.Connection) -> None:
    """Make sure SQL `pow()` exists on the connection: the ledger's decay needs it.

    SQLite only has it when built with SQLITE_ENABLE_MATH_FUNCTIONS (3.35+); without it, a Python
    version with the same results is registered.
    """
    global _pow_is_built_in
    if _pow_is_built_in is None:
        try:
            connection.execute("SELECT pow(2, 2)").fetchone()
        except sqlite3.OperationalError:
            _pow_is_built_in = False
        else:
            _pow_is_built_in = True
    if not _pow_is_built_in:
        connection.create_function("pow", 2, sqlite_pow, deterministic=True)


def sqlite_pow(base: float | None, exponent: float | None) -> float | None:
    """`pow()` as SQLite's own math functions answer it: NULL in, NULL out, NULL for no result."""
    if base is None or exponent is None:
        return None
    # Where C's pow() returns infinity or NaN (NULL in SQL), math.pow raises, and an exception
    # in a user function would fail the whole query instead.
    try:
        return math.pow(base, exponent)
    except ValueError:
        return _signed_infinity(base, exponent) if base == 0 and exponent < 0 else None
    except OverflowError:
        return _signed_infinity(base, exponent)


def _signed_infinity(base: float, exponent: float) -> float:
    odd = float(exponent).is_integer() and exponent % 2 == 1
    return math.copysign(math.inf, base) if odd else math.inf
