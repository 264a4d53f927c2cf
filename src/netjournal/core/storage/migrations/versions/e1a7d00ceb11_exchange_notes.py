"""Notes on an exchange: your own remarks, searched with the rest of its text.

Revision ID: e1a7d00ceb11
Revises: 7e2b9c4d1a63
Create Date: 2026-12-06 13:00:00

The column is added in place (existing exchanges get ""). The exchange index is made again with
the new column and filled from the rows already in the journal; its definition is spelled out
here rather than read from `core/find/search_index.py`, so that this revision stays what it was when
released (a test checks that the two agree at head).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e1a7d00ceb11"
down_revision: str | Sequence[str] | None = "7e2b9c4d1a63"
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
    op.add_column("exchange", sa.Column("notes", sa.String(), nullable=False, server_default=""))
    _index("summary, details, notes, url")


def downgrade() -> None:
    _index("summary, details, url")
    op.drop_column("exchange", "notes")
