"""Full-text search indexes, and dates to remember per contact.

Revision ID: 5c1d2e8a7b34
Revises: 1f019ae2452e
Create Date: 2026-11-26 00:40:00

The FTS5 tables are spelled out here rather than read from `core/find/search_index.py`, so that this
revision stays what it was when released; a test checks that the two still agree at head. The
indexes are filled from the rows already in the journal, inside the upgrade's one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1d2e8a7b34"
down_revision: str | Sequence[str] | None = "1f019ae2452e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPTIONS = "tokenize='unicode61 remove_diacritics 2', prefix='2 3'"

_INDEXES = (
    (
        "contact_search",
        "name, nickname, company, role, location, how_met, email, handles, notes",
        "SELECT s.id, s.name, s.nickname, s.company, s.role, s.location, s.how_met, s.email, "
        "(SELECT coalesce(group_concat(c.handle, ' '), '') FROM channel AS c "
        "WHERE c.contact_id = s.id), s.notes FROM contact AS s",
    ),
    (
        "exchange_search",
        "summary, details, url",
        "SELECT s.id, s.summary, s.details, s.url FROM exchange AS s",
    ),
    (
        "reflection_search",
        "title, body",
        "SELECT s.id, s.title, s.body FROM reflection AS s",
    ),
)


def upgrade() -> None:
    op.create_table(
        "contact_date",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="ck_contact_date_month"),
        sa.CheckConstraint("day BETWEEN 1 AND 31", name="ck_contact_date_day"),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            ondelete="CASCADE",
            name="fk_contact_date_contact_id_contact",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_contact_date"),
    )
    op.create_index("ix_contact_date_contact", "contact_date", ["contact_id"])

    for name, columns, rows in _INDEXES:
        op.execute(f"CREATE VIRTUAL TABLE {name} USING fts5({columns}, {_OPTIONS})")
        op.execute(f"INSERT INTO {name}(rowid, {columns}) {rows}")


def downgrade() -> None:
    for name, _columns, _rows in reversed(_INDEXES):
        op.execute(f"DROP TABLE {name}")
    op.drop_index("ix_contact_date_contact", table_name="contact_date")
    op.drop_table("contact_date")
