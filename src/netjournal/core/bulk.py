"""Whole-journal reads and writes for imports and restores: a few statements, one transaction.

`Journal` inherits these; they live apart because they trade the per-record API's simplicity
for bulk inserts, and only `netjournal.io` calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from netjournal.core.errors import InputError
from netjournal.core.find import search_index
from netjournal.core.models import (
    Channel,
    Contact,
    ContactDate,
    ContactTag,
    Exchange,
    ExchangeContact,
    ExchangeTag,
    Reflection,
    ReflectionContact,
    ReflectionTag,
    Setting,
    Tag,
)
from netjournal.core.reading import load_dates
from netjournal.core.records import (
    ContactDraft,
    ContactRecord,
    ExchangeDraft,
    ReflectionDraft,
)
from netjournal.core.rows import CONTACT_COLUMNS, contact_fields, exchange_fields
from netjournal.core.service import JournalService
from netjournal.core.validation import (
    validate_contact,
    validate_exchange,
    validate_reflection,
)


class BulkImport(JournalService):
    """The bulk half of the service API (see `journal.Journal`)."""

    # ---- bulk import
    # Imports, exports and restores (netjournal.io) work on whole journals, so these read and
    # write everything in a few statements instead of one unit of work per record.

    _CONTACT_COLUMNS = (
        "id",
        *CONTACT_COLUMNS,
        "archived",
        "touched_on",
        "snoozed_until",
        "created_at",
    )
    _BATCH = 2000

    def all_contacts(self) -> list[ContactRecord]:
        """Every live contact with its tags and channels, ordered by id, in three queries."""
        from collections import defaultdict

        from netjournal.core.records import ChannelRecord

        columns = [getattr(Contact, name) for name in self._CONTACT_COLUMNS]
        with self.store.reader() as session:
            rows = session.execute(
                select(*columns).where(col(Contact.deleted_at).is_(None)).order_by(col(Contact.id))
            ).all()
            channel_rows = session.execute(
                select(col(Channel.contact_id), col(Channel.id), col(Channel.platform),
                       col(Channel.handle), col(Channel.i_follow), col(Channel.they_follow),
                       col(Channel.connected_on))
                .order_by(col(Channel.id))
            ).all()  # fmt: skip
            tag_rows = session.execute(
                select(col(ContactTag.contact_id), col(Tag.name))
                .join(Tag, col(Tag.id) == ContactTag.tag_id)
                .order_by(Tag.name)
            ).all()
            dates = load_dates(session)
        channels: dict[int, list[ChannelRecord]] = defaultdict(list)
        for contact_id, *channel in channel_rows:
            channels[contact_id].append(ChannelRecord(*channel))
        tags: dict[int, list[str]] = defaultdict(list)
        for contact_id, name in tag_rows:
            tags[contact_id].append(name)
        records = []
        for row in rows:
            fields = dict(row._mapping)
            created: datetime = fields.pop("created_at")
            records.append(
                ContactRecord(
                    **fields,
                    added_on=created.date(),
                    tags=tuple(tags.get(fields["id"], ())),
                    channels=tuple(channels.get(fields["id"], ())),
                    dates=dates.get(fields["id"], ()),
                )
            )
        return records

    def import_records(
        self,
        contacts: Sequence[ContactDraft] = (),
        *,
        marks: Sequence[tuple[bool, date | None, date | None]] = (),
        updates: Sequence[tuple[int, ContactDraft]] = (),
        exchanges: Sequence[ExchangeDraft] = (),
        reflections: Sequence[ReflectionDraft] = (),
        settings: dict[str, Any] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[int]:
        """Write a whole import in ONE transaction: all of it, or (on any error) none of it.

        `contacts` are created (their `added_on` dates them); `marks`, when given, holds one
        (archived, touched_on, snoozed_until) per new contact. `updates` replaces the fields and
        tags of existing contacts, and their channels and dates when the draft has them. In
        `exchanges` and `reflections` a contact id of -n means the n-th of `contacts`
        (counting from 1). `settings` changes journal settings by name. Everything is validated
        before the transaction opens; `progress(n)` is called as each batch of n records is written.
        Returns the ids of the new contacts, in order.
        """
        today = self.today()
        new = [validate_contact(d, today) for d in contacts]
        changed = [(cid, validate_contact(d, today)) for cid, d in updates]
        logged = [validate_exchange(d, today) for d in exchanges]
        written = [validate_reflection(d, today) for d in reflections]
        new_settings = self.settings().with_changes(**settings) if settings else None
        if marks and len(marks) != len(new):
            raise ValueError("marks needs one entry per new contact")
        step = progress or (lambda _count: None)
        with self.store.writer() as session:
            tag_ids = {
                name: tag_id
                for name, tag_id in session.execute(select(col(Tag.name), col(Tag.id))).all()
            }
            new_ids = self._bulk_new_contacts(session, new, marks, tag_ids, step)
            live = set(
                session.execute(select(col(Contact.id)).where(col(Contact.deleted_at).is_(None)))
                .scalars()
                .all()
            )

            def real(contact_id: int) -> int:
                if contact_id < 0:
                    return new_ids[-contact_id - 1]
                if contact_id not in live:
                    raise InputError(
                        "A contact this import refers to was deleted meanwhile, so nothing was "
                        "imported. Run the import again."
                    )
                return contact_id

            self._bulk_updates(session, [(real(c), d) for c, d in changed], tag_ids, step)
            self._bulk_exchanges(session, logged, real, tag_ids, step)
            self._bulk_reflections(session, written, real, tag_ids, step)
            if new_settings is not None:
                for key, value in new_settings.to_rows().items():
                    session.merge(Setting(key=key, value=value))
        if new_settings is not None:
            self._settings = new_settings
        return new_ids

    def restore_from(self, source: Path) -> None:
        """Replace this journal's contents with the journal at `source`, in place.

        Copies with SQLite's backup API *into* the live file, all or nothing (docs/data-safety.md),
        with every other netjournal kept out meanwhile. The caller checks `source` first
        (`store.preflight`) and keeps a safety backup.
        """
        import sqlite3

        from netjournal.core.storage.db import connect_read_only
        from netjournal.core.storage.file_errors import describe_error

        try:
            source_connection = connect_read_only(source)
        except sqlite3.Error as exc:
            raise describe_error(exc, source) from exc
        try:
            with self.store.alone("restore"), self.store.engine.connect() as connection:
                target = connection.connection.dbapi_connection
                assert isinstance(target, sqlite3.Connection)
                source_connection.backup(target)
        except sqlite3.Error as exc:
            raise describe_error(exc, self.path) from exc
        finally:
            source_connection.close()
        # Pooled connections and the cached settings describe the contents that were replaced.
        self.store.engine.dispose()
        self.store.replaced()
        self._settings = None

    def _bulk_insert(
        self,
        session: Session,
        model: Any,
        rows: list[dict[str, Any]],
        step: Callable[[int], None] | None = None,
    ) -> None:
        from sqlalchemy import insert

        for start in range(0, len(rows), self._BATCH):
            chunk = rows[start : start + self._BATCH]
            session.execute(insert(model), chunk)
            if step is not None:
                step(len(chunk))

    def _bulk_tag_links(
        self,
        session: Session,
        tag_ids: dict[str, int],
        owner: str,
        owners: Sequence[tuple[int, Sequence[str]]],
    ) -> list[dict[str, Any]]:
        from sqlalchemy import insert

        links = []
        for owner_id, names in owners:
            for name in names:
                if name not in tag_ids:
                    created = session.execute(insert(Tag).values(name=name).returning(col(Tag.id)))
                    tag_ids[name] = int(created.scalar_one())
                links.append({owner: owner_id, "tag_id": tag_ids[name]})
        return links

    def _next_id(self, session: Session, model: type[Contact | Exchange | Reflection]) -> int:
        return int(session.execute(select(func.max(col(model.id)))).scalar() or 0) + 1

    def _bulk_new_contacts(
        self,
        session: Session,
        new: Sequence[ContactDraft],
        marks: Sequence[tuple[bool, date | None, date | None]],
        tag_ids: dict[str, int],
        step: Callable[[int], None],
    ) -> list[int]:
        now = self.now()
        first = self._next_id(session, Contact)
        new_ids = list(range(first, first + len(new)))
        # A batch at a time: the rows of a 50,000-contact import at once would take ~60 MB.
        for start in range(0, len(new), self._BATCH):
            rows, channels, dates = [], [], []
            for index in range(start, min(start + self._BATCH, len(new))):
                contact_id, clean = new_ids[index], new[index]
                archived, touched, snoozed = marks[index] if marks else (False, None, None)
                created = (
                    datetime.combine(clean.added_on, time(12, 0), tzinfo=UTC)
                    if clean.added_on
                    else now
                )
                rows.append(
                    {"id": contact_id, "created_at": created, "updated_at": now,
                     "archived": archived, "touched_on": touched, "snoozed_until": snoozed,
                     **contact_fields(clean)}
                )  # fmt: skip
                channels += [{"contact_id": contact_id, **vars(c)} for c in clean.channels or ()]
                dates += [{"contact_id": contact_id, **vars(d)} for d in clean.dates or ()]
            self._bulk_insert(session, Contact, rows, step)
            self._bulk_insert(session, Channel, channels)
            self._bulk_insert(session, ContactDate, dates)
        owners = [(cid, c.tags) for cid, c in zip(new_ids, new, strict=True)]
        self._bulk_insert(
            session, ContactTag, self._bulk_tag_links(session, tag_ids, "contact_id", owners)
        )
        search_index.refresh(session, contacts=new_ids)
        return new_ids

    def _bulk_updates(
        self,
        session: Session,
        changed: Sequence[tuple[int, ContactDraft]],
        tag_ids: dict[str, int],
        step: Callable[[int], None],
    ) -> None:
        from sqlalchemy import update

        if not changed:
            return
        now = self.now()
        ids = [cid for cid, _ in changed]
        session.execute(
            update(Contact),
            [{"id": cid, "updated_at": now, **contact_fields(clean)} for cid, clean in changed],
        )
        session.execute(delete(ContactTag).where(col(ContactTag.contact_id).in_(ids)))
        rechanneled = [cid for cid, clean in changed if clean.channels is not None]
        session.execute(delete(Channel).where(col(Channel.contact_id).in_(rechanneled)))
        channels = [
            {"contact_id": cid, **vars(c)} for cid, clean in changed for c in clean.channels or ()
        ]
        self._bulk_insert(session, Channel, channels)
        redated = [cid for cid, clean in changed if clean.dates is not None]
        session.execute(delete(ContactDate).where(col(ContactDate.contact_id).in_(redated)))
        dates = [
            {"contact_id": cid, **vars(d)} for cid, clean in changed for d in clean.dates or ()
        ]
        self._bulk_insert(session, ContactDate, dates)
        links = self._bulk_tag_links(
            session, tag_ids, "contact_id", [(cid, clean.tags) for cid, clean in changed]
        )
        self._bulk_insert(session, ContactTag, links)
        search_index.refresh(session, contacts=ids)
        step(len(changed))

    def _bulk_exchanges(
        self,
        session: Session,
        logged: Sequence[ExchangeDraft],
        real: Callable[[int], int],
        tag_ids: dict[str, int],
        step: Callable[[int], None],
    ) -> None:
        today, now = self.today(), self.now()
        first = self._next_id(session, Exchange)
        rows, links = [], []
        for exchange_id, clean in enumerate(logged, start=first):
            fields = exchange_fields(clean, today)
            rows.append({"id": exchange_id, "created_at": now, "updated_at": now, **fields})
            links += [
                {"exchange_id": exchange_id, "contact_id": contact_id,
                 "occurred_on": fields["occurred_on"], "direction": clean.direction,
                 "weight": clean.weight}
                for contact_id in dict.fromkeys(real(c) for c in clean.contact_ids)
            ]  # fmt: skip
        self._bulk_insert(session, Exchange, rows, step)
        self._bulk_insert(session, ExchangeContact, links)
        owners = [(eid, c.tags) for eid, c in enumerate(logged, start=first)]
        self._bulk_insert(
            session, ExchangeTag, self._bulk_tag_links(session, tag_ids, "exchange_id", owners)
        )
        search_index.refresh(session, exchanges=range(first, first + len(logged)))

    def _bulk_reflections(
        self,
        session: Session,
        written: Sequence[ReflectionDraft],
        real: Callable[[int], int],
        tag_ids: dict[str, int],
        step: Callable[[int], None],
    ) -> None:
        today, now = self.today(), self.now()
        first = self._next_id(session, Reflection)
        rows, links = [], []
        for reflection_id, clean in enumerate(written, start=first):
            rows.append(
                {"id": reflection_id, "written_on": clean.written_on or today,
                 "title": clean.title, "body": clean.body, "prompt": clean.prompt,
                 "created_at": now, "updated_at": now}
            )  # fmt: skip
            links += [
                {"reflection_id": reflection_id, "contact_id": contact_id}
                for contact_id in dict.fromkeys(real(c) for c in clean.contact_ids)
            ]
        self._bulk_insert(session, Reflection, rows, step)
        self._bulk_insert(session, ReflectionContact, links)
        owners = [(rid, c.tags) for rid, c in enumerate(written, start=first)]
        self._bulk_insert(
            session, ReflectionTag, self._bulk_tag_links(session, tag_ids, "reflection_id", owners)
        )
        search_index.refresh(session, reflections=range(first, first + len(written)))
