"""The Log's list of exchanges: a Line API view that draws only the rows on screen,
fed page by page from a plain list, so a million exchanges cost no more than a hundred."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from netjournal.core.dates import format_long, humanize_date
from netjournal.core.highlights.insights import first_name
from netjournal.core.records import ExchangeFields, ExchangeRecord, long_texts
from netjournal.core.vocab import KIND_LABELS
from netjournal.tui.contrast import in_cursor_colours
from netjournal.tui.widgets.charts import DIRECTION_STYLE

# Ask for the next page while this many loaded rows are still ahead of the cursor or the view.
LOOKAHEAD = 100
WIDE = 96


def when(day: date, today: date) -> str:
    """Relative within a year ("3 weeks ago"), a plain date beyond ("25 Nov 2024")."""
    if abs((today - day).days) < 365:
        return humanize_date(day, today)
    # format_long is "Wed 25 Nov 2026", in English whatever the locale; the weekday is noise here.
    return format_long(day).split(" ", 1)[1]


def people_text(record: ExchangeRecord, width: int) -> str:
    """First names that fit in `width`, then "+N" for the rest: "Ana, Bruno +2"."""
    names = [first_name(c.name) for c in record.contacts]
    if not names:
        return "—"
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        tail = f" +{rest}" if rest else ""
        candidate = ", ".join([*shown, name]) + tail
        if shown and len(candidate) > width:
            break
        shown.append(name)
    hidden = len(names) - len(shown)
    return ", ".join(shown) + (f" +{hidden}" if hidden else "")


def weight_dots(weight: int) -> str:
    return "●" * max(1, min(3, weight))


def cell(text: str, width: int, style: str = "", *, right: bool = False) -> Content:
    """`text` fitted to exactly `width` cells: cut with … when too long, padded when short."""
    if width <= 0:
        return Content("")
    content = Content(" ".join(text.split())).truncate(width, ellipsis=True)
    gap = width - content.cell_length
    content = content.pad_left(gap) if right else content.pad_right(gap)
    return content.stylize(style) if style else content


@dataclass(frozen=True)
class Columns:
    """Column widths for one list width; `kind` is 0 when the list is too narrow for it."""

    date: int
    direction: int
    kind: int
    people: int
    summary: int
    weight: int
    gap: int

    @classmethod
    def for_width(cls, width: int) -> Columns:
        wide = width >= WIDE
        kind, people, gap = (14, 18, 2) if wide else (0, 12, 1)
        fixed = 13 + 9 + kind + people + 3 + gap * (5 if wide else 4)
        return cls(13, 9, kind, people, max(8, width - fixed), 3, gap)

    def join(self, cells: Sequence[Content]) -> Content:
        return Content(" " * self.gap).join(cells)


class ExchangeList(ScrollView, can_focus=True):
    """Every exchange, one per line, with a header that stays put and a cursor row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "exchange-list--header",
        "exchange-list--cursor",
        "exchange-list--hint",
    }

    DEFAULT_CSS = """
    ExchangeList {
        height: 1fr;
        background: transparent;
        overflow-x: hidden;
        overflow-y: auto;
    }
    ExchangeList > .exchange-list--header { color: $text-muted; text-style: bold; }
    ExchangeList > .exchange-list--cursor {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
    }
    ExchangeList:focus > .exchange-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    ExchangeList > .exchange-list--hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", id="exchange_list.down", show=False, tooltip="Next"),
        Binding("up,k", "move(-1)", "Up", id="exchange_list.up", show=False, tooltip="Previous"),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            id="exchange_list.page_down",
            show=False,
            tooltip="One screen further",
        ),
        Binding(
            "pageup",
            "page(-1)",
            "Page up",
            id="exchange_list.page_up",
            show=False,
            tooltip="One screen back",
        ),
        Binding("home", "first", "Newest", id="exchange_list.first", show=False, tooltip="Newest"),
        Binding(
            "end",
            "last",
            "Oldest loaded",
            id="exchange_list.last",
            show=False,
            tooltip="The oldest exchange loaded so far (more load as you go)",
        ),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another exchange (or the list emptied)."""

        exchange_list: ExchangeList
        exchange: ExchangeRecord | None

        @property
        def control(self) -> ExchangeList:
            return self.exchange_list

    @dataclass
    class Chosen(Message):
        """An exchange was double-clicked."""

        exchange_list: ExchangeList
        exchange: ExchangeRecord

        @property
        def control(self) -> ExchangeList:
            return self.exchange_list

    @dataclass
    class NeedMore(Message):
        """The cursor or the view is near the last loaded row and more may exist."""

        exchange_list: ExchangeList
        loaded: int

        @property
        def control(self) -> ExchangeList:
            return self.exchange_list

    def __init__(self, *, empty_hint: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._empty_hint = empty_hint
        self._rows: list[ExchangeRecord] = []
        self._complete = True
        self._loaded = False
        self._asked_for_more = False
        self._cursor = 0
        self._today = date.min

    # ------------------------------------------------------------------ data

    @property
    def rows(self) -> Sequence[ExchangeRecord]:
        return self._rows

    @property
    def complete(self) -> bool:
        """False while older exchanges may exist beyond the loaded rows."""
        return self._complete

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def highlighted(self) -> ExchangeRecord | None:
        if 0 <= self._cursor < len(self._rows):
            return self._rows[self._cursor]
        return None

    def show(
        self,
        rows: Sequence[ExchangeRecord],
        *,
        complete: bool,
        today: date,
        keep_id: int | None = None,
        keep_index: int = 0,
        empty_hint: str | None = None,
    ) -> None:
        """Replace every row; the cursor stays on `keep_id` if present, else near `keep_index`."""
        if empty_hint is not None:
            self._empty_hint = empty_hint
        self._rows = list(rows)
        self._complete = complete
        self._today = today
        self._loaded = True
        self._asked_for_more = False
        index = keep_index
        if keep_id is not None:
            for position, record in enumerate(self._rows):
                if record.id == keep_id:
                    index = position
                    break
        self._cursor = max(0, min(index, len(self._rows) - 1))
        self._update_size()
        self.refresh()
        self._reveal_cursor()
        self.post_message(self.Highlighted(self, self.highlighted))
        self._maybe_ask_for_more()

    def extend(self, rows: Sequence[ExchangeRecord], *, complete: bool) -> None:
        """Append the next page of older exchanges."""
        self._rows.extend(rows)
        self._complete = complete
        self._asked_for_more = False
        self._update_size()
        self.refresh()
        self._maybe_ask_for_more()

    def _update_size(self) -> None:
        # One line for the header, one for "loading more…" while the log may go on.
        lines = 1 + len(self._rows) + (0 if self._complete else 1)
        self.virtual_size = Size(self.scrollable_content_region.width, lines)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._reveal_cursor()

    # ------------------------------------------------------------- rendering

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self._rows:
            return self._hint_line(y, width)
        if y == 0:
            return self._strip(self._header(width), width, "exchange-list--header")
        index = self.scroll_offset.y + y - 1
        if 0 <= index < len(self._rows):
            if index != self._cursor:
                return self._strip(self._row(self._rows[index], width), width, None)
            strip = self._strip(self._row(self._rows[index], width), width, "exchange-list--cursor")
            cursor = self.get_visual_style("exchange-list--cursor").rich_style
            return in_cursor_colours(strip, cursor)
        if index == len(self._rows) and not self._complete:
            return self._strip(Content("Loading older exchanges…"), width, "exchange-list--hint")
        return Strip.blank(width, self.get_visual_style().rich_style)

    def _hint_line(self, y: int, width: int) -> Strip:
        """The empty hint, wrapped at word boundaries rather than cut."""
        style = self.get_visual_style("exchange-list--hint")
        text = self._empty_hint if self._loaded else "Loading…"
        lines = Visual.to_strips(self, Content(text), width, None, style, pad=True)
        if y < len(lines):
            return lines[y].adjust_cell_length(width, style.rich_style)
        return Strip.blank(width, style.rich_style)

    def _strip(self, content: Content, width: int, component: str | None) -> Strip:
        style = self.get_visual_style(component) if component else self.get_visual_style()
        strips = Visual.to_strips(self, content, width, 1, style, pad=True)
        strip = strips[0] if strips else Strip.blank(width, style.rich_style)
        return strip.adjust_cell_length(width, style.rich_style)

    def _header(self, width: int) -> Content:
        columns = Columns.for_width(width)
        cells = [
            cell("When", columns.date),
            cell("Direction", columns.direction),
            *([cell("Kind", columns.kind)] if columns.kind else []),
            cell("With", columns.people),
            cell("Summary", columns.summary),
            cell("", columns.weight),
        ]
        return columns.join(cells)

    def _row(self, record: ExchangeRecord, width: int) -> Content:
        columns = Columns.for_width(width)
        cells = [
            cell(when(record.occurred_on, self._today), columns.date, "$text-muted"),
            cell(record.direction, columns.direction, DIRECTION_STYLE.get(record.direction, "")),
            *([cell(record.kind, columns.kind, "$text-muted")] if columns.kind else []),
            cell(people_text(record, columns.people), columns.people, "bold"),
            cell(record.summary, columns.summary),
            cell(weight_dots(record.weight), columns.weight, "$text-muted", right=True),
        ]
        return columns.join(cells)

    # ---------------------------------------------------------------- moving

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped), scrolled into view."""
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index == self._cursor:
            return
        previous = self._cursor
        self._cursor = index
        self._refresh_row(previous)
        self._refresh_row(index)
        self._reveal_cursor()
        self.post_message(self.Highlighted(self, self.highlighted))
        self._maybe_ask_for_more()

    def _refresh_row(self, index: int) -> None:
        # Row `index` sits on virtual line index + 1, below the header.
        self.refresh_line(index + 1)

    def _reveal_cursor(self) -> None:
        top = self.scroll_offset.y
        visible = self._visible_rows
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._maybe_ask_for_more()

    def _maybe_ask_for_more(self) -> None:
        if self._complete or self._asked_for_more or not self._loaded:
            return
        last_seen = max(self._cursor, int(self.scroll_offset.y) + self._visible_rows)
        if last_seen >= len(self._rows) - LOOKAHEAD:
            self._asked_for_more = True
            self.post_message(self.NeedMore(self, len(self._rows)))

    def action_move(self, step: int) -> None:
        self.move_to(self._cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self._cursor + step * self._visible_rows)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if 0 <= index < len(self._rows):
            self.move_to(index)
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self._rows[index]))


LONG_TEXTS = long_texts(ExchangeFields)
"""Shown each as its own paragraph under the rest."""


def exchange_detail(record: ExchangeRecord, today: date) -> Content:
    """Everything about one exchange, for the pane under the list. User text stays literal."""
    day = format_long(record.occurred_on)
    relative = humanize_date(record.occurred_on, today)
    at = f" at {record.occurred_time}" if record.occurred_time else ""
    parts: list[Content | str | tuple[str, str]] = [
        (record.summary, "bold"),
        "\n",
        (record.direction, DIRECTION_STYLE.get(record.direction, "")),
        (f" · {KIND_LABELS.get(record.kind, record.kind)} · ", "$text-muted"),
        (weight_dots(record.weight).ljust(3, "○"), "$text-muted"),
        (f" · {day}{at} ({relative})", "$text-muted"),
        "\n",
        ("with ", "$text-muted"),
        ", ".join(c.name for c in record.contacts) or "—",
    ]
    if record.url:
        parts += ["\n", (record.url, "$text-accent underline")]
    if record.tags:
        parts += ["\n", (" ".join(f"#{t}" for t in record.tags), "$text-secondary")]
    for name in LONG_TEXTS:
        if value := getattr(record, name):
            parts += ["\n\n", value]
    return Content.assemble(*parts)
