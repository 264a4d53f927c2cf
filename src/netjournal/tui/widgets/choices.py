"""The quick log's two one-line choosers: which way the value went, and how much it mattered."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from netjournal.core.vocab import DIRECTIONS

WEIGHT_MARKS = {1: "●○○", 2: "●●○", 3: "●●●"}
_DIRECTION_GAP = "   "


class DirectionChoice(Widget, can_focus=True):
    """gave / received / mutual on one line; g r m, arrows or a click choose."""

    DEFAULT_CSS = """
    DirectionChoice { height: 1; width: auto; padding: 0 1 0 0; }
    DirectionChoice:focus { background: $accent 20%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left",
            "step(-1)",
            "Previous",
            id="quick_log.direction_previous",
            tooltip="The direction to the left",
            show=False,
        ),
        Binding(
            "right",
            "step(1)",
            "Next",
            id="quick_log.direction_next",
            tooltip="The direction to the right",
            show=False,
        ),
    ]

    direction: reactive[str] = reactive("gave")
    """Which way the value went."""

    def render(self) -> Content:
        parts = []
        for name in DIRECTIONS:
            if name == self.direction:
                parts.append(Content.styled(f"● {name}", "bold $text-accent"))
            else:
                parts.append(Content.styled(f"○ {name}", "$text-muted"))
        return Content(_DIRECTION_GAP).join(parts)

    def action_step(self, step: int) -> None:
        index = DIRECTIONS.index(self.direction)
        self.direction = DIRECTIONS[(index + step) % len(DIRECTIONS)]

    def on_click(self, event: events.Click) -> None:
        start = 0
        for name in DIRECTIONS:
            end = start + len(f"● {name}")
            if start <= event.x < end + len(_DIRECTION_GAP):
                self.direction = name
                return
            start = end + len(_DIRECTION_GAP)


class WeightChoice(Widget, can_focus=True):
    """How much it mattered, 1 to 3, shown as ●○○; 1 2 3, arrows, + - or a click change it."""

    DEFAULT_CSS = """
    WeightChoice { height: 1; width: 5; padding: 0 1; color: $accent; }
    WeightChoice:focus { background: $accent 20%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(value),
                f"set({value})",
                f"Weight {value}",
                id=f"quick_log.weight_{value}",
                tooltip=f"Set the weight to {value} of 3",
                show=False,
            )
            for value in (1, 2, 3)
        ),
        Binding(
            "right,plus",
            "step(1)",
            "Heavier",
            id="quick_log.weight_up",
            tooltip="It mattered more",
            show=False,
        ),
        Binding(
            "left,minus",
            "step(-1)",
            "Lighter",
            id="quick_log.weight_down",
            tooltip="It mattered less",
            show=False,
        ),
    ]

    weight: reactive[int] = reactive(1)
    """1 (a small thing) to 3 (a big one)."""

    def render(self) -> Content:
        return Content(WEIGHT_MARKS[self.weight])

    def action_set(self, value: int) -> None:
        self.weight = value

    def action_step(self, step: int) -> None:
        self.weight = min(3, max(1, self.weight + step))

    def cycle(self) -> None:
        self.weight = self.weight % 3 + 1

    def on_click(self) -> None:
        self.cycle()
