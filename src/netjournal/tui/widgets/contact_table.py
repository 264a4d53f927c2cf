"""The contact table: a Line-API list that renders only the rows on screen, so 30,000 people
scroll as smoothly as 30."""

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
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from netjournal.core.dates import humanize_date
from netjournal.core.records import ContactSummary
from netjournal.tui.contrast import in_cursor_colours
from netjournal.tui.widgets.charts import balance_gauge
from netjournal.tui.widgets.legend import DUE_BADGES, LEAN_BADGES

GAP = 2
LAST_WIDTH = 13
"""Fits the longest relative date, "23 months ago"."""
BALANCE_WIDTH = 9
BADGES_WIDTH = 3
NAME_MIN = 8
NAME_MIN_BESIDE_TAGS = 16
"""Tags are only worth showing while the name keeps at least this much room."""
TAGS_MIN = 8
TAGS_MAX = 28


@dataclass(frozen=True)
class Columns:
    """Cell widths for one table width; a width of 0 means the column is left out."""

    name: int
    tags: int
    last: int
    balance: int
    badges: int

    @classmethod
    def fit(cls, width: int) -> Columns:
        """Give every column its natural width, the name the slack, and drop the least useful
        columns first when the table is too narrow to show them all legibly."""
        for tags_on, last_on, balance_on in (
            (True, True, True),
            (False, True, True),
            (False, True, False),
            (False, False, False),
        ):
            last = LAST_WIDTH if last_on else 0
            balance = BALANCE_WIDTH if balance_on else 0
            fixed = BADGES_WIDTH + sum(w + GAP for w in (last, balance) if w)
            room = width - fixed - GAP
            if tags_on:
                if room - TAGS_MIN - GAP < NAME_MIN_BESIDE_TAGS:
                    continue
                tags = max(TAGS_MIN, min(TAGS_MAX, room * 3 // 10))
                return cls(room - tags - GAP, tags, last, balance, BADGES_WIDTH)
            if room >= NAME_MIN or not (last_on or balance_on):
                return cls(max(0, room), 0, last, balance, BADGES_WIDTH)
        raise AssertionError("unreachable: the last layout always fits")


def _cell(content: Content, width: int) -> Content:
    """Exactly `width` cells: padded, or cut with an ellipsis so nothing spills over."""
    return content.truncate(width, ellipsis=True, pad=True)


def last_exchange_text(summary: ContactSummary, today: date) -> str:
    return humanize_date(summary.last_exchange, today) if summary.last_exchange else "never"


def badges(summary: ContactSummary) -> Content:
    """Due state first, then the way the relationship leans."""
    due = DUE_BADGES.get(summary.due)
    lean = LEAN_BADGES.get(summary.lean) if summary.lean else None
    return Content.assemble(due or " ", " ", lean or " ")


def row_content(summary: ContactSummary, columns: Columns, today: date) -> Content:
    """One table row. User text goes in as plain Content, never through a markup parser."""
    cells = [_cell(Content(summary.name), columns.name)]
    if columns.tags:
        cells.append(_cell(Content.styled(", ".join(summary.tags), "$text-muted"), columns.tags))
    if columns.last:
        cells.append(_cell(Content(last_exchange_text(summary, today)), columns.last))
    if columns.balance:
        cells.append(_cell(balance_gauge(summary.balance), columns.balance))
    cells.append(_cell(badges(summary), columns.badges))
    return Content(" " * GAP).join(cells)


def header_content(columns: Columns, sorted_by: str) -> Content:
    """Column names; the one the table is sorted by is lit."""
    titles = [("Name", "name", columns.name)]
    if columns.tags:
        titles.append(("Tags", "", columns.tags))
    if columns.last:
        titles.append(("Last", "last", columns.last))
    if columns.balance:
        titles.append(("Balance", "balance", columns.balance))
    titles.append(("Due", "due", columns.badges))
    cells = [
        _cell(Content.styled(title, "$text-accent underline" if key == sorted_by else ""), width)
        for title, key, width in titles
    ]
    return Content(" " * GAP).join(cells)


class ContactTable(ScrollView, can_focus=True):
    """People as rows: name, tags, last exchange, balance and badges, with a cursor.

    The rows are a plain list kept by the widget; `render_line` builds only what is visible.
    """

    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: transparent;
        scrollbar-size-vertical: 1;
        & > .contact-table--header {
            color: $text-muted;
            text-style: bold;
        }
        & > .contact-table--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .contact-table--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .contact-table--empty {
            color: $text-muted;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up,k", "cursor_up", "Up", id="contact_table.up", tooltip="Previous person", show=False
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            id="contact_table.down",
            tooltip="Next person",
            show=False,
        ),
        Binding(
            "pageup",
            "cursor_page(-1)",
            "Page up",
            id="contact_table.page_up",
            tooltip="One screenful up",
            show=False,
        ),
        Binding(
            "pagedown",
            "cursor_page(1)",
            "Page down",
            id="contact_table.page_down",
            tooltip="One screenful down",
            show=False,
        ),
        Binding(
            "home",
            "cursor_first",
            "First",
            id="contact_table.first",
            tooltip="First person",
            show=False,
        ),
        Binding(
            "end", "cursor_last", "Last", id="contact_table.last", tooltip="Last person", show=False
        ),
        Binding(
            "enter", "open", "Open", id="contact_table.open", tooltip="Open the highlighted contact"
        ),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another person (None when the table is empty)."""

        contact_table: ContactTable
        contact_id: int | None

        @property
        def control(self) -> ContactTable:
            return self.contact_table

    @dataclass
    class Opened(Message):
        """Enter (or a double click) on a person."""

        contact_table: ContactTable
        contact_id: int

        @property
        def control(self) -> ContactTable:
            return self.contact_table

    sorted_by: reactive[str] = reactive("name")
    """Which column the rows are ordered by, lit in the header."""
    empty_message: reactive[Content] = reactive(Content(""))
    """What the table says when it has no rows."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[ContactSummary] = []
        self._cursor = -1
        self.today: date = date.min
        """The journal's day, handed in with the rows (`ContactsScreen`)."""
        """The day relative dates are measured from; the screen sets the journal's."""

    # ------------------------------------------------------------------ data

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> Sequence[ContactSummary]:
        return self._rows

    @property
    def cursor_row(self) -> int:
        """Index of the highlighted row, or -1 when there are no rows."""
        return self._cursor

    @property
    def cursor_contact(self) -> ContactSummary | None:
        return self._rows[self._cursor] if 0 <= self._cursor < len(self._rows) else None

    def set_rows(self, rows: Sequence[ContactSummary], keep_id: int | None = None) -> None:
        """Show `rows` with the cursor on `keep_id`; if that person is gone (just deleted), on
        whoever took their place; with no `keep_id`, on the first row."""
        self._rows = list(rows)
        index = 0
        if keep_id is not None:
            found = self._index_of(keep_id)
            index = found if found is not None else min(max(self._cursor, 0), len(rows) - 1)
        self._cursor = index if self._rows else -1
        self._update_virtual_size()
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._post_highlighted()

    def select_id(self, contact_id: int) -> bool:
        """Move the cursor to `contact_id`; False if that person is not among the rows."""
        index = self._index_of(contact_id)
        if index is None:
            return False
        self._move_to(index, center=True, always_post=True)
        return True

    def _index_of(self, contact_id: int) -> int | None:
        for index, row in enumerate(self._rows):
            if row.id == contact_id:
                return index
        return None

    def _update_virtual_size(self) -> None:
        height = len(self._rows) + 1 if self._rows else len(self._empty_lines(self._width))
        self.virtual_size = Size(self._width, height)

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def _page(self) -> int:
        """Rows visible below the header."""
        return max(1, self.scrollable_content_region.height - 1)

    # ------------------------------------------------------------ rendering

    def watch_sorted_by(self) -> None:
        self.refresh_line(0)

    def watch_empty_message(self) -> None:
        if not self._rows:
            self._update_virtual_size()
            self.refresh()

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def _empty_lines(self, width: int) -> list[Content]:
        if width <= 0 or not self.empty_message:
            return []
        return self.empty_message.wrap(width)

    def render_line(self, y: int) -> Strip:
        width = self._width
        if not self._rows:
            return self._render_empty(y, width)
        if y == 0:
            style = self.get_visual_style("contact-table--header")
            return self._strip(header_content(Columns.fit(width), self.sorted_by), width, style)
        index = round(self.scroll_y) + y - 1
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        on_cursor = index == self._cursor
        style = (
            self.get_visual_style("contact-table--cursor") if on_cursor else self.get_visual_style()
        )
        strip = self._strip(
            row_content(self._rows[index], Columns.fit(width), self.today), width, style
        )
        return in_cursor_colours(strip, style.rich_style) if on_cursor else strip

    def _render_empty(self, y: int, width: int) -> Strip:
        style = self.get_visual_style("contact-table--empty")
        lines = self._empty_lines(width)
        line = round(self.scroll_y) + y
        if 0 <= line < len(lines):
            return self._strip(lines[line], width, style)
        return Strip.blank(width, self.get_visual_style().rich_style)

    def _strip(self, content: Content, width: int, style: Style) -> Strip:
        strips = Visual.to_strips(self, content, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width, style.rich_style)
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)

    # --------------------------------------------------------------- cursor

    def _move_to(self, index: int, *, center: bool = False, always_post: bool = False) -> None:
        if not self._rows:
            return
        index = max(0, min(len(self._rows) - 1, index))
        previous = self._cursor
        if index == previous and not always_post:
            return
        self._cursor = index
        # Header is line 0, so row i sits at virtual line i + 1.
        if 0 <= previous < len(self._rows):
            self.refresh_line(previous + 1)
        self.refresh_line(index + 1)
        self._scroll_to_cursor(center=center)
        self._post_highlighted()

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        if self._cursor < 0:
            return
        page = self._page
        top = round(self.scroll_y)
        if top <= self._cursor < top + page:
            return
        if center:
            target = self._cursor - page // 2
        elif self._cursor < top:
            target = self._cursor
        else:
            target = self._cursor - page + 1
        self.scroll_to(y=max(0, target), animate=False)

    def _post_highlighted(self) -> None:
        chosen = self.cursor_contact
        self.post_message(self.Highlighted(self, chosen.id if chosen is not None else None))

    def action_cursor_up(self) -> None:
        self._move_to(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._move_to(self._cursor + 1)

    def action_cursor_page(self, pages: int) -> None:
        self._move_to(self._cursor + pages * self._page)

    def action_cursor_first(self) -> None:
        self._move_to(0)

    def action_cursor_last(self) -> None:
        self._move_to(len(self._rows) - 1)

    def action_open(self) -> None:
        chosen = self.cursor_contact
        if chosen is not None:
            self.post_message(self.Opened(self, chosen.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or not self._rows:
            return
        index = round(self.scroll_y) + offset.y - 1
        if index >= len(self._rows):
            return
        self._move_to(index)
        if event.chain >= 2:
            self.action_open()
