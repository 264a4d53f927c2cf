"""The baseline: a bare Textual app with one label, started the way netjournal is."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label

READY = "bare textual app ready"


class BareApp(App[None]):
    """One label, nothing else: what any Textual app costs before it does any work."""

    def compose(self) -> ComposeResult:
        yield Label(READY)


if __name__ == "__main__":
    BareApp().run()
