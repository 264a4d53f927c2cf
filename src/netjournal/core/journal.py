"""The one service API the shell and the TUI both call.

Every write is one short transaction; every read returns frozen records from `records.py`.
Input is cleaned and validated (see `validation.py`) before any session opens. Exchanges,
introductions and bulk imports are inherited from `exchanges.py`, `introductions.py` and
`bulk.py`; the row writes they share are in `writes.py`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, text
from sqlmodel import col

from netjournal.core import insights, search_index, upcoming, writes
from netjournal.core.bulk import BulkImport
from netjournal.core.errors import InputError
from netjournal.core.exchanges import Exchanges
from netjournal.core.fuzzy import rank
from netjournal.core.introductions import Introductions
from netjournal.core.models import (
    Contact,
    ContactTag,
    Exchange,
    Reflection,
    ReflectionContact,
    ReflectionTag,
    Setting,
)
from netjournal.core.reading import (
    load_contact,
    load_exchanges,
    load_reflections,
    load_timeline,
)
from netjournal.core.records import (
    ContactDraft,
    ContactRecord,
    ContactRef,
    ContactSummary,
    Highlights,
    LogFilter,
    MonthTotal,
    ReflectionDraft,
    ReflectionRecord,
    TimelineItem,
    UpcomingDate,
)
from netjournal.core.rows import contact_fields
from netjournal.core.search import SearchResults, find
from netjournal.core.settings import Settings
from netjournal.core.store import Store, open_store
from netjournal.core.text import normalise_name
from netjournal.core.validation import validate_contact, validate_reflection

SNOOZE_CHOICES = (3, 7, 14, 30)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    return datetime.now(UTC).astimezone().date()


class Journal(Exchanges, Introductions, BulkImport):
    """A journal file, open for one process, with every operation the app offers."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = local_today,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self._today = today
        # With an injected clock, timestamps follow it too, so tests are the same on any day.
        self._now = now or (_utc_now if today is local_today else self._noon_of_today)
        self._settings: Settings | None = None
        # Every contact's summary, for (store generation, today, settings): Home, Contacts and
        # the pickers all start from it, and any committed write moves the generation on.
        self._summaries: tuple[tuple[int, date, Settings], list[ContactSummary]] | None = None
        self._summaries_lock = threading.Lock()

    def _noon_of_today(self) -> datetime:
        return datetime.combine(self._today(), time(12, 0), tzinfo=UTC)

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        return self._today()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- settings

    def settings(self) -> Settings:
        if self._settings is None:
            with self.store.reader() as session:
                rows = session.execute(select(col(Setting.key), col(Setting.value))).all()
            self._settings = Settings.from_rows({k: v for k, v in rows})
        return self._settings

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
            writes.set_tags(session, ContactTag, "contact_id", contact_id, clean.tags)
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
        """Contacts a typed name could mean, best first.

        An exact name (ignoring case and accents) wins alone; otherwise every match of
        `fuzzy.NameMatcher` (the app's own), so the caller can list them.
        """
        wanted = normalise_name(fragment)
        if not wanted:
            return []
        # name_key is stored normalised, so matching never re-normalises every name.
        with self.store.reader() as session:
            rows = session.execute(
                select(col(Contact.id), col(Contact.name), col(Contact.name_key))
                .where(col(Contact.deleted_at).is_(None))
                .order_by(func.lower(Contact.name))
            ).all()
        exact = [ContactRef(r[0], r[1]) for r in rows if r[2] == wanted]
        if exact:
            return exact
        return [
            ContactRef(rows[i][0], rows[i][1])
            for i in rank(wanted, [r[2] for r in rows], folded=True)
        ]

    def resolve_contact(self, fragment: str) -> ContactRef:
        """The one contact a typed name means, or an InputError that lists the candidates."""
        single = self._single_prefix_match(fragment)
        if single is not None:
            return single
        matches = self.match_contacts(fragment)
        if not matches:
            raise InputError(
                f"No contact matches {fragment!r}. Add them first with: netjournal add {fragment!r}"
            )
        if len(matches) > 1:
            strong = [
                m for m in matches if normalise_name(m.name).startswith(normalise_name(fragment))
            ]
            if len(strong) == 1:
                return strong[0]
            shown = "\n".join(f"  {m.name}" for m in matches[:10])
            more = f"\n  …and {len(matches) - 10} more" if len(matches) > 10 else ""
            raise InputError(
                f"{fragment!r} matches {len(matches)} contacts; type more of the name:\n"
                f"{shown}{more}"
            )
        return matches[0]

    def _single_prefix_match(self, fragment: str) -> ContactRef | None:
        """The answer `resolve_contact` would give when just one live name starts with
        `fragment` (or is it), found in SQL without reading and ranking every name."""
        wanted = normalise_name(fragment)
        if not wanted:
            return None
        with self.store.reader() as session:
            rows = session.execute(
                select(col(Contact.id), col(Contact.name), col(Contact.name_key))
                .where(
                    col(Contact.deleted_at).is_(None),
                    func.substr(col(Contact.name_key), 1, len(wanted)) == wanted,
                )
                .limit(2)
            ).all()
        if len(rows) == 1:
            return ContactRef(rows[0][0], rows[0][1])
        return None

    def contact_summaries(self, include_archived: bool = False) -> list[ContactSummary]:
        summaries = self._all_summaries()
        if not include_archived:
            summaries = [s for s in summaries if not s.archived]
        return sorted(summaries, key=lambda s: s.name.casefold())

    def _all_summaries(self) -> list[ContactSummary]:
        """Every live contact with every highlight rule applied (archived ones included).

        Read once per committed write: at 30,000 contacts this is most of a second, and Home,
        Contacts and the quick log each want it after the same write. Callers get a new list.
        """
        today, settings = self.today(), self.settings()
        key = (self.store.generation, today, settings)
        with self._summaries_lock:
            memo = self._summaries
        if memo is not None and memo[0] == key:
            return list(memo[1])
        with self.store.reader() as session:
            facts = insights.load_facts(session, settings, today)
        summaries = insights.summarize_all(facts, settings, today)
        with self._summaries_lock:
            # Read at a generation no newer than `key` says, so the pair is never stale.
            self._summaries = (key, summaries)
        return list(summaries)

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
            writes.set_tags(session, ReflectionTag, "reflection_id", reflection.id, clean.tags)
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
            writes.set_tags(session, ReflectionTag, "reflection_id", reflection_id, clean.tags)
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
        summaries = self._all_summaries()
        with self.store.reader() as session:
            gaps = insights.load_follow_gaps(session)
            latest = load_exchanges(session, where=LogFilter(), limit=recent)
        return Highlights(
            today=today,
            reconnect=tuple(insights.reconnect_list(summaries)),
            you_give=tuple(insights.one_sided(summaries, "gives")),
            you_receive=tuple(insights.one_sided(summaries, "receives")),
            follow_gaps=tuple(gaps),
            quality=insights.quality(summaries, settings, today),
            recent=tuple(latest),
        )

    def upcoming(self, days: int | None = None) -> list[UpcomingDate]:
        """Birthdays and other dates of live contacts in the next `days` days, today included.

        `days` defaults to the `upcoming_days` setting, where 0 turns the list off.
        """
        window = self.settings().upcoming_days if days is None else days
        if window <= 0:
            return []
        with self.store.reader() as session:
            rows = upcoming.load_date_rows(session)
        return upcoming.upcoming(rows, self.today(), window)

    def months(self, count: int = 12) -> list[MonthTotal]:
        with self.store.reader() as session:
            return insights.load_months(session, self.today(), count)

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
    lock: bool = True,
) -> Journal:
    """Open (or create) the journal at `path`, safely; see `store.open_store`."""
    return Journal(open_store(path, create=create, lock=lock), today=today)
