"""Snooze a contact out of Reconnect for 3, 7, 14 or 30 days."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

CHOICES = (3, 7, 14, 30)


class SnoozeDialog(ModalScreen[int | None]):
    DEFAULT_CSS = """
    SnoozeDialog { align: center middle; }
    SnoozeDialog > Vertical {
        width: 50; max-width: 90%; height: auto;
        border: round $accent; background: $surface; padding: 1 2;
    }
    SnoozeDialog OptionList { height: auto; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="snooze.cancel", tooltip="Don't snooze"),
        *(
            Binding(
                str(index),
                f"pick({days})",
                f"{days} days",
                id=f"snooze.{days}",
                show=False,
                tooltip=f"Back in Reconnect in {days} days",
            )
            for index, days in enumerate(CHOICES, start=1)
        ),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self._contact_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Content.assemble(
                    "Snooze ", (self._contact_name, "bold"), " — back in Reconnect after:"
                )
            )
            yield OptionList(
                *(
                    Option(Content(f"{index}  {days} days"), id=str(days))
                    for index, days in enumerate(CHOICES, start=1)
                )
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_pick(self, days: int) -> None:
        self.dismiss(days)

    def action_cancel(self) -> None:
        self.dismiss(None)
