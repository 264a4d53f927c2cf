"""Log: every exchange, newest first, narrowed by direction, kind, person, tag and dates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Input, Select, Static
from textual.worker import Worker, WorkerState

from netjournal.core.dates import parse_date
from netjournal.core.errors import InputError
from netjournal.core.records import ContactRef, ExchangeRecord, LogFilter
from netjournal.core.text import split_tags
from netjournal.core.vocab import DIRECTIONS, KINDS
from netjournal.tui import host
from netjournal.tui.feedback import UndoStep, WorkDone
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.widgets.charts import DIRECTION_STYLE
from netjournal.tui.widgets.exchange_list import ExchangeList, exchange_detail
from netjournal.tui.widgets.footer import JournalFooter
from netjournal.tui.widgets.nav import NavBar

EMPTY_LOG = "Nothing logged yet — press l to log what you shared or received."
NOTHING_MATCHES = "Nothing matches these filters. Press x to clear them."
DATE_TIP = "A day such as today, 3 weeks ago, last friday or 2026-11-01; Enter applies it"
DIRECTION_CYCLE: tuple[str | None, ...] = (None, *DIRECTIONS)


@dataclass(frozen=True)
class LogPage:
    """One answer from the journal, tagged with the request it answers."""

    generation: int
    rows: list[ExchangeRecord]
    complete: bool
    today: date
    where: LogFilter
    person: ContactRef | None = None
    nobody: str = ""
    """The typed name that matched no one, if that is why the page is empty."""


@dataclass
class FirstPage(WorkDone):
    """A load's first page, and where the cursor should stay."""

    page: LogPage
    keep_id: int | None
    keep_index: int


@dataclass
class MoreRows(WorkDone):
    """The next page of the load `generation`."""

    generation: int
    rows: list[ExchangeRecord]


