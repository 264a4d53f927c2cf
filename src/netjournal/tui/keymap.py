"""Every key binding in the app, by where it applies: for docs/keys.md and key map checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import format_key

from netjournal.tui.app_keys import APP_BINDINGS


@dataclass(frozen=True)
class KeyRow:
    scope: str
    binding_id: str
    key: str
    description: str
    tooltip: str


def _scopes() -> list[tuple[str, Sequence[BindingType]]]:
    # Imported here: these pull in every screen, which only the docs and checks need at once.
    from netjournal.tui.dialogs.confirm import ConfirmDialog
    from netjournal.tui.dialogs.contact_form import ContactForm
    from netjournal.tui.dialogs.help import HelpDialog
    from netjournal.tui.dialogs.introduce import IntroduceDialog, WayChoice
    from netjournal.tui.dialogs.quick_log import QuickLogDialog
    from netjournal.tui.dialogs.reflection_editor import ReflectionEditor
    from netjournal.tui.dialogs.search import SearchDialog
    from netjournal.tui.dialogs.share import ShareDialog
    from netjournal.tui.dialogs.snooze import SnoozeDialog
    from netjournal.tui.dialogs.transfer import TransferDialog
    from netjournal.tui.screens.contacts import ContactsScreen
    from netjournal.tui.screens.home import HomeScreen
    from netjournal.tui.screens.insights import InsightsScreen
    from netjournal.tui.screens.log import LogScreen
    from netjournal.tui.screens.reflections import ReflectionsScreen
    from netjournal.tui.widgets.choices import DirectionChoice, WeightChoice
    from netjournal.tui.widgets.contact_picker import ContactPicker
    from netjournal.tui.widgets.contact_table import ContactTable
    from netjournal.tui.widgets.exchange_list import ExchangeList

    classes: list[tuple[str, type[DOMNode]]] = [
        ("Home", HomeScreen),
        ("Contacts", ContactsScreen),
        ("Contact list", ContactTable),
        ("Log", LogScreen),
        ("Exchange list", ExchangeList),
        ("Reflections", ReflectionsScreen),
        ("Insights", InsightsScreen),
        ("Quick log", QuickLogDialog),
        ("Quick log: direction", DirectionChoice),
        ("Quick log: weight", WeightChoice),
        ("Share it with others", ShareDialog),
        ("Introduce", IntroduceDialog),
        ("Introduce: which way", WayChoice),
        ("Contact picker", ContactPicker),
        ("Contact form", ContactForm),
        ("Reflection editor", ReflectionEditor),
        ("Confirm", ConfirmDialog),
        ("Snooze", SnoozeDialog),
        ("Import and export", TransferDialog),
        ("Search", SearchDialog),
        ("Help", HelpDialog),
    ]
    return [("Everywhere", APP_BINDINGS)] + [
        (scope, cls.__dict__.get("BINDINGS", [])) for scope, cls in classes
    ]


def key_rows() -> list[KeyRow]:
    """Every binding declared by netjournal's own classes, in screen order."""
    rows = []
    for scope, bindings in _scopes():
        for binding in Binding.make_bindings(bindings):
            rows.append(
                KeyRow(
                    scope=scope,
                    binding_id=binding.id or "",
                    key=binding.key,
                    description=binding.description,
                    tooltip=binding.tooltip,
                )
            )
    return rows


def known_ids() -> set[str]:
    return {row.binding_id for row in key_rows() if row.binding_id}


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Ids in a user's key map that no binding has (a typo, or one from an old version)."""
    known = known_ids()
    return sorted(binding_id for binding_id in keymap if binding_id not in known)


def shown_key(key: str) -> str:
    """A key as people read it: `?` rather than `question_mark`, `enter` rather than ⏎."""
    return ", ".join(
        part if part in ("enter", "tab") else format_key(part) for part in key.split(",")
    )


def render_markdown() -> str:
    """docs/keys.md: generated from the bindings, so a test can prove it never drifts."""
    lines = [
        "# Keys",
        "",
        "Every key netjournal binds, where it works, and the id to remap it with.",
        "To remap, write `keymap.json` in the config folder (`netjournal where` shows it),",
        'mapping ids to keys, e.g. `{"app.quick_log": "ctrl+l", "contacts.filter": "f"}`.',
        "Several keys may be given comma-separated. `ctrl+p` opens the command palette,",
        "where every action is also available by name.",
        "",
        "This file is generated from the code: `python -m netjournal.tui.keymap > docs/keys.md`.",
    ]
    current = ""
    for row in key_rows():
        if row.scope != current:
            current = row.scope
            lines += [
                "",
                f"## {current}",
                "",
                "| Key | Action | Id | What it does |",
                "|---|---|---|---|",
            ]
        key = shown_key(row.key).replace("|", "\\|")
        lines.append(
            f"| `{key}` | {row.description or '—'} | `{row.binding_id}` | {row.tooltip or ''} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
