"""The keys that work on every screen: the five screens by number, then the App's actions."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    # The screen keys are shown by the NavBar, so the footer keeps room for actions.
    *(
        Binding(str(index), f"show('{mode}')", label, id=f"screen.{mode}", tooltip=tip, show=False)
        for index, (mode, label, tip) in enumerate(
            (
                ("home", "Home", "Highlights: who to reconnect with"),
                ("contacts", "Contacts", "Everyone in the journal"),
                ("log", "Log", "Every exchange, newest first"),
                ("reflections", "Reflections", "What you wrote"),
                ("insights", "Insights", "Given vs. received over time"),
            ),
            start=1,
        )
    ),
    Binding(
        "l",
        "quick_log",
        "Log it",
        id="app.quick_log",
        tooltip="Log what you shared or received",
    ),
    Binding("a", "add_contact", "Add", id="app.add_contact", tooltip="Add someone to the journal"),
    Binding(
        "n", "new_reflection", "Reflect", id="app.new_reflection", tooltip="Write a reflection"
    ),
    Binding("u", "undo", "Undo", id="app.undo", tooltip="Undo the last touch, snooze or delete"),
    Binding(
        "I",
        "import_file",
        "Import",
        id="app.import",
        show=False,
        tooltip="LinkedIn, vCard, CSV or JSON; preview first",
    ),
    Binding(
        "E",
        "export_journal",
        "Export",
        id="app.export",
        show=False,
        tooltip="Export as JSON, Markdown, vCard or CSV",
    ),
    Binding(
        "B",
        "backup_now",
        "Back up now",
        id="app.backup",
        show=False,
        tooltip="A verified copy in the backup folder",
    ),
    Binding(
        "ctrl+f",
        "search",
        "Search",
        id="app.search",
        show=False,
        # Before an Input's own ctrl+f (delete a word): search is wanted from every screen.
        priority=True,
        tooltip="Find contacts, exchanges and reflections by any word",
    ),
    Binding(
        "S",
        "share",
        "Share",
        id="app.share",
        tooltip="Log what you just gave for others who might value it too",
    ),
    Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key on this screen"),
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Close netjournal"),
]
