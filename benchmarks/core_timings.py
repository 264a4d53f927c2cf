"""The journal's own work, without any screen, in one fresh process.

    .venv/bin/python benchmarks/core_timings.py --db PATH --today 2026-11-25

Prints one JSON object: milliseconds for the first `Journal.highlights()` of the process and the
median of the next five (each computed afresh, as after a write), the same for
`contact_summaries()`, and what Home and Contacts must show
(the people count, the first reconnect name, the first contact by name), so the terminal runs
look for text the current code really produces.
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


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def _computing(journal: Any, call: Callable[[], Any]) -> Callable[[], Any]:
    """`call` as it runs after a write: the journal keeps every contact's summary until the
    next change, so without this the repeats would time a memo, not the computation."""
    journal.store.replaced()
    return call


def measure(db: Path, today: date) -> dict[str, Any]:
    started = time.perf_counter()
    from netjournal.core.journal import open_journal

    imported = time.perf_counter()
    journal = open_journal(db, today=lambda: today)
    opened = time.perf_counter()
    try:
        first_highlights, highlights = _timed(journal.highlights)
        warm_highlights = [
            _timed(_computing(journal, journal.highlights))[0] for _ in range(REPEATS)
        ]
        first_summaries, summaries = _timed(_computing(journal, journal.contact_summaries))
        warm_summaries = [
            _timed(_computing(journal, journal.contact_summaries))[0] for _ in range(REPEATS)
        ]
    finally:
        journal.close()
    ordered = sorted(summaries, key=lambda s: s.name.casefold())
    total = highlights.quality.total
    return {
        "import_ms": (imported - started) * 1000,
        "open_ms": (opened - imported) * 1000,
        "highlights_first_ms": first_highlights,
        "highlights_ms": statistics.median(warm_highlights),
        "summaries_first_ms": first_summaries,
        "summaries_ms": statistics.median(warm_summaries),
        "home_texts": [
            f"{total:,} {'person' if total == 1 else 'people'}",
            *([highlights.reconnect[0].name] if highlights.reconnect else []),
        ],
        "contacts_texts": [ordered[0].name] if ordered else [],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    args = parser.parse_args()
    print(json.dumps(measure(args.db, args.today)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
