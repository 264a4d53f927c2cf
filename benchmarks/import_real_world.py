"""How long importing 10,000 mixed vCards takes, and how much memory, against a LinkedIn
Connections.csv of as many rows imported in the same run.

    .venv/bin/python benchmarks/import_real_world.py [--cards 10000]

The cards are generated the same way on every run (fixed seed), as the programs in
docs/guide.md ("Bringing your people in") write them: Outlook's vCard 2.1 with quoted-printable
soft breaks, iPhone cards with folded photos, Android's quoted-printable names, Gmail's labelled
dates, CardDAV's vCard 4.0 with tel: URIs and groups, cards with only an e-mail, and a few
repeats. Each import runs in a fresh process, which reports its peak memory (resident set).
"""

from __future__ import annotations

import argparse
import binascii
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_speed import TODAY, write_connections
from people import COMPANY_KINDS, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, ROLES

PHOTO = binascii.b2a_base64(random.Random(1).randbytes(3_000), newline=False).decode()


def _qp(text: str) -> str:
    encoded = binascii.b2a_qp(text.encode(), istext=False).decode()
    return encoded.replace("=\r\n", "").replace("=\n", "")


def _soft(encoded: str, width: int = 70) -> str:
    """Quoted-printable broken into lines ending in `=`, never inside an =XX escape."""
    lines, line = [], ""
    for index, char in enumerate(encoded):
        if len(line) >= width and "=" not in encoded[max(0, index - 2) : index]:
            lines.append(line + "=")
            line = ""
        line += char
    return "\r\n".join([*lines, line])


def _outlook(n: int, first: str, last: str, rng: random.Random) -> list[str]:
    note = f"Met {first} at the {rng.choice(COMPANY_WORDS)} fair. Prefers calls before 10am; " * 3
    return [
        "VERSION:2.1",
        f"N:{last};{first};;;",
        f"FN:{first} {last}",
        f"ORG:{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)};Sales",
        f"TITLE:{rng.choice(ROLES)}",
        f"NOTE;ENCODING=QUOTED-PRINTABLE:{_soft(_qp(note))}",
        f"TEL;HOME;VOICE:+1 555 {n % 10_000:04d}",
        f"TEL;WORK;VOICE;PREF:+1 555 {(n + 1) % 10_000:04d}",
        f"EMAIL;PREF;INTERNET:{first}.{last}.{n}@outlook.example".lower(),
        "BDAY:19800521",
    ]


def _iphone(n: int, first: str, last: str, rng: random.Random) -> list[str]:
    photo = [f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO[:60]}"]
    photo += [" " + PHOTO[i : i + 74] for i in range(60, len(PHOTO), 74)]
    return [
        "VERSION:3.0",
        f"N:{last};{first};;;",
        f"FN:{first} {last}",
        f"EMAIL;type=INTERNET;type=HOME;type=pref:{first}{n}@icloud.example".lower(),
        f"TEL;type=CELL;type=VOICE;type=pref:+44 7700 {n % 1_000_000:06d}",
        "item1.X-ABDATE;type=pref:2015-04-18",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
        *(photo if rng.random() < 0.3 else []),
    ]


def _android(n: int, first: str, last: str, rng: random.Random) -> list[str]:
    return [
        "VERSION:2.1",
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(last + 'ø')};{_qp(first)};;;",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(f'{first} {last}ø')}",
        f"TEL;CELL;PREF:+45 20 {n % 1_000_000:06d}",
        f"EMAIL;HOME:{first}.{n}@android.example".lower(),
    ]


def _gmail(n: int, first: str, last: str, rng: random.Random) -> list[str]:
    return [
        "VERSION:3.0",
        f"FN:{first} {last}",
        f"N:{last};{first};;;",
        f"EMAIL;TYPE=INTERNET;TYPE=WORK:{last}.{n}@gmail.example".lower(),
        "item1.X-ABDATE:2018-12-02",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
        f"CATEGORIES:myContacts,{rng.choice(COMPANY_WORDS)}",
        "NOTE:Speaks at meetups\\, often; ask about the OCR project.",
    ]


