"""The one service API the shell and the TUI both call.

Every write is one short transaction; every read returns frozen records from `records.py`.
Input is cleaned and validated (see `validation.py`) before any session opens. Exchanges,
introductions and bulk imports are inherited from `exchanges.py`, `introductions.py` and
`bulk.py`; the row writes they share are in `writes.py`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, text
from sqlmodel import col

from netjournal.core import exchange_writes, writes
from netjournal.core.bulk import BulkImport
from netjournal.core.clock import local_today
from netjournal.core.errors import InputError
from netjournal.core.exchanges import Exchanges
from netjournal.core.find import names, search_index
from netjournal.core.find.search import SearchResults, find
from netjournal.core.highlights import insights, ledger, upcoming
from netjournal.core.introductions import Introductions
from netjournal.core.models import (
    Contact,
    Exchange,
    Reflection,
    ReflectionContact,
    Setting,
)
from netjournal.core.reading import (
    load_contact,
    load_reflections,
    load_timeline,
)
from netjournal.core.records import (
    ContactDraft,
    ContactRecord,
    ContactRef,
    ContactSummary,
    Highlights,
    MonthTotal,
    Quality,
    ReflectionDraft,
    ReflectionRecord,
    TimelineItem,
    UpcomingDate,
)
from netjournal.core.rows import contact_fields
from netjournal.core.settings import Settings
from netjournal.core.storage.db import connect_read_only, data_version
from netjournal.core.storage.store import Store, dbapi_connection, open_store
from netjournal.core.validation import validate_contact, validate_reflection

SNOOZE_CHOICES = (3, 7, 14, 30)


class Journal(Exchanges, Introductions, BulkImport):
    """A journal file, open for one process, with every operation the app offers."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = local_today,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(store, today=today, now=now)
        self._summaries: tuple[tuple[object, ...], list[ContactSummary]] | None = None
        self._summaries_guard = threading.RLock()
        self._watching: sqlite3.Connection | None = None

    @property
    def notice(self) -> str | None:
        """A sentence for the user about the file, from opening it (e.g. its modes tightened)."""
        return self.store.notice

    def close(self) -> None:
        with self._summaries_guard:
            if self._watching is not None:
                self._watching.close()
                self._watching = None
        self.store.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- settings

    def update_settings(self, **changes: object) -> Settings:
        updated = self.settings().with_changes(**changes)
        with self.store.writer() as session:
            for key, value in updated.to_rows().items():
                session.merge(Setting(key=key, value=value))
        self._settings = updated
        return updated

    # ----------------------------------------------------------------- contacts

    def add_contact(self, draft: ContactDraft) -> int:
        clean = validate_contact(draft, self.today())
        with self.store.writer() as session:
            contact = writes.add_contact_row(session, clean, self.now())
            assert contact.id is not None
            search_index.refresh(session, contacts=[contact.id])
            return contact.id

    def update_contact(self, contact_id: int, draft: ContactDraft) -> None:
        clean = validate_contact(draft, self.today())
        with self.store.writer() as session:
            contact = writes.live_contact(session, contact_id)
            for key, value in contact_fields(clean).items():
                setattr(contact, key, value)
            contact.updated_at = self.now()
            session.add(contact)
            exchange_writes.set_tags(
                dbapi_connection(session), "contact_tag", "contact_id", contact_id, clean.tags
            )
            if clean.channels is not None:
                writes.replace_channels(session, contact_id, clean)
            if clean.dates is not None:
                writes.replace_dates(session, contact_id, clean)
            search_index.refresh(session, contacts=[contact_id])

    def set_archived(self, contact_id: int, archived: bool = True) -> None:
        with self.store.writer() as session:
            contact = writes.live_contact(session, contact_id)
            contact.archived = archived
            contact.updated_at = self.now()
            session.add(contact)

    def delete_contact(self, contact_id: int) -> ContactRef:
        """Soft-delete: hidden everywhere at once, purged after `purge_after_days`."""
        with self.store.writer() as session:
            contact = writes.live_contact(session, contact_id)
            contact.deleted_at = self.now()
            session.add(contact)
            return ContactRef(contact_id, contact.name)

    def undo_delete_contact(self, contact_id: int) -> None:
        with self.store.writer() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise InputError("That contact was removed for good and can't be brought back.")
            contact.deleted_at = None
            session.add(contact)

    def purge_deleted(self) -> int:
        """Remove contacts deleted long enough ago, and exchanges left with nobody."""
        cutoff = self.now() - timedelta(days=self.settings().purge_after_days)
        with self.store.writer() as session:
            doomed = (
                session.execute(
                    select(col(Contact.id)).where(
                        col(Contact.deleted_at).is_not(None), col(Contact.deleted_at) < cutoff
                    )
                )
                .scalars()
                .all()
            )
            if not doomed:
                return 0
            session.execute(delete(Contact).where(col(Contact.id).in_(doomed)))
            orphans = (
                session.execute(
                    text(
                        "SELECT id FROM exchange WHERE id NOT IN "
                        "(SELECT exchange_id FROM exchange_contact)"
                    )
                )
                .scalars()
                .all()
            )
            session.execute(delete(Exchange).where(col(Exchange.id).in_(orphans)))
            search_index.refresh(session, contacts=doomed, exchanges=orphans)
            return len(doomed)

    def touch(self, contact_id: int, on: date | None = None) -> None:
        """Mark as touched: restarts the contact's reconnect clock without logging anything."""
        day = on or self.today()
        if day > self.today():
            raise InputError("A touch can't be dated in the future.")
        with self.store.writer() as session:
            contact = writes.live_contact(session, contact_id)
            contact.touched_on = day
            contact.snoozed_until = None
            session.add(contact)

    def snooze(self, contact_id: int, days: int) -> date:
        if days < 1 or days > 3650:
            raise InputError("Snooze for between 1 and 3650 days (3, 7, 14 or 30 are usual).")
        until = self.today() + timedelta(days=days)
        with self.store.writer() as session:
            contact = writes.live_contact(session, contact_id)
            contact.snoozed_until = until
            session.add(contact)
        return until

    def put_back_marks(
        self, contact_id: int, touched_on: date | None, snoozed_until: date | None
    ) -> None:
        """Undo a touch or a snooze: the contact's two marks as they were before it."""
        with self.store.writer() as session:
            contact = writes.live_contact(session, contact_id)
            contact.touched_on = touched_on
            contact.snoozed_until = snoozed_until
            session.add(contact)

    def contact(self, contact_id: int) -> ContactRecord:
        with self.store.reader() as session:
            record = load_contact(session, contact_id)
        if record is None:
            raise InputError("That contact no longer exists.")
        return record

    def contact_refs(self, include_archived: bool = True) -> list[ContactRef]:
        query = select(col(Contact.id), col(Contact.name)).where(col(Contact.deleted_at).is_(None))
        if not include_archived:
            query = query.where(col(Contact.archived).is_(False))
        with self.store.reader() as session:
            rows = session.execute(query.order_by(func.lower(Contact.name))).all()
        return [ContactRef(r[0], r[1]) for r in rows]

    def match_contacts(self, fragment: str) -> list[ContactRef]:
        """Contacts a typed name could mean, best first; see `names.match_contacts`."""
        with self.store.reader() as session:
            return names.match_contacts(dbapi_connection(session), fragment)

    def resolve_contact(self, fragment: str) -> ContactRef:
        """The one contact a typed name means, or an InputError listing the candidates."""
        with self.store.reader() as session:
            return names.resolve_contact(dbapi_connection(session), fragment)

    def contact_summaries(self, include_archived: bool = False) -> list[ContactSummary]:
        """Every live contact with every highlight rule applied, by name.

        Home, Contacts and the quick log each want them after the same write: the list is kept
        until anything is committed (by any program) or the day turns. Callers get a new list.
        """
        today = self.today()
        key = (self._committed(), today, self.settings(), include_archived)
        with self._summaries_guard:
            if self._summaries is not None and self._summaries[0] == key:
                return list(self._summaries[1])
        self._freshen_ledger(today)
        with self.store.reader() as session:
            found = insights.load_summaries(
                dbapi_connection(session),
                self.settings(),
                today,
                include_archived=include_archived,
            )
        found.sort(key=lambda s: s.name.casefold())
        with self._summaries_guard:
            # Under the key taken before reading: a commit meanwhile changes the next key.
            self._summaries = (key, found)
        return list(found)

    def _committed(self) -> int:
        """Changes whenever anything is committed to the journal, by this program or another:
        SQLite's data_version, asked on a connection that itself never writes."""
        with self._summaries_guard:
            if self._watching is None:
                self._watching = connect_read_only(self.path, any_thread=True)
            return data_version(self._watching)

    def _freshen_ledger(self, today: date) -> None:
        """Bring ledger rows that time (or an interrupted write) left behind up to `today`."""
        with self.store.reader() as session:
            stale = ledger.needs_freshening(dbapi_connection(session), today)
        if stale:
            with self.store.writer() as session:
                ledger.freshen(dbapi_connection(session), today)

    def check_file(self) -> list[str]:
        """SQLite's full integrity check of the journal file: [] when every page is whole."""
        with self.store.reader() as session:
            rows = dbapi_connection(session).execute("PRAGMA integrity_check").fetchall()
        problems = [str(row[0]) for row in rows]
        return [] if problems == ["ok"] else problems

    def check_ledger(self, *, repair: bool = False) -> list[ledger.Mismatch]:
        """Contacts whose ledger row differs from a recomputation; with `repair`, rebuild them all.

        Returns what was found before any repair.
        """
        today = self.today()
        with self.store.reader() as session:
            problems = ledger.check(dbapi_connection(session), today)
        if problems and repair:
            with self.store.writer() as session:
                ledger.rebuild(dbapi_connection(session), today)
        return problems

    def timeline(self, contact_id: int, limit: int | None = None) -> list[TimelineItem]:
        with self.store.reader() as session:
            return load_timeline(session, contact_id, limit)

    # -------------------------------------------------------------- reflections

    def add_reflection(self, draft: ReflectionDraft) -> int:
        today = self.today()
        clean = validate_reflection(draft, today)
        now = self.now()
        with self.store.writer() as session:
            writes.check_contacts(session, clean.contact_ids)
            reflection = Reflection(
                written_on=clean.written_on or today,
                title=clean.title,
                body=clean.body,
                prompt=clean.prompt,
                created_at=now,
                updated_at=now,
            )
            session.add(reflection)
            session.flush()
            assert reflection.id is not None
            writes.link_reflection(session, reflection.id, clean.contact_ids)
            exchange_writes.set_tags(
                dbapi_connection(session),
                "reflection_tag",
                "reflection_id",
                reflection.id,
                clean.tags,
            )
            search_index.refresh(session, reflections=[reflection.id])
            return reflection.id

    def update_reflection(self, reflection_id: int, draft: ReflectionDraft) -> None:
        today = self.today()
        clean = validate_reflection(draft, today)
        with self.store.writer() as session:
            reflection = session.get(Reflection, reflection_id)
            if reflection is None:
                raise InputError("That reflection no longer exists.")
            writes.check_contacts(session, clean.contact_ids)
            reflection.written_on = clean.written_on or reflection.written_on
            reflection.title = clean.title
            reflection.body = clean.body
            reflection.prompt = clean.prompt
            reflection.updated_at = self.now()
            session.add(reflection)
            session.execute(
                delete(ReflectionContact).where(
                    col(ReflectionContact.reflection_id) == reflection_id
                )
            )
            writes.link_reflection(session, reflection_id, clean.contact_ids)
            exchange_writes.set_tags(
                dbapi_connection(session),
                "reflection_tag",
                "reflection_id",
                reflection_id,
                clean.tags,
            )
            search_index.refresh(session, reflections=[reflection_id])

    def delete_reflection(self, reflection_id: int) -> ReflectionRecord:
        record = self.reflection(reflection_id)
        with self.store.writer() as session:
            session.execute(delete(Reflection).where(col(Reflection.id) == reflection_id))
            search_index.refresh(session, reflections=[reflection_id])
        return record

    def restore_reflection(self, record: ReflectionRecord) -> int:
        draft = replace(record.to_draft(), written_on=record.written_on)
        return self.add_reflection(draft)

    def reflection(self, reflection_id: int) -> ReflectionRecord:
        with self.store.reader() as session:
            found = load_reflections(session, ids=[reflection_id])
        if not found:
            raise InputError("That reflection no longer exists.")
        return found[0]

    def reflections(
        self, contact_id: int | None = None, limit: int | None = None
    ) -> list[ReflectionRecord]:
        with self.store.reader() as session:
            return load_reflections(session, contact_id=contact_id, limit=limit)

    # --------------------------------------------------------------- highlights

    def highlights(self, recent: int = 8) -> Highlights:
        today = self.today()
        settings = self.settings()
        self._freshen_ledger(today)
        with self.store.reader() as session:
            return insights.load_highlights(
                dbapi_connection(session), settings, today, recent=recent
            )

    def upcoming(self, days: int | None = None) -> list[UpcomingDate]:
        """Birthdays and other dates of live contacts in the next `days` days, today included.

        `days` defaults to the `upcoming_days` setting, where 0 turns the list off.
        """
        window = self.settings().upcoming_days if days is None else days
        if window <= 0:
            return []
        with self.store.reader() as session:
            rows = upcoming.load_date_rows(dbapi_connection(session))
        return upcoming.upcoming(rows, self.today(), window)

    def quality(self) -> Quality:
        today = self.today()
        self._freshen_ledger(today)
        with self.store.reader() as session:
            return insights.load_quality(dbapi_connection(session), self.settings(), today)

    def months(self, count: int = 12) -> list[MonthTotal]:
        with self.store.reader() as session:
            return insights.load_months(dbapi_connection(session), self.today(), count)

    def search(
        self,
        query: str,
        *,
        advanced: bool = False,
        limit: int = 20,
        prefix_last: bool = False,
        include_archived: bool = True,
    ) -> SearchResults:
        """Contacts, exchanges and reflections holding every word of `query`; see `search.find`."""
        with self.store.reader() as session:
            return find(
                session,
                query,
                advanced=advanced,
                limit=limit,
                prefix_last=prefix_last,
                include_archived=include_archived,
            )


def open_journal(
    path: Path,
    *,
    today: Callable[[], date] = local_today,
    create: bool = True,
) -> Journal:
    """Open (or create) the journal at `path`, safely; see `store.open_store`."""
    return Journal(open_store(path, create=create), today=today)
