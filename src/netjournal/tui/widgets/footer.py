"""The footer of the main screens: Textual's, except that `? Help` and `q Quit` never fall off
the edge; when the keys don't all fit, the ones just before them make room."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEPT = frozenset({"help", "quit", "app.help", "app.quit"})
"""Actions whose keys always show: the way to every other key, and the way out."""


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the footer: key and description with their padding, a gap after."""
    label = cell_len(key.key_display) + 2
    if key.description:
        label += cell_len(key.description) + 1
    if key.has_class("-command-palette"):
        return label + 2
    return label


class JournalFooter(Footer):
    """A footer that gives way from the right of its keys, never from ? Help and q Quit."""

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        width = self.size.width or self.app.size.width
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        used = sum(key_width(key) for key in keys)
        optional = [k for k in keys if k.action not in KEPT and not k.has_class("-command-palette")]
        while used > width and optional:
            dropped = optional.pop()
            used -= key_width(dropped)
            widgets.remove(dropped)
        yield from widgets

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
