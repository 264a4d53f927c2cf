"""The netjournal App: five screens, global keys, dialogs, writes, undo, theme and key map."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.filter import LineFilter
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from netjournal.core.errors import JournalError, JournalFileError
from netjournal.core.file_errors import full_disk
from netjournal.core.paths import Locations
from netjournal.core.records import ContactRecord, ContactRef
from netjournal.core.vocab import DEFAULT_KIND
from netjournal.core.watch import JournalWatcher
from netjournal.tui import config as ui_config
from netjournal.tui.commands import JournalCommands
from netjournal.tui.contrast import legible
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.shown_text import ShownText

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.core.lean import LeanJournal
    from netjournal.core.records import ContactSummary, Highlights, MonthTotal, UpcomingDate
    from netjournal.core.search import SearchHit
    from netjournal.core.settings import Settings
    from netjournal.core.suggest import Suggestion
    from netjournal.tui.dialogs.quick_log import Draft as QuickLogDraft

SCREENS_BY_KEY = ("home", "contacts", "log", "reflections", "insights")
WATCH_EVERY_S = 0.5
"""How often the app looks for other programs' writes (a `PRAGMA data_version`: microseconds),
so that a write shows within a second, reload included."""


def _screen(module: str, name: str) -> Callable[[], JournalScreen]:
    """A main screen made (and its module imported) the first time it is shown."""

    def make() -> JournalScreen:
        from importlib import import_module

        from textual._context import active_app

        made: JournalScreen = getattr(import_module(f"netjournal.tui.screens.{module}"), name)()
        # A new screen is styled as it mounts, with the variables in force now. Marking it so
        # saves Textual's whole-stylesheet reparse (every widget's CSS tokenized again, ~0.1 s)
        # that switching to a screen of an older CSS generation does.
        made._css_update_count = active_app.get()._css_update_count
        return made

    return make


@dataclass(frozen=True)
class JournalSource:
    """Where the app finds its journal, opened after the first frame is on screen."""

    path: Path
    today: Callable[[], date]
    build_demo: bool = False
    """Fill the (new) file with the sample journal first."""


class HomeReads(Protocol):
    """What Home and the Contacts list read: the full journal has it, and so has the
    `LeanJournal` before it."""

    def today(self) -> date: ...
    def contact_summaries(self, include_archived: bool = False) -> list[ContactSummary]: ...
    def settings(self) -> Settings: ...
    def highlights(self, recent: int = 8) -> Highlights: ...
    def months(self, count: int = 12) -> list[MonthTotal]: ...
    def upcoming(self, days: int | None = None) -> list[UpcomingDate]: ...


@dataclass(frozen=True)
class UndoStep:
    """One reversible change: what to say, and how to take it back."""

    label: str
    undo: Callable[[Journal], object]
    reveal: int | None = None
    """A contact the undo brings back, to highlight on Contacts."""


def describe_failure(error: BaseException) -> str:
    """A failure as a sentence for a notification; never a traceback."""
    if isinstance(error, JournalError):
        return error.message
    full = full_disk(error)
    if full is not None:
        return full
    return (
        f"Something went wrong ({type(error).__name__}: {error}). "
        "Nothing you saved before was lost; try again, and if it keeps happening, "
        "run `netjournal backup` and report it."
    )


class NetjournalApp(App[None]):
    """A keyboard-first journal of the relationships you build."""

    TITLE = "netjournal"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {JournalCommands}
    MODES: ClassVar[dict[str, Any]] = {
        # Each screen (and its widgets) is imported when first shown: the first frame needs none.
        "home": _screen("home", "HomeScreen"),
        "contacts": _screen("contacts", "ContactsScreen"),
        "log": _screen("log", "LogScreen"),
        "reflections": _screen("reflections", "ReflectionsScreen"),
        "insights": _screen("insights", "InsightsScreen"),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        # The screen keys are shown by the NavBar, so the footer keeps room for actions.
        *(
            Binding(
                str(index), f"show('{mode}')", label, id=f"screen.{mode}", tooltip=tip, show=False
            )
            for index, (mode, label, tip) in enumerate(
                (
                    ("home", "Home", "Highlights: who to reconnect with"),
                    ("contacts", "Contacts", "Everyone in the journal"),
                    ("log", "Log", "Every exchange, newest first"),
                    ("reflections", "Reflections", "What you wrote"),
                    ("insights", "Insights", "Given vs. received over time"),
                ),
                start=1,
            )
        ),
        Binding(
            "l",
            "quick_log",
            "Log it",
            id="app.quick_log",
            tooltip="Log what you shared or received",
        ),
        Binding(
            "a", "add_contact", "Add", id="app.add_contact", tooltip="Add someone to the journal"
        ),
        Binding(
            "n", "new_reflection", "Reflect", id="app.new_reflection", tooltip="Write a reflection"
        ),
        Binding(
            "u", "undo", "Undo", id="app.undo", tooltip="Undo the last touch, snooze or delete"
        ),
        Binding(
            "I",
            "import_file",
            "Import",
            id="app.import",
            show=False,
            tooltip="LinkedIn, vCard, CSV or JSON; preview first",
        ),
        Binding(
            "E",
            "export_journal",
            "Export",
            id="app.export",
            show=False,
            tooltip="Export as JSON, Markdown, vCard or CSV",
        ),
        Binding(
            "B",
            "backup_now",
            "Back up now",
            id="app.backup",
            show=False,
            tooltip="A verified copy in the backup folder",
        ),
        Binding(
            "ctrl+f",
            "search",
            "Search",
            id="app.search",
            show=False,
            # Before an Input's own ctrl+f (delete a word): search is wanted from every screen.
            priority=True,
            tooltip="Find contacts, exchanges and reflections by any word",
        ),
        Binding(
            "S",
            "share",
            "Share",
            id="app.share",
            tooltip="Log what you just gave for others who might value it too",
        ),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key on this screen"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Close netjournal"),
    ]

    quick_log_draft: QuickLogDraft | None = None
    """What the quick log held when last closed without saving; the next `l` picks it up."""
    last_kind: str = DEFAULT_KIND
    """The kind of the last exchange logged here, where the next quick log starts."""
    revealed_contact: int | None = None
    """A contact just added, edited or brought back: Contacts highlights them when they show."""
    pending_share: tuple[int, tuple[ContactRef, ...], tuple[Suggestion, ...]] | None = None
    """The exchange just given, to whom, and who else might value it (S offers it to them)."""

    data_version: reactive[int] = reactive(0)
    """Bumped after every write, this program's or another's, so every screen knows to reload."""
    demo: reactive[bool] = reactive(False)
    """True when showing the temporary sample journal."""

    class JournalReady(Message):
        """The lean reader or the full journal is open: the screens can read."""

    class JournalFailed(Message):
        """The journal could not be opened; `app.failure` says why."""

    def __init__(
        self,
        journal: Journal | JournalSource,
        *,
        locations: Locations | None = None,
        demo: bool = False,
    ) -> None:
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
        self.locations = locations
        self.undo_stack: list[UndoStep] = []
        self._watcher: JournalWatcher | None = None
        loaded = (
            ui_config.load(locations.config_file, locations.keymap_file)
            if locations is not None
            else ui_config.LoadedConfig(ui_config.UiConfig())
        )
        self.ui = loaded.config
        self._config_problems = loaded.problems
        self._keymap = dict(loaded.keymap)
        self.set_reactive(NetjournalApp.demo, demo)

    def compose(self) -> ComposeResult:
        # The first frame: the top line and a quiet word, drawn before Home's widgets, and the
        # journal's data stack, are even imported. Home replaces it a moment later.
        from netjournal.tui.widgets.nav import NavBar

        yield NavBar("home")
        yield Static(
            Content.styled("Reading your journal…", "$text-muted"), id="starting", markup=False
        )

    def on_mount(self) -> None:
        if self.ui.theme in self.available_themes:
            self.theme = self.ui.theme
        if self._keymap:
            self.set_keymap(self._keymap)
            from netjournal.tui.keymap import unknown_ids

            unknown = unknown_ids(self._keymap)
            if unknown:
                self.say(
                    f"keymap.json names keys that don't exist: {', '.join(unknown)}. "
                    "`netjournal keys` lists every id.",
                    severity="warning",
                    timeout=8,
                )
        if self._source is None:
            self._show_home()
        else:
            self.call_after_refresh(self._show_home)
        for problem in self._config_problems:
            self.notify(problem, severity="warning", markup=False)
        if self.demo:
            self.notify(
                "This is a sample journal in a temporary file; nothing here is saved for later.",
                title="Demo",
                markup=False,
            )

    def _show_home(self) -> None:
        self.switch_mode("home")
        if self._source is None or self.lean is not None:
            self._journal_ready()
        if self._source is not None and self.lean is None:
            # Nothing to show until the full journal is open: open it once the frame is up.
            self.call_after_refresh(self.load_everything)
        elif self._source is not None:
            self.set_timer(2.0, self.load_everything)  # in case Home never got its rows

    _shown_text = ShownText()
    """One instance: Textual caches filtered lines per filter."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the one that keeps stored text from driving the terminal."""
        return [*super().get_line_filters(), self._shown_text]

    def get_css_variables(self) -> dict[str, str]:
        # Every theme's text and marks lifted to WCAG contrast (tui/contrast.py).
        return legible(super().get_css_variables())

    def watch_theme(self, theme: str) -> None:
        # A theme tried in the sample journal is not a choice for the real one.
        if self.locations is None or self.demo or theme == self.ui.theme:
            return
        self.ui = ui_config.UiConfig(theme=theme, contacts_sort=self.ui.contacts_sort)
        try:
            ui_config.save(self.locations.config_file, self.ui)
        except OSError as error:
            self.notify(
                f"Couldn't remember the theme: {error.strerror}.", severity="warning", markup=False
            )

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
                from netjournal.core.demo import build_demo

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
        from netjournal.core.preflight import sync_folder_warning

        warning = sync_folder_warning(self.journal.path)
        if warning:
            self.call_from_thread(self.say, warning, severity="warning", timeout=12)
        if self.journal.purge_deleted():
            self.call_from_thread(self.journal_changed)
        from netjournal.io.backup import backup_if_due

        try:
            backup_if_due(self.journal.path)
        except JournalError as error:
            self.call_from_thread(
                self.say, f"Today's automatic backup failed: {error.message}", severity="warning"
            )

    # ---------------------------------------------------------------- helpers

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

    def selected_contact(self) -> ContactRef | None:
        screen = self.screen
        if isinstance(screen, JournalScreen):
            return screen.selected_contact()
        return None

    def say(
        self, message: str | Content, *, severity: str = "information", timeout: float = 4
    ) -> None:
        """Notify without ever reading user text as markup."""
        if isinstance(message, Content):
            self.notify(message.plain, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]
        else:
            self.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    def report_failure(self, error: BaseException) -> None:
        """Every worker failure ends here, as a sentence; never a traceback."""
        self.say(describe_failure(error), severity="error", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_failure(event.worker.error)

    @work(thread=True, group="write", exit_on_error=False)
    def write(
        self,
        change: Callable[[Journal], object],
        done: str,
        undo: UndoStep | None = None,
    ) -> None:
        """Run one change in a thread, then refresh every screen and say what happened."""
        change(self.journal)
        self.call_from_thread(self._written, done, undo)

    def _written(self, done: str, undo: UndoStep | None) -> None:
        if undo is not None:
            self.undo_stack.append(undo)
            done = f"{done} Press u to undo."
        self.journal_changed()
        self.say(done)

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.undo_stack) or None
        if action == "search":
            return self._on_main_screen()
        if action == "share":
            return self.pending_share is not None and self._on_main_screen()
        return True

    def action_show(self, mode: str) -> None:
        if mode in self.MODES and mode != self.current_mode:
            self.switch_mode(mode)

    def action_quick_log(self) -> None:
        from netjournal.tui.dialogs.quick_log import QuickLogDialog

        screen = self.screen
        chosen = screen.log_preselection() if isinstance(screen, JournalScreen) else None
        preselected = (chosen,) if chosen is not None else ()
        dialog = QuickLogDialog(
            self.journal, preselected, draft=self.quick_log_draft, kind=self.last_kind
        )
        self.push_screen(dialog, self._after_log)

    def offer_share(
        self, exchange_id: int, given_to: Sequence[ContactRef], suggestions: Sequence[Suggestion]
    ) -> None:
        """Say who else might value what was just given, and let S log it for them: a notice,
        not a dialog, so logging never costs an extra key."""
        self.pending_share = (
            (exchange_id, tuple(given_to), tuple(suggestions)) if suggestions else None
        )
        self.refresh_bindings()
        if suggestions:
            names = [s.contact.name for s in suggestions[:3]]
            more = len(suggestions) - len(names)
            who = ", ".join(names) + (f" and {more} more" if more else "")
            self.say(f"{who} might value it too: press S to log it for them.", timeout=10)

    def action_share(self) -> None:
        from netjournal.tui.dialogs.share import ShareDialog

        if self.pending_share is None:
            return
        exchange_id, given_to, suggestions = self.pending_share
        self.pending_share = None
        self.refresh_bindings()
        self.push_screen(ShareDialog(exchange_id, given_to, suggestions))

    def _after_log(self, exchange_id: int | None) -> None:
        if exchange_id is not None:
            self.journal_changed()
            self.say("Logged.")

    def action_add_contact(self) -> None:
        from netjournal.tui.dialogs.contact_form import ContactForm

        self.push_screen(ContactForm(self.journal, None), self._after_contact_saved)

    def edit_contact(self, contact_id: int) -> None:
        self._edit_contact(contact_id)

    @work(exclusive=True, group="edit", exit_on_error=False)
    async def _edit_contact(self, contact_id: int) -> None:
        from netjournal.tui.dialogs.contact_form import ContactForm

        record = await self._in_thread(lambda j: j.contact(contact_id))
        self.push_screen(ContactForm(self.journal, record), self._after_contact_saved)

    async def _in_thread(self, read: Callable[[Journal], Any]) -> Any:
        worker = self.run_worker(lambda: read(self.journal), thread=True, exit_on_error=False)
        return await worker.wait()

    def _after_contact_saved(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.revealed_contact = contact_id
            self.journal_changed()
            self.say("Saved.")

    def action_new_reflection(self) -> None:
        from netjournal.tui.dialogs.reflection_editor import ReflectionEditor

        chosen = self.selected_contact()
        about = (chosen,) if chosen is not None else ()
        self.push_screen(ReflectionEditor(self.journal, None, about), self._after_reflection)

    def _after_reflection(self, reflection_id: int | None) -> None:
        if reflection_id is not None:
            self.journal_changed()
            self.say("Reflection saved.")

    def delete_contact(self, contact: ContactRef) -> None:
        self._confirm_delete(contact)

    @work(exclusive=True, group="confirm", exit_on_error=False)
    async def _confirm_delete(self, contact: ContactRef) -> None:
        from netjournal.tui.dialogs.confirm import ConfirmDialog

        sure = await self.push_screen_wait(
            ConfirmDialog(
                Content.assemble(
                    "Delete ", (contact.name, "bold"), " and their place on every timeline?"
                ),
                confirm="Delete",
            )
        )
        if sure:
            self.write(
                lambda j: j.delete_contact(contact.id),
                f"Deleted {contact.name}.",
                UndoStep(
                    f"deleting {contact.name}",
                    lambda j: j.undo_delete_contact(contact.id),
                    reveal=contact.id,
                ),
            )

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.say("Nothing to undo.")
            return
        step = self.undo_stack.pop()
        if step.reveal is not None:
            self.revealed_contact = step.reveal
        self.write(step.undo, f"Undone: {step.label}.")

    def snooze_contact(self, contact: ContactRef) -> None:
        self._snooze(contact)

    @work(exclusive=True, group="confirm", exit_on_error=False)
    async def _snooze(self, contact: ContactRef) -> None:
        from netjournal.tui.dialogs.snooze import SnoozeDialog

        days = await self.push_screen_wait(SnoozeDialog(contact.name))
        if days:
            self._change_marks(
                contact,
                lambda j: j.snooze(contact.id, days),
                f"Snoozed {contact.name} for {days} days.",
                f"snoozing {contact.name}",
            )

    def touch_contact(self, contact: ContactRef) -> None:
        self._change_marks(
            contact,
            lambda j: j.touch(contact.id),
            f"Marked {contact.name} as touched today; their clock starts again.",
            f"marking {contact.name} as touched",
        )

    def _change_marks(
        self, contact: ContactRef, change: Callable[[Journal], object], done: str, label: str
    ) -> None:
        """Touch or snooze, remembering the marks as they were so u can put them back."""
        before: list[ContactRecord] = []

        def marked(journal: Journal) -> object:
            before.append(journal.contact(contact.id))
            return change(journal)

        def put_back(journal: Journal) -> object:
            old = before[0]
            journal.put_back_marks(contact.id, old.touched_on, old.snoozed_until)
            return None

        self.write(marked, done, UndoStep(label, put_back))

    def open_contact(self, contact_id: int) -> None:
        """Show a contact on the Contacts screen, from anywhere."""
        self.switch_mode("contacts")
        screen = self.screen
        from netjournal.tui.screens.contacts import ContactsScreen

        if isinstance(screen, ContactsScreen):
            screen.select_contact(contact_id)

    def action_import_file(self) -> None:
        from netjournal.tui.dialogs.transfer import TransferDialog

        self.push_screen(TransferDialog(self.journal, "import"), self._after_transfer)

    def action_export_journal(self) -> None:
        from netjournal.tui.dialogs.transfer import TransferDialog

        self.push_screen(TransferDialog(self.journal, "export"), self._after_transfer)

    def _after_transfer(self, summary: str | None) -> None:
        if summary:
            self.journal_changed()
            self.say(summary, timeout=8)

    def action_backup_now(self) -> None:
        from netjournal.io.backup import make_backup

        def backup(journal: Journal) -> object:
            return make_backup(journal.path, keep=journal.settings().backups_keep)

        self.write(backup, "Backed up: a verified copy is in the backup folder (netjournal where).")

    def _on_main_screen(self) -> bool:
        """Whether a main screen is in front (the command palette aside), not a dialog."""
        from textual.command import CommandPalette

        shown = [s for s in self.screen_stack if not isinstance(s, CommandPalette)]
        return bool(shown) and isinstance(shown[-1], JournalScreen)

    def action_search(self) -> None:
        from netjournal.tui.dialogs.search import SearchDialog

        self.push_screen(SearchDialog(self.journal), self.open_hit)

    def open_hit(self, hit: SearchHit | None) -> None:
        """Show a search hit where it lives: the contact, the log on its day, the reflection."""
        if hit is None:
            return
        if hit.kind == "contact":
            self.open_contact(hit.id)
        elif hit.kind == "exchange":
            self.switch_mode("log")
            from netjournal.tui.screens.log import LogScreen

            if isinstance(self.screen, LogScreen):
                self.screen.show_exchange(hit.id, hit.when)
        else:
            self.switch_mode("reflections")
            from netjournal.tui.screens.reflections import ReflectionsScreen

            if isinstance(self.screen, ReflectionsScreen):
                self.screen.select_reflection(hit.id)

    def action_help(self) -> None:
        from netjournal.tui.dialogs.help import HelpDialog

        if isinstance(self.screen, HelpDialog):
            return
        self.push_screen(HelpDialog(self.screen))


def run_app(
    journal_path: Path,
    *,
    locations: Locations | None = None,
    demo: bool = False,
    today: Callable[[], date] | None = None,
    build_demo: bool = False,
) -> None:
    """Run the screen on the journal at `journal_path`, opened once the first frame is drawn.

    A journal that can't be opened ends the app and raises JournalFileError with the sentence.
    """
    from netjournal.core.clock import local_today
    from netjournal.core.lean import LeanJournal

    source = JournalSource(journal_path, today or local_today, build_demo=build_demo)
    app = NetjournalApp(source, locations=locations, demo=demo)
    if not build_demo:
        # A few milliseconds, and a file that isn't a healthy journal is refused before the
        # screen is taken over.
        app.lean = LeanJournal.open(journal_path, source.today, full_check=False)
    try:
        app.run()
    finally:
        if app._journal is not None:
            app._journal.close()
    if app.failure is not None:
        raise JournalFileError(app.failure)
