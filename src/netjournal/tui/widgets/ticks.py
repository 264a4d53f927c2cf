"""Checkboxes that say on or off by their shape, not only their colour: [✓] and [ ].

Textual draws ▐X▌ both ways and tells them apart by colour alone, which a light theme, a
colour-blind reader or a monochrome terminal loses.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

ON, OFF = "✓", " "

T = TypeVar("T")


class Tick(Checkbox):
    """A checkbox drawn [✓] when on and [ ] when off."""

    @property
    def _button(self) -> Content:
        return Content.assemble("[", (ON, "bold $text-success") if self.value else OFF, "]")


class TickList(SelectionList[T]):
    """A selection list whose rows start with [✓] or [ ]."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4:
            return strip
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except Exception:
            return strip
        under = segments[3].style or RichStyle()
        chosen = option.value in self.selected
        mark = RichStyle(bold=True) if chosen else RichStyle()
        return Strip(
            [
                Segment("[", under),
                Segment(ON if chosen else OFF, under + mark),
                Segment("]", under),
                *segments[3:],
            ]
        )
