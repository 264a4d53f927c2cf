"""Keys: every binding is named and explained, the docs match the code, user key maps apply."""

from __future__ import annotations

import json
from pathlib import Path

from netjournal.core.journal import Journal
from netjournal.core.storage.paths import resolve
from netjournal.tui.app import NetjournalApp
from netjournal.tui.keymap import key_rows, render_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "keys.md"


def test_every_binding_has_an_id_a_label_and_a_tooltip() -> None:
    rows = key_rows()
    assert len(rows) > 40
    missing = [row for row in rows if not (row.binding_id and row.description and row.tooltip)]
    assert missing == []


def test_binding_ids_are_unique_within_each_place() -> None:
    seen: dict[tuple[str, str], str] = {}
    for row in key_rows():
        marker = (row.scope, row.binding_id)
        # One id may carry several keys (j and down), never two actions.
        assert seen.setdefault(marker, row.description) == row.description, marker


def test_keys_doc_is_generated_from_the_bindings() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/keys.md is stale: run python -m netjournal.tui.keymap > docs/keys.md"
    )


async def test_user_keymap_remaps_quick_log_and_warns_about_unknown_ids(
    journal: Journal, tmp_path: Path
) -> None:
    locations = resolve(journal.path)
    locations.config_dir.mkdir(parents=True, exist_ok=True)
    locations.keymap_file.write_text(
        json.dumps({"app.quick_log": "ctrl+l", "app.no_such_thing": "x"}), encoding="utf-8"
    )
    app = NetjournalApp(journal, locations=locations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        warnings = [n.message for n in app._notifications]
        assert any("app.no_such_thing" in message for message in warnings)
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ != "QuickLogDialog"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuickLogDialog"


async def test_theme_choice_is_remembered(journal: Journal) -> None:
    locations = resolve(journal.path)
    app = NetjournalApp(journal, locations=locations)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
    saved = json.loads(locations.config_file.read_text(encoding="utf-8"))
    assert saved["theme"] == "textual-light"
    again = NetjournalApp(journal, locations=locations)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_broken_config_file_falls_back_with_a_sentence(journal: Journal) -> None:
    locations = resolve(journal.path)
    locations.config_dir.mkdir(parents=True, exist_ok=True)
    locations.config_file.write_text("{not json", encoding="utf-8")
    app = NetjournalApp(journal, locations=locations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert any("isn't valid JSON" in n.message for n in app._notifications)
