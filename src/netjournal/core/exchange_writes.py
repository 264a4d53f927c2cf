"""Writing exchanges: one row, its people and its tags, inside the caller's write transaction.

Plain SQL on a DB-API connection, run by the service layer (`Journal.log_exchange` and the
rest) and by the shell's lean `netjournal log` alike, so a logged exchange is the same rows
whichever way it came in. Column values come from `rows.exchange_fields`; a test checks every
statement here against the SQLModel models.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from netjournal.core.errors import InputError
from netjournal.core.find import search_index
from netjournal.core.records import ExchangeDraft
from netjournal.core.rows import exchange_fields
from netjournal.core.storage.db import Connection

_STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"
"""How a UTC datetime column is stored (as SQLAlchemy's SQLite dialect writes it)."""


def stored_time(moment: datetime) -> str:
    return moment.strftime(_STORED_TIME)


def live_name(connection: Connection, contact_id: int) -> str:
    """The name of a live contact, or InputError when it was deleted."""
    row = connection.execute(
        "SELECT name FROM contact WHERE id = ? AND deleted_at IS NULL", (contact_id,)
    ).fetchone()
    if row is None:
        raise InputError("That contact no longer exists.")
    return str(row[0])


def check_contacts(connection: Connection, contact_ids: Sequence[int]) -> None:
    for contact_id in contact_ids:
        live_name(connection, contact_id)


def add_exchange(connection: Connection, clean: ExchangeDraft, today: date, now: datetime) -> int:
    """Insert a validated exchange with its people and tags; returns its id."""
    fields = exchange_fields(clean, today)
    fields["occurred_on"] = fields["occurred_on"].isoformat()
    stamp = stored_time(now)
    columns = ", ".join([*fields, "created_at", "updated_at"])
    marks = ", ".join(f":{name}" for name in [*fields, "created_at", "updated_at"])
    cursor = connection.execute(
        f"INSERT INTO exchange ({columns}) VALUES ({marks})",
        {**fields, "created_at": stamp, "updated_at": stamp},
    )
    exchange_id = int(cursor.lastrowid)
    link_exchange(connection, exchange_id, clean.contact_ids)
    set_tags(connection, "exchange_tag", "exchange_id", exchange_id, clean.tags)
    search_index.refresh(connection, exchanges=[exchange_id])
    return exchange_id


_LINK = """
    INSERT INTO exchange_contact (exchange_id, contact_id, occurred_on, direction, weight)
    SELECT id, :contact, occurred_on, direction, weight FROM exchange WHERE id = :exchange
"""


def link_exchange(connection: Connection, exchange_id: int, contact_ids: Sequence[int]) -> None:
    """Link people to an exchange, copying its date, direction and weight (for the ledger's
    covering index; see models.ExchangeContact)."""
    for contact_id in dict.fromkeys(contact_ids):
        connection.execute(_LINK, {"contact": contact_id, "exchange": exchange_id})


def tag_ids(connection: Connection, names: Sequence[str]) -> list[int]:
    """The ids of these tag names, creating the ones the journal doesn't have yet."""
    ids = []
    for name in names:
        row = connection.execute("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
        if row is None:
            ids.append(
                int(connection.execute("INSERT INTO tag (name) VALUES (?)", (name,)).lastrowid)
            )
        else:
            ids.append(int(row[0]))
    return ids


_TAG_LINKS = {
    "contact_tag": "contact_id",
    "exchange_tag": "exchange_id",
    "reflection_tag": "reflection_id",
}


def set_tags(
    connection: Connection, link: str, owner_column: str, owner_id: int, names: Sequence[str]
) -> None:
    """Replace the tags of one contact, exchange or reflection."""
    if _TAG_LINKS.get(link) != owner_column:
        raise ValueError(f"no tag link {link}.{owner_column}")
    connection.execute(f"DELETE FROM {link} WHERE {owner_column} = ?", (owner_id,))
    for tag_id in tag_ids(connection, names):
        connection.execute(
            f"INSERT INTO {link} ({owner_column}, tag_id) VALUES (?, ?)", (owner_id, tag_id)
        )
