"""Introductions: how one reads once logged (summary, context line, weight) and logging them.

The wording lives here so the shell, the screen and the tests all speak of introductions the
same way; `Journal` inherits the `Introductions` methods that write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlmodel import Session

from netjournal.core import exchange_writes, writes
from netjournal.core.errors import InputError
from netjournal.core.find import search_index
from netjournal.core.models import Contact
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.service import JournalService
from netjournal.core.storage.store import dbapi_connection
from netjournal.core.validation import validate_contact, validate_exchange

INTRODUCTION_WEIGHT = 2
"""An introduction is more than a link shared: ●●○ unless the user says otherwise."""

SHORT_CONTEXT = 80
"""A context line up to this long follows the summary; longer context becomes the notes."""

_NAME_ROOM = 200
"""Names are clipped to this in a summary, so two very long names can't make an over-long line."""


def _clip(name: str) -> str:
    return name if len(name) <= _NAME_ROOM else name[: _NAME_ROOM - 1] + "…"


def given_summary(first: str, second: str) -> str:
    """ "Introduced Ana Lima and Bo Ström"."""
    return f"Introduced {_clip(first)} and {_clip(second)}"


def received_summary(introduced: str) -> str:
    """ "Introduced me to Cy Twombly", as logged on the introducer's timeline."""
    return f"Introduced me to {_clip(introduced)}"


def how_met(introducer: str) -> str:
    """What "how we met" says of someone you were introduced to."""
    return f"Introduced by {_clip(introducer)}"


def place_context(summary: str, context: str) -> tuple[str, str]:
    """(summary, notes) for an introduction with a cleaned `context` line.

    Timelines show summaries only, so a short one-line context joins the summary after an em
    dash ("Introduced Ana and Bo — both work on SEO tools"); a longer or multi-line one becomes
    the notes, shown when the exchange is opened in the Log.
    """
    context = context.strip()
    if not context:
        return summary, ""
    if len(context) <= SHORT_CONTEXT and "\n" not in context:
        return f"{summary} — {context}", ""
    return summary, context


class Introductions(JournalService):
    """The introduction half of the service API (see `journal.Journal`)."""

    def introduce(
        self,
        first: int,
        second: int,
        context: str = "",
        *,
        on: date | None = None,
        weight: int = INTRODUCTION_WEIGHT,
        tags: Sequence[str] = (),
    ) -> int:
        """Log that you introduced `first` and `second` to each other; returns the exchange id.

        One exchange you gave, of kind introduction, linked to both: it shows on both
        timelines and counts as given to each (docs/guide.md, "Introductions"). A short context
        line follows the summary after an em dash, a longer one becomes the notes
        (`place_context`).
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
                notes=context,
                weight=weight,
                tags=tuple(tags),
            ),
            today,
        )
        now = self.now()
        with self.store.writer() as session:
            one, two = _introducible(session, first), _introducible(session, second)
            summary, notes = place_context(given_summary(one.name, two.name), clean.notes)
            return exchange_writes.add_exchange(
                dbapi_connection(session),
                replace(clean, summary=summary, notes=notes),
                today,
                now,
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
                notes=context,
                weight=INTRODUCTION_WEIGHT,
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
            met = how_met(giver.name)
            if person is not None:
                introduced = writes.add_contact_row(
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
            summary, notes = place_context(received_summary(introduced.name), clean.notes)
            exchange_id = exchange_writes.add_exchange(
                dbapi_connection(session),
                replace(clean, summary=summary, notes=notes),
                today,
                now,
            )
            search_index.refresh(session, contacts=[introduced.id])
            return exchange_id, introduced.id


def _introducible(session: Session, contact_id: int) -> Contact:
    """A live contact to name in an introduction, or a sentence saying why they can't be."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise InputError("That contact no longer exists.")
    if contact.deleted_at is not None:
        raise InputError(f"{contact.name} was deleted, so they can't be part of an introduction.")
    return contact
