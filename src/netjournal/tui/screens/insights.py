"""Insights: given vs. received month by month, how balanced relationships are, and how deep."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widget import Widget

from netjournal.core.highlights import insights
from netjournal.core.highlights.reasons import active_meaning, deep_meaning
from netjournal.core.records import MonthTotal, Quality
from netjournal.tui.feedback import WorkDone
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.widgets.footer import JournalFooter
from netjournal.tui.widgets.nav import NavBar

GAVE = "$success"
RECEIVED = "$accent"
BALANCED = "$secondary"
"""Bars and columns; the numbers and words beside them use the text variants below."""
GAVE_TEXT = "$text-success"
RECEIVED_TEXT = "$text-accent"
BALANCED_TEXT = "$text-secondary"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EIGHTHS = " ▁▂▃▄▅▆▇█"
NOTHING_YET = (
    "Nothing logged yet. Once you log what you share and receive (press l), this screen "
    "draws it month by month, shows how balanced each relationship is, and counts the "
    "people you are active with and those it runs deep with."
)


@dataclass(frozen=True)
class InsightsData:
    today: date
    months: list[MonthTotal]
    balance_bins: list[int]
    quality: Quality
    active_days: int
    window_days: int


def month_label(key: str) -> str:
    """ "2026-11" → "Nov 2026"."""
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def bar_cells(value: int, top: int, width: int) -> int:
    """How many cells a value fills; anything above zero shows at least one."""
    if value <= 0 or top <= 0 or width <= 0:
        return 0
    return max(1, round(value / top * width))


def month_chart(months: Sequence[MonthTotal], width: int) -> Content:
    """Received grows left from the axis, gave grows right; mutual counts on both sides."""
    gave = [m.gave + m.mutual for m in months]
    received = [m.received + m.mutual for m in months]
    top = max([*gave, *received, 0])
    digits = max(3, len(f"{top:,}"))
    label_width = 8
    half = max(4, (width - label_width - 2 * digits - 5) // 2)
    header = Content.assemble(
        " " * (label_width + 1 + digits + 1),
        Content.styled("received ◀", RECEIVED_TEXT).pad_left(half - len("received ◀")),
        ("│", "$text-muted"),
        ("▶ gave", GAVE_TEXT),
    )
    lines = [header]
    for month, given, got in zip(months, gave, received, strict=True):
        left = bar_cells(got, top, half)
        right = bar_cells(given, top, half)
        lines.append(
            Content.assemble(
                (month_label(month.month), "$text-muted"),
                " ",
                (f"{got:>{digits},}", RECEIVED_TEXT if got else "$text-muted"),
                " ",
                " " * (half - left),
                ("█" * left, RECEIVED),
                ("│", "$text-muted"),
                ("█" * right, GAVE),
                " " * (half - right),
                " ",
                (f"{given:>{digits},}", GAVE_TEXT if given else "$text-muted"),
            )
        )
    mutual = sum(m.mutual for m in months)
    lines.append(Content(""))
    lines.append(
        Content.assemble(
            (f"{len(months)} months: ", "$text-muted"),
            ("gave ", "$text-muted"),
            (f"{sum(gave):,}", f"bold {GAVE_TEXT}"),
            (" · received ", "$text-muted"),
            (f"{sum(received):,}", f"bold {RECEIVED_TEXT}"),
            (f" · {mutual:,} mutual, counted on both sides", "$text-muted"),
        )
    )
    return Content("\n").join(lines)


def balance_chart(bins: Sequence[int], width: int, height: int = 8) -> Content:
    """One column per slice of balance, from "you mostly receive" (left) to "you mostly give"."""
    count = len(bins)
    column = max(1, min(6, (width - count) // count))
    top = max([*bins, 0])
    edge = max(1, round(count * 0.2))

    def colour(index: int) -> str:
        if index < edge:
            return RECEIVED
        if index >= count - edge:
            return GAVE
        return BALANCED

    rows: list[Content] = []
    for level in range(height, 0, -1):
        cells: list[Content | str | tuple[str, str]] = []
        for index, value in enumerate(bins):
            eighths = round(value / top * height * 8) if top else 0
            if value and not eighths:
                eighths = 1
            filled = max(0, min(8, eighths - (level - 1) * 8))
            cells.append((EIGHTHS[filled] * column, colour(index)))
            cells.append(" ")
        rows.append(Content.assemble(*cells))
    numbers = Content.assemble(
        *((f"{value:>{column},}"[-column:] + " ", "$text-muted") for value in bins)
    )
    span = (column + 1) * count - 1
    left, right = "◀ you mostly receive", "you mostly give ▶"
    middle = max(1, span - len(left) - len(right))
    centre = "balanced"
    if middle >= len(centre) + 2:
        before = (middle - len(centre)) // 2
        axis = Content.assemble(
            (left, RECEIVED_TEXT),
            " " * before,
            (centre, BALANCED_TEXT),
            " " * (middle - len(centre) - before),
            (right, GAVE_TEXT),
        )
    else:
        axis = Content.assemble((left, RECEIVED_TEXT), " " * middle, (right, GAVE_TEXT))
    return Content("\n").join([*rows, numbers, axis])


def quality_chart(quality: Quality, width: int, active_days: int, window_days: int) -> Content:
    """People in total, active lately, and deep, each with a bar against the total, then what
    active and deep mean."""
    digits = max(3, len(f"{quality.total:,}"))
    bar_width = max(4, width - 8 - digits - 2)
    lines = []
    for label, value, style in (
        ("People", quality.total, "$text"),
        ("Active", quality.active, BALANCED),
        ("Deep", quality.deep, GAVE),
    ):
        cells = bar_cells(value, quality.total, bar_width)
        lines.append(
            Content.assemble(
                (f"{label:<8}", "$text-muted"),
                (f"{value:>{digits},}", "bold"),
                "  ",
                ("█" * cells, style),
            )
        )
    lines.append(
        Content.styled(
            f"Active: {active_meaning(active_days)}. Deep: {deep_meaning(window_days)}.",
            "$text-muted",
        )
    )
    return Content("\n").join(lines)


class Chart(Widget):
    """Draws one of the charts above at whatever width it is given."""

    DEFAULT_CSS = """
    Chart { height: auto; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._data: InsightsData | None = None
        self._months = 12

    def show(self, data: InsightsData, months: int) -> None:
        self._data = data
        self._months = months
        self.refresh(layout=True)

    def draw(self, data: InsightsData, width: int) -> Content:
        raise NotImplementedError

    def render(self) -> Content:
        if self._data is None:
            return Content("")
        return self.draw(self._data, self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._data is None:
            return 1
        # Textual's own widgets pass their styles the same way (see OptionList).
        return self.draw(self._data, width).get_height(cast(RulesMap, self.styles), width)


class MonthChart(Chart):
    def draw(self, data: InsightsData, width: int) -> Content:
        months = data.months[-self._months :]
        if not any(m.gave or m.received or m.mutual for m in months):
            if not any(data.balance_bins) and not data.quality.active:
                return Content.styled(NOTHING_YET, "$text-muted")
            return Content.styled(
                f"Nothing logged in the last {self._months} months. Press l to log "
                "something you shared or received.",
                "$text-muted",
            )
        return month_chart(months, width)


class BalanceChart(Chart):
    """Fills its panel: the bars take whatever height is left under the two label rows."""

    DEFAULT_CSS = """
    BalanceChart { height: 1fr; }
    """

    def draw(self, data: InsightsData, width: int) -> Content:
        if not any(data.balance_bins):
            return Content.styled(
                "Once people have exchanges in the last year, this shows how many lean each way.",
                "$text-muted",
            )
        return balance_chart(
            data.balance_bins, width, max(3, min(16, self.content_size.height - 2))
        )


class QualityChart(Chart):
    def draw(self, data: InsightsData, width: int) -> Content:
        if data.quality.total == 0:
            return Content.styled("No one here yet — press a to add someone.", "$text-muted")
        return quality_chart(data.quality, width, data.active_days, data.window_days)


@dataclass
class InsightsRead(WorkDone):
    """Everything the Insights screen shows, read in one go."""

    data: InsightsData


class InsightsScreen(JournalScreen):
    """Three small charts of how giving and receiving flow, in theme colours."""

    # Textual types this as `ClassVar[...] | None`, which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    DEFAULT_CSS = """
    InsightsScreen #body { height: 1fr; }
    InsightsScreen #charts { height: 1fr; }
    InsightsScreen #months-box { width: 3fr; }
    InsightsScreen #side { width: 2fr; }
    InsightsScreen #balance-box { height: 1fr; }
    InsightsScreen #quality-box { height: 10; }
    InsightsScreen.-narrow #charts { layout: vertical; height: auto; }
    InsightsScreen.-narrow #months-box { width: 1fr; height: 19; }
    InsightsScreen.-narrow.-two-years #months-box { height: 31; }
    InsightsScreen.-narrow #side { width: 1fr; height: auto; }
    InsightsScreen.-narrow #balance-box { height: 12; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "toggle_months",
            "12/24 months",
            id="insights.months",
            tooltip="Show the last 12 or the last 24 months",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._months = 12
        self._data: InsightsData | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("insights")
        # app.tcss sizes every .panel at 1fr and outranks DEFAULT_CSS, so boxes set the sizes.
        with VerticalScroll(id="body"), Horizontal(id="charts"):
            with Vertical(id="months-box"), Vertical(id="months-panel", classes="panel"):
                yield MonthChart(id="months")
            with Vertical(id="side"):
                with Vertical(id="balance-box"), Vertical(id="balance-panel", classes="panel"):
                    yield BalanceChart(id="balance")
                with Vertical(id="quality-box"), Vertical(id="quality-panel", classes="panel"):
                    yield QualityChart(id="quality")
        yield JournalFooter()

    def on_mount(self) -> None:
        self._titles()
        super().on_mount()

    @work(thread=True, exclusive=True, group="insights-load", exit_on_error=False)
    def _load(self) -> None:
        journal = self.journal
        today = journal.today()
        settings = journal.settings()
        summaries = journal.contact_summaries()
        data = InsightsData(
            today=today,
            months=journal.months(24),
            balance_bins=insights.balance_histogram(summaries),
            quality=journal.quality(),
            active_days=settings.active_days,
            window_days=settings.reciprocity_window_days,
        )
        self.post_message(InsightsRead(data))

    def load_data(self) -> None:
        self._load()

    @on(InsightsRead)
    def _read(self, read: InsightsRead) -> None:
        self._show(read.data)

    def _show(self, data: InsightsData) -> None:
        self._data = data
        for chart in self.query(Chart).results(Chart):
            chart.show(data, self._months)

    def _titles(self) -> None:
        self.query_one(
            "#months-panel"
        ).border_title = f"Given and received, last {self._months} months"
        self.query_one("#months-panel").border_subtitle = "m: 12/24 months"
        self.query_one("#balance-panel").border_title = "Balance across people"
        self.query_one("#quality-panel").border_title = "Quality over quantity"

    def action_toggle_months(self) -> None:
        self._months = 24 if self._months == 12 else 12
        self.set_class(self._months == 24, "-two-years")
        self._titles()
        if self._data is not None:
            self._show(self._data)
