"""The one service API the shell and the TUI both call.

Every write is one short transaction; every read returns frozen records from `records.py`.
Input is cleaned and validated (see `validation.py`) before any session opens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, text
from sqlmodel import Session, col

from netjournal.core import insights, introductions, search_index, upcoming
from netjournal.core.bulk import BulkImport
from netjournal.core.errors import InputError
from netjournal.core.fuzzy import rank
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
    ExchangeDraft,
    ExchangeRecord,
    Highlights,
    LogFilter,
    MonthTotal,
    ReflectionDraft,
    ReflectionRecord,
    TimelineItem,
    UpcomingDate,
)
from netjournal.core.rows import contact_fields, exchange_fields
from netjournal.core.search import SearchResults, find
from netjournal.core.settings import Settings
from netjournal.core.store import Store, open_store
from netjournal.core.suggest import Suggestion, suggest
from netjournal.core.text import normalise_name
from netjournal.core.validation import (
    validate_contact,
    validate_exchange,
    validate_reflection,
)

SNOOZE_CHOICES = (3, 7, 14, 30)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    return datetime.now(UTC).astimezone().date()


class Journal(BulkImport):
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
            contact = _add_contact_row(session, clean, self.now())
            assert contact.id is not None
            search_index.refresh(session, contacts=[contact.id])
            return contact.id

    def update_contact(self, contact_id: int, draft: ContactDraft) -> None:
        clean = validate_contact(draft, self.today())
        with self.store.writer() as session:
            contact = _live_contact(session, contact_id)
            for key, value in contact_fields(clean).items():
                setattr(contact, key, value)
            contact.updated_at = self.now()
            session.add(contact)
            _set_tags(session, ContactTag, "contact_id", contact_id, clean.tags)
            if clean.channels is not None:
                _replace_channels(session, contact_id, clean)
            if clean.dates is not None:
                _replace_dates(session, contact_id, clean)
            search_index.refresh(session, contacts=[contact_id])

    def set_archived(self, contact_id: int, archived: bool = True) -> None:
        with self.store.writer() as session:
            contact = _live_contact(session, contact_id)
            contact.archived = archived
            contact.updated_at = self.now()
            session.add(contact)

    def delete_contact(self, contact_id: int) -> ContactRef:
        """Soft-delete: hidden everywhere at once, purged after `purge_after_days`."""
        with self.store.writer() as session:
            contact = _live_contact(session, contact_id)
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
            contact = _live_contact(session, contact_id)
            contact.touched_on = day
            contact.snoozed_until = None
            session.add(contact)

    def snooze(self, contact_id: int, days: int) -> date:
        if days < 1 or days > 3650:
            raise InputError("Snooze for between 1 and 3650 days (3, 7, 14 or 30 are usual).")
        until = self.today() + timedelta(days=days)
        with self.store.writer() as session:
            contact = _live_contact(session, contact_id)
            contact.snoozed_until = until
            session.add(contact)
        return until

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

        An exact name (ignoring case and accents) wins alone; otherwise every prefix or
        fuzzy match is returned so the caller can list them.
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
        refs = [ContactRef(r[0], r[1]) for r in rows]
        return rank(wanted, refs, key=[r[2] for r in rows])

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
        today = self.today()
        settings = self.settings()
        with self.store.reader() as session:
            facts = insights.load_facts(session, settings, today)
        summaries = insights.summarize_all(facts, settings, today)
        if not include_archived:
            summaries = [s for s in summaries if not s.archived]
        return sorted(summaries, key=lambda s: s.name.casefold())

    def timeline(self, contact_id: int, limit: int | None = None) -> list[TimelineItem]:
        with self.store.reader() as session:
            return load_timeline(session, contact_id, limit)

    # ---------------------------------------------------------------- exchanges

    def log_exchange(self, draft: ExchangeDraft) -> int:
        today = self.today()
        clean = validate_exchange(draft, today)
        now = self.now()
        with self.store.writer() as session:
            _check_contacts(session, clean.contact_ids)
            exchange = Exchange(created_at=now, updated_at=now, **exchange_fields(clean, today))
            session.add(exchange)
            session.flush()
            assert exchange.id is not None
            _link_exchange(session, exchange, clean.contact_ids)
            _set_tags(session, ExchangeTag, "exchange_id", exchange.id, clean.tags)
            search_index.refresh(session, exchanges=[exchange.id])
            return exchange.id

    def update_exchange(self, exchange_id: int, draft: ExchangeDraft) -> None:
        today = self.today()
        clean = validate_exchange(draft, today)
        with self.store.writer() as session:
            exchange = session.get(Exchange, exchange_id)
            if exchange is None:
                raise InputError("That exchange no longer exists.")
            _check_contacts(session, clean.contact_ids)
            for key, value in exchange_fields(clean, today).items():
                setattr(exchange, key, value)
            exchange.updated_at = self.now()
            session.add(exchange)
            session.execute(
                delete(ExchangeContact).where(col(ExchangeContact.exchange_id) == exchange_id)
            )
            _link_exchange(session, exchange, clean.contact_ids)
            _set_tags(session, ExchangeTag, "exchange_id", exchange_id, clean.tags)
            search_index.refresh(session, exchanges=[exchange_id])

    def delete_exchange(self, exchange_id: int) -> ExchangeRecord:
        """Delete for good, returning the record so `restore_exchange` can undo it."""
        record = self.exchange(exchange_id)
        with self.store.writer() as session:
            session.execute(delete(Exchange).where(col(Exchange.id) == exchange_id))
            search_index.refresh(session, exchanges=[exchange_id])
        return record

    def restore_exchange(self, record: ExchangeRecord) -> int:
        """Undo a delete: the exchange comes back with its id, contacts and tags."""
        draft = record.to_draft()
        today = max(self.today(), record.occurred_on)
        clean = validate_exchange(draft, today)
        now = self.now()
        with self.store.writer() as session:
            live = [cid for cid in clean.contact_ids if _is_live(session, cid)]
            if not live:
                raise InputError("Everyone in that exchange was deleted; it can't come back.")
            taken = session.get(Exchange, record.id) is not None
            exchange = Exchange(
                id=None if taken else record.id,
                created_at=now,
                updated_at=now,
                **exchange_fields(clean, today),
            )
            session.add(exchange)
            session.flush()
            assert exchange.id is not None
            _link_exchange(session, exchange, tuple(live))
            _set_tags(session, ExchangeTag, "exchange_id", exchange.id, clean.tags)
            search_index.refresh(session, exchanges=[exchange.id])
            return exchange.id

    def introduce(
        self,
        first: int,
        second: int,
        context: str = "",
        *,
        on: date | None = None,
        weight: int = introductions.INTRODUCTION_WEIGHT,
        tags: Sequence[str] = (),
    ) -> int:
        """Log that you introduced `first` and `second` to each other; returns the exchange id.

        One exchange you gave, of kind introduction, linked to both: it shows on both
        timelines and counts as given to each (PRODUCT.md). A short context line follows the
        summary after an em dash, a longer one becomes the details (`place_context`).
        """
        if first == second:
            raise InputError("An introduction needs two different people.")
        today = self.today()
        # Everything but the names is checked before the session; the names come from it.
        clean = validate_exchange(
            ExchangeDraft(
                "gave",
                "Introduced",
                (first, second),
                kind="introduction",
                occurred_on=on,
                details=context,
                weight=weight,
                tags=tuple(tags),
            ),
            today,
        )
        now = self.now()
        with self.store.writer() as session:
            one, two = _introducible(session, first), _introducible(session, second)
            summary, details = introductions.place_context(
                introductions.given_summary(one.name, two.name), clean.details
            )
            return _add_exchange(
                session, replace(clean, summary=summary, details=details), today, now
            )

    def log_received_introduction(
        self,
        introducer: int,
        *,
        to: int | None = None,
        new_contact: ContactDraft | None = None,
        context: str = "",
        on: date | None = None,
    ) -> tuple[int, int]:
        """Log that `introducer` introduced you to someone; returns (exchange id, their id).

        The person is `to` (already in the journal) or `new_contact`, created in the same
        transaction: if anything is refused, nothing is written. The exchange is one you
        received, linked to the introducer only. The introduced person gave you nothing, and
        every link of an exchange counts in that contact's balance (a received link as value
        from them), so linking them would make them look like someone who helps you. Instead
        the summary names them ("Introduced me to Cy Twombly") on the introducer's timeline,
        and their "how we met" says "Introduced by …" when it is empty. A new contact's
        relationship starts on the day of the introduction.
        """
        if to is None and new_contact is None:
            raise InputError(
                "Say who you were introduced to: someone in the journal or a new contact."
            )
        if to is not None and new_contact is not None:
            raise InputError("Name either someone in the journal or a new contact, not both.")
        if to == introducer:
            raise InputError("Someone can't introduce you to themselves.")
        today = self.today()
        clean = validate_exchange(
            ExchangeDraft(
                "received",
                "Introduced",
                (introducer,),
                kind="introduction",
                occurred_on=on,
                details=context,
                weight=introductions.INTRODUCTION_WEIGHT,
            ),
            today,
        )
        person = (
            validate_contact(replace(new_contact, added_on=new_contact.added_on or on), today)
            if new_contact is not None
            else None
        )
        now = self.now()
        with self.store.writer() as session:
            giver = _introducible(session, introducer)
            met = introductions.how_met(giver.name)
            if person is not None:
                introduced = _add_contact_row(
                    session, replace(person, how_met=person.how_met or met), now
                )
            else:
                assert to is not None
                introduced = _introducible(session, to)
                if not introduced.how_met:
                    introduced.how_met = met
                    introduced.updated_at = now
                    session.add(introduced)
            assert introduced.id is not None
            summary, details = introductions.place_context(
                introductions.received_summary(introduced.name), clean.details
            )
            exchange_id = _add_exchange(
                session, replace(clean, summary=summary, details=details), today, now
            )
            search_index.refresh(session, contacts=[introduced.id])
            return exchange_id, introduced.id

    def exchange(self, exchange_id: int) -> ExchangeRecord:
        with self.store.reader() as session:
            found = load_exchanges(session, ids=[exchange_id])
        if not found:
            raise InputError("That exchange no longer exists.")
        return found[0]

    def exchanges(
        self, where: LogFilter | None = None, limit: int | None = 500, offset: int = 0
    ) -> list[ExchangeRecord]:
        """The log, newest first, narrowed by `where`."""
        with self.store.reader() as session:
            return load_exchanges(session, where=where or LogFilter(), limit=limit, offset=offset)

    def suggest_recipients(
        self,
        summary: str,
        *,
        tags: Sequence[str] = (),
        chosen: Sequence[int] = (),
        kind: str = "article",
        limit: int = 5,
    ) -> list[Suggestion]:
        """Up to five others who might value what was given to `chosen`, best first."""
        settings = self.settings()
        with self.store.reader() as session:
            return suggest(
                session,
                summary,
                tags=tags,
                chosen=chosen,
                kind=kind,
                today=self.today(),
                settings=settings,
                limit=limit,
            )

    def add_people_to_exchange(
        self, exchange_id: int, contact_ids: Sequence[int]
    ) -> list[ContactRef]:
        """Log the same exchange for more people; returns those newly added, in order."""
        with self.store.writer() as session:
            exchange = session.get(Exchange, exchange_id)
            if exchange is None:
                raise InputError("That exchange no longer exists.")
            _check_contacts(session, contact_ids)
            linked = set(
                session.execute(
                    select(col(ExchangeContact.contact_id)).where(
                        col(ExchangeContact.exchange_id) == exchange_id
                    )
                ).scalars()
            )
            added = [cid for cid in dict.fromkeys(contact_ids) if cid not in linked]
            _link_exchange(session, exchange, added)
            if added:
                exchange.updated_at = self.now()
                session.add(exchange)
            return [ContactRef(cid, _live_contact(session, cid).name) for cid in added]

    # -------------------------------------------------------------- reflections

    def add_reflection(self, draft: ReflectionDraft) -> int:
        today = self.today()
        clean = validate_reflection(draft, today)
        now = self.now()
        with self.store.writer() as session:
            _check_contacts(session, clean.contact_ids)
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
            _link_reflection(session, reflection.id, clean.contact_ids)
            _set_tags(session, ReflectionTag, "reflection_id", reflection.id, clean.tags)
            search_index.refresh(session, reflections=[reflection.id])
            return reflection.id

    def update_reflection(self, reflection_id: int, draft: ReflectionDraft) -> None:
        today = self.today()
        clean = validate_reflection(draft, today)
        with self.store.writer() as session:
            reflection = session.get(Reflection, reflection_id)
            if reflection is None:
                raise InputError("That reflection no longer exists.")
            _check_contacts(session, clean.contact_ids)
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
            _link_reflection(session, reflection_id, clean.contact_ids)
            _set_tags(session, ReflectionTag, "reflection_id", reflection_id, clean.tags)
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
        with self.store.reader() as session:
            facts = insights.load_facts(session, settings, today)
            gaps = insights.load_follow_gaps(session)
            latest = load_exchanges(session, where=LogFilter(), limit=recent)
        summaries = insights.summarize_all(facts, settings, today)
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


# ------------------------------------------------------------------- internals


def _live_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise InputError("That contact no longer exists.")
    return contact


def _introducible(session: Session, contact_id: int) -> Contact:
    """A live contact to name in an introduction, or a sentence saying why they can't be."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise InputError("That contact no longer exists.")
    if contact.deleted_at is not None:
        raise InputError(f"{contact.name} was deleted, so they can't be part of an introduction.")
    return contact


