"""Help built from the live bindings of the screen underneath, so it can never drift."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(key as shown, description, tooltip) for every netjournal binding active on `screen`.

    Only netjournal's own keys (they all carry an id): Textual's generic ones (scrolling
    sideways, copying a selection) do nothing here worth a line.
    """
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or not binding.id:
            continue
        shown = screen.app.get_key_display(binding)
        marker = (shown, binding.description)
        if marker in seen:
            continue
        seen.add(marker)
        rows.append((shown or key, binding.description, binding.tooltip or active.tooltip or ""))
    return rows


KEY_WIDTH = 10
NAME_WIDTH = 16


def hanging_rows(rows: Sequence[tuple[Content, Content]], lead: int, width: int) -> Content:
    """Each (lead, text) pair on its own line; text that wraps stays under its first word."""
    room = max(12, width - lead)
    lines: list[Content] = []
    for head, text in rows:
        wrapped = text.wrap(room) or [Content("")]
        lines.append(head.pad_right(max(0, lead - head.cell_length)) + wrapped[0])
        lines.extend(Content(" " * lead) + line for line in wrapped[1:])
    return Content("\n").join(lines)


class HelpText(Widget):
    """The keys and marks of one screen, laid out for whatever width the dialog has."""

    DEFAULT_CSS = """
    HelpText { height: auto; }
    """

    def __init__(
        self, keys: Sequence[tuple[str, str, str]], marks: Sequence[tuple[Content, str]]
    ) -> None:
        super().__init__()
        self._keys = keys
        self._marks = marks

    def draw(self, width: int) -> Content:
        lead = KEY_WIDTH + 2 + NAME_WIDTH
        key_rows = [
            (
                Content.assemble(
                    (f"{key:>{KEY_WIDTH}}", "bold $text-accent"),
                    "  ",
                    (f"{description:<{NAME_WIDTH}}", "bold"),
                ),
                Content.styled(tooltip, "$text-muted"),
            )
            for key, description, tooltip in self._keys
        ]
        parts = [hanging_rows(key_rows, lead, width)]
        if self._marks:
            parts.append(Content.styled("\nWhat the marks mean", "bold $text-accent"))
            mark_rows = [
                (mark.pad_left(max(0, KEY_WIDTH - mark.cell_length)), Content(meaning))
                for mark, meaning in self._marks
            ]
            parts.append(hanging_rows(mark_rows, KEY_WIDTH + 2, width))
        parts.append(
            hanging_rows(
                [
                    (
                        Content(""),
                        Content.assemble(
                            "\n",
                            ("ctrl+p", "bold $text-accent"),
                            " opens the command palette: every action is there by name. Keys "
                            "can be remapped in keymap.json in the config folder "
                            "(netjournal where).",
                        ),
                    )
                ],
                0,
                width,
            )
        )
        return Content("\n").join(parts)

    def render(self) -> Content:
        return self.draw(self.content_size.width or 70)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.draw(width).plain.split("\n"))


class HelpDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > VerticalScroll {
        width: 84; max-width: 95%; height: auto; max-height: 90%;
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
        legend = getattr(underneath, "legend", None)
        self._marks: list[tuple[Content, str]] = legend() if callable(legend) else []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys on this screen", id="title")
            yield HelpText(self._rows, self._marks)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
