"""Imports at the size limits: how long the biggest accepted inputs take, and the peak memory.

    .venv/bin/python benchmarks/import_limits.py [--only NAME] [--keep DIR]

Builds each input in a temporary folder (fixed seed), runs `netjournal import` on it into a new
journal in a child process, and prints the wall time, the child's peak RSS (from wait4, so each
run is measured alone), the exit code and the first line of what it said. The bar, from
docs/data-safety.md: anything up to the limits finishes in 30 s or less with a peak RSS of
300 MB or less; anything over them is refused at once (exit 1, one sentence).
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from people import COMPANY_KINDS, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, ROLES

from netjournal.io.limits import MAX_FILE_BYTES, MAX_RECORDS
from netjournal.io.vcard_reading import MAX_CARD_TEXT

TODAY = date(2026, 11, 25)
NETJOURNAL = Path(sys.executable).parent / "netjournal"
SECONDS = 30.0
PEAK_MB = 300.0
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
PREAMBLE = 'Notes:\n"Some e-mail addresses may be missing."\n\n'


# ------------------------------------------------------------------------------ inputs


def _person(rng: random.Random, n: int) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return first, last, f"{first}-{last}-{n:06d}".lower()


def connections_csv(rows: int, *, row_bytes: int = 0, seed: int = 13) -> bytes:
    """LinkedIn's Connections.csv; with `row_bytes`, each row's Position is padded to make the
    row about that long (a title past the length limit, cut on import)."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    out.write("\ufeff" + PREAMBLE)
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(rows):
        first, last, slug = _person(rng, n)
        day = TODAY - timedelta(days=rng.randrange(1, 5000))
        role = rng.choice(ROLES)
        if row_bytes:
            role = (role + " and ") * (row_bytes // (len(role) + 5))
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{slug}",
                f"{slug}@example.com" if rng.random() < 0.3 else "",
                f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}",
                role,
                day.strftime("%d %b %Y"),
            ]
        )
    return out.getvalue().encode("utf-8")


