"""How long importing a 30,000-row LinkedIn Connections.csv takes, and importing it again.

    .venv/bin/python benchmarks/import_speed.py [--rows 30000]

The file is generated the same way on every run (fixed seed), in a temporary folder, as LinkedIn
writes it: a notes preamble, a BOM, quoted commas, empty e-mails, a few nameless and repeated rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from people import COMPANY_KINDS, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, ROLES

from netjournal.core.journal import open_journal
from netjournal.io.importing import plan_import
from netjournal.io.plan import apply_plan

TODAY = date(2026, 11, 25)
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who have allowed it."\n\n'
)


def write_connections(path: Path, rows: int, seed: int = 30_000) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        file.write(PREAMBLE)
        writer = csv.writer(file)
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        written: list[list[str]] = []
        for n in range(rows):
            if written and rng.random() < 0.01:
                writer.writerow(rng.choice(written))  # LinkedIn sometimes lists someone twice
                continue
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if rng.random() < 0.003:
                first = last = ""  # a member who hides their name
            slug = f"{first}-{last}-{n:05d}".lower()
            email = f"{slug}@example.com" if rng.random() < 0.3 else ""
            company = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
            if rng.random() < 0.2:
                company += ", Inc."
            day = TODAY - timedelta(days=rng.randrange(1, 5000))
            row = [
                first,
                last,
                f"https://www.linkedin.com/in/{slug}",
                email,
                company,
                rng.choice(ROLES),
                day.strftime("%d %b %Y"),
            ]
            writer.writerow(row)
            written.append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="netjournal-bench-") as folder:
        source = Path(folder) / "Connections.csv"
        write_connections(source, rows)
        size = source.stat().st_size
        with open_journal(Path(folder) / "journal.db", today=lambda: TODAY) as journal:
            start = time.perf_counter()
            plan = plan_import(source, journal)
            planned = time.perf_counter()
            result = apply_plan(journal, plan)
            applied = time.perf_counter()
            again = plan_import(source, journal)
            replanned = time.perf_counter()
        assert again.nothing_to_do, "a second import must find nothing to do"
    total = applied - start
    print(f"Importing a {rows:,}-row Connections.csv ({size / 1e6:.1f} MB) into a new journal:")
    print(f"  read, match and plan (a dry run)  {planned - start:6.2f} s")
    print(f"  write, one transaction            {applied - planned:6.2f} s")
    print(f"  total                             {total:6.2f} s  ({rows / total:,.0f} rows/s)")
    print(
        f"  → {result.created:,} contacts created, {plan.duplicates:,} repeated rows merged, "
        f"{len(plan.skipped):,} rows skipped"
    )
    print(f"Importing the same file again (nothing to do): {replanned - applied:.2f} s")


if __name__ == "__main__":
    main()
