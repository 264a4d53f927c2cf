"""The App's actions on one contact (edit, delete, snooze, touch, show), each write undoable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.content import Content

from netjournal.core.records import ContactRecord, ContactRef
from netjournal.tui import host
from netjournal.tui.feedback import UndoStep, WorkDone

if TYPE_CHECKING:
    from textual.app import App

    from netjournal.core.journal import Journal


def contact_saved(app: App[Any]) -> Callable[[int | None], None]:
    """What the contact form's result leads to: a reload, with the contact highlighted."""

    def saved(contact_id: int | None) -> None:
        if contact_id is not None:
            app.post_message(host.Changed("Saved.", reveal=contact_id))

    return saved


@dataclass
class ReadToEdit(WorkDone):
    """A contact read for the form."""

    record: ContactRecord


def read_to_edit(app: App[Any], contact_id: int) -> None:
    """In a thread (the journal may still be opening): read the contact, for `edit`."""
    app.post_message(ReadToEdit(host.host_of(app).journal.contact(contact_id)))


def edit(app: App[Any], record: ContactRecord) -> None:
    """Open the contact form on a contact just read."""
    from netjournal.tui.dialogs.contact_form import ContactForm

    app.push_screen(ContactForm(host.host_of(app).journal, record), contact_saved(app))


async def delete(app: App[Any], contact: ContactRef) -> None:
    """Ask first; the delete can be undone."""
    from netjournal.tui.dialogs.confirm import ConfirmDialog

    sure = await app.push_screen_wait(
        ConfirmDialog(
            Content.assemble(
                "Delete ", (contact.name, "bold"), " and their place on every timeline?"
            ),
            confirm="Delete",
        )
    )
    if sure:
        app.post_message(
            host.Write(
                lambda j: j.delete_contact(contact.id),
                f"Deleted {contact.name}.",
                UndoStep(
                    f"deleting {contact.name}",
                    lambda j: j.undo_delete_contact(contact.id),
                    reveal=contact.id,
                ),
            )
        )


async def snooze(app: App[Any], contact: ContactRef) -> None:
    """Ask for how long, then snooze."""
    from netjournal.tui.dialogs.snooze import SnoozeDialog

    days = await app.push_screen_wait(SnoozeDialog(contact.name))
    if days:
        app.post_message(
            change_marks(
                contact,
                lambda j: j.snooze(contact.id, days),
                f"Snoozed {contact.name} for {days} days.",
                f"snoozing {contact.name}",
            )
        )


def touch(contact: ContactRef) -> host.Write:
    """Mark as touched today: the reconnect clock starts again."""
    return change_marks(
        contact,
        lambda j: j.touch(contact.id),
        f"Marked {contact.name} as touched today; their clock starts again.",
        f"marking {contact.name} as touched",
    )


def change_marks(
    contact: ContactRef, change: Callable[[Journal], object], done: str, label: str
) -> host.Write:
    """Touch or snooze, remembering the marks as they were so u can put them back."""
    before: list[ContactRecord] = []

    def marked(journal: Journal) -> object:
        before.append(journal.contact(contact.id))
        return change(journal)

    def put_back(journal: Journal) -> object:
        old = before[0]
        journal.put_back_marks(contact.id, old.touched_on, old.snoozed_until)
        return None

    return host.Write(marked, done, UndoStep(label, put_back))


def show(app: App[Any], contact_id: int) -> None:
    """Show a contact on the Contacts screen, from anywhere."""
    from netjournal.tui.screens.contacts import ContactsScreen

    app.switch_mode("contacts")
    screen = app.screen
    if isinstance(screen, ContactsScreen):
        screen.select_contact(contact_id)
