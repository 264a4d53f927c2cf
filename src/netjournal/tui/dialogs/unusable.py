"""When the journal can't be opened after the screen is up: the reason, and the way out."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class UnusableJournalScreen(ModalScreen[None]):
    """Says why the journal can't be used (damage found by the daily check, say) and what to do.

    Nothing can be written meanwhile; q quits, and the same sentence is printed in the shell.
    """

    DEFAULT_CSS = """
    UnusableJournalScreen { align: center middle; }
    UnusableJournalScreen > Vertical {
        width: 80; max-width: 95%; height: auto;
        border: round $error; background: $surface; padding: 1 2;
    }
    UnusableJournalScreen #why { margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="unusable.quit", tooltip="Close netjournal"),
        Binding("escape", "app.quit", "Quit", id="unusable.escape", show=False),
    ]

    def __init__(self, why: str) -> None:
        super().__init__()
        self._why = why

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = "Your journal can't be used"
            yield Static(Content(self._why), id="why")
            yield Static(
                Content.assemble(
                    "Nothing was written. ",
                    ("netjournal where", "bold $accent"),
                    " shows the backup folder, and ",
                    ("netjournal restore FILE", "bold $accent"),
                    " puts a backup back (the file above is kept aside). Press ",
                    ("q", "bold $accent"),
                    " to quit.",
                )
            )
