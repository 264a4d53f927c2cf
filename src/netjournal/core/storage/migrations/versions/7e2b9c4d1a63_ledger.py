"""The ledger: each contact's highlight facts, kept current by every write.

Revision ID: 7e2b9c4d1a63
Revises: 5c1d2e8a7b34
Create Date: 2026-12-06 10:00:00

The triggers are spelled out here rather than read from `core/highlights/ledger.py`, so that this
revision stays what it was when released; a test checks that the two still agree at head. Every
contact is marked, and the upgrade's last step (`migrate.upgrade`) computes their rows in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7e2b9c4d1a63"
down_revision: str | Sequence[str] | None = "5c1d2e8a7b34"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MARK = "INSERT OR IGNORE INTO ledger_dirty(contact_id)"
_TRIGGERS = (
    (
        "ledger_exchange_contact_insert",
        "AFTER INSERT ON exchange_contact",
        f"{_MARK} VALUES (NEW.contact_id);",
    ),
    (
        "ledger_exchange_contact_delete",
        "AFTER DELETE ON exchange_contact",
        f"{_MARK} VALUES (OLD.contact_id);",
    ),
    (
        "ledger_exchange_contact_update",
        "AFTER UPDATE ON exchange_contact",
        f"{_MARK} VALUES (OLD.contact_id); {_MARK} VALUES (NEW.contact_id);",
    ),
    (
        "ledger_exchange_update",
        "AFTER UPDATE OF kind, occurred_on, direction, weight ON exchange",
        f"{_MARK} SELECT contact_id FROM exchange_contact WHERE exchange_id = NEW.id;",
    ),
    ("ledger_contact_insert", "AFTER INSERT ON contact", f"{_MARK} VALUES (NEW.id);"),
    (
        "ledger_contact_update",
        "AFTER UPDATE OF touched_on, cadence_days, created_at ON contact",
        f"{_MARK} VALUES (NEW.id);",
    ),
    (
        "ledger_contact_tag_insert",
        "AFTER INSERT ON contact_tag",
        f"{_MARK} VALUES (NEW.contact_id);",
    ),
    (
        "ledger_contact_tag_delete",
        "AFTER DELETE ON contact_tag",
        f"{_MARK} VALUES (OLD.contact_id);",
    ),
    ("ledger_setting_insert", "AFTER INSERT ON setting", f"{_MARK} SELECT id FROM contact;"),
    ("ledger_setting_update", "AFTER UPDATE ON setting", f"{_MARK} SELECT id FROM contact;"),
    ("ledger_setting_delete", "AFTER DELETE ON setting", f"{_MARK} SELECT id FROM contact;"),
)


def upgrade() -> None:
    op.create_table(
        "contact_ledger",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("clock", sa.Date(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("last_exchange", sa.Date(), nullable=True),
        sa.Column("last_kind", sa.String(), nullable=False),
        sa.Column("last_gave", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("given", sa.Float(), nullable=False),
        sa.Column("received", sa.Float(), nullable=False),
        sa.Column("window_count", sa.Integer(), nullable=False),
        sa.Column("gave_count", sa.Integer(), nullable=False),
        sa.Column("received_count", sa.Integer(), nullable=False),
        sa.Column("window_months", sa.Integer(), nullable=False),
        sa.Column("stale_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            ondelete="CASCADE",
            name="fk_contact_ledger_contact_id_contact",
        ),
        sa.PrimaryKeyConstraint("contact_id", name="pk_contact_ledger"),
    )
    op.create_index("ix_contact_ledger_cadence", "contact_ledger", ["cadence_days"])
    op.create_index("ix_contact_ledger_stale", "contact_ledger", ["stale_on"])
    op.create_table(
        "ledger_dirty",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("contact_id", name="pk_ledger_dirty"),
    )
    for name, when, body in _TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    op.execute(f"{_MARK} SELECT id FROM contact")


def downgrade() -> None:
    for name, _when, _body in reversed(_TRIGGERS):
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("ledger_dirty")
    op.drop_index("ix_contact_ledger_stale", table_name="contact_ledger")
    op.drop_index("ix_contact_ledger_cadence", table_name="contact_ledger")
    op.drop_table("contact_ledger")
