"""The base of dialogs that edit something: escape asks before throwing typed text away."""

from __future__ import annotations

from textual import work
from textual.screen import ModalScreen

from netjournal.tui.dialogs.confirm import ConfirmDialog


class EditingDialog(ModalScreen[int | None]):
    """A dialog that saves in a worker and returns the saved id, or None when cancelled."""

    DISCARD_QUESTION = "Discard this? What you typed here will be lost."

    _saving = False
    """True while a save is on its way; cancelling then would hide whether it landed."""

    def has_unsaved_changes(self) -> bool:
        """Whether escape should ask before closing."""
        return True

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