def linkedin_zip(member: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Basic_LinkedInDataExport/Connections.csv", member)
        archive.writestr("Basic_LinkedInDataExport/Profile.csv", "First Name,Last Name\nMe,Self\n")
    return out.getvalue()


def people_csv(rows: int, *, row_bytes: int, seed: int = 17) -> bytes:
    """A generic CSV export of an address book, each row's notes a few lines long."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Full name", "E-mail", "Organization", "Notes"])
    for n in range(rows):
        first, last, slug = _person(rng, n)
        words = [rng.choice(COMPANY_WORDS) for _ in range(row_bytes // 8)]
        notes = "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
        writer.writerow(
            [f"{first} {last}", f"{slug}@example.com", rng.choice(COMPANY_WORDS), notes]
        )
    return out.getvalue().encode("utf-8")


def garbage_csv(size: int, seed: int = 7) -> bytes:
    """Printable noise with commas, quotes and line breaks in it, under a Name header."""
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyzÆØÅéüñ中文ß€ ,,,;\"'\n\n\t-=+@"
    chunk = "".join(rng.choice(alphabet) for _ in range(1 << 16)).encode("utf-8")
    out = bytearray(b"Name,Company,Notes\n")
    while len(out) < size:
        out += chunk
    return bytes(out[:size])


def vcards(count: int, *, note_bytes: int = 60, photo_bytes: int = 0, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    photo = ""
    if photo_bytes:
        encoded = base64.b64encode(rng.randbytes(photo_bytes * 3 // 4)).decode()
        photo = "\r\n ".join(
            ["PHOTO;ENCODING=b;TYPE=JPEG:" + encoded[:47]]
            + [encoded[i : i + 74] for i in range(47, len(encoded), 74)]
        )
        photo += "\r\n"
    cards = []
    for n in range(count):
        first, last, slug = _person(rng, n)
        note = " ".join(rng.choice(COMPANY_WORDS) for _ in range(note_bytes // 8))
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{first} {last}\r\nN:{last};{first};;;\r\n"
            f"EMAIL:{slug}@example.com\r\nTEL;TYPE=CELL:+351 912 {n:06d}\r\n"
            f"ORG:{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}\r\n"
            f"TITLE:{rng.choice(ROLES)}\r\nNOTE:{note}\r\n{photo}END:VCARD\r\n"
        )
    return "".join(cards).encode()


def netjournal_json(count: int, *, note_bytes: int, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    contacts = []
    for n in range(count):
        first, last, slug = _person(rng, n)
        contacts.append(
            {
                "id": n + 1,
                "name": f"{first} {last}",
                "company": rng.choice(COMPANY_WORDS),
                "email": f"{slug}@example.com",
                "notes": " ".join(rng.choice(COMPANY_WORDS) for _ in range(note_bytes // 8)),
                "tags": ["imported"],
                "channels": [{"platform": "linkedin", "handle": f"linkedin.com/in/{slug}"}],
            }
        )
    document = {"format": "netjournal", "version": 1, "contacts": contacts}
    return json.dumps(document, indent=1).encode()


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    make: Callable[[], bytes]
    exit_code: int
    """0: within the limits, imported; 1: refused, or nothing in it could be read."""


def cases() -> list[Case]:
    rows, mb = MAX_RECORDS, MAX_FILE_BYTES
    per_row = mb * 9 // 10 // rows
    card_text = MAX_CARD_TEXT * 9 // 10
    return [
        Case(
            "linkedin-zip, most rows", "Export.zip", lambda: linkedin_zip(connections_csv(rows)), 0
        ),
        Case(
            "linkedin-zip, most bytes",
            "Export.zip",
            lambda: linkedin_zip(connections_csv(rows, row_bytes=per_row)),
            0,
        ),
        Case(
            "linkedin-zip, member over",
            "Export.zip",
            lambda: linkedin_zip(connections_csv(rows, row_bytes=mb // rows + 50)),
            1,
        ),
        Case("connections, rows over", "Connections.csv", lambda: connections_csv(rows + 1), 1),
        Case(
            "csv, most bytes",
            "people.csv",
            lambda: people_csv(rows, row_bytes=mb * 9 // 10 // rows),
            0,
        ),
        Case("garbage text as csv", "garbage.csv", lambda: garbage_csv(mb - 1000), 1),
        Case(
            "vcard, most card text",
            "contacts.vcf",
            lambda: vcards(card_text // 500, note_bytes=300),
            0,
        ),
        Case(
            "vcard, most bytes (photos)",
            "contacts.vcf",
            lambda: vcards(15_000, note_bytes=60, photo_bytes=(mb - 8_000_000) // 15_000),
            0,
        ),
        Case(
            "vcard, card text over",
            "contacts.vcf",
            lambda: vcards(MAX_CARD_TEXT // 300, note_bytes=300),
            1,
        ),
        Case(
            "json, most bytes",
            "export.json",
            lambda: netjournal_json(rows, note_bytes=(mb - 12_000_000) // rows),
            0,
        ),
    ]


# ----------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Outcome:
    seconds: float
    peak_mb: float
    code: int
    said: str


def run_import(source: Path, folder: Path) -> Outcome:
    env = {**os.environ, "NETJOURNAL_TODAY": TODAY.isoformat(), "LANG": "C.UTF-8"}
    db = folder / "journal.db"
    db.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(
            [str(NETJOURNAL), "--db", str(db), "import", str(source)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        said = out.read().decode("utf-8", errors="replace").strip().splitlines()
    # ru_maxrss is in kilobytes on Linux.
    return Outcome(seconds, usage.ru_maxrss / 1024, child.returncode, said[0] if said else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="Run the cases whose name contains this.")
    parser.add_argument("--keep", type=Path, help="Build the inputs in this folder and keep them.")
    parser.add_argument("--build", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        # In a process of its own, so the one that measures never holds the input: a child's
        # peak RSS counts the pages it shared with its parent before exec.
        name, path = args.build
        Path(path).write_bytes(next(c for c in cases() if c.name == name).make())
        return 0
    chosen = [c for c in cases() if args.only is None or args.only in c.name]
    if not chosen:
        parser.error(f"no case matches {args.only!r}; cases: {', '.join(c.name for c in cases())}")
    print(
        f"Limits: {MAX_FILE_BYTES / 1e6:.0f} MB a file or archive member, {MAX_RECORDS:,} rows, "
        f"{MAX_CARD_TEXT / 1e6:.0f} MB of vCard text."
    )
    print(f"Bar: every case in <= {SECONDS:.0f} s and <= {PEAK_MB:.0f} MB peak RSS, exit as shown.")
    print()
    print(f"{'case':<28} {'MB':>5} {'s':>5} {'peak MB':>7} {'exit':>4}  verdict  first line")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="netjournal-limits-") as temp:
        folder = args.keep or Path(temp)
        for number, case in enumerate(chosen):
            source = folder / f"case-{number}" / case.filename
            source.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, __file__, "--build", case.name, str(source)], check=True
            )
            outcome = run_import(source, source.parent)
            good = (
                outcome.code == case.exit_code
                and outcome.seconds <= SECONDS
                and outcome.peak_mb <= PEAK_MB
                and "Traceback" not in outcome.said
            )
            failures += not good
            print(
                f"{case.name:<28} {source.stat().st_size / 1e6:5.1f} {outcome.seconds:5.1f} "
                f"{outcome.peak_mb:7.0f} {outcome.code:>4}  {'PASS' if good else 'FAIL':<7}  "
                f"{outcome.said[:80]}",
                flush=True,
            )
            source.unlink()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
