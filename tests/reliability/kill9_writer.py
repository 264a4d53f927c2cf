"""The child process of the kill -9 test: writes through the service API until it is killed.

After each call returns (so after its commit) it prints `C<id>` or `E<id>` and flushes.
Run as `python kill9_writer.py JOURNAL`.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path

from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft, ExchangeDraft

PAIR = ("Kill Test Ana", "Kill Test Bo")
TAG = "kill9"
# The parent kills it long before this; the limit only stops a child whose parent vanished.
GIVE_UP_AFTER_SECONDS = 120


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(path: Path) -> None:
    journal = open_journal(path)  # with the instance lock: this is the journal's only writer
    known = {ref.name: ref.id for ref in journal.contact_refs()}
    for name in PAIR:
        if name not in known:
            known[name] = journal.add_contact(ContactDraft(name=name))
            emit(f"C{known[name]}")
    ana, bo = (known[name] for name in PAIR)
    emit("ready")
    deadline = time.monotonic() + GIVE_UP_AFTER_SECONDS
    for step in itertools.count():
        if time.monotonic() > deadline:
            return
        if step % 3 == 0:
            one = ExchangeDraft(direction="gave", summary="one", contact_ids=(ana,))
            emit(f"E{journal.log_exchange(one)}")
        elif step % 3 == 1:
            # One exchange row, two link rows and a tag link: all in one transaction or none.
            both = ExchangeDraft(
                direction="mutual", summary="both", contact_ids=(ana, bo), tags=(TAG,)
            )
            emit(f"E{journal.log_exchange(both)}")
        else:
            person = ContactDraft(name=f"Person {os.getpid()}-{step}", tags=(TAG,))
            emit(f"C{journal.add_contact(person)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
