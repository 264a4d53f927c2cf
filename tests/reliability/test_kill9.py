"""kill -9 at random moments: every reported write survives, and no transaction is half there.

Each round starts `kill9_writer.py` on the same journal and kills it 20-200 ms after it is ready.
25 rounds by default; `--long` or NETJOURNAL_LONG=1 runs 500.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from netjournal.core.storage.db import connect_read_only
from netjournal.core.storage.store import open_store
from tests.waiting import join, wait_for

WRITER = Path(__file__).with_name("kill9_writer.py")
ROUNDS, LONG_ROUNDS = 25, 500


@dataclass
class Round:
    printed: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)


def run_and_kill(path: Path, delay: float, stderr: Path) -> Round:
    """Start the writer, wait until it is writing, kill it `delay` seconds later."""
    result = Round()
    with open(stderr, "w") as errors:
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(path)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    assert child.stdout is not None
    output = child.stdout

    def read() -> None:
        for line in output:
            if not line.endswith("\n"):
                break  # cut short by the kill: not a report
            if line == "ready\n":
                result.ready.set()
            else:
                result.printed.append(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        started = wait_for(result.ready, 60)
        if started:
            time.sleep(delay)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        join(reader, 10)
        output.close()
    assert started, f"the writer never got ready:\n{stderr.read_text()}"
    assert child.returncode == -signal.SIGKILL, (
        f"the writer stopped by itself:\n{stderr.read_text()}"
    )
    return result


def ids_in(path: Path) -> set[str]:
    with contextlib.closing(connect_read_only(path)) as conn:
        contacts = {f"C{row[0]}" for row in conn.execute("SELECT id FROM contact")}
        exchanges = {f"E{row[0]}" for row in conn.execute("SELECT id FROM exchange")}
    return contacts | exchanges


def test_kill_9_loses_nothing_reported_and_leaves_no_half_transaction(
    tmp_path: Path, long_run: bool
) -> None:
    path = tmp_path / "journal.db"
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    rounds = LONG_ROUNDS if long_run else ROUNDS
    printed: set[str] = set()
    before: set[str] = set()
    for number in range(rounds):
        delay = rng.uniform(0.02, 0.2)
        result = run_and_kill(path, delay, tmp_path / "stderr.txt")
        after = ids_in(path)
        where = f"round {number}, killed {delay * 1000:.0f} ms after ready, seed {seed}"
        missing = set(result.printed) - after
        assert not missing, f"{where}: reported as saved but gone: {sorted(missing)}"
        unreported = after - before - set(result.printed)
        assert len(unreported) <= 1, f"{where}: more than one unreported write: {unreported}"
        printed |= set(result.printed)
        before = after

    assert printed <= before
    assert sum(1 for id_ in printed if id_.startswith("E")) >= rounds, "too few writes to mean much"
    with open_store(path) as store, store.reader() as session:
        connection = session.connection()
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        orphans = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        exchanges = connection.exec_driver_sql(
            "SELECT e.id, e.summary,"
            " (SELECT count(*) FROM exchange_contact AS l WHERE l.exchange_id = e.id),"
            " (SELECT count(*) FROM exchange_tag AS t WHERE t.exchange_id = e.id)"
            " FROM exchange AS e"
        ).fetchall()
        people = connection.exec_driver_sql(
            "SELECT c.id, (SELECT count(*) FROM contact_tag AS t WHERE t.contact_id = c.id)"
            " FROM contact AS c WHERE c.name LIKE 'Person %'"
        ).fetchall()
    assert integrity == [("ok",)]
    assert orphans == []
    expected = {"one": (1, 0), "both": (2, 1)}
    half_done = [row for row in exchanges if tuple(row[2:]) != expected[row[1]]]
    assert half_done == [], "exchanges missing some of their links (id, summary, links, tags)"
    assert any(row[1] == "both" for row in exchanges)
    assert [row for row in people if row[1] != 1] == [], "contacts missing their tag link"
