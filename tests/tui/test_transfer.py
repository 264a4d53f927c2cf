"""Import, export and backup from inside the app, as a user reaches them."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from textual.widgets import Button, Input, Static

from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft
from netjournal.tui.app import NetjournalApp
from netjournal.tui.dialogs.transfer import TransferDialog

CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Lima,https://www.linkedin.com/in/ana-lima,ana@example.org,"Acme, Inc",Editor,15 Jan 2024
Bruno,Costa,https://www.linkedin.com/in/bruno-costa,,Livro Aberto,Publisher,03 Mar 2023
"""


async def _settle(app: NetjournalApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_import_previews_then_writes_with_the_palette_key(
    journal: Journal, tmp_path: Path
) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("I")
        await _settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, TransferDialog)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")  # the first Enter previews
        await _settle(app, pilot)
        preview = str(dialog.query_one("#preview-text", Static).render())
        assert "Would add 2 contacts" in " ".join(preview.split())
        assert journal.contact_refs() == []  # a preview writes nothing
        assert not dialog.query_one("#go", Button).disabled
        await pilot.press("enter")  # the Import button has focus now
        await _settle(app, pilot)
        assert not isinstance(app.screen, TransferDialog)
    names = sorted(r.name for r in journal.contact_refs())
    assert names == ["Ana Lima", "Bruno Costa"]
    ana = journal.contact(journal.resolve_contact("Ana Lima").id)
    assert ana.company == "Acme, Inc"
    assert ana.channels[0].platform == "linkedin"


async def test_import_of_a_missing_file_says_so_and_stays_open(
    journal: Journal, tmp_path: Path
) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("I")
        await _settle(app, pilot)
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(tmp_path / "nope.csv")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.screen is dialog
        assert "nope.csv" in str(dialog.query_one("#problem").render())


async def test_export_json_writes_a_private_file(journal: Journal, tmp_path: Path) -> None:
    journal.add_contact(ContactDraft("Ana Lima", tags=("seo",)))
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    old = os.umask(0o022)
    try:
        app = NetjournalApp(journal)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("E")
            await _settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, TransferDialog)
            dialog.query_one("#path", Input).value = str(target)
            await pilot.press("enter")
            await _settle(app, pilot)
            assert not isinstance(app.screen, TransferDialog)
    finally:
        os.umask(old)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "netjournal"
    assert [c["name"] for c in data["contacts"]] == ["Ana Lima"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_backup_now_and_the_daily_backup(journal: Journal) -> None:
    journal.add_contact(ContactDraft("Ana Lima"))
    folder = journal.path.parent / "backups"
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        daily = sorted(folder.glob("*.db"))
        assert len(daily) == 1  # made at launch
        await pilot.press("B")
        await _settle(app, pilot)
    assert len(sorted(folder.glob("*.db"))) == 2


async def test_the_files_settings_are_taken_only_when_the_box_is_ticked(
    journal: Journal, tmp_path: Path
) -> None:
    from textual.widgets import Checkbox

    source = tmp_path / "shared.json"
    source.write_text(
        json.dumps(
            {
                "format": "netjournal",
                "version": 1,
                "settings": {"backups_keep": 1},
                "contacts": [{"id": 1, "name": "Ana Lima"}],
            }
        ),
        encoding="utf-8",
    )
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("I")
        await _settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, TransferDialog)
        box = dialog.query_one("#take-settings", Checkbox)
        assert not box.display  # nothing to decide before a preview
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await _settle(app, pilot)
        preview = " ".join(str(dialog.query_one("#preview-text", Static).render()).split())
        assert "Left out the file's settings (backups_keep 10 → 1)" in preview
        assert box.display and not box.value
        box.value = True  # a fresh preview follows, which the Import button then writes
        await _settle(app, pilot)
        preview = " ".join(str(dialog.query_one("#preview-text", Static).render()).split())
        assert "Would set backups_keep 10 → 1" in preview
        await pilot.click("#go")
        await _settle(app, pilot)
        assert not isinstance(app.screen, TransferDialog)
    assert journal.settings().backups_keep == 1
    assert [r.name for r in journal.contact_refs()] == ["Ana Lima"]


async def test_a_file_that_is_not_text_is_refused_in_the_dialog_with_a_sentence(
    journal: Journal, tmp_path: Path
) -> None:
    from textual.widgets import Label

    from tests.reliability.hostile_files import random_bytes

    source = random_bytes(tmp_path / "contacts.vcf")
    app = NetjournalApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("I")
        await _settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, TransferDialog)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await _settle(app, pilot)
        problem = str(dialog.query_one("#problem", Label).render())
        assert "doesn't look like a text file" in problem
        assert dialog.query_one("#go", Button).disabled
    assert journal.contact_refs() == []
