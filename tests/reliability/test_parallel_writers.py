"""Several programs writing one journal at once: every acknowledged write is there afterwards."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft
from tests.conftest import TODAY

ROUNDS = 100

# One program: log ROUNDS exchanges with Ana, half through the shell's lean path and half
# through the service layer, printing each id only once its write has returned.
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from netjournal.core.journal import open_journal
    from netjournal.core.lean import LeanJournal
    from netjournal.core.records import ExchangeDraft

    path, who, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    today = lambda: date.fromisoformat(sys.argv[4])
    lean = LeanJournal.open(path, today)
    full = open_journal(path, today=today)
    ana = full.resolve_contact("Ana")
    for n in range(rounds):
        writer = lean if n % 2 else full
        made = writer.log_exchange(ExchangeDraft("gave", f"{who} {n}", (ana.id,)))
        print(made, flush=True)
    full.close()
    lean.close()
    """
)


def test_two_programs_writing_at_once_lose_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with open_journal(path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Ana Lima"))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), who, str(ROUNDS), TODAY.isoformat()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("first", "second")
    ]
    acknowledged: list[int] = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        acknowledged += [int(line) for line in out.split()]
    assert len(acknowledged) == 2 * ROUNDS
    with open_journal(path, today=lambda: TODAY) as journal:
        logged = journal.exchanges(limit=None)
        assert {e.id for e in logged} == set(acknowledged)
        assert {e.summary for e in logged} == {
            f"{who} {n}" for who in ("first", "second") for n in range(ROUNDS)
        }
        assert journal.check_ledger() == []
        assert journal.contact_summaries()[0].gave_count == 2 * ROUNDS
        assert journal.check_file() == []
