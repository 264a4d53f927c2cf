"""Contacts: everyone in the journal in a fast table, filtered as you type, with a detail pane."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from netjournal.core.errors import JournalError
from netjournal.core.find.contact_index import ContactIndex
from netjournal.core.records import ContactRecord, ContactRef, ContactSummary, TimelineItem
from netjournal.tui.contact_sorts import SORT_LABELS, SORTS, sort_summaries
from netjournal.tui.feedback import WorkDone
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.widgets import legend as marks
from netjournal.tui.widgets.contact_detail import TIMELINE_LIMIT, ContactDetail
from netjournal.tui.widgets.contact_table import ContactTable
from netjournal.tui.widgets.footer import JournalFooter
from netjournal.tui.widgets.nav import NavBar

CONTACT_ACTIONS = frozenset(
    {"open", "edit_contact", "delete_contact", "snooze_contact", "touch_contact", "introduce"}
)
EMPTY_JOURNAL = Content.assemble(
    "No one here yet — press ",
    ("a", "bold $text-accent"),
    " to add someone,\nor run ",
    ("netjournal import Connections.csv", "$text-accent"),
    ".",
)
BACKGROUND_FILTER_ROWS = 5_000
"""Above this many people a broad query (one letter) takes long enough to stall typing, so
filtering moves to a thread; below it, it is done at once."""


@dataclass
class SummariesRead(WorkDone):
    """Everyone's summary, and in the order asked for."""

    summaries: list[ContactSummary]
    ordered: list[ContactSummary]
    today: date
    sort: str


@dataclass
class FinderReady(WorkDone):
    """The name index of a load, ready for the filter."""

    summaries: list[ContactSummary]
    finder: ContactIndex
    sort: str


@dataclass
class DetailRead(WorkDone):
    """One contact's facts and newest timeline items, as of `version`."""

    record: ContactRecord
    timeline: list[TimelineItem]
    more: int
    version: int


@dataclass
class DetailFailed(WorkDone):
    """A contact's detail couldn't be read (`message` says why, if it is the journal's)."""

    contact_id: int
    message: str | None


@dataclass
class Filtered(WorkDone):
    """The rows matching `query`, found with `finder` in a thread."""

    finder: ContactIndex
    query: str
    rows: list[ContactSummary]