def _carddav(n: int, first: str, last: str, rng: random.Random) -> list[str]:
    return [
        "VERSION:4.0",
        f"UID:urn:uuid:00000000-0000-4000-8000-{n:012d}",
        f"FN:{first} {last}",
        f"TEL;VALUE=uri;TYPE=work;PREF=1:tel:+1-418-656-{n % 10_000:04d};ext=102",
        f"EMAIL;PREF=1:{first}.{last}.{n}@dav.example".lower(),
        "BDAY:--0415",
    ]


def _email_only(n: int, first: str, last: str, rng: random.Random) -> list[str]:
    return ["VERSION:3.0", "FN:", "N:;;;;", f"EMAIL;TYPE=INTERNET:someone.{n}@mail.example"]


KINDS = ((_outlook, 0.25), (_iphone, 0.25), (_android, 0.15), (_gmail, 0.15), (_carddav, 0.17))


def write_cards(path: Path, cards: int, seed: int = 10_000) -> int:
    """`cards` cards into `path`; returns how many distinct people they hold."""
    rng = random.Random(seed)
    written: list[str] = []
    for n in range(cards):
        if written and rng.random() < 0.01:
            written.append(rng.choice(written))  # the same person exported twice
            continue
        # One name per person: two cards of one name would be merged as one person.
        first, last = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)}-{n:05d}"
        roll, make = rng.random(), _email_only
        for kind, share in KINDS:
            if roll < share:
                make = kind
                break
            roll -= share
        lines = ["BEGIN:VCARD", *make(n, first, last, rng), "END:VCARD"]
        written.append("\r\n".join(lines) + "\r\n")
    people = len(set(written))
    groups = [
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Board\r\n"
        + "".join(f"MEMBER:urn:uuid:00000000-0000-4000-8000-{n:012d}\r\n" for n in range(0, 50))
        + "END:VCARD\r\n"
    ]
    path.write_text("".join(written + groups), encoding="utf-8", newline="")
    return people


def measure(source: Path) -> dict[str, float]:
    """Import `source` into a new journal in this process; times and peak memory."""
    from netjournal.core.journal import open_journal
    from netjournal.io.importing import plan_import
    from netjournal.io.plan import apply_plan

    with open_journal(source.with_suffix(".db"), today=lambda: TODAY) as journal:
        start = time.perf_counter()
        plan = plan_import(source, journal)
        planned = time.perf_counter()
        result = apply_plan(journal, plan)
        applied = time.perf_counter()
        again = plan_import(source, journal)
        replanned = time.perf_counter()
    assert again.nothing_to_do, "a second import must find nothing to do"
    return {
        "plan": planned - start,
        "write": applied - planned,
        "again": replanned - applied,
        "created": result.created,
        "skipped": len(plan.skipped),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(source: Path) -> dict[str, float]:
    found = subprocess.run(
        [sys.executable, __file__, "--measure", str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(found.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(options.measure)))
        return
    with tempfile.TemporaryDirectory(prefix="netjournal-bench-") as folder:
        cards, baseline = Path(folder) / "contacts.vcf", Path(folder) / "Connections.csv"
        people = write_cards(cards, options.cards)
        write_connections(baseline, options.cards)
        sizes = {cards: cards.stat().st_size, baseline: baseline.stat().st_size}
        vcard, linkedin = _child(cards), _child(baseline)
    print(f"Importing {options.cards:,} mixed vCards into a new journal, in a fresh process:")
    print(f"  {'':34} {'vCard':>9} {'LinkedIn CSV':>13} {'ratio':>7}")
    rows = [
        ("file size (MB)", sizes[cards] / 1e6, sizes[baseline] / 1e6),
        ("read, match and plan (s)", vcard["plan"], linkedin["plan"]),
        ("write, one transaction (s)", vcard["write"], linkedin["write"]),
        ("the same file again (s)", vcard["again"], linkedin["again"]),
        ("peak memory of the process (MB)", vcard["peak_mb"], linkedin["peak_mb"]),
    ]
    for label, mine, theirs in rows:
        print(f"  {label:34} {mine:9.2f} {theirs:13.2f} {mine / theirs:6.2f}×")
    total = vcard["plan"] + vcard["write"]
    print(
        f"  → {int(vcard['created']):,} contacts from {people:,} distinct cards "
        f"({options.cards / total:,.0f} cards/s), {int(vcard['skipped']):,} skipped"
    )
    assert vcard["created"] == people, "every distinct card arrives (the group as a tag)"
    assert vcard["skipped"] == 0


if __name__ == "__main__":
    main()