def short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class LogScreen(JournalScreen):
    """The shared-value log, paged from the journal so it stays quick at any size."""

    PAGE_SIZE: ClassVar[int] = 500
    AUTO_FOCUS = "#exchanges"
    # Textual types this as `ClassVar[...] | None`, which mypy reads as an instance variable.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    DEFAULT_CSS = """
    LogScreen #filters { height: 1; margin-top: 1; padding: 0 1; }
    LogScreen #filters > * { margin-right: 1; }
    LogScreen #direction { width: 20; min-width: 20; }
    LogScreen #kind { width: 18; }
    LogScreen #filters Input { width: 1fr; background: $boost; }
    LogScreen #filters Input.-invalid { background: $error 25%; }
    LogScreen #problem { color: $error; padding: 0 2; height: auto; }
    LogScreen #detail-box { height: 9; }
    LogScreen.-short #detail-box { height: 5; }
    LogScreen.-short #filters { margin-top: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            "Open",
            id="log.open",
            tooltip="Open the first person of the highlighted exchange",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="log.delete",
            tooltip="Delete the highlighted exchange (u undoes it)",
        ),
        Binding(
            "f",
            "cycle_direction",
            "Direction",
            id="log.direction",
            tooltip="Show all, only gave, only received or only mutual",
        ),
        Binding(
            "slash",
            "focus_filters",
            "Filter",
            id="log.filter",
            tooltip="Filter by person, tag or dates",
        ),
        Binding("x", "clear_filters", "Clear", id="log.clear", tooltip="Clear every filter"),
        Binding(
            "escape",
            "focus_list",
            "List",
            id="log.list",
            show=False,
            tooltip="Back to the list",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._direction: str | None = None
        self._where = LogFilter()
        self._person = ""
        self._generation = 0
        self._loaded_where = LogFilter()
        self._loaded_person: ContactRef | None = None
        self._more_pending = False
        self._today = date.min
        self._typing: Timer | None = None
        self._wanted: int | None = None
        """An exchange to highlight once the page holding it has loaded (see show_exchange)."""
        self._wanted_day: date | None = None
        """Its day, to narrow the log to once the filter bar exists."""

    def compose(self) -> ComposeResult:
        yield NavBar("log")
        with Horizontal(id="filters"):
            yield Button(self._direction_label(), id="direction", compact=True)
            yield Select(
                [("any kind", ""), *((k, k) for k in KINDS)],
                value="",
                allow_blank=False,
                compact=True,
                id="kind",
            )
            yield Input(
                placeholder="person…",
                compact=True,
                id="person",
                tooltip="Part of a name; the closest match is used",
            )
            yield Input(placeholder="#tag", compact=True, id="tag", tooltip="One tag, e.g. seo")
            yield Input(placeholder="since", compact=True, id="since", tooltip=DATE_TIP)
            yield Input(placeholder="until", compact=True, id="until", tooltip=DATE_TIP)
        yield Static("", id="problem", markup=False)
        with Vertical(id="list-panel", classes="panel") as panel:
            panel.border_title = "Log"
            yield ExchangeList(empty_hint=EMPTY_LOG, id="exchanges")
        # app.tcss gives every .panel `height: 1fr` and outranks DEFAULT_CSS, so the pane's
        # height is set on a box around it.
        with Vertical(id="detail-box"), VerticalScroll(id="detail-panel", classes="panel") as panel:
            panel.border_title = "Exchange"
            yield Static("", id="detail", markup=False)
        yield JournalFooter()

    def on_mount(self) -> None:
        self.query_one("#problem", Static).display = False
        super().on_mount()

    # --------------------------------------------------------------- loading

    @property
    def _list(self) -> ExchangeList:
        return self.query_one("#exchanges", ExchangeList)

    def load_data(self) -> None:
        """Reload after a write, keeping the cursor on the same exchange when it still exists."""
        if self._wanted_day is not None:
            self._narrow_to_day(self._wanted_day)
            self._wanted_day = None
            self._start_load(limit=self.PAGE_SIZE, keep_id=self._wanted)
            return
        listing = self._list
        current = listing.highlighted
        pages = listing.cursor // self.PAGE_SIZE + 1
        self._start_load(
            limit=pages * self.PAGE_SIZE,
            keep_id=self._wanted if self._wanted is not None else current.id if current else None,
            keep_index=listing.cursor,
        )

    def show_exchange(self, exchange_id: int, day: date | None) -> None:
        """Highlight one exchange among the others of its day (x brings back the whole log)."""
        self._wanted = exchange_id
        self._wanted_day = day
        if self.is_mounted:
            self.reload()
            self._list.focus()

    def _narrow_to_day(self, day: date) -> None:
        """Set the filter bar to one day and nothing else, without a reload per change."""
        self._direction = None
        self.query_one("#direction", Button).label = self._direction_label()
        kind = self.query_one("#kind", Select)
        with kind.prevent(Select.Changed):
            kind.value = ""
        for box in self.query("#filters Input").results(Input):
            with box.prevent(Input.Changed):
                box.value = day.isoformat() if box.id in ("since", "until") else ""
            box.remove_class("-invalid")
        self.query_one("#problem", Static).display = False
        self._where = LogFilter(since=day, until=day)
        self._person = ""

    def _start_load(self, *, limit: int, keep_id: int | None = None, keep_index: int = 0) -> None:
        self._generation += 1
        self._more_pending = False
        self._load_first(self._generation, self._where, self._person, limit, keep_id, keep_index)

    @work(thread=True, exclusive=True, group="log-load", exit_on_error=False)
    def _load_first(
        self,
        generation: int,
        where: LogFilter,
        person_text: str,
        limit: int,
        keep_id: int | None,
        keep_index: int,
    ) -> None:
        journal = self.journal
        today = journal.today()
        person: ContactRef | None = None
        if person_text:
            matches = journal.match_contacts(person_text)
            if not matches:
                page = LogPage(generation, [], True, today, where, nobody=person_text)
                self.post_message(FirstPage(page, keep_id, keep_index))
                return
            person = matches[0]
            where = replace(where, contact_id=person.id)
        # One row beyond the page tells whether older exchanges exist, without counting them all.
        rows = journal.exchanges(where, limit=limit + 1, offset=0)
        page = LogPage(generation, rows[:limit], len(rows) <= limit, today, where, person)
        self.post_message(FirstPage(page, keep_id, keep_index))

    @on(FirstPage)
    def _show_first(self, read: FirstPage) -> None:
        page, keep_id, keep_index = read.page, read.keep_id, read.keep_index
        if page.generation != self._generation:
            return
        self._today = page.today
        self._loaded_where = page.where
        self._loaded_person = page.person
        filtered = page.where != LogFilter() or bool(self._person)
        if page.nobody:
            hint = f"No one in the journal matches “{page.nobody}”."
        else:
            hint = NOTHING_MATCHES if filtered else EMPTY_LOG
        self._list.show(
            page.rows,
            complete=page.complete,
            today=page.today,
            keep_id=keep_id,
            keep_index=keep_index,
            empty_hint=hint,
        )
        self._wanted = None
        self._set_title(page.person)
        self._set_count()

    @on(ExchangeList.NeedMore)
    def _need_more(self, event: ExchangeList.NeedMore) -> None:
        if self._more_pending:
            return
        self._more_pending = True
        self._load_more(self._generation, self._loaded_where, event.loaded)

    @work(thread=True, exclusive=True, group="log-more", exit_on_error=False)
    def _load_more(self, generation: int, where: LogFilter, offset: int) -> None:
        rows = self.journal.exchanges(where, limit=self.PAGE_SIZE + 1, offset=offset)
        self.post_message(MoreRows(generation, rows))

    @on(MoreRows)
    def _show_more(self, read: MoreRows) -> None:
        if read.generation != self._generation:
            return
        rows = read.rows
        self._more_pending = False
        self._list.extend(rows[: self.PAGE_SIZE], complete=len(rows) <= self.PAGE_SIZE)
        self._set_count()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._more_pending = False  # a failed page must not block loading the next one
        super().on_worker_state_changed(event)

    def _set_title(self, person: ContactRef | None) -> None:
        parts: list[Content | str | tuple[str, str]] = ["Log"]
        if self._direction:
            parts += [" · ", (self._direction, DIRECTION_STYLE[self._direction])]
        if person is not None:
            parts += [" · with ", person.name]
        # A Content title, because a plain string title would be read as markup.
        self.query_one("#list-panel").border_title = Content.assemble(*parts)

    def _set_count(self) -> None:
        listing = self._list
        count = len(listing.rows)
        noun = "exchange" if count == 1 else "exchanges"
        self.query_one("#list-panel").border_subtitle = (
            f"{count:,} {noun}" if listing.complete else f"newest {count:,} · more as you scroll"
        )

    # ------------------------------------------------------------ the detail

    @on(ExchangeList.Highlighted)
    def _highlighted(self, event: ExchangeList.Highlighted) -> None:
        detail = self.query_one("#detail", Static)
        if event.exchange is None:
            detail.update("")
        else:
            detail.update(exchange_detail(event.exchange, self._today))
        self.refresh_bindings()

    @on(ExchangeList.Chosen)
    def _chosen(self, event: ExchangeList.Chosen) -> None:
        self.action_open()

    # --------------------------------------------------------------- filters

    def _direction_label(self) -> Content:
        shown = self._direction or "all"
        style = DIRECTION_STYLE.get(shown, "bold")
        return Content.assemble(("Direction ", "$text-muted"), (shown, style))

    def action_cycle_direction(self) -> None:
        position = DIRECTION_CYCLE.index(self._direction)
        self._direction = DIRECTION_CYCLE[(position + 1) % len(DIRECTION_CYCLE)]
        self.query_one("#direction", Button).label = self._direction_label()
        self._apply_filters()

    @on(Button.Pressed, "#direction")
    def _direction_pressed(self) -> None:
        self.action_cycle_direction()

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._apply_filters()

    @on(Input.Changed, "#person, #tag")
    def _typing_changed(self) -> None:
        # Wait for a pause in typing so a fast typist doesn't queue a query per key.
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(0.3, self._apply_filters)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self._apply_filters():
            self._list.focus()

    @on(Input.Blurred, "#since, #until")
    def _date_left(self) -> None:
        self._apply_filters()

    def _read_date(self, field: str, label: str, today: date, problems: list[str]) -> date | None:
        box = self.query_one(field, Input)
        text = box.value.strip()
        box.remove_class("-invalid")
        if not text:
            return None
        try:
            return parse_date(text, today)
        except InputError as error:
            box.add_class("-invalid")
            problems.append(f"{label}: {error.message}")
            return None

    def _apply_filters(self) -> bool:
        """Read the filter bar and reload; False (with a message shown) when a date is wrong."""
        today = self.journal.today()
        problems: list[str] = []
        since = self._read_date("#since", "Since", today, problems)
        until = self._read_date("#until", "Until", today, problems)
        if since and until and since > until:
            problems.append("“Since” is after “until”, so nothing could match; swap them.")
        problem = self.query_one("#problem", Static)
        problem.update("\n".join(problems))
        problem.display = bool(problems)
        if problems:
            return False
        kind = self.query_one("#kind", Select).value
        tags = split_tags(self.query_one("#tag", Input).value)
        where = LogFilter(
            direction=self._direction,
            kind=kind if isinstance(kind, str) and kind else None,
            tag=tags[0] if tags else None,
            since=since,
            until=until,
        )
        person = " ".join(self.query_one("#person", Input).value.split())
        if where != self._where or person != self._person:
            self._where = where
            self._person = person
            self._start_load(limit=self.PAGE_SIZE)
        return True

    def action_clear_filters(self) -> None:
        self._direction = None
        self.query_one("#direction", Button).label = self._direction_label()
        self.query_one("#kind", Select).value = ""
        for box in self.query("#filters Input").results(Input):
            box.value = ""
        self._apply_filters()

    def action_focus_filters(self) -> None:
        self.query_one("#person", Input).focus()

    def action_focus_list(self) -> None:
        self._list.focus()

    # --------------------------------------------------------------- actions

    def selected_contact(self) -> ContactRef | None:
        """The person the log is narrowed to, else the exchange's first person."""
        record = self._list.highlighted
        if record is None or not record.contacts:
            return None
        if self._loaded_person in record.contacts:
            return self._loaded_person
        return record.contacts[0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "delete"):
            return True if self._list.highlighted is not None else None
        return True

    def action_open(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.app.post_message(host.OpenContact(chosen.id))

    def action_delete(self) -> None:
        record = self._list.highlighted
        if record is not None:
            self._confirm_delete(record)

    @work(exclusive=True, group="log-confirm", exit_on_error=False)
    async def _confirm_delete(self, record: ExchangeRecord) -> None:
        from netjournal.tui.dialogs.confirm import ConfirmDialog

        sure = await self.app.push_screen_wait(
            ConfirmDialog(
                Content.assemble(
                    "Delete ", (record.summary, "bold"), "?\nYou can undo it with u afterwards."
                ),
                confirm="Delete",
            )
        )
        if not sure:
            return
        # Undo restores what the delete itself read back, not what this screen last loaded.
        deleted: list[ExchangeRecord] = []
        name = short(record.summary)
        self.app.post_message(
            host.Write(
                lambda j: deleted.append(j.delete_exchange(record.id)),
                f"Deleted “{name}”.",
                UndoStep(f"deleting “{name}”", lambda j: j.restore_exchange(deleted[0])),
            )
        )
