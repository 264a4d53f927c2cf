"""The base of dialogs that edit something: escape asks before throwing typed text away, and
the save runs in a thread whose outcome comes back as a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.screen import ModalScreen

from netjournal.core.find.contact_index import ContactIndex
from netjournal.tui.dialogs.confirm import ConfirmDialog
from netjournal.tui.feedback import WorkDone


@dataclass
class SaveDone(WorkDone):
    """The save landed; `result` is what it returned (usually the new id)."""

    result: object


@dataclass
class SaveFailed(WorkDone):
    """The save was refused or failed; nothing was written, and what was typed is still here."""

    error: Exception


@dataclass
class NamesRead(WorkDone):
    """The people a picker offers, indexed for matching by name."""

    index: ContactIndex


class EditingDialog(ModalScreen[int | None]):
    """A dialog that saves in a worker and returns the saved id, or None when cancelled."""

    DISCARD_QUESTION = "Discard this? What you typed here will be lost."

    _saving = False
    """True while a save is on its way; cancelling then would hide whether it landed."""

    def has_unsaved_changes(self) -> bool:
        """Whether escape should ask before closing."""
        return True

    def save_in_thread(self, save: Callable[[], object]) -> None:
        """Run `save` off the event loop; it answers with SaveDone or SaveFailed."""
        self._saving = True
        self._save_worker(save)

    @work(thread=True, exclusive=True, group="dialog-save", exit_on_error=False)
    def _save_worker(self, save: Callable[[], object]) -> None:
        try:
            result = save()
        except Exception as error:
            self.post_message(SaveFailed(error))
        else:
            self.post_message(SaveDone(result))

    def action_cancel(self) -> None:
        if self._saving:
            return
        if self.has_unsaved_changes():
            self._confirm_discard()
        else:
            self.dismiss(None)

    @work(exclusive=True, group="confirm-discard", exit_on_error=False)
    async def _confirm_discard(self) -> None:
        discard = await self.app.push_screen_wait(
            ConfirmDialog(self.DISCARD_QUESTION, confirm="Discard")
        )
        if discard:
            self.dismiss(None)
