"""Reads that turn rows into frozen records: contacts, reflections, timelines.

Rows are read as tuples and joined in Python by id; no ORM object leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from netjournal.core.exchange_reads import load_exchanges
from netjournal.core.models import (
    Channel,
    Contact,
    ContactDate,
    ContactTag,
    ExchangeTag,
    Reflection,
    ReflectionContact,
    ReflectionTag,
    Tag,
)
from netjournal.core.records import (
    ChannelRecord,
    ContactRecord,
    ContactRef,
    DateRecord,
    LogFilter,
    ReflectionRecord,
    TimelineItem,
)
from netjournal.core.rows import CONTACT_COLUMNS
from netjournal.core.storage.store import dbapi_connection

_CHUNK = 500


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _tags_by_owner(
    session: Session,
    link: type[ContactTag] | type[ExchangeTag] | type[ReflectionTag],
    owner_column: str,
    ids: Sequence[int],
) -> dict[int, tuple[str, ...]]:
    owner = getattr(link, owner_column)
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        rows = session.execute(
            select(owner, col(Tag.name))
            .join(Tag, col(Tag.id) == link.tag_id)
            .where(owner.in_(chunk))
            .order_by(Tag.name)
        ).all()
        for owner_id, name in rows:
            found[owner_id].append(name)
    return {k: tuple(v) for k, v in found.items()}


def load_contact(session: Session, contact_id: int) -> ContactRecord | None:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        return None
    channels = session.execute(
        select(
            col(Channel.id),
            col(Channel.platform),
            col(Channel.handle),
            col(Channel.i_follow),
            col(Channel.they_follow),
            col(Channel.connected_on),
        )
        .where(col(Channel.contact_id) == contact_id)
        .order_by(col(Channel.id))
    ).all()
    tags = _tags_by_owner(session, ContactTag, "contact_id", [contact_id])
    dates = load_dates(session, [contact_id]).get(contact_id, ())
    created: datetime = contact.created_at
    assert contact.id is not None
    return ContactRecord(
        **{name: getattr(contact, name) for name in CONTACT_COLUMNS},
        id=contact.id,
        archived=contact.archived,
        touched_on=contact.touched_on,
        snoozed_until=contact.snoozed_until,
        added_on=created.date(),
        tags=tags.get(contact_id, ()),
        channels=tuple(ChannelRecord(*row) for row in channels),
        dates=dates,
    )


def load_dates(
    session: Session, ids: Sequence[int] | None = None
) -> dict[int, tuple[DateRecord, ...]]:
    """Each contact's other dates in calendar order; every contact's when `ids` is None."""
    query = select(
        col(ContactDate.contact_id),
        col(ContactDate.id),
        col(ContactDate.label),
        col(ContactDate.month),
        col(ContactDate.day),
        col(ContactDate.year),
    ).order_by(col(ContactDate.month), col(ContactDate.day), col(ContactDate.id))
    if ids is None:
        chunks = [query]
    else:
        chunks = [query.where(col(ContactDate.contact_id).in_(c)) for c in _chunks(ids)]
    found: dict[int, list[DateRecord]] = defaultdict(list)
    for chunked in chunks:
        for contact_id, *fields in session.execute(chunked).all():
            found[contact_id].append(DateRecord(*fields))
    return {k: tuple(v) for k, v in found.items()}


def load_reflections(
    session: Session,
    *,
    ids: Sequence[int] | None = None,
    contact_id: int | None = None,
    limit: int | None = None,
) -> list[ReflectionRecord]:
    query = select(
        col(Reflection.id),
        col(Reflection.written_on),
        col(Reflection.title),
        col(Reflection.body),
        col(Reflection.prompt),
    )
    if ids is not None:
        query = query.where(col(Reflection.id).in_(list(ids)))
    if contact_id is not None:
        query = query.join(
            ReflectionContact, col(ReflectionContact.reflection_id) == Reflection.id
        ).where(col(ReflectionContact.contact_id) == contact_id)
    query = query.order_by(col(Reflection.written_on).desc(), col(Reflection.id).desc())
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    reflection_ids = [row[0] for row in rows]
    linked: dict[int, list[ContactRef]] = defaultdict(list)
    for chunk in _chunks(reflection_ids):
        for rid, cid, name in session.execute(
            select(col(ReflectionContact.reflection_id), col(Contact.id), col(Contact.name))
            .join(Contact, col(Contact.id) == ReflectionContact.contact_id)
            .where(col(ReflectionContact.reflection_id).in_(chunk))
            .where(col(Contact.deleted_at).is_(None))
            .order_by(col(Contact.name))
        ).all():
            linked[rid].append(ContactRef(cid, name))
    tags = _tags_by_owner(session, ReflectionTag, "reflection_id", reflection_ids)
    return [
        ReflectionRecord(
            id=row[0],
            written_on=row[1],
            title=row[2],
            body=row[3],
            prompt=row[4],
            tags=tags.get(row[0], ()),
            contacts=tuple(linked.get(row[0], ())),
        )
        for row in rows
    ]


def load_timeline(session: Session, contact_id: int, limit: int | None) -> list[TimelineItem]:
    """A contact's exchanges and reflections, newest first."""
    exchanges = load_exchanges(
        dbapi_connection(session), where=LogFilter(contact_id=contact_id), limit=limit
    )
    reflections = load_reflections(session, contact_id=contact_id, limit=limit)
    items = [TimelineItem(e.occurred_on, exchange=e) for e in exchanges]
    items += [TimelineItem(r.written_on, reflection=r) for r in reflections]
    items.sort(key=_timeline_key, reverse=True)
    return items[:limit] if limit is not None else items


def _timeline_key(item: TimelineItem) -> tuple[date, int]:
    if item.exchange is not None:
        return (item.day, item.exchange.id)
    assert item.reflection is not None
    return (item.day, item.reflection.id)
