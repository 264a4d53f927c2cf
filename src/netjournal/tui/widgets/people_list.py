"""A short list of rows that each stand for a contact (Home's panels); Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netjournal.tui.contrast import in_cursor_colours


@dataclass(frozen=True)
class PersonRow:
    contact_id: int
    name: str
    prompt: Content


class Headline(Visual):
    """A row whose first line (the name, the summary) keeps to one line, ending in "…" when it
    is longer than the list is wide; the lines under it (a note about the person) wrap."""

    def __init__(self, prompt: Content) -> None:
        self.prompt = prompt
        head, *rest = prompt.split("\n", allow_blank=True)
        self._head: Content = head
        self._rest: Content = Content("\n").join(rest)

    def __str__(self) -> str:
        return str(self.prompt)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        head = self._head.truncate(width, ellipsis=True)
        strips: list[Strip] = head.render_strips(width, 1, style, options)
        if self._rest:
            strips += self._rest.render_strips(width, None, style, options)
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widths: list[int] = [self._head.get_optimal_width(rules, container_width)]
        if self._rest:
            widths.append(self._rest.get_optimal_width(rules, container_width))
        return min(max(widths), container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        rest: int = self._rest.get_height(rules, width) if self._rest else 0
        return 1 + rest


class PeopleList(OptionList):
    """Rows of people; posts `PeopleList.Chosen` on Enter or click, shows a hint when empty."""

    DEFAULT_CSS = """
    PeopleList {
        border: none;
        height: 1fr;
        padding: 0;
        background: transparent;
        /* Rows wrap: a scrollbar appearing after they were measured would cut their last line. */
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    PeopleList:focus { border: none; }
    PeopleList > .option-list--option-highlighted {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
    }
    PeopleList:focus > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """

    @dataclass
    class Chosen(Message):
        """A person was picked from the list."""

        people_list: PeopleList
        contact_id: int

        @property
        def control(self) -> PeopleList:
            return self.people_list

    def __init__(self, *, empty_hint: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._empty_hint = empty_hint
        self._rows: list[PersonRow] = []

    def show(self, rows: Sequence[PersonRow], footnote: Content | None = None) -> None:
        """Replace the rows, keeping the highlight on the same person, else on the same row
        (the person just snoozed or touched has left: the next one takes their place), and
        the list scrolled where it was.

        `footnote` goes last, as a line that can't be chosen (e.g. how many more there are).
        """
        previous = self.highlighted_row
        position = self.highlighted or 0
        scrolled = self.scroll_y
        self._rows = list(rows)
        self.clear_options()
        if not self._rows:
            self.add_option(Option(Content.styled(self._empty_hint, "$text-muted"), disabled=True))
            return
        self.add_options(
            Option(Headline(row.prompt), id=f"c{index}") for index, row in enumerate(self._rows)
        )
        if footnote is not None:
            self.add_option(Option(footnote, disabled=True))
        index = min(position, len(self._rows) - 1)
        if previous is not None:
            index = next(
                (i for i, row in enumerate(self._rows) if row.contact_id == previous.contact_id),
                index,
            )
        self.highlighted = index
        # Scrolled back where it was, then only as far as the highlight needs.
        self.scroll_to(y=scrolled, animate=False, immediate=True)
        self.scroll_to_highlight()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        lines = getattr(self, "_lines", None)  # OptionList's (option, line) for each line
        try:
            option_index = lines[self.scroll_offset.y + y][0] if lines is not None else None
        except IndexError:
            return strip
        if option_index is None or option_index != self.highlighted:
            return strip
        highlight = self.get_visual_style(
            "option-list--option", "option-list--option-highlighted"
        ).rich_style
        return in_cursor_colours(strip, highlight)

    @property
    def highlighted_row(self) -> PersonRow | None:
        if self.highlighted is None or not self._rows or self.highlighted >= len(self._rows):
            return None
        return self._rows[self.highlighted]

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._rows and event.option_index < len(self._rows):
            row = self._rows[event.option_index]
            self.post_message(self.Chosen(self, row.contact_id))