class ContactsScreen(JournalScreen):
    """Everyone in the journal: a table on the left, the highlighted person on the right."""

    # Textual declares this as an instance variable, so a ClassVar annotation upsets mypy.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    DEFAULT_CSS = """
    ContactsScreen #contacts-body { height: 1fr; }
    ContactsScreen #table-panel { width: 3fr; }
    ContactsScreen #detail { width: 2fr; }
    ContactsScreen #filter { display: none; margin-bottom: 0; }
    ContactsScreen #filter.-shown { display: block; }
    ContactsScreen #key {
        height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ContactsScreen.-narrow #detail { display: none; }
    ContactsScreen.-narrow.-detail-open #detail { display: block; width: 1fr; }
    ContactsScreen.-narrow.-detail-open #table-panel { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="contacts.filter",
            tooltip="Filter by name, company or tag",
        ),
        Binding(
            "enter", "open", "Open", id="contacts.open", tooltip="Show the highlighted contact"
        ),
        Binding(
            "e", "edit_contact", "Edit", id="contacts.edit", tooltip="Edit the highlighted contact"
        ),
        Binding("d", "delete_contact", "Delete", id="contacts.delete", tooltip="Delete (u undoes)"),
        Binding(
            "s",
            "snooze_contact",
            "Snooze",
            id="contacts.snooze",
            tooltip="Hide from Reconnect for a while",
        ),
        Binding(
            "t", "touch_contact", "Touched", id="contacts.touch", tooltip="Mark as touched today"
        ),
        Binding(
            "i",
            "introduce",
            "Introduce",
            id="contacts.introduce",
            tooltip="Log an introduction of the highlighted contact",
            show=False,
        ),
        Binding(
            "o",
            "cycle_sort",
            "Sort",
            id="contacts.sort",
            tooltip="Sort by name, last, balance, due",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="contacts.back",
            tooltip="Clear the filter, or return to the table",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._all: list[ContactSummary] | None = None
        self._finder = ContactIndex(())
        self._today: date | None = None
        self._sort = "name"
        self._query = ""
        self._pending_select: int | None = None
        self._detail_wanted: int | None = None
        self._detail_busy = False
        self._had_selection = False
        self._window_days = 365
        """The reciprocity window, read with the summaries."""
        self._detail_shown: tuple[int, int] | None = None
        """(contact id, data version) of what the detail pane shows."""

    def compose(self) -> ComposeResult:
        yield NavBar("contacts")
        with Horizontal(id="contacts-body"):
            with Vertical(id="table-panel", classes="panel") as panel:
                panel.border_title = "Contacts"
                yield Input(
                    placeholder="filter by name, company or tag",
                    id="filter",
                    compact=True,
                    select_on_focus=False,
                )
                yield ContactTable(id="table")
                yield Static(marks.badge_key(), id="key", markup=False)
            yield ContactDetail(id="detail", classes="panel")
        yield JournalFooter()

    def on_mount(self) -> None:
        # JournalScreen.on_mount runs too (Textual calls each class's handler): it starts the load.
        self.query_one(ContactTable).focus()

    @property
    def table(self) -> ContactTable:
        return self.query_one("#table", ContactTable)

    @property
    def detail(self) -> ContactDetail:
        return self.query_one("#detail", ContactDetail)

    # --------------------------------------------------------------- loading

    def load_data(self) -> None:
        self._load_summaries(self._sort)

    @work(thread=True, exclusive=True, group="contacts-load", exit_on_error=False)
    def _load_summaries(self, sort: str) -> None:
        # The list reads through the lean reader while the full journal is still loading.
        reads = self.nj.home_reads or self.journal
        summaries = reads.contact_summaries()
        today = reads.today()
        self._window_days = reads.settings().reciprocity_window_days
        ordered = sort_summaries(summaries, sort)
        self.post_message(SummariesRead(summaries, ordered, today, sort))
        # Preparing 30,000 names for matching takes a while: here, once the rows are on screen,
        # not between two keystrokes.
        finder = ContactIndex(ordered)
        self.post_message(FinderReady(summaries, finder, sort))

    @on(SummariesRead)
    def _loaded(self, read: SummariesRead) -> None:
        summaries, ordered, today, sort = read.summaries, read.ordered, read.today, read.sort
        ids = frozenset(s.id for s in summaries)
        # Someone just added, edited or brought back here is highlighted once they show; a
        # reload for any other reason (another window's write, too) leaves the cursor alone.
        revealed = self.nj.revealed_contact
        if revealed in ids and self._pending_select is None:
            self.nj.revealed_contact = None
            self._pending_select = revealed
        self._all = summaries
        self._today = today
        self.table.today = today
        self.query_one(NavBar).people = len(summaries)
        current = self.table.cursor_contact
        keep = current.id if current is not None else None
        if self._query:
            # Filtered with the previous index until the new one is ready (a moment at most).
            self._show_rows(keep_id=keep)
        else:
            self._show_rows(
                keep_id=keep,
                rows=ordered if sort == self._sort else sort_summaries(summaries, self._sort),
            )
        self._apply_pending()
        # The list is fresh now: someone still not in it (archived, deleted) won't appear later.
        self._pending_select = None

    @on(FinderReady)
    def _finder_ready(self, ready: FinderReady) -> None:
        summaries, finder, sort = ready.summaries, ready.finder, ready.sort
        if summaries is not self._all or sort != self._sort:
            return  # a newer load or another sort made its own
        self._finder = finder
        if self._query:
            current = self.table.cursor_contact
            self._show_rows(keep_id=current.id if current is not None else None)

    def _show_rows(self, keep_id: int | None, rows: Sequence[ContactSummary] | None = None) -> None:
        if rows is None:
            rows = self._finder.filter(self._query)
        table = self.table
        table.sorted_by = self._sort
        if not self._all:
            table.empty_message = EMPTY_JOURNAL
        else:
            table.empty_message = Content.assemble(
                "No one matches ",
                (self._query, "bold"),
                ". Press ",
                ("escape", "bold $text-accent"),
                " to clear the filter.",
            )
        table.set_rows(rows, keep_id)
        self._update_title(len(rows))
        if not rows:
            self._detail_wanted = None
            self._detail_shown = None
            self.detail.show_message(
                "Whoever you highlight shows here: channels, notes and the timeline."
                if not self._all
                else "No one matches the filter."
            )

    def _update_title(self, shown: int) -> None:
        total = len(self._all or ())
        parts: list[Content] = [Content("Contacts")]
        if self._query:
            parts.append(Content.assemble("/ filter: ", (self._query, "bold")))
            parts.append(Content(f"{shown:,} of {total:,}"))
        elif self._all is not None:
            parts.append(Content(f"{total:,}"))
        parts.append(Content(f"sort: {SORT_LABELS[self._sort]}"))
        self.query_one("#table-panel").border_title = Content(" ─ ").join(parts)

    def select_contact(self, contact_id: int) -> None:
        """Highlight and show `contact_id`, now or as soon as the list has loaded."""
        self._pending_select = contact_id
        if self._all is not None and self.is_mounted:
            self._apply_pending()

    def _apply_pending(self) -> None:
        wanted = self._pending_select
        if wanted is None or self._all is None:
            return
        table = self.table
        if not table.select_id(wanted):
            if self._query and any(s.id == wanted for s in self._all):
                # The filter hides them; showing who was asked for matters more.
                self._set_query("")
                table.select_id(wanted)
            else:
                # Not loaded yet (a reload is on its way); try again after it.
                return
        self._pending_select = None
        if self.has_class("-narrow"):
            self.action_open()

    # ------------------------------------------------------------ the detail

    @on(ContactTable.Highlighted, "#table")
    def _highlighted(self, event: ContactTable.Highlighted) -> None:
        # Key states only change when a selection appears or goes; refreshing them on every
        # cursor move restyled the footer on each keystroke.
        has_selection = event.contact_id is not None
        if has_selection != self._had_selection:
            self._had_selection = has_selection
            self.refresh_bindings()
        if event.contact_id is None:
            self._detail_wanted = None
            return
        if self._detail_shown == (event.contact_id, self.nj.data_version):
            return
        self._want_detail(event.contact_id)

    def _want_detail(self, contact_id: int) -> None:
        # At most one read in flight: fast scrolling only moves the target, it never queues reads.
        self._detail_wanted = contact_id
        if not self._detail_busy:
            self._detail_busy = True
            self._read_detail(contact_id, self.nj.data_version)

    @work(thread=True, exclusive=True, group="contacts-detail", exit_on_error=False)
    def _read_detail(self, contact_id: int, version: int) -> None:
        try:
            record = self.journal.contact(contact_id)
            timeline = self.journal.timeline(contact_id, TIMELINE_LIMIT + 1)
            more = 0
            if len(timeline) > TIMELINE_LIMIT:
                # Rare: only people with a long history pay for counting it.
                more = len(self.journal.timeline(contact_id)) - TIMELINE_LIMIT
        except JournalError as error:
            self.post_message(DetailFailed(contact_id, error.message))
            return
        except Exception:
            self.post_message(DetailFailed(contact_id, None))
            raise
        self.post_message(DetailRead(record, timeline[:TIMELINE_LIMIT], more, version))

    @on(DetailRead)
    def _detail_read(self, read: DetailRead) -> None:
        record, timeline, more, version = read.record, read.timeline, read.more, read.version
        self._detail_busy = False
        wanted = self._detail_wanted
        if wanted != record.id or version != self.nj.data_version:
            if wanted is not None:
                self._want_detail(wanted)
            return
        summary = self.table.cursor_contact
        if summary is None or summary.id != record.id:
            summary = next((s for s in self.table.rows if s.id == record.id), None)
        self.detail.show_contact(
            record, summary, timeline, more, self._today or record.added_on, self._window_days
        )
        self._detail_shown = (record.id, version)

    @on(DetailFailed)
    def _detail_failed(self, failed: DetailFailed) -> None:
        contact_id, message = failed.contact_id, failed.message
        self._detail_busy = False
        wanted = self._detail_wanted
        if wanted is not None and wanted != contact_id:
            self._want_detail(wanted)
            return
        self._detail_shown = None
        self.detail.show_message(message or "Couldn't read this contact; try again in a moment.")

    # ------------------------------------------------------------- filtering

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        self.remove_class("-detail-open")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._query:
            return
        self._query = event.value
        if len(self._all or ()) <= BACKGROUND_FILTER_ROWS:
            self._show_rows(keep_id=None)
        else:
            self._filter_in_background(self._finder, self._query)

    @work(thread=True, exclusive=True, group="contacts-filter", exit_on_error=False)
    def _filter_in_background(self, finder: ContactIndex, query: str) -> None:
        rows = finder.filter(query)
        self.post_message(Filtered(finder, query, rows))

    @on(Filtered)
    def _filtered(self, filtered: Filtered) -> None:
        finder, query, rows = filtered.finder, filtered.query, filtered.rows
        # Typing moved on, or the data was reloaded, while this ran: a newer result is coming.
        if finder is self._finder and query == self._query:
            self._show_rows(keep_id=None, rows=rows)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._query:
            event.input.remove_class("-shown")
        self.table.focus()

    def _set_query(self, query: str) -> None:
        box = self.query_one("#filter", Input)
        self._query = query
        with box.prevent(Input.Changed):
            box.value = query
        box.set_class(bool(query), "-shown")
        current = self.table.cursor_contact
        self._show_rows(keep_id=current.id if current is not None else None)

    def action_back(self) -> None:
        if self.has_class("-detail-open") and self.has_class("-narrow"):
            self.remove_class("-detail-open")
        elif self._query or self.query_one("#filter", Input).has_focus:
            self._set_query("")
        self.table.focus()

    # --------------------------------------------------------------- actions

    def legend(self) -> list[marks.Entry]:
        """What the marks in the table mean, for the help screen."""
        return [*marks.BADGES, marks.GAUGE]

    def selected_contact(self) -> ContactRef | None:
        if not self.is_mounted:
            return None
        chosen = self.table.cursor_contact
        return ContactRef(chosen.id, chosen.name) if chosen is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CONTACT_ACTIONS:
            return True if self.selected_contact() is not None else None
        if action == "back":
            if not self.is_mounted:
                return False
            narrow_detail = self.has_class("-detail-open") and self.has_class("-narrow")
            return narrow_detail or bool(self._query) or self.query_one("#filter", Input).has_focus
        return True

    @on(ContactTable.Opened, "#table")
    def _opened(self, event: ContactTable.Opened) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if self.selected_contact() is None:
            return
        self.add_class("-detail-open")
        detail = self.detail
        detail.scroll_home(animate=False)
        detail.focus()

    def action_cycle_sort(self) -> None:
        self._sort = SORTS[(SORTS.index(self._sort) + 1) % len(SORTS)]
        if self._all is None:
            return
        self._finder = ContactIndex(sort_summaries(self._all, self._sort))
        current = self.table.cursor_contact
        self._show_rows(keep_id=current.id if current is not None else None)
