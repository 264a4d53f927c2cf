"""The screen's last door: every line any widget draws passes through core.text.shown.

Widgets take user text as `Content(text)`, `Text(text)` or `markup=False`, which keeps markup
inert but lets control characters through (Rich and Textual pass ESC to the terminal). Rather
than cleaning in every widget that shows stored text, the app installs this line filter, which
Textual applies to every rendered line of every widget, dialog and notification, after layout
and before anything reaches the terminal (docs/data-safety.md, "Text from elsewhere").
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from netjournal.core.text import shown

# Rich measures every character this drops as zero cells wide (and `shown` gives a lone
# surrogate a one-cell replacement), so a line keeps the width layout gave it. A newline or tab
# never belongs inside one rendered line either.
_LINE_BREAKS = str.maketrans("", "", "\n\t")


class ShownText(LineFilter):
    """Removes from rendered segments what `shown` removes, and any stray newline or tab."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # The common line has nothing to remove: one pass over its text, no new segments.
        if all(segment.text.isprintable() for segment in segments):
            return segments
        kept: list[Segment] = []
        for segment in segments:
            text, style, control = segment
            if control is None and not text.isprintable():
                text = shown(text).translate(_LINE_BREAKS)
                if not text:
                    continue
                segment = Segment(text, style, control)
            kept.append(segment)
        return kept
