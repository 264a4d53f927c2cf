"""The journal's own work, without any screen, in one fresh process.

    .venv/bin/python benchmarks/core_timings.py --db PATH --today 2026-11-25 [--contact NAME]

Prints one JSON object: milliseconds for the first `Journal.highlights()` of the process, and
the median of five more, each right after a real write (an exchange logged for `--contact`
through the service API, itself timed); the same for `contact_summaries()`; and what Home and
Contacts must show (the people count, the first reconnect name, the first contacts by name), so
the terminal runs look for text the current code really produces.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPEATS = 5
CONTACT_MARKS = 20
"""The first names of the Contacts table (by name), all on its first page at 120×40."""
QUINN = "Quinn Quicklog"
"""generate.QUINN, whom the generated journals' writes go to."""


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def measure(db: Path, today: date, contact: str) -> dict[str, Any]:
    started = time.perf_counter()
    from netjournal.core.journal import open_journal
    from netjournal.core.records import ExchangeDraft

    imported = time.perf_counter()
    journal = open_journal(db, today=lambda: today)
    opened = time.perf_counter()
    writes: list[float] = []

    def after_a_write(call: Callable[[], Any]) -> tuple[float, Any]:
        """`call` timed right after one exchange is logged, as Home reloads after a save."""
        draft = ExchangeDraft(
            direction="gave",
            summary=f"Benchmark write {len(writes) + 1}",
            contact_ids=(contact_id,),
        )
        writes.append(_timed(lambda: journal.log_exchange(draft))[0])
        return _timed(call)

    try:
        contact_id = journal.resolve_contact(contact).id
        first_highlights, highlights = _timed(journal.highlights)
        warm_highlights = []
        for _ in range(REPEATS):
            elapsed, highlights = after_a_write(journal.highlights)
            warm_highlights.append(elapsed)
        first_summaries, summaries = _timed(journal.contact_summaries)
        warm_summaries = [after_a_write(journal.contact_summaries)[0] for _ in range(REPEATS)]
    finally:
        journal.close()
    ordered = sorted(summaries, key=lambda s: s.name.casefold())
    total = highlights.quality.total
    return {
        "import_ms": (imported - started) * 1000,
        "open_ms": (opened - imported) * 1000,
        "write_ms": statistics.median(writes),
        "highlights_first_ms": first_highlights,
        "highlights_ms": statistics.median(warm_highlights),
        "summaries_first_ms": first_summaries,
        "summaries_ms": statistics.median(warm_summaries),
        "home_texts": [
            f"{total:,} {'person' if total == 1 else 'people'}",
            *([highlights.reconnect[0].name] if highlights.reconnect else []),
        ],
        "contacts_texts": [summary.name for summary in ordered[:CONTACT_MARKS]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--contact", default=QUINN, help=f"whom the writes go to (default {QUINN})")
    args = parser.parse_args()
    print(json.dumps(measure(args.db, args.today, args.contact)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
