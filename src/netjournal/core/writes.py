"""Contact and reflection row writes the service API shares, inside the caller's transaction.

Checking a contact is live, linking reflections, replacing channels and dates, and inserting a
validated contact. Exchanges and tags are written in plain SQL (`exchange_writes.py`). Nothing
here opens a session or validates input.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time

from sqlalchemy import delete
from sqlmodel import Session, col

from netjournal.core.errors import InputError
from netjournal.core.exchange_writes import set_tags
from netjournal.core.models import (
    Channel,
    Contact,
    ContactDate,
    ReflectionContact,
)
from netjournal.core.records import ContactDraft
from netjournal.core.rows import contact_fields
from netjournal.core.storage.store import dbapi_connection


def live_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise InputError("That contact no longer exists.")
    return contact


def add_contact_row(session: Session, clean: ContactDraft, now: datetime) -> Contact:
    """Insert a validated contact with its tags, channels and dates, inside the caller's write.

    The caller refreshes the search index once everything in its write is in place.
    """
    created = datetime.combine(clean.added_on, time(12, 0), tzinfo=UTC) if clean.added_on else now
    contact = Contact(created_at=created, updated_at=now, **contact_fields(clean))
    session.add(contact)
    session.flush()
    assert contact.id is not None
    set_tags(dbapi_connection(session), "contact_tag", "contact_id", contact.id, clean.tags)
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


def link_reflection(session: Session, reflection_id: int, contact_ids: Sequence[int]) -> None:
    for contact_id in dict.fromkeys(contact_ids):
        session.add(ReflectionContact(reflection_id=reflection_id, contact_id=contact_id))


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
