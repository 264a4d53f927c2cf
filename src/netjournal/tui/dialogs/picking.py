"""The base of editing dialogs that pick people by name (the quick log, Introduce).

The name index is built in a thread when the dialog opens and the save runs in another; both
report back here, so each dialog only says what its candidates are and what a save leads to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.widgets import Label
from textual.worker import Worker, WorkerState

from netjournal.core.contact_index import ContactIndex
from netjournal.tui.app import describe_failure
from netjournal.tui.dialogs.editing import EditingDialog
from netjournal.tui.widgets.contact_picker import ContactPicker

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.records import ContactSummary

_LOAD_GROUP = "picking-contacts"


class PickingDialog(EditingDialog):
    """An editing dialog with a ContactPicker and a `#save-problem` label."""

    SAVE_GROUP: ClassVar[str] = ""
    """The worker group of the subclass's save; its success goes to `saved`."""

    journal: Journal

    def candidates(self) -> Iterable[ContactSummary]:
        """Who the picker offers."""
        return self.journal.contact_summaries()

    def saved(self, result: object) -> None:
        """What a successful save leads to (usually dismissing with the new id)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group=_LOAD_GROUP, exit_on_error=False)
    def _load_contacts(self) -> ContactIndex:
        return ContactIndex(self.candidates())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == _LOAD_GROUP:
            if event.state == WorkerState.SUCCESS and isinstance(worker.result, ContactIndex):
                self.query_one(ContactPicker).set_index(worker.result)
            elif event.state == WorkerState.ERROR and worker.error is not None:
                self._say("#save-problem", describe_failure(worker.error))
        elif worker.group == self.SAVE_GROUP:
            if event.state == WorkerState.SUCCESS:
                self.saved(worker.result)
            elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
                self._saving = False
                if worker.error is not None:
                    self._say("#save-problem", describe_failure(worker.error))

    def _say(self, selector: str, message: str, *, error: bool = True) -> None:
        label = self.query_one(selector, Label)
        unchanged = str(label.content) == message and label.has_class("-error") == error
        if unchanged and label.display == bool(message):
            # Called on every keystroke; an update would cost a layout pass each time.
            return
        label.update(message)
        label.set_class(error, "-error")
        label.display = bool(message)