def _add_exchange(session: Session, clean: ExchangeDraft, today: date, now: datetime) -> int:
    """Insert a validated exchange with its links and tags, inside the caller's write."""
    exchange = Exchange(created_at=now, updated_at=now, **exchange_fields(clean, today))
    session.add(exchange)
    session.flush()
    assert exchange.id is not None
    _link_exchange(session, exchange, clean.contact_ids)
    _set_tags(session, ExchangeTag, "exchange_id", exchange.id, clean.tags)
    search_index.refresh(session, exchanges=[exchange.id])
    return exchange.id


def _add_contact_row(session: Session, clean: ContactDraft, now: datetime) -> Contact:
    """Insert a validated contact with its tags, channels and dates, inside the caller's write.

    The caller refreshes the search index once everything in its write is in place.
    """
    created = datetime.combine(clean.added_on, time(12, 0), tzinfo=UTC) if clean.added_on else now
    contact = Contact(created_at=created, updated_at=now, **contact_fields(clean))
    session.add(contact)
    session.flush()
    assert contact.id is not None
    _set_tags(session, ContactTag, "contact_id", contact.id, clean.tags)
    if clean.channels:
        _replace_channels(session, contact.id, clean)
    if clean.dates:
        _replace_dates(session, contact.id, clean)
    return contact


def _is_live(session: Session, contact_id: int) -> bool:
    contact = session.get(Contact, contact_id)
    return contact is not None and contact.deleted_at is None


def _check_contacts(session: Session, contact_ids: Sequence[int]) -> None:
    for contact_id in contact_ids:
        _live_contact(session, contact_id)


def _link_exchange(session: Session, exchange: Exchange, contact_ids: Sequence[int]) -> None:
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


def _link_reflection(session: Session, reflection_id: int, contact_ids: Sequence[int]) -> None:
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


def _set_tags(
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


def _replace_channels(session: Session, contact_id: int, clean: ContactDraft) -> None:
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


def _replace_dates(session: Session, contact_id: int, clean: ContactDraft) -> None:
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
