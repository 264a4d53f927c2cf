"""`netjournal import`, `export`, `backup` and `restore` as a user runs them: output and exit codes
(0 done, 1 refused with a sentence on stderr, 2 a usage mistake)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.journal import open_journal
from tests.conftest import TODAY
from tests.io.conftest import connections_csv, mode, write

Run = Callable[..., Result]
ANA = 'Ana,Lima,https://www.linkedin.com/in/analima,,"Lumen, Inc.",Founder,15 Jan 2024'


@pytest.fixture
def run(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(journal_path), *args], prog_name="netjournal")

    return invoke


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr == ""  # no progress bar when stderr isn't a terminal
    return result.stdout


def refused(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


def names(journal_path: Path) -> list[str]:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        return sorted(c.name for c in journal.all_contacts())


def test_import_dry_run_then_for_real_then_again(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    path = connections_csv(tmp_path / "Connections.csv", ANA, ",,,,Hidden Co,,01 Jan 2020")
    out = ok(run("import", str(path), "--dry-run"))
    assert "Dry run of" in out and "Would add  1 contact" in out
    assert not journal_path.exists()
    out = ok(run("import", str(path)))
    assert "Added    1 contact" in out and "Skipped  1 row:" in out
    assert "Connections.csv line 6: no name" in out
    out = ok(run("import", str(path)))
    assert out.startswith("Nothing to import from")
    assert names(journal_path) == ["Ana Lima"]


def test_import_refusals(run: Run, journal_path: Path, tmp_path: Path) -> None:
    assert "There is no file or folder" in refused(run("import", str(tmp_path / "nope.csv")))
    broken = write(tmp_path / "x.json", '{"format": "netjournal", "version": 1, "contacts": [')
    assert "isn't valid JSON" in refused(run("import", str(broken)))
    assert not journal_path.exists(), "a failed import must not leave an empty journal behind"
    csv_file = write(tmp_path / "x.csv", "Name\nAna\n")
    assert "not a field" in refused(run("import", str(csv_file), "--map", "Name=nonsense"), 2)
    assert "--map only applies" in refused(
        run("import", str(csv_file), "--format", "vcard", "--map", "Name=name"), 2
    )
    assert "Invalid value" in refused(run("import", str(csv_file), "--format", "excel"), 2)


def test_import_with_a_map(run: Run, journal_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "Full name;Mail\nAna Lima;ana@example.com\n")
    ok(run("import", str(path), "--map", "Full name=name,Mail=email"))
    assert names(journal_path) == ["Ana Lima"]


def test_export_formats(run: Run, journal_path: Path, tmp_path: Path, umask_022: None) -> None:
    assert "nothing to export" in refused(run("export"))
    ok(run("import", str(connections_csv(tmp_path / "Connections.csv", ANA))))
    document = json.loads(ok(run("export")))
    assert document["format"] == "netjournal" and document["contacts"][0]["name"] == "Ana Lima"
    vcards = run("export", "--format", "vcf")
    assert ok(vcards).startswith("BEGIN:VCARD") and b"\r\n" in vcards.stdout_bytes
    assert "A CSV export is a folder" in refused(run("export", "--format", "csv"), 2)
    out = ok(run("export", "-o", str(tmp_path / "out.md")))
    assert "Exported 1 contact to" in out
    assert mode(tmp_path / "out.md") == 0o600
    assert (tmp_path / "out.md").read_text().startswith("# netjournal")
    ok(run("export", "--format", "csv", "-o", str(tmp_path / "tables")))
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "channels.csv", "contacts.csv", "exchanges.csv", "reflections.csv",
    ]  # fmt: skip
    assert "is the journal" in refused(run("export", "-o", str(journal_path)))


def test_backup_and_restore(run: Run, journal_path: Path, tmp_path: Path) -> None:
    assert "nothing to back up" in refused(run("backup"))
    ok(run("import", str(connections_csv(tmp_path / "Connections.csv", ANA))))
    out = ok(run("backup"))
    backup = Path(out.strip().removesuffix(".").rsplit(" to ", 1)[1])
    assert backup.parent == journal_path.parent / "backups" and mode(backup) == 0o600
    ok(run("import", str(write(tmp_path / "b.csv", "Name\nBruno\n"))))
    assert names(journal_path) == ["Ana Lima", "Bruno"]
    out = ok(run("restore", str(backup)))
    assert "(1 contact)" in out and "to undo: netjournal restore" in out
    assert names(journal_path) == ["Ana Lima"]
    undo = out.strip().rsplit("netjournal restore ", 1)[1]
    ok(run("restore", undo))
    assert names(journal_path) == ["Ana Lima", "Bruno"]


def test_restore_refuses_a_foreign_file_untouched(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok(run("import", str(connections_csv(tmp_path / "Connections.csv", ANA))))
    notes = write(tmp_path / "notes.db", "Call Ana about the conference.\n" * 10)
    before = hashlib.sha256(notes.read_bytes()).hexdigest()
    assert "isn't a netjournal journal" in refused(run("restore", str(notes)))
    assert hashlib.sha256(notes.read_bytes()).hexdigest() == before
    assert "There is no file" in refused(run("restore", str(tmp_path / "missing.db")))
    assert "Missing argument" in refused(run("restore"), 2)
    assert names(journal_path) == ["Ana Lima"]


def test_restore_into_a_journal_that_does_not_exist_yet(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "elsewhere" / "journal.db"
    with open_journal(source, today=lambda: TODAY) as journal:
        from netjournal.core.records import ContactDraft

        journal.add_contact(ContactDraft("Carried over"))
    ok(run("restore", str(source)))
    assert names(journal_path) == ["Carried over"]


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from netjournal.cli.transfer import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress(5000, "Importing") as step:
        step(5000)
    assert "Importing" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress(5000, "Importing") as step:
        step(5000)
    assert pipe.getvalue() == ""


def test_reading_commands_work_while_the_journal_is_open_elsewhere(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    path = connections_csv(tmp_path / "Connections.csv", ANA)
    ok(run("import", str(path)))
    with open_journal(journal_path, today=lambda: TODAY):  # as the screen would hold it
        assert json.loads(ok(run("export")))["contacts"][0]["name"] == "Ana Lima"
        assert ok(run("import", str(path), "--dry-run")).startswith("Nothing to import")
        assert "backups" in ok(run("backup"))
        assert "already open" in refused(
            run("import", str(write(tmp_path / "b.csv", "Name\nBo\n")))
        )


# ------------------------------------------------------------------- settings from a file


def _settings_export(tmp_path: Path) -> Path:
    document = {
        "format": "netjournal",
        "version": 1,
        "settings": {"backups_keep": 1, "purge_after_days": 1},
        "contacts": [{"id": 1, "name": "Ana Lima"}],
    }
    return write(tmp_path / "shared.json", json.dumps(document))


def test_an_import_leaves_the_files_settings_out_and_says_so(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    source = _settings_export(tmp_path)
    result = run("import", str(source))
    assert result.exit_code == 0, result.output
    assert "Left out" in result.output
    assert "backups_keep 10 → 1, purge_after_days 30 → 1" in result.output
    assert "--settings" in result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert (journal.settings().backups_keep, journal.settings().purge_after_days) == (10, 30)
        assert [ref.name for ref in journal.contact_refs()] == ["Ana Lima"]


def test_a_dry_run_with_settings_lists_each_change_and_writes_nothing(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    run("add", "Someone")
    source = _settings_export(tmp_path)
    result = run("import", str(source), "--settings", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would set  backups_keep 10 → 1, purge_after_days 30 → 1" in result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert journal.settings().backups_keep == 10
    result = run("import", str(source), "--settings")
    assert "Set" in result.output and "backups_keep 10 → 1" in result.output
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        assert (journal.settings().backups_keep, journal.settings().purge_after_days) == (1, 1)
