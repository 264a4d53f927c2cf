"""Help built from the live bindings of the screen underneath, so it can never drift."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(key as shown, description, tooltip) for every binding active on `screen`.

    netjournal's own keys (they all carry an id) come first; Textual's generic ones (scrolling,
    copying) follow, so the list opens with what this app does.
    """
    ours: list[tuple[str, str, str]] = []
    generic: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        shown = screen.app.get_key_display(binding)
        marker = (shown, binding.description)
        if marker in seen:
            continue
        seen.add(marker)
        row = (shown or key, binding.description, binding.tooltip or active.tooltip or "")
        (ours if binding.id else generic).append(row)
    return ours + generic


class HelpDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > VerticalScroll {
        width: 76; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    HelpDialog #title { text-style: bold; color: $text-accent; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close", tooltip="Back to the screen"),
        Binding(
            "question_mark",
            "dismiss",
            "Close",
            id="help.close_again",
            show=False,
            tooltip="Back to the screen",
        ),
        Binding("q", "dismiss", "Close", id="help.quit", show=False, tooltip="Back to the screen"),
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self._rows = binding_rows(underneath)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys on this screen", id="title")
            lines = [
                Content.assemble(
                    (f"{key:>10}", "bold $accent"),
                    "  ",
                    (f"{description:<16}", "bold"),
                    (tooltip, "$text-muted"),
                )
                for key, description, tooltip in self._rows
            ]
            lines.append(
                Content.assemble(
                    "\n",
                    ("ctrl+p", "bold $accent"),
                    " opens the command palette: every action is there by name. "
                    "Keys can be remapped in keymap.json in the config folder (netjournal where).",
                )
            )
            yield Static(Content("\n").join(lines))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
