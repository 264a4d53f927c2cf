"""Baseline: every table and index of the first released schema.

Revision ID: 1f019ae2452e
Revises:
Create Date: 2026-11-25 20:22:31.741657

Written from autogenerate, then tidied: plain SQLAlchemy types instead of SQLModel's (a revision is
a frozen record and must not change when the models do), indexes created directly, and every
constraint named as models.py's naming convention names it, spelled out here for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1f019ae2452e"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc_datetime() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _cascade_to(target: str, column: str, *, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete="CASCADE", name=name)


def upgrade() -> None:
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("nickname", sa.String(), nullable=False),
        sa.Column("company", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("how_met", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("website", sa.String(), nullable=False),
        sa.Column("birthday_month", sa.Integer(), nullable=True),
        sa.Column("birthday_day", sa.Integer(), nullable=True),
        sa.Column("birthday_year", sa.Integer(), nullable=True),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("touched_on", sa.Date(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("deleted_at", _utc_datetime(), nullable=True),
        sa.Column("created_at", _utc_datetime(), nullable=False),
        sa.Column("updated_at", _utc_datetime(), nullable=False),
        sa.CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="ck_contact_cadence"),
        sa.PrimaryKeyConstraint("id", name="pk_contact"),
    )
    op.create_index("ix_contact_email", "contact", ["email"])
    op.create_index("ix_contact_name_key", "contact", ["name_key"])

    op.create_table(
        "exchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("occurred_time", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc_datetime(), nullable=False),
        sa.Column("updated_at", _utc_datetime(), nullable=False),
        sa.CheckConstraint("direction IN ('gave', 'received', 'mutual')", name="ck_exchange_dir"),
        sa.CheckConstraint("weight BETWEEN 1 AND 3", name="ck_exchange_weight"),
        sa.PrimaryKeyConstraint("id", name="pk_exchange"),
    )
    op.create_index("ix_exchange_occurred", "exchange", ["occurred_on"])

    op.create_table(
        "reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("prompt", sa.String(), nullable=False),
        sa.Column("created_at", _utc_datetime(), nullable=False),
        sa.Column("updated_at", _utc_datetime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reflection"),
    )
    op.create_index("ix_reflection_written", "reflection", ["written_on"])

    op.create_table(
        "setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_setting"),
    )

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tag"),
        sa.UniqueConstraint("name", name="uq_tag_name"),
    )

    op.create_table(
        "channel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("handle", sa.String(), nullable=False),
        sa.Column("i_follow", sa.Boolean(), nullable=False),
        sa.Column("they_follow", sa.Boolean(), nullable=False),
        sa.Column("connected_on", sa.Date(), nullable=True),
        _cascade_to("contact", "contact_id", name="fk_channel_contact_id_contact"),
        sa.PrimaryKeyConstraint("id", name="pk_channel"),
    )
    op.create_index("ix_channel_contact", "channel", ["contact_id"])

    op.create_table(
        "contact_tag",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        _cascade_to("contact", "contact_id", name="fk_contact_tag_contact_id_contact"),
        _cascade_to("tag", "tag_id", name="fk_contact_tag_tag_id_tag"),
        sa.PrimaryKeyConstraint("contact_id", "tag_id", name="pk_contact_tag"),
    )
    op.create_index("ix_contact_tag_tag", "contact_tag", ["tag_id"])

    op.create_table(
        "exchange_contact",
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        _cascade_to("contact", "contact_id", name="fk_exchange_contact_contact_id_contact"),
        _cascade_to("exchange", "exchange_id", name="fk_exchange_contact_exchange_id_exchange"),
        sa.PrimaryKeyConstraint("exchange_id", "contact_id", name="pk_exchange_contact"),
    )
    op.create_index(
        "ix_exchange_contact_summary",
        "exchange_contact",
        ["contact_id", "occurred_on", "direction", "weight"],
    )

    op.create_table(
        "exchange_tag",
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        _cascade_to("exchange", "exchange_id", name="fk_exchange_tag_exchange_id_exchange"),
        _cascade_to("tag", "tag_id", name="fk_exchange_tag_tag_id_tag"),
        sa.PrimaryKeyConstraint("exchange_id", "tag_id", name="pk_exchange_tag"),
    )
    op.create_index("ix_exchange_tag_tag", "exchange_tag", ["tag_id"])

    op.create_table(
        "reflection_contact",
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        _cascade_to("contact", "contact_id", name="fk_reflection_contact_contact_id_contact"),
        _cascade_to(
            "reflection", "reflection_id", name="fk_reflection_contact_reflection_id_reflection"
        ),
        sa.PrimaryKeyConstraint("reflection_id", "contact_id", name="pk_reflection_contact"),
    )
    op.create_index("ix_reflection_contact_contact", "reflection_contact", ["contact_id"])

    op.create_table(
        "reflection_tag",
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        _cascade_to(
            "reflection", "reflection_id", name="fk_reflection_tag_reflection_id_reflection"
        ),
        _cascade_to("tag", "tag_id", name="fk_reflection_tag_tag_id_tag"),
        sa.PrimaryKeyConstraint("reflection_id", "tag_id", name="pk_reflection_tag"),
    )
    op.create_index("ix_reflection_tag_tag", "reflection_tag", ["tag_id"])


def downgrade() -> None:
    # Undoing the baseline would drop every table, that is, delete the journal.
    raise NotImplementedError("The baseline cannot be downgraded; restore a backup instead.")
