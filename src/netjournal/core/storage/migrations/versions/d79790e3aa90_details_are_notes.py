"""An exchange's details are its notes: one free text, called notes everywhere.

Revision ID: d79790e3aa90
Revises: e1a7d00ceb11
Create Date: 2026-12-06 13:30:00

Where an exchange has both, the details come first and the notes follow after a blank line, so
no text is lost. The exchange index is made again without the old column and filled from the
rows (its definition spelled out here, frozen; a test compares it with `core/find/search_index.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d79790e3aa90"
down_revision: str | Sequence[str] | None = "e1a7d00ceb11"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPTIONS = "tokenize='unicode61 remove_diacritics 2', prefix='2 3'"


def _index(columns: str) -> None:
    op.execute("DROP TABLE exchange_search")
    op.execute(f"CREATE VIRTUAL TABLE exchange_search USING fts5({columns}, {_OPTIONS})")
    values = ", ".join(f"s.{name}" for name in columns.split(", "))
    op.execute(
        f"INSERT INTO exchange_search(rowid, {columns}) SELECT s.id, {values} FROM exchange AS s"
    )


def upgrade() -> None:
    op.execute(
        "UPDATE exchange SET notes = CASE WHEN notes = '' THEN details "
        "ELSE details || char(10) || char(10) || notes END WHERE details != ''"
    )
    op.drop_column("exchange", "details")
    _index("summary, notes, url")


def downgrade() -> None:
    # The texts stay together in notes: which part was the details can't be told any more.
    op.add_column("exchange", sa.Column("details", sa.String(), nullable=False, server_default=""))
    _index("summary, details, notes, url")
