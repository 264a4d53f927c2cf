"""The top line: the app's name, the five screens (current one lit), and a people count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

SCREEN_NAMES = (
    ("home", "Home"),
    ("contacts", "Contacts"),
    ("log", "Log"),
    ("reflections", "Reflections"),
    ("insights", "Insights"),
)


class NavBar(Horizontal):
    """Screen tabs that can be clicked as well as reached with 1–5."""

    DEFAULT_CSS = """
    NavBar {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    NavBar > #brand { width: auto; text-style: bold; color: $text-accent; }
    NavBar > #tabs { width: 1fr; content-align: center middle; }
    NavBar > #count { width: auto; color: $text-muted; }
    """

    current: reactive[str] = reactive("home")
    """The mode whose tab is lit."""
    people: reactive[int | None] = reactive(None)
    """How many people the journal holds, once known."""

    def __init__(self, current: str) -> None:
        super().__init__()
        self.set_reactive(NavBar.current, current)

    def compose(self) -> ComposeResult:
        yield Static("netjournal", id="brand", markup=False)
        yield Static(self._tabs(), id="tabs")
        yield Static("", id="count", markup=False)

    def on_resize(self) -> None:
        self.query_one("#tabs", Static).update(self._tabs())
        self.query_one("#brand", Static).display = self.size.width >= 90

    def _tabs(self) -> Content:
        # Narrow terminals drop the separators so every tab still fits on one line.
        separator = "  ·  " if self.size.width >= 100 or self.size.width == 0 else "  "
        parts: list[Content] = []
        for index, (mode, label) in enumerate(SCREEN_NAMES, start=1):
            text = f"{index} {label}"
            style = "bold $text-accent underline" if mode == self.current else "$text-muted"
            # Our own constant labels; the only markup here is the click action.
            parts.append(
                Content.from_markup(f"[{style} @click=app.show('{mode}')]$text[/]", text=text)
            )
        return Content(separator).join(parts)

    def watch_people(self, people: int | None) -> None:
        label = "" if people is None else f"{people:,} {'person' if people == 1 else 'people'}"
        self.query_one("#count", Static).update(label)
