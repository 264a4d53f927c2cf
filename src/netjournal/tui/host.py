"""What screens and dialogs may ask of the App: `JournalHost` to read, and messages to post to
it (docs/architecture.md, "How work comes back to a screen")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from textual.message import Message

from netjournal.core.records import ContactRef

if TYPE_CHECKING:
    from textual.app import App

    from netjournal.core.journal import Journal
    from netjournal.core.records import ContactSummary, Highlights, MonthTotal, UpcomingDate
    from netjournal.core.settings import Settings
    from netjournal.core.suggestions.suggest import Suggestion
    from netjournal.tui.dialogs.quick_log import Draft
    from netjournal.tui.feedback import UndoStep


class HomeReads(Protocol):
    """What Home and the Contacts list read: the full journal has it, and so has the
    `LeanJournal` before it."""

    def today(self) -> date: ...
    def contact_summaries(self, include_archived: bool = False) -> list[ContactSummary]: ...
    def settings(self) -> Settings: ...
    def highlights(self, recent: int = 8) -> Highlights: ...
    def months(self, count: int = 12) -> list[MonthTotal]: ...
    def upcoming(self, days: int | None = None) -> list[UpcomingDate]: ...


class JournalHost(Protocol):
    """What a screen reads from the App."""

    data_version: int
    """Bumped after every write, this program's or another's: screens watch it to reload."""
    revealed_contact: int | None
    """A contact just added, edited or brought back, for Contacts to highlight (and clear)."""

    @property
    def journal(self) -> Journal:
        """The full journal; a worker waits for it to open."""
        ...

    @property
    def home_reads(self) -> HomeReads | None:
        """The full journal when open, else the lean reader, else None (still opening)."""
        ...


def host_of(app: App[None]) -> JournalHost:
    """The App, seen through the interface screens may use. Screens never import the App: they
    read through this and ask for everything else by posting a message below to it
    (`self.app.post_message`, as a dialog that closes right after asking would take a message
    in its own queue with it)."""
    return cast("JournalHost", app)


# ------------------------------------------------------------------ what a screen asks for


class Write(Message):
    """Run one change in a thread, then refresh every screen and say `done` (undoable if
    `undo` is given)."""

    def __init__(
        self, change: Callable[[Journal], object], done: str, undo: UndoStep | None = None
    ) -> None:
        super().__init__()
        self.change = change
        self.done = done
        self.undo = undo


class Changed(Message):
    """Something wrote to the journal: every screen reloads, and the App says `said`."""

    def __init__(self, said: str = "", *, reveal: int | None = None) -> None:
        super().__init__()
        self.said = said
        self.reveal = reveal
        """A contact for Contacts to highlight when it shows."""


class Say(Message):
    """A notice for the person at the keyboard (never read as markup)."""

    def __init__(self, text: str, *, severity: str = "information", timeout: float = 4) -> None:
        super().__init__()
        self.text = text
        self.severity = severity
        self.timeout = timeout


class ContactRequest(Message):
    """An action on one contact, asked of the App (which owns the dialogs and the undo)."""

    def __init__(self, contact: ContactRef) -> None:
        super().__init__()
        self.contact = contact


class EditContact(ContactRequest):
    """Open the contact form on this contact."""


class DeleteContact(ContactRequest):
    """Ask, then delete this contact (undoable)."""


class SnoozeContact(ContactRequest):
    """Ask for how long, then snooze this contact (undoable)."""


class TouchContact(ContactRequest):
    """Mark this contact as touched today (undoable)."""


class OpenContact(Message):
    """Show this contact on the Contacts screen."""

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id


class LoadEverything(Message):
    """Home's first rows are on screen: open the full journal now."""


class Logged(Message):
    """The quick log saved an exchange: offer it to others who might value it."""

    def __init__(
        self,
        exchange_id: int,
        given_to: Sequence[ContactRef],
        suggestions: Sequence[Suggestion],
        kind: str | None,
    ) -> None:
        super().__init__()
        self.exchange_id = exchange_id
        self.given_to = tuple(given_to)
        self.suggestions = tuple(suggestions)
        self.kind = kind
        """The kind just logged, where the next quick log starts."""


class KeepDraft(Message):
    """What the quick log held when closed unsaved (None: nothing worth keeping)."""

    def __init__(self, draft: Draft | None) -> None:
        super().__init__()
        self.draft = draft
