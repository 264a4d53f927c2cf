"""`netjournal restore` works when the journal itself is what's broken, and a kill can't hurt it."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netjournal.cli import cli
from netjournal.core.errors import UnusableJournalError
from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft
from netjournal.core.storage.preflight import checked_path_for
from netjournal.io.backup import make_backup
from tests.conftest import TODAY
from tests.reliability.test_planted_schema import PLANTS


def journal_with(path: Path, names: list[str]) -> Path:
    with open_journal(path, today=lambda: TODAY) as journal:
        for name in names:
            journal.add_contact(ContactDraft(name, notes="n" * 300))
    return path


def damage(path: Path) -> None:
    """Bytes flipped inside the contact table, in a file not checked in full today."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'contact'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * 64)
    checked_path_for(path).unlink(missing_ok=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def restore(journal: Path, backup: Path) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(journal), "restore", str(backup)], prog_name="netjournal"
    )


def names_in(path: Path) -> list[str]:
    with open_journal(path, today=lambda: TODAY) as journal:
        return [ref.name for ref in journal.contact_refs()]


def a_backup(tmp_path: Path) -> Path:
    source = journal_with(tmp_path / "then" / "journal.db", ["Ana Lima", "Bruno Costa"])
    return make_backup(source, tmp_path / "backups")


@pytest.mark.parametrize("broken", ["damaged", "not a journal", *sorted(PLANTS)])
def test_restore_puts_the_backup_in_place_and_keeps_the_broken_file(
    tmp_path: Path, broken: str
) -> None:
    backup = a_backup(tmp_path)
    live = journal_with(tmp_path / "live" / "journal.db", ["Chen Wei"])
    if broken == "damaged":
        damage(live)
    elif broken == "not a journal":
        live.write_text("notes\n" * 50)
    else:
        with sqlite3.connect(live) as conn:
            conn.executescript(PLANTS[broken][0])
        with sqlite3.connect(live) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with pytest.raises(UnusableJournalError):
        open_journal(live, today=lambda: TODAY)
    before = digest(live)
    done = restore(live, backup)
    assert done.exit_code == 0, done.output
    (kept,) = live.parent.glob("journal.db.unusable-*Z")
    assert str(kept) in done.stdout
    assert digest(kept) == before
    assert names_in(live) == ["Ana Lima", "Bruno Costa"]


def test_a_journal_from_a_newer_version_is_not_replaced(tmp_path: Path) -> None:
    backup = a_backup(tmp_path)
    live = journal_with(tmp_path / "live" / "journal.db", ["Chen Wei"])
    with sqlite3.connect(live) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    before = digest(live)
    done = restore(live, backup)
    assert done.exit_code == 1 and "newer version" in done.stderr
    assert digest(live) == before
    assert not list(live.parent.glob("*.unusable-*"))


KILLED_RESTORE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from netjournal.io.backup import replace_unusable_journal
    print("ready", flush=True)
    replace_unusable_journal(Path(sys.argv[1]), Path(sys.argv[2]))
    print("done", flush=True)
    """
)


def test_a_kill_at_any_moment_leaves_the_old_or_the_new_journal_whole(tmp_path: Path) -> None:
    source = journal_with(tmp_path / "then" / "journal.db", [f"P{n}" for n in range(3000)])
    backup = make_backup(source, tmp_path / "backups")
    chance = random.Random(7)
    outcomes = set()
    for round_ in range(8):
        live = journal_with(tmp_path / f"live{round_}" / "journal.db", ["Chen Wei"])
        damage(live)
        original = digest(live)
        child = subprocess.Popen(
            [sys.executable, "-c", KILLED_RESTORE, str(live), str(backup)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(chance.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        try:
            restored = names_in(live)
        except UnusableJournalError:
            outcomes.add("old")
            assert digest(live) == original  # the damaged file, untouched at its place
            for kept in live.parent.glob("journal.db.unusable-*Z"):
                assert digest(kept) == original
        else:
            outcomes.add("new")
            assert len(restored) == 3000
    assert outcomes  # each round ended one of the two ways
