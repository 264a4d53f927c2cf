"""The journal's tables, as SQLModel classes: the one definition of the schema.

Only `core` touches these; everything else reads the frozen records in `records.py`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

# Every constraint gets a stable name, so a later batch migration can drop or alter it by name
# (an unnamed one can't be found again). "ck" keeps the explicit names given below as they are, and
# a check constraint without a name is refused when its model is defined. Alembic applies this
# convention to op.create_table too, so revisions spell their names out to stay frozen.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Contact(SQLModel, table=True):
    """A person in the journal."""

    __table_args__ = (
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="ck_contact_cadence"),
        Index("ix_contact_email", "email"),
        Index("ix_contact_name_key", "name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(description="The name normalised for matching duplicates.")
    nickname: str = ""
    company: str = ""
    role: str = ""
    location: str = ""
    how_met: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    cadence_days: int | None = None
    notes: str = ""
    archived: bool = False
    touched_on: date | None = None
    snoozed_until: date | None = None
    deleted_at: datetime | None = None
    created_at: datetime
    updated_at: datetime


class Channel(SQLModel, table=True):
    """A contact's presence on one platform, and who follows whom there."""

    __table_args__ = (Index("ix_channel_contact", "contact_id"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    platform: str
    handle: str
    i_follow: bool = False
    they_follow: bool = False
    connected_on: date | None = None


class ContactDate(SQLModel, table=True):
    """A date worth remembering for a contact besides the birthday, such as an anniversary."""

    __tablename__ = "contact_date"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="ck_contact_date_month"),
        CheckConstraint("day BETWEEN 1 AND 31", name="ck_contact_date_day"),
        Index("ix_contact_date_contact", "contact_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    label: str
    month: int
    day: int
    year: int | None = None


class Tag(SQLModel, table=True):
    """A tag name shared by contacts, exchanges and reflections."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class ContactTag(SQLModel, table=True):
    """Links a contact to a tag."""

    __tablename__ = "contact_tag"
    __table_args__ = (Index("ix_contact_tag_tag", "tag_id"),)

    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class Exchange(SQLModel, table=True):
    """Something of value shared between you and one or more contacts."""

    __table_args__ = (
        CheckConstraint("direction IN ('gave', 'received', 'mutual')", name="ck_exchange_dir"),
        CheckConstraint("weight BETWEEN 1 AND 3", name="ck_exchange_weight"),
        Index("ix_exchange_occurred", "occurred_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    occurred_on: date
    occurred_time: str = Field(default="", description="HH:MM when the user gave a time.")
    direction: str
    kind: str
    summary: str
    url: str = ""
    weight: int = 1
    created_at: datetime
    updated_at: datetime
    notes: str = Field(default="", sa_column_kwargs={"server_default": ""})


class ExchangeContact(SQLModel, table=True):
    """Links an exchange to each contact it involves.

    Date, direction and weight are copied from the exchange so the highlight queries can be
    answered from one covering index without touching the exchange table.
    """

    __tablename__ = "exchange_contact"
    __table_args__ = (
        Index(
            "ix_exchange_contact_summary",
            "contact_id",
            "occurred_on",
            "direction",
            "weight",
        ),
    )

    exchange_id: int = Field(foreign_key="exchange.id", primary_key=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    occurred_on: date
    direction: str
    weight: int


class ExchangeTag(SQLModel, table=True):
    """Links an exchange to a tag."""

    __tablename__ = "exchange_tag"
    __table_args__ = (Index("ix_exchange_tag_tag", "tag_id"),)

    exchange_id: int = Field(foreign_key="exchange.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class Reflection(SQLModel, table=True):
    """A dated piece of writing about your relationships."""

    __table_args__ = (Index("ix_reflection_written", "written_on"),)

    id: int | None = Field(default=None, primary_key=True)
    written_on: date
    title: str = ""
    body: str
    prompt: str = ""
    created_at: datetime
    updated_at: datetime


class ReflectionContact(SQLModel, table=True):
    """Links a reflection to a contact it is about."""

    __tablename__ = "reflection_contact"
    __table_args__ = (Index("ix_reflection_contact_contact", "contact_id"),)

    reflection_id: int = Field(foreign_key="reflection.id", primary_key=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")


class ReflectionTag(SQLModel, table=True):
    """Links a reflection to a tag."""

    __tablename__ = "reflection_tag"
    __table_args__ = (Index("ix_reflection_tag_tag", "tag_id"),)

    reflection_id: int = Field(foreign_key="reflection.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class Setting(SQLModel, table=True):
    """One setting stored in the journal, its value as JSON text."""

    key: str = Field(primary_key=True)
    value: str


class ContactLedger(SQLModel, table=True):
    """What the highlight rules read about one contact, kept current by every write.

    A write marks the contacts it touches in `ledger_dirty` (by triggers, see
    `core/highlights/ledger.py`) and recomputes their rows before it commits, so Home and
    `netjournal due` are a small read. The window figures are as of `as_of` and hold until
    `stale_on`, when the oldest exchange in the reciprocity window leaves it. See docs/guide.md for
    the rules themselves.
    """

    __tablename__ = "contact_ledger"
    __table_args__ = (
        Index("ix_contact_ledger_cadence", "cadence_days"),
        Index("ix_contact_ledger_stale", "stale_on"),
    )

    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    clock: date = Field(description="When the reconnect clock started.")
    cadence_days: int | None = Field(default=None, description="Own rhythm, else the tags'.")
    last_exchange: date | None = None
    last_kind: str = ""
    last_gave: date | None = None
    as_of: date
    given: float = Field(default=0.0, description="Weighted, decayed value given, as of as_of.")
    received: float = 0.0
    window_count: int = 0
    gave_count: int = 0
    received_count: int = 0
    window_months: int = Field(default=0, description="Distinct months with an exchange.")
    stale_on: date | None = None


class LedgerDirty(SQLModel, table=True):
    """Contacts whose ledger row a write has made out of date, until it is recomputed."""

    __tablename__ = "ledger_dirty"

    contact_id: int = Field(primary_key=True)
