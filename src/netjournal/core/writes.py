"""Row writes the service API shares: each runs inside the caller's write transaction.

Checking a contact is live, linking people and tags, replacing channels and dates, and inserting
a validated contact or exchange. Nothing here opens a session or validates input.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import delete, select
from sqlmodel import Session, col

from netjournal.core import search_index
from netjournal.core.errors import InputError
from netjournal.core.models import (
    Channel,
    Contact,
    ContactDate,
    ContactTag,
    Exchange,
    ExchangeContact,
    ExchangeTag,
    ReflectionContact,
    ReflectionTag,
    Tag,
)
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.rows import contact_fields, exchange_fields


def live_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise InputError("That contact no longer exists.")
    return contact


def add_exchange(session: Session, clean: ExchangeDraft, today: date, now: datetime) -> int:
    """Insert a validated exchange with its links and tags, inside the caller's write."""
    exchange = Exchange(created_at=now, updated_at=now, **exchange_fields(clean, today))
    session.add(exchange)
    session.flush()
    assert exchange.id is not None
    link_exchange(session, exchange, clean.contact_ids)
    set_tags(session, ExchangeTag, "exchange_id", exchange.id, clean.tags)
    search_index.refresh(session, exchanges=[exchange.id])
    return exchange.id


def add_contact_row(session: Session, clean: ContactDraft, now: datetime) -> Contact:
    """Insert a validated contact with its tags, channels and dates, inside the caller's write.

    The caller refreshes the search index once everything in its write is in place.
    """
    created = datetime.combine(clean.added_on, time(12, 0), tzinfo=UTC) if clean.added_on else now
    contact = Contact(created_at=created, updated_at=now, **contact_fields(clean))
    session.add(contact)
    session.flush()
    assert contact.id is not None
    set_tags(session, ContactTag, "contact_id", contact.id, clean.tags)
    if clean.channels:
        replace_channels(session, contact.id, clean)
    if clean.dates:
        replace_dates(session, contact.id, clean)
    return contact


def is_live(session: Session, contact_id: int) -> bool:
    contact = session.get(Contact, contact_id)
    return contact is not None and contact.deleted_at is None


def check_contacts(session: Session, contact_ids: Sequence[int]) -> None:
    for contact_id in contact_ids:
        live_contact(session, contact_id)


def link_exchange(session: Session, exchange: Exchange, contact_ids: Sequence[int]) -> None:
    assert exchange.id is not None
    for contact_id in dict.fromkeys(contact_ids):
        session.add(
            ExchangeContact(
                exchange_id=exchange.id,
                contact_id=contact_id,
                occurred_on=exchange.occurred_on,
                direction=exchange.direction,
                weight=exchange.weight,
            )
        )


def link_reflection(session: Session, reflection_id: int, contact_ids: Sequence[int]) -> None:
    for contact_id in dict.fromkeys(contact_ids):
        session.add(ReflectionContact(reflection_id=reflection_id, contact_id=contact_id))


def _tag_ids(session: Session, names: Sequence[str]) -> list[int]:
    ids = []
    for name in names:
        found = session.execute(
            select(col(Tag.id)).where(col(Tag.name) == name)
        ).scalar_one_or_none()
        if found is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            assert tag.id is not None
            found = tag.id
        ids.append(found)
    return ids


def set_tags(
    session: Session,
    link: type[ContactTag] | type[ExchangeTag] | type[ReflectionTag],
    owner_column: str,
    owner_id: int,
    names: Sequence[str],
) -> None:
    owner = getattr(link, owner_column)
    session.execute(delete(link).where(owner == owner_id))
    for tag_id in _tag_ids(session, names):
        session.add(link(**{owner_column: owner_id, "tag_id": tag_id}))


def replace_channels(session: Session, contact_id: int, clean: ContactDraft) -> None:
    session.execute(delete(Channel).where(col(Channel.contact_id) == contact_id))
    for channel in clean.channels or ():
        session.add(
            Channel(
                contact_id=contact_id,
                platform=channel.platform,
                handle=channel.handle,
                i_follow=channel.i_follow,
                they_follow=channel.they_follow,
                connected_on=channel.connected_on,
            )
        )


def replace_dates(session: Session, contact_id: int, clean: ContactDraft) -> None:
    session.execute(delete(ContactDate).where(col(ContactDate.contact_id) == contact_id))
    for when in clean.dates or ():
        session.add(
            ContactDate(
                contact_id=contact_id,
                label=when.label,
                month=when.month,
                day=when.day,
                year=when.year,
            )
        )
