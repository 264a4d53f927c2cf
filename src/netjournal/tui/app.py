"""The netjournal App: five screens, global keys, dialogs, writes, undo, theme and key map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.filter import LineFilter
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from netjournal.core.errors import JournalFileError
from netjournal.core.records import ContactRef
from netjournal.core.storage.paths import Locations
from netjournal.core.vocab import DEFAULT_KIND
from netjournal.tui import config as ui_config
from netjournal.tui import contact_actions, host
from netjournal.tui.app_keys import APP_BINDINGS
from netjournal.tui.commands import JournalCommands
from netjournal.tui.contrast import legible
from netjournal.tui.feedback import UndoStep
from netjournal.tui.journal_app import JournalApp, JournalSource
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.shown_text import ShownText

if TYPE_CHECKING:
    from netjournal.core.find.search import SearchHit
    from netjournal.core.journal import Journal
    from netjournal.core.suggestions.suggest import Suggestion
    from netjournal.tui.dialogs.quick_log import Draft as QuickLogDraft


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


class NetjournalApp(JournalApp):
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
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    quick_log_draft: QuickLogDraft | None = None
    """What the quick log held when last closed without saving; the next `l` picks it up."""
    last_kind: str = DEFAULT_KIND
    """The kind of the last exchange logged here, where the next quick log starts."""
    pending_share: tuple[int, tuple[ContactRef, ...], tuple[Suggestion, ...]] | None = None
    """The exchange just given, to whom, and who else might value it (S offers it to them)."""

    demo: reactive[bool] = reactive(False)
    """True when showing the temporary sample journal."""

    def __init__(
        self,
        journal: Journal | JournalSource,
        *,
        locations: Locations | None = None,
        demo: bool = False,
    ) -> None:
        super().__init__(journal)
        self.locations = locations
        self.undo_stack: list[UndoStep] = []
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

    def selected_contact(self) -> ContactRef | None:
        screen = self.screen
        if isinstance(screen, JournalScreen):
            return screen.selected_contact()
        return None

    # ---------------------------------------------------------------- writes and undo

    @on(host.Write)
    def _write_asked(self, request: host.Write) -> None:
        self.write(request.change, request.done, request.undo)

    @work(thread=True, group="write", exit_on_error=False)
    def write(
        self,
        change: Callable[[Journal], object],
        done: str,
        undo: UndoStep | None = None,
    ) -> None:
        """Run one change in a thread, then refresh every screen and say what happened."""
        change(self.journal)
        self.post_message(self.Written(done, undo))

    class Written(Message):
        """A change asked of `write` is on disk."""

        def __init__(self, done: str, undo: UndoStep | None) -> None:
            super().__init__()
            self.done = done
            self.undo = undo

    @on(Written)
    def _written(self, written: Written) -> None:
        done = written.done
        if written.undo is not None:
            self.undo_stack.append(written.undo)
            done = f"{done} Press u to undo."
        self.journal_changed()
        self.say(done)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.say("Nothing to undo.")
            return
        step = self.undo_stack.pop()
        if step.reveal is not None:
            self.revealed_contact = step.reveal
        self.write(step.undo, f"Undone: {step.label}.")

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

    @on(host.KeepDraft)
    def _keep_draft(self, message: host.KeepDraft) -> None:
        self.quick_log_draft = message.draft

    @on(host.Logged)
    def _logged(self, logged: host.Logged) -> None:
        self.quick_log_draft = None
        if logged.kind is not None:
            self.last_kind = logged.kind
        self.offer_share(logged.exchange_id, logged.given_to, logged.suggestions)

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

        self.push_screen(ContactForm(self.journal, None), contact_actions.contact_saved(self))

    @on(host.EditContact)
    def _edit_contact(self, request: host.EditContact) -> None:
        read = partial(contact_actions.read_to_edit, self, request.contact.id)
        self.run_worker(read, group="edit", exclusive=True, thread=True, exit_on_error=False)

    @on(contact_actions.ReadToEdit)
    def _read_to_edit(self, read: contact_actions.ReadToEdit) -> None:
        contact_actions.edit(self, read.record)

    @on(host.DeleteContact)
    def _delete_contact(self, request: host.DeleteContact) -> None:
        delete = contact_actions.delete(self, request.contact)
        self.run_worker(delete, group="confirm", exclusive=True, exit_on_error=False)

    @on(host.SnoozeContact)
    def _snooze_contact(self, request: host.SnoozeContact) -> None:
        snooze = contact_actions.snooze(self, request.contact)
        self.run_worker(snooze, group="confirm", exclusive=True, exit_on_error=False)

    @on(host.TouchContact)
    def _touch_contact(self, request: host.TouchContact) -> None:
        self.post_message(contact_actions.touch(request.contact))

    @on(host.OpenContact)
    def _open_contact(self, request: host.OpenContact) -> None:
        self.open_contact(request.contact_id)

    def open_contact(self, contact_id: int) -> None:
        """Show a contact on the Contacts screen, from anywhere."""
        contact_actions.show(self, contact_id)

    def action_new_reflection(self) -> None:
        from netjournal.tui.dialogs.reflection_editor import ReflectionEditor

        chosen = self.selected_contact()
        about = (chosen,) if chosen is not None else ()
        self.push_screen(ReflectionEditor(self.journal, None, about), self._after_reflection)

    def _after_reflection(self, reflection_id: int | None) -> None:
        if reflection_id is not None:
            self.journal_changed()
            self.say("Reflection saved.")

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
