"""The base of the five main screens: reload when the journal changes, name the selection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from netjournal.core.records import ContactRef
from netjournal.tui import host
from netjournal.tui.feedback import report_failure

if TYPE_CHECKING:
    from netjournal.core.journal import Journal


class JournalScreen(Screen[None]):
    """A main screen that shows journal data and keeps it fresh.

    The app bumps `data_version` after every write; the visible screen reloads at once and
    hidden ones reload when they are shown again, so no list ever shows stale data.
    """

    _loaded_version = -1

    @property
    def nj(self) -> host.JournalHost:
        """What this screen may read from the App; it asks for the rest with `host` messages."""
        return host.host_of(self.app)

    @property
    def journal(self) -> Journal:
        return self.nj.journal

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._journal_changed, init=False)
        self.reload()

    def _journal_changed(self, version: int) -> None:
        if self.is_current:
            self.reload()

    def on_screen_resume(self) -> None:
        if self._loaded_version != self.nj.data_version:
            self.reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages don't bubble, so each screen reports its own failures.
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report_failure(self, event.worker.error)

    def reload(self) -> None:
        self._loaded_version = self.nj.data_version
        self.load_data()

    def load_data(self) -> object:
        """Start a worker that reads what this screen shows."""
        return None

    def selected_contact(self) -> ContactRef | None:
        """The contact that e, d, s and t act on here, if any."""
        return None

    # The contact actions Home and Contacts share; each acts on `selected_contact()`.

    def action_edit_contact(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.app.post_message(host.EditContact(chosen))

    def action_delete_contact(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.app.post_message(host.DeleteContact(chosen))

    def action_snooze_contact(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.app.post_message(host.SnoozeContact(chosen))

    def action_touch_contact(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.app.post_message(host.TouchContact(chosen))

    def action_introduce(self) -> None:
        """Log an introduction of the selected contact, given or received."""
        chosen = self.selected_contact()
        if chosen is None:
            return
        from netjournal.tui.dialogs.introduce import IntroduceDialog

        dialog = IntroduceDialog(self.journal, chosen)

        def saved(exchange_id: int | None) -> None:
            if exchange_id is not None:
                self.app.post_message(host.Changed(dialog.outcome))

        self.app.push_screen(dialog, saved)

    def log_preselection(self) -> ContactRef | None:
        """Who the quick log starts with on this screen: by default the selected contact."""
        return self.selected_contact()
