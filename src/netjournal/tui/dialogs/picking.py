"""The base of editing dialogs that pick people by name (the quick log, Introduce).

The name index is built in a thread when the dialog opens and the save runs in another; both
answer with messages handled here, so each dialog only says what its candidates are and what a
save leads to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.widgets import Label
from textual.worker import Worker, WorkerState

from netjournal.core.find.contact_index import ContactIndex
from netjournal.tui.dialogs.editing import EditingDialog, NamesRead, SaveDone, SaveFailed
from netjournal.tui.feedback import describe_failure
from netjournal.tui.widgets.contact_picker import ContactPicker

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.records import ContactSummary


class PickingDialog(EditingDialog):
    """An editing dialog with a ContactPicker and a `#save-problem` label."""

    journal: Journal

    def candidates(self) -> Iterable[ContactSummary]:
        """Who the picker offers."""
        return self.journal.contact_summaries()

    def saved(self, result: object) -> None:
        """What a successful save leads to (usually dismissing with the new id)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="picking-contacts", exit_on_error=False)
    def _load_contacts(self) -> None:
        self.post_message(NamesRead(ContactIndex(self.candidates())))

    @on(NamesRead)
    def _names_read(self, read: NamesRead) -> None:
        self.query_one(ContactPicker).set_index(read.index)

    @on(SaveDone)
    def _save_done(self, done: SaveDone) -> None:
        self.saved(done.result)

    @on(SaveFailed)
    def _save_failed(self, failed: SaveFailed) -> None:
        self._saving = False
        self._say("#save-problem", describe_failure(failed.error))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The names couldn't be read (the save answers with SaveFailed instead).
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self._say("#save-problem", describe_failure(event.worker.error))

    def _say(self, selector: str, message: str, *, error: bool = True) -> None:
        label = self.query_one(selector, Label)
        unchanged = str(label.content) == message and label.has_class("-error") == error
        if unchanged and label.display == bool(message):
            # Called on every keystroke; an update would cost a layout pass each time.
            return
        label.update(message)
        label.set_class(error, "-error")
        label.display = bool(message)
