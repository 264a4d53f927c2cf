"""The reflection editor, driven as a user would: `n`, write, link people, ctrl+s."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static, TextArea

from netjournal.core.errors import JournalFileError
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ReflectionDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.confirm import ConfirmDialog
from netjournal.tui.dialogs.reflection_editor import PROMPTS, ReflectionEditor
from netjournal.tui.widgets.contact_picker import ContactPicker
from tests.conftest import TODAY

LONG_AGO = TODAY - timedelta(days=400)


def seed(journal: Journal) -> dict[str, int]:
    return {
        name: journal.add_contact(ContactDraft(name, added_on=LONG_AGO))
        for name in ("Ana Lima", "Bruno Costa", "Rui Matos")
    }


async def settle(app: NetjournalApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_editor(app: NetjournalApp, pilot: Pilot[None]) -> ReflectionEditor:
    await settle(app, pilot)
    await pilot.press("n")
    await settle(app, pilot)
    assert isinstance(app.screen, ReflectionEditor)
    return app.screen


def problem(editor: ReflectionEditor) -> str:
    return str(editor.query_one("#save-problem", Label).render())


async def test_a_reflection_about_two_people_is_saved_with_both_links(journal: Journal) -> None:
    ids = seed(journal)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        assert editor.focused is editor.query_one("#body", TextArea)
        await pilot.press(*"Grateful for", "enter", *"both")
        await pilot.press("tab")
        await pilot.press(*"ana", "tab", *"bru", "enter")
        assert editor.focused is editor.query_one("#tags", Input)
        await pilot.press(*"gratitude", "ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReflectionEditor)

    [reflection] = journal.reflections()
    assert reflection.body == "Grateful for\nboth"
    assert {c.id for c in reflection.contacts} == {ids["Ana Lima"], ids["Bruno Costa"]}
    assert reflection.tags == ("gratitude",)
    assert reflection.written_on == TODAY
    assert reflection.prompt == ""


async def test_a_failed_save_keeps_the_body_and_the_editor_open(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(journal)

    def disk_full(draft: ReflectionDraft) -> int:
        raise JournalFileError("The disk is full; free some space and save again.")

    monkeypatch.setattr(journal, "add_reflection", disk_full)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await pilot.press(*"Do not lose me")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is editor
        assert editor.query_one("#body", TextArea).text == "Do not lose me"
        assert "The disk is full" in problem(editor)
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReflectionEditor)

    assert [r.body for r in journal.reflections()] == ["Do not lose me"]


async def test_prompts_cycle_and_one_can_become_the_heading(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        first = editor.prompt
        assert first in PROMPTS
        assert str(editor.query_one("#prompt", Static).render()) == first
        await pilot.press("ctrl+n")
        second = editor.prompt
        assert second != first
        assert str(editor.query_one("#prompt", Static).render()) == second
        await pilot.press("ctrl+t", *"Rui, twice")
        assert editor.query_one("#body", TextArea).text == f"## {second}\n\nRui, twice"
        await pilot.press("ctrl+s")
        await settle(app, pilot)

    [reflection] = journal.reflections()
    assert reflection.prompt == second
    assert reflection.body.startswith(f"## {second}")


async def test_nothing_written_cannot_be_saved(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is editor
        assert "Write something" in problem(editor)

    assert journal.reflections() == []


async def test_a_date_in_the_future_is_refused(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await pilot.press(*"Later", "shift+tab", "ctrl+u", *"tomorrow", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is editor
        note = editor.query_one("#date-note", Label)
        assert note.display
        assert "in the future" in str(note.render())
        await pilot.press("ctrl+u", *"yesterday", "ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReflectionEditor)

    [reflection] = journal.reflections()
    assert reflection.written_on == TODAY - timedelta(days=1)


async def test_escape_asks_before_discarding_what_was_written(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReflectionEditor)
        editor = await open_editor(app, pilot)
        await pilot.press(*"Half")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#body", TextArea).text == "Half"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ReflectionEditor)

    assert journal.reflections() == []


async def test_editing_keeps_links_and_prompt_and_updates_the_text(journal: Journal) -> None:
    ids = seed(journal)
    reflection_id = journal.add_reflection(
        ReflectionDraft(
            body="First draft",
            title="On Rui",
            written_on=date(2026, 11, 1),
            prompt=PROMPTS[1],
            contact_ids=(ids["Rui Matos"],),
            tags=("close",),
        )
    )
    record = journal.reflection(reflection_id)
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        saved: list[int | None] = []
        app.push_screen(ReflectionEditor(journal, record), saved.append)
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        assert editor.prompt == PROMPTS[1]
        assert [c.name for c in editor.query_one(ContactPicker).chosen] == ["Rui Matos"]
        assert editor.query_one("#date", Input).value == "2026-11-01"
        await pilot.press("end", "enter", *"Second thoughts", "ctrl+s")
        await settle(app, pilot)
        assert saved == [reflection_id]

    updated = journal.reflection(reflection_id)
    assert updated.body == "First draft\nSecond thoughts"
    assert (updated.title, updated.prompt, updated.tags) == ("On Rui", PROMPTS[1], ("close",))
    assert updated.written_on == date(2026, 11, 1)
    assert [c.id for c in updated.contacts] == [ids["Rui Matos"]]
