"""Logging, editing, deleting and reading exchanges, and who else to share one with.

`Journal` inherits these (see `journal.Journal`); introductions, a kind of exchange with its own
wording, are in `introductions.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlmodel import col

from netjournal.core import exchange_writes, writes
from netjournal.core.errors import InputError
from netjournal.core.exchange_reads import load_exchanges
from netjournal.core.find import search_index
from netjournal.core.models import Exchange, ExchangeContact
from netjournal.core.records import ContactRef, ExchangeDraft, ExchangeRecord, LogFilter
from netjournal.core.rows import exchange_fields
from netjournal.core.service import JournalService
from netjournal.core.storage.store import dbapi_connection
from netjournal.core.suggestions.suggest import Suggestion
from netjournal.core.suggestions.suggest_gather import suggest
from netjournal.core.validation import validate_exchange


class Exchanges(JournalService):
    """The exchange half of the service API (see `journal.Journal`)."""

    def log_exchange(self, draft: ExchangeDraft) -> int:
        today = self.today()
        clean = validate_exchange(draft, today)
        now = self.now()
        with self.store.writer() as session:
            connection = dbapi_connection(session)
            exchange_writes.check_contacts(connection, clean.contact_ids)
            return exchange_writes.add_exchange(connection, clean, today, now)

    def update_exchange(self, exchange_id: int, draft: ExchangeDraft) -> None:
        today = self.today()
        clean = validate_exchange(draft, today)
        with self.store.writer() as session:
            exchange = session.get(Exchange, exchange_id)
            if exchange is None:
                raise InputError("That exchange no longer exists.")
            writes.check_contacts(session, clean.contact_ids)
            for key, value in exchange_fields(clean, today).items():
                setattr(exchange, key, value)
            exchange.updated_at = self.now()
            session.add(exchange)
            connection = dbapi_connection(session)
            connection.execute("DELETE FROM exchange_contact WHERE exchange_id = ?", (exchange_id,))
            exchange_writes.link_exchange(connection, exchange_id, clean.contact_ids)
            exchange_writes.set_tags(
                connection, "exchange_tag", "exchange_id", exchange_id, clean.tags
            )
            search_index.refresh(connection, exchanges=[exchange_id])

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
            live = [cid for cid in clean.contact_ids if writes.is_live(session, cid)]
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
            connection = dbapi_connection(session)
            assert exchange.id is not None
            exchange_writes.link_exchange(connection, exchange.id, tuple(live))
            exchange_writes.set_tags(
                connection, "exchange_tag", "exchange_id", exchange.id, clean.tags
            )
            search_index.refresh(connection, exchanges=[exchange.id])
            return exchange.id

    def exchange(self, exchange_id: int) -> ExchangeRecord:
        with self.store.reader() as session:
            found = load_exchanges(dbapi_connection(session), ids=[exchange_id])
        if not found:
            raise InputError("That exchange no longer exists.")
        return found[0]

    def exchanges(
        self, where: LogFilter | None = None, limit: int | None = 500, offset: int = 0
    ) -> list[ExchangeRecord]:
        """The log, newest first, narrowed by `where`."""
        with self.store.reader() as session:
            return load_exchanges(
                dbapi_connection(session), where=where or LogFilter(), limit=limit, offset=offset
            )

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
                dbapi_connection(session),
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
            writes.check_contacts(session, contact_ids)
            linked = set(
                session.execute(
                    select(col(ExchangeContact.contact_id)).where(
                        col(ExchangeContact.exchange_id) == exchange_id
                    )
                ).scalars()
            )
            added = [cid for cid in dict.fromkeys(contact_ids) if cid not in linked]
            exchange_writes.link_exchange(dbapi_connection(session), exchange_id, added)
            if added:
                exchange.updated_at = self.now()
                session.add(exchange)
            return [ContactRef(cid, writes.live_contact(session, cid).name) for cid in added]
