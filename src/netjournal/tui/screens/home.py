"""Home: who to reconnect with, who leans one way, what happened lately, a few numbers."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from netjournal.core.dates import format_short, humanize_date
from netjournal.core.insights import first_name, one_sided_note, reconnect_note
from netjournal.core.records import (
    ContactRef,
    ContactSummary,
    Highlights,
    MonthTotal,
    UpcomingDate,
)
from netjournal.core.upcoming import BIRTHDAY
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.widgets.charts import DIRECTION_STYLE, balance_gauge, sparkline
from netjournal.tui.widgets.nav import NavBar
from netjournal.tui.widgets.people_list import PeopleList, PersonRow

# Building a row costs ~1 ms; a large journal can have 600 people due. The furthest past their
# rhythm come first, and Contacts sorted by due shows everyone.
RECONNECT_SHOWN = 100
# The soonest dates first; a big journal can have hundreds of birthdays in two weeks.
UPCOMING_SHOWN = 50


def reconnect_row(summary: ContactSummary, last_text: str) -> Content:
    mark = ("●", "$error") if summary.due == "overdue" else ("◐", "$warning")
    return Content.assemble(
        mark,
        " ",
        (summary.name, "bold"),
        ("  last: ", "$text-muted"),
        last_text,
        "\n  ",
        (reconnect_note(summary), "$text-muted"),
    )


def lean_row(summary: ContactSummary, today: date) -> Content:
    counts = f"{summary.gave_count} · {summary.received_count}"
    return Content.assemble(
        (summary.name, "bold"),
        "  ",
        balance_gauge(summary.balance),
        "  ",
        (counts, "$text-muted"),
        "\n",
        (one_sided_note(summary, today), "$text-muted italic"),
    )


def upcoming_row(coming: UpcomingDate, today: date) -> Content:
    """ "Fri 27 Nov  Ana Lima — Birthday (turns 40)", then "in 2 days" under it."""
    if coming.turning is None:
        what = coming.label
    elif coming.label == BIRTHDAY:
        what = f"{coming.label} (turns {coming.turning})"
    else:
        what = f"{coming.label} ({coming.turning} {'year' if coming.turning == 1 else 'years'})"
    return Content.assemble(
        (f"{format_short(coming.on):<12}", "$text-muted"),
        (coming.contact.name, "bold"),
        " — ",
        what,
        "\n",
        " " * 12,
        (humanize_date(coming.on, today), "$accent" if coming.days_away < 2 else "$text-muted"),
    )


class HomeScreen(JournalScreen):
    """The highlights of the journal, at a lean."""

    # Textual declares this without ClassVar, so it can't be annotated here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    DEFAULT_CSS = """
    HomeScreen #top, HomeScreen #bottom { height: 1fr; }
    HomeScreen.-narrow #top, HomeScreen.-narrow #bottom { layout: vertical; }
    HomeScreen.-narrow .panel { height: auto; max-height: 12; min-height: 4; }
    HomeScreen.-narrow #top, HomeScreen.-narrow #bottom { height: auto; }
    HomeScreen.-narrow { overflow-y: auto; }
    HomeScreen #reconnect-panel { width: 3fr; }
    HomeScreen #side { width: 2fr; }
    HomeScreen #numbers-panel { height: auto; }
    HomeScreen #side.-no-upcoming #numbers-panel { height: 1fr; }
    HomeScreen #upcoming-panel { height: 1fr; min-height: 4; }
    HomeScreen.-narrow #side, HomeScreen.-narrow #upcoming-panel,
    HomeScreen.-narrow #side.-no-upcoming #numbers-panel { height: auto; }
    HomeScreen.-narrow #upcoming { height: auto; }
    HomeScreen #upcoming { text-wrap: nowrap; text-overflow: ellipsis; }
    HomeScreen #gives-panel, HomeScreen #receives-panel { width: 1fr; }
    HomeScreen #recent-panel { width: 1fr; }
    HomeScreen.-narrow #reconnect-panel, HomeScreen.-narrow #side,
    HomeScreen.-narrow #gives-panel, HomeScreen.-narrow #receives-panel,
    HomeScreen.-narrow #recent-panel { width: 1fr; }
    HomeScreen #numbers { height: auto; }
    HomeScreen #recent { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            "Open",
            id="home.open",
            tooltip="Open the highlighted contact",
            show=True,
        ),
        Binding(
            "e", "edit_contact", "Edit", id="home.edit", tooltip="Edit the highlighted contact"
        ),
        Binding(
            "s",
            "snooze_contact",
            "Snooze",
            id="home.snooze",
            tooltip="Hide from Reconnect for a while",
        ),
        Binding("t", "touch_contact", "Touched", id="home.touch", tooltip="Mark as touched today"),
        Binding(
            "i",
            "introduce",
            "Introduce",
            id="home.introduce",
            tooltip="Log an introduction of the highlighted contact",
            show=False,
        ),
        Binding("j", "cursor('down')", "Down", id="home.down", show=False, tooltip="Next row"),
        Binding("k", "cursor('up')", "Up", id="home.up", show=False, tooltip="Previous row"),
        Binding(
            "tab",
            "app.focus_next",
            "Next panel",
            id="home.next_panel",
            show=False,
            tooltip="Move to the next list",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield NavBar("home")
        with Horizontal(id="top"):
            with Vertical(id="reconnect-panel", classes="panel") as panel:
                panel.border_title = "Reconnect"
                yield PeopleList(
                    id="reconnect",
                    empty_hint="No one is due. Give people a rhythm (e to edit, every N days) "
                    "and they appear here when it lapses.",
                )
            with Vertical(id="side"):
                with Vertical(id="numbers-panel", classes="panel") as panel:
                    panel.border_title = "This quarter"
                    yield Static(
                        Content.styled("Reading your journal…", "$text-muted"), id="numbers"
                    )
                with Vertical(id="upcoming-panel", classes="panel") as panel:
                    panel.border_title = "Upcoming"
                    yield PeopleList(
                        id="upcoming",
                        empty_hint="No birthdays or dates coming up. e (edit) adds them.",
                    )
        with Horizontal(id="bottom"):
            with Vertical(id="gives-panel", classes="panel") as panel:
                panel.border_title = "You give, little comes back"
                yield PeopleList(id="gives", empty_hint="No one you mostly give to lately.")
            with Vertical(id="receives-panel", classes="panel") as panel:
                panel.border_title = "You mostly receive"
                yield PeopleList(id="receives", empty_hint="No one you mostly receive from lately.")
            with Vertical(id="recent-panel", classes="panel") as panel:
                panel.border_title = "Recent"
                yield PeopleList(
                    id="recent", empty_hint="Nothing logged yet — press l to log an exchange."
                )
        yield Footer()

    _months: list[MonthTotal] | None = None
    """The last 12 months' totals shown, until a load brings new ones."""

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False)
    def load_data(self) -> None:
        # Before the full journal has loaded, a plain sqlite3 reader of the same data serves;
        # before either is open there is nothing to read, and the app reloads Home when there is.
        reads = self.nj.home_reads
        if reads is None:
            return
        highlights = reads.highlights()
        # Who to reconnect with goes on screen first; the year's totals (a scan of every
        # exchange of the last 12 months: ~0.3 s at a million exchanges) and dates follow.
        self.app.call_from_thread(self.show, highlights)
        months = reads.months(12)
        window = reads.settings().upcoming_days
        upcoming = reads.upcoming(window)
        self.app.call_from_thread(self.show, highlights, months, upcoming, window)

    def show(
        self,
        highlights: Highlights,
        months: list[MonthTotal] | None = None,
        upcoming: list[UpcomingDate] | None = None,
        window: int | None = None,
    ) -> None:
        """Show the highlights; `months` and the Upcoming dates when they are given too."""
        today = highlights.today
        if window is not None:
            self._show_upcoming(upcoming or [], window, today)
        self.query_one(NavBar).people = highlights.quality.total
        shown = highlights.reconnect[:RECONNECT_SHOWN]
        hidden = len(highlights.reconnect) - len(shown)
        self.query_one("#reconnect", PeopleList).show(
            [
                PersonRow(
                    s.id,
                    s.name,
                    reconnect_row(
                        s, humanize_date(s.last_exchange, today) if s.last_exchange else "never"
                    ),
                )
                for s in shown
            ],
            footnote=Content.styled(
                f"…and {hidden:,} more: Contacts (2) sorted by due (o) lists everyone.",
                "$text-muted",
            )
            if hidden
            else None,
        )
        self.query_one("#gives", PeopleList).show(
            [PersonRow(s.id, s.name, lean_row(s, today)) for s in highlights.you_give]
        )
        self.query_one("#receives", PeopleList).show(
            [PersonRow(s.id, s.name, lean_row(s, today)) for s in highlights.you_receive]
        )
        recent_rows = []
        for exchange in highlights.recent:
            if not exchange.contacts:
                continue
            who = ", ".join(first_name(c.name) for c in exchange.contacts)
            recent_rows.append(
                PersonRow(
                    exchange.contacts[0].id,
                    exchange.contacts[0].name,
                    Content.assemble(
                        (f"{humanize_date(exchange.occurred_on, today):<12} ", "$text-muted"),
                        (f"{exchange.direction:<9} ", DIRECTION_STYLE.get(exchange.direction, "")),
                        (f"{who:<10.10}", "bold"),
                        " ",
                        exchange.summary,
                    ),
                )
            )
        self.query_one("#recent", PeopleList).show(recent_rows)
        if months is not None:
            self._months = months
        # On a reload the previous totals stay until the new ones arrive: no flicker.
        self.query_one("#numbers", Static).update(self._numbers(highlights, self._months))
        # Which keys apply depends on whether a row is now highlighted.
        self.refresh_bindings()
        if months is not None:
            self.call_after_refresh(self.nj.load_everything)

    def _show_upcoming(self, upcoming: list[UpcomingDate], window: int, today: date) -> None:
        """The Upcoming panel: hidden when the setting is 0, a one-line hint when empty."""
        panel = self.query_one("#upcoming-panel")
        panel.display = window > 0
        self.query_one("#side").set_class(window <= 0, "-no-upcoming")
        panel.border_title = f"Upcoming · {window} days" if window != 1 else "Upcoming · today"
        shown = upcoming[:UPCOMING_SHOWN]
        hidden = len(upcoming) - len(shown)
        self.query_one("#upcoming", PeopleList).show(
            [PersonRow(u.contact.id, u.contact.name, upcoming_row(u, today)) for u in shown],
            footnote=Content.styled(
                f"…and {hidden:,} more: netjournal due lists every one.", "$text-muted"
            )
            if hidden
            else None,
        )

    def _numbers(self, highlights: Highlights, months: list[MonthTotal] | None) -> Content:
        quality = highlights.quality
        if quality.total == 0:
            return Content.assemble(
                ("No one here yet.", "bold"),
                "\n\nPress ",
                ("a", "bold $accent"),
                " to add someone, or run\n",
                ("netjournal import Connections.csv", "$accent"),
                "\n\nJust looking? Try ",
                ("netjournal --demo", "$accent"),
                " for a sample journal.",
            )
        if months is None:
            # As many lines as the totals will take, so nothing moves when they arrive.
            flow = Content.styled("counting the last 12 months…\n\n\n\n\n", "$text-muted")
        else:
            quarter = months[-3:]
            gave = sum(m.gave + m.mutual for m in quarter)
            received = sum(m.received + m.mutual for m in quarter)
            flow = Content.assemble(
                f"you gave {gave:,} · you received {received:,}\n\n",
                ("gave     ", "$text-muted"),
                sparkline([m.gave + m.mutual for m in months], "$success"),
                ("  12 months\n", "$text-muted"),
                ("received ", "$text-muted"),
                sparkline([m.received + m.mutual for m in months], "$accent"),
                "\n\n",
            )
        return Content.assemble(
            (f"{quality.total:,}", "bold"),
            " people · ",
            (f"{quality.active:,}", "bold"),
            " active · ",
            (f"{quality.deep:,}", "bold"),
            " deep\n",
            flow,
            (
                f"{len(highlights.reconnect):,} to reconnect with · "
                f"{len(highlights.follow_gaps):,} one-way follows",
                "$text-muted",
            ),
        )

    def _focused_list(self) -> PeopleList | None:
        focused = self.focused
        return focused if isinstance(focused, PeopleList) else None

    def selected_contact(self) -> ContactRef | None:
        people = self._focused_list()
        row = people.highlighted_row if people is not None else None
        return ContactRef(row.contact_id, row.name) if row is not None else None

    def log_preselection(self) -> ContactRef | None:
        # A Home list always has a highlighted row, so picking it would surprise: the quick
        # log starts empty here and the name is typed ("l, ana, enter").
        return None

    @on(PeopleList.Chosen)
    def _open_chosen(self, event: PeopleList.Chosen) -> None:
        self.nj.open_contact(event.contact_id)

    def action_open(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.nj.open_contact(chosen.id)

    def action_cursor(self, direction: str) -> None:
        people = self._focused_list()
        if people is not None:
            if direction == "down":
                people.action_cursor_down()
            else:
                people.action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "edit_contact", "snooze_contact", "touch_contact", "introduce"):
            return True if self.selected_contact() is not None else None
        return True
