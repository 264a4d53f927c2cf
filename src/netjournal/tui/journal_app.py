"""The App's hold on the journal: opened after the first frame, watched for other programs'
writes, kept tidy, and every failure said as a sentence."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from netjournal.core.errors import JournalError, JournalFileError
from netjournal.core.storage.watch import JournalWatcher
from netjournal.tui import host
from netjournal.tui.feedback import describe_failure, report_failure

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.lean import LeanJournal
    from netjournal.tui.host import HomeReads

WATCH_EVERY_S = 0.5
"""How often the app looks for other programs' writes (a `PRAGMA data_version`: microseconds),
so that a write shows within a second, reload included."""


@dataclass(frozen=True)
class JournalSource:
    """Where the app finds its journal, opened after the first frame is on screen."""

    path: Path
    today: Callable[[], date]
    build_demo: bool = False
    """Fill the (new) file with the sample journal first."""


class JournalApp(App[None]):
    """An App that holds one journal: given open, or opened in a worker after the first frame.

    It implements `host.JournalHost` (what screens read) and handles `host.Changed`,
    `host.Say`, `host.LoadEverything` and workers' failures; `NetjournalApp` adds the screens,
    the keys and the actions.
    """

    data_version: reactive[int] = reactive(0)
    """Bumped after every write, this program's or another's, so every screen knows to reload."""
    revealed_contact: int | None = None
    """A contact just added, edited or brought back: Contacts highlights them when they show."""

    class JournalReady(Message):
        """The lean reader or the full journal is open: the screens can read."""

    class JournalFailed(Message):
        """The journal could not be opened; `app.failure` says why."""

    def __init__(self, journal: Journal | JournalSource) -> None:
        super().__init__()
        self._source: JournalSource | None = None
        self._journal: Journal | None = None
        self._opened = threading.Event()
        if isinstance(journal, JournalSource):
            self._source = journal
        else:
            self._journal = journal
            self._opened.set()
        self._housekept = False
        self._told: set[str] = set()
        self._opening = False
        self.lean: LeanJournal | None = None
        """The journal read with plain sqlite3, for Home, while the data stack loads."""
        self.failure: str | None = None
        """Why the journal could not be opened; the app then exits with it."""
        self._watcher: JournalWatcher | None = None

    @property
    def journal(self) -> Journal:
        """The journal, once open: a worker (or, briefly, a key pressed in the first moments)
        waits for it; after a failure, JournalFileError with its sentence."""
        self._opened.wait()
        if self._journal is None:
            raise JournalFileError(self.failure or "The journal could not be opened.")
        return self._journal

    @property
    def home_reads(self) -> HomeReads | None:
        """The full journal when open, else the lean reader, else None (still opening)."""
        return self._journal if self._journal is not None else self.lean

    @on(host.LoadEverything)
    def load_everything(self) -> None:
        """Open the full journal, once: Home calls this when its first rows are on screen,
        since importing the data stack in a thread would slow that frame (one GIL)."""
        if self._source is not None and not self._opening:
            self._opening = True
            self._open_journal(self._source)

    @work(thread=True, group="open-journal", exit_on_error=False)
    def _open_journal(self, source: JournalSource) -> None:
        """After the first frame: the full journal (Home reads through `lean` meanwhile).

        Only messages go back to the screen: the main thread may be waiting in `journal`.
        """
        try:
            if source.build_demo:
                from netjournal.core.sample.demo import build_demo

                build_demo(source.path, today=source.today())
            from netjournal.core.journal import open_journal

            self._journal = open_journal(source.path, today=source.today)
        except JournalError as error:
            self.failure = error.message
        except Exception as error:
            self.failure = describe_failure(error)
        finally:
            self._opened.set()
        self.post_message(self.JournalReady() if self.failure is None else self.JournalFailed())

    @on(JournalReady)
    def _journal_ready(self) -> None:
        journal, lean = self._journal, self.lean
        for opened in (lean, journal):
            if opened is not None and opened.notice and opened.notice not in self._told:
                self._told.add(opened.notice)
                self.say(opened.notice, severity="warning", timeout=10)
        if self._watcher is None:
            path = journal.path if journal is not None else lean.path if lean else None
            if path is None:
                return
            self._watcher = JournalWatcher(path, self.home_reads.today)  # type: ignore[union-attr]
            self.set_interval(WATCH_EVERY_S, self._look_for_changes, name="watch-journal")
        if journal is not None and not self._housekept:
            self._housekept = True
            self._housekeeping()
        if journal is not None and lean is None and self._source is not None:
            # Home had nothing to read until now (a new, upgraded or sample journal).
            self.journal_changed(elsewhere=True)

    @on(JournalFailed)
    def _journal_failed(self) -> None:
        if self.lean is None:
            self.exit(return_code=1)  # nothing was ever shown: the shell prints why
            return
        # Home showed what the lean reader could read, then the full open (and its daily check)
        # found the file unusable: say so here, and refuse everything else.
        from netjournal.tui.dialogs.unusable import UnusableJournalScreen

        self.push_screen(UnusableJournalScreen(self.failure or ""))

    @work(thread=True, group="housekeeping", exit_on_error=False)
    def _housekeeping(self) -> None:
        """After the first frame: purge old deletions, and warn about risky folders."""
        from netjournal.core.storage.preflight import sync_folder_warning

        warning = sync_folder_warning(self.journal.path)
        if warning:
            self.post_message(host.Say(warning, severity="warning", timeout=12))
        if self.journal.purge_deleted():
            self.post_message(host.Changed())
        from netjournal.io.backup import backup_if_due

        try:
            backup_if_due(self.journal.path)
        except JournalError as error:
            failed = f"Today's automatic backup failed: {error.message}"
            self.post_message(host.Say(failed, severity="warning"))

    def journal_changed(self, *, elsewhere: bool = False) -> None:
        """Every screen shows the journal as it is now: the visible one reloads at once."""
        if not elsewhere and self._watcher is not None:
            self._watcher.seen()  # this program's write: the reload below shows it
        self.data_version += 1

    def _look_for_changes(self) -> None:
        """Another program wrote to the journal, or midnight passed: show it."""
        if self._watcher is not None and self._watcher.changed():
            self.journal_changed(elsewhere=True)

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
        if self.lean is not None:
            self.lean.close()

    @on(host.Changed)
    def _changed(self, changed: host.Changed) -> None:
        if changed.reveal is not None:
            self.revealed_contact = changed.reveal
        self.journal_changed()
        if changed.said:
            self.say(changed.said)

    def say(
        self, message: str | Content, *, severity: str = "information", timeout: float = 4
    ) -> None:
        """Notify without ever reading user text as markup."""
        text = message.plain if isinstance(message, Content) else message
        self.notify(text, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    @on(host.Say)
    def _said(self, message: host.Say) -> None:
        self.say(message.text, severity=message.severity, timeout=message.timeout)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report_failure(self, event.worker.error)
