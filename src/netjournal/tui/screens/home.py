"""Home: who to reconnect with, who leans one way, what happened lately, a few numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netjournal.core.dates import format_short, humanize_date
from netjournal.core.highlights.insights import first_name, one_sided_note
from netjournal.core.highlights.reasons import (
    active_meaning,
    deep_meaning,
    lean_reason,
    reconnect_reason,
)
from netjournal.core.highlights.upcoming import BIRTHDAY
from netjournal.core.records import (
    ContactRef,
    ContactSummary,
    ExchangeRecord,
    Highlights,
    MonthTotal,
    UpcomingDate,
)
from netjournal.core.settings import Settings
from netjournal.tui import host
from netjournal.tui.feedback import WorkDone
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.widgets import legend as marks
from netjournal.tui.widgets.charts import DIRECTION_STYLE, balance_gauge, sparkline
from netjournal.tui.widgets.footer import JournalFooter
from netjournal.tui.widgets.legend import DUE_BADGES
from netjournal.tui.widgets.nav import NavBar
from netjournal.tui.widgets.people_list import PeopleList, PersonRow

# Building a row costs ~1 ms; a large journal can have 600 people due. The furthest past their
# rhythm come first, and Contacts sorted by due shows everyone.
RECONNECT_SHOWN = 100
# The soonest dates first; a big journal can have hundreds of birthdays in two weeks.
UPCOMING_SHOWN = 50
# The most one-sided first; at 30,000 people each list can hold 700 wrapped rows, which cost
# Home ~1 s to measure (docs/performance.md). Contacts sorted by balance shows everyone.
ONE_SIDED_SHOWN = 50


def reconnect_row(summary: ContactSummary, today: date) -> Content:
    """The name, then why in words: "last: 3 months ago (meeting) · rhythm 30 days · 62 days
    over"."""
    mark = DUE_BADGES["overdue"] if summary.due == "overdue" else DUE_BADGES["due"]
    return Content.assemble(
        mark,
        " ",
        (summary.name, "bold"),
        "\n",
        (reconnect_reason(summary, today), "$text-muted"),
    )


def lean_row(summary: ContactSummary, today: date, window_days: int) -> Content:
    """The name and balance gauge, the counts in words, then the gentle note."""
    return Content.assemble(
        (summary.name, "bold"),
        "  ",
        balance_gauge(summary.balance),
        "\n",
        (lean_reason(summary, window_days), "$text-muted"),
        "\n",
        (one_sided_note(summary, today), "$text-muted italic"),
    )


def recent_row(exchange: ExchangeRecord, today: date) -> Content:
    """When, which way and with whom on one line, what on the next: the panel cuts each line
    with an ellipsis where it must, so a summary is never cut down to a letter."""
    who = ", ".join(first_name(c.name) for c in exchange.contacts)
    return Content.assemble(
        (humanize_date(exchange.occurred_on, today), "$text-muted"),
        "  ",
        (exchange.direction, DIRECTION_STYLE.get(exchange.direction, "")),
        "  ",
        (who, "bold"),
        "\n  ",
        exchange.summary,
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
        (
            humanize_date(coming.on, today),
            "$text-accent" if coming.days_away < 2 else "$text-muted",
        ),
    )


class _Body(VerticalScroll, can_focus=False):
    """Home's panels; they scroll as one only when the terminal is too narrow for them."""


@dataclass
class HomeRead(WorkDone):
    """Home's data: the highlights first, then again with the months and the dates."""

    highlights: Highlights
    months: list[MonthTotal] | None = None
    upcoming: list[UpcomingDate] | None = None
    window: int | None = None


