"""How long a search takes on a big journal: what typing in the search screen waits for.

    .venv/bin/python benchmarks/search_speed.py [--size L] [--runs 20]

It also times the share suggestions the quick log asks for after a "gave" item is saved.

Each query runs as the search screen runs it (20 hits of each kind, the last word a prefix) on a
copy of the cached benchmark journal (L: 30,000 contacts, 1,000,000 exchanges), so the cache is
never opened by the app. The first run of each query is left out: it warms SQLite's page cache.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import journal_for

from netjournal.core.journal import open_journal

LIMIT = 20


def queries(top_name: str) -> list[tuple[str, str]]:
    return [
        ("pricing", "one common word"),
        ("p", "typing: 1 letter"),
        ("pr", "typing: 2 letters (prefix)"),
        ("pri", "typing: 3 letters (prefix)"),
        ("pric", "typing: 4 letters (prefix)"),
        ("se", "2-letter prefix"),
        ("a", "a word in most rows"),
        ("coffee grant", "two words"),
        (top_name, "a full name"),
        (top_name.split()[0][:3], "start of a first name"),
        ("zzyzx", "no match"),
        ('"NEAR(a b', "hostile syntax"),
    ]


SHARES: list[tuple[str, tuple[str, ...]]] = [
    ("Sent the pricing guide", ()),
    ("Sent the pricing guide", ("client",)),
    ("Design review notes and a coffee grant", ("design", "network")),
    ('"NEAR(a b * -x', ()),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L", choices=("S", "M", "L"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    built = journal_for(args.size)
    with tempfile.TemporaryDirectory(prefix="netjournal-bench-") as folder:
        copy = Path(folder) / "journal.db"
        shutil.copyfile(built.path, copy)
        wal = built.path.with_name(built.path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        meta = built.meta
        print(
            f"Search on the {args.size} journal ({meta['contacts']:,} contacts, "
            f"{meta['exchanges']:,} exchanges, {meta['reflections']:,} reflections), "
            f"median and slowest of {args.runs} runs:"
        )
        print(f"  {'query':<22} {'what':<28} {'median ms':>9} {'max ms':>8}  hits (c/e/r)")
        with open_journal(copy) as journal:
            for query, what in queries(str(meta["top_reconnect"])):
                results = journal.search(query, limit=LIMIT, prefix_last=True)
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    journal.search(query, limit=LIMIT, prefix_last=True)
                    times.append((time.perf_counter() - start) * 1000)
                hits = (
                    f"{len(results.contacts)}/{len(results.exchanges)}/{len(results.reflections)}"
                )
                print(
                    f"  {query[:22]:<22} {what:<28} {statistics.median(times):9.1f} "
                    f"{max(times):8.1f}  {hits}"
                )
            print(f"\nShare suggestions, median and slowest of {args.runs} runs:")
            print(f"  {'summary':<34} {'tags':<18} {'median ms':>9} {'max ms':>8}  shown")
            for summary, tags in SHARES:
                shown = journal.suggest_recipients(summary, tags=tags)
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    journal.suggest_recipients(summary, tags=tags)
                    times.append((time.perf_counter() - start) * 1000)
                print(
                    f"  {summary[:34]:<34} {', '.join(tags)[:18]:<18} "
                    f"{statistics.median(times):9.1f} {max(times):8.1f}  {len(shown)}"
                )


if __name__ == "__main__":
    main()