class HomeScreen(JournalScreen):
    """The highlights of the journal, at a lean."""

    # Textual declares this without ClassVar, so it can't be annotated here. From 80 columns
    # the panels sit side by side, so the one-sided lists are on screen at 80×24 too; below
    # that they stack, and only the panels scroll: the header and footer stay.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (100, "-wide")]  # noqa: RUF012

    DEFAULT_CSS = """
    HomeScreen #home-body { height: 1fr; }
    HomeScreen #top, HomeScreen #bottom { height: 1fr; }
    HomeScreen #reconnect-panel { width: 3fr; }
    HomeScreen #side { width: 2fr; }
    HomeScreen #numbers-panel { height: auto; }
    HomeScreen #side.-no-upcoming #numbers-panel { height: 1fr; }
    HomeScreen #upcoming-panel { height: 1fr; min-height: 4; }
    HomeScreen #upcoming { text-wrap: nowrap; text-overflow: ellipsis; }
    HomeScreen #gives-panel, HomeScreen #receives-panel, HomeScreen #recent-panel { width: 1fr; }
    HomeScreen #numbers, HomeScreen #numbers-key { height: auto; }
    HomeScreen #recent { text-wrap: nowrap; text-overflow: ellipsis; }

    HomeScreen.-medium #reconnect-panel, HomeScreen.-medium #side { width: 1fr; }
    HomeScreen.-medium #numbers-panel { height: 1fr; }
    HomeScreen.-medium #numbers-key, HomeScreen.-narrow #numbers-key { display: none; }

    HomeScreen.-narrow #top, HomeScreen.-narrow #bottom { layout: vertical; height: auto; }
    HomeScreen.-narrow .panel { height: auto; max-height: 12; min-height: 4; }
    HomeScreen.-narrow #side, HomeScreen.-narrow #upcoming-panel,
    HomeScreen.-narrow #side.-no-upcoming #numbers-panel { height: auto; }
    HomeScreen.-narrow #upcoming { height: auto; }
    HomeScreen.-narrow #reconnect-panel, HomeScreen.-narrow #side,
    HomeScreen.-narrow #gives-panel, HomeScreen.-narrow #receives-panel,
    HomeScreen.-narrow #recent-panel { width: 1fr; }
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
        with _Body(id="home-body"):
            with Horizontal(id="top"):
                with Vertical(id="reconnect-panel", classes="panel") as panel:
                    panel.border_title = "Reconnect"
                    panel.border_subtitle = marks.due_key()
                    yield PeopleList(
                        id="reconnect",
                        empty_hint="No one is due. Give people a rhythm (e to edit, every N "
                        "days) and they appear here when it lapses.",
                    )
                with Vertical(id="side"):
                    with Vertical(id="numbers-panel", classes="panel") as panel:
                        panel.border_title = "This quarter"
                        yield Static(
                            Content.styled("Reading your journal…", "$text-muted"), id="numbers"
                        )
                        yield Static(id="numbers-key")
                    with Vertical(id="upcoming-panel", classes="panel") as panel:
                        panel.border_title = "Upcoming"
                        yield PeopleList(
                            id="upcoming",
                            empty_hint="No birthdays or dates coming up. e (edit) adds them.",
                        )
            with Horizontal(id="bottom"):
                with Vertical(id="gives-panel", classes="panel") as panel:
                    panel.border_title = "You give, little comes back"
                    panel.border_subtitle = marks.gauge_key()
                    yield PeopleList(id="gives", empty_hint="No one you mostly give to lately.")
                with Vertical(id="receives-panel", classes="panel") as panel:
                    panel.border_title = "You mostly receive"
                    panel.border_subtitle = marks.gauge_key()
                    yield PeopleList(
                        id="receives", empty_hint="No one you mostly receive from lately."
                    )
                with Vertical(id="recent-panel", classes="panel") as panel:
                    panel.border_title = "Recent"
                    yield PeopleList(
                        id="recent", empty_hint="Nothing logged yet — press l to log an exchange."
                    )
        yield JournalFooter()

    _months: list[MonthTotal] | None = None
    """The last 12 months' totals shown, until a load brings new ones."""
    _settings = Settings()
    """The journal's thresholds, read with the highlights (for the reasons' wording)."""

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False)
    def load_data(self) -> None:
        # Before the full journal has loaded, a plain sqlite3 reader of the same data serves;
        # before either is open there is nothing to read, and the app reloads Home when there is.
        reads = self.nj.home_reads
        if reads is None:
            return
        self._settings = reads.settings()
        highlights = reads.highlights()
        # Who to reconnect with goes on screen first; the year's totals (a scan of every
        # exchange of the last 12 months: ~0.3 s at a million exchanges) and dates follow.
        self.post_message(HomeRead(highlights))
        months = reads.months(12)
        window = reads.settings().upcoming_days
        upcoming = reads.upcoming(window)
        self.post_message(HomeRead(highlights, months, upcoming, window))

    @on(HomeRead)
    def _read(self, read: HomeRead) -> None:
        self.show(read.highlights, read.months, read.upcoming, read.window)

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
            [PersonRow(s.id, s.name, reconnect_row(s, today)) for s in shown],
            footnote=Content.styled(
                f"…and {hidden:,} more: Contacts (2) sorted by due (o) lists everyone.",
                "$text-muted",
            )
            if hidden
            else None,
        )
        window_days = self._settings.reciprocity_window_days
        for list_id, leaning in (
            ("gives", highlights.you_give),
            ("receives", highlights.you_receive),
        ):
            shown_lean = leaning[:ONE_SIDED_SHOWN]
            more = len(leaning) - len(shown_lean)
            self.query_one(f"#{list_id}", PeopleList).show(
                [PersonRow(s.id, s.name, lean_row(s, today, window_days)) for s in shown_lean],
                footnote=Content.styled(
                    f"…and {more:,} more: Contacts (2) sorted by balance (o) lists everyone.",
                    "$text-muted",
                )
                if more
                else None,
            )
        self.query_one("#recent", PeopleList).show(
            [
                PersonRow(e.contacts[0].id, e.contacts[0].name, recent_row(e, today))
                for e in highlights.recent
                if e.contacts
            ]
        )
        if months is not None:
            self._months = months
        # On a reload the previous totals stay until the new ones arrive: no flicker.
        self.query_one("#numbers", Static).update(self._numbers(highlights, self._months))
        key = self.query_one("#numbers-key", Static)
        key.update(self._numbers_key())
        key.display = highlights.quality.total > 0
        # Which keys apply depends on whether a row is now highlighted.
        self.refresh_bindings()
        if months is not None:
            self.call_after_refresh(self.app.post_message, host.LoadEverything())

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
                ("a", "bold $text-accent"),
                " to add someone, or run\n",
                ("netjournal import Connections.csv", "$text-accent"),
                "\n\nJust looking? Try ",
                ("netjournal --demo", "$text-accent"),
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
            " person · " if quality.total == 1 else " people · ",
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

    def _numbers_key(self) -> Content:
        """What active and deep mean, under the numbers."""
        settings = self._settings
        return Content.styled(
            f"active: {active_meaning(settings.active_days)}\n"
            f"deep: {deep_meaning(settings.reciprocity_window_days)}",
            "$text-muted italic",
        )

    def legend(self) -> list[marks.Entry]:
        """What Home's marks and numbers mean, for the help screen."""
        settings = self._settings
        return [
            marks.BADGES[0],
            marks.BADGES[1],
            marks.GAUGE,
            *marks.numbers(
                active_days=settings.active_days, window_days=settings.reciprocity_window_days
            ),
        ]

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
        self.app.post_message(host.OpenContact(event.contact_id))

    def action_open(self) -> None:
        chosen = self.selected_contact()
        if chosen is not None:
            self.app.post_message(host.OpenContact(chosen.id))

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
