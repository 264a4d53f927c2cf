"""The `demo` size: the sample journal `netjournal --demo` shows, built and cached like S, M and L.

Built by `netjournal.core.sample.demo.build_demo` for the suite's day (generate.TODAY), so the suite
measures exactly what a new user sees first; the cache key follows that module's source.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import generate


def fingerprint() -> str:
    """Changes whenever the demo's source does, so a stale cached demo is rebuilt."""
    spec = importlib.util.find_spec("netjournal.core.sample.demo")
    if spec is None or spec.origin is None:
        raise SystemExit(
            "netjournal.core.sample.demo is gone; benchmarks/demo_journal.py needs updating"
        )
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()[:8]


def build(path: Path) -> None:
    """Build the sample journal at `path` (replacing what is there) and its metadata."""
    from netjournal.core.sample.demo import build_demo

    work = path.parent / f"building-demo-{path.stem}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    target = work / "journal.db"
    build_demo(target, today=generate.TODAY)
    generate.checkpoint(target)
    meta = describe(target)
    target.replace(path)
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)


def describe(path: Path) -> dict[str, Any]:
    """What the benchmarks need to know, read back through the real service API.

    The demo has no 2,000-item contact (`tessa` is None). Its shell writes go to the first
    contact by name who isn't on the Reconnect list, so they never change what Home is
    recognised by (the people count and the first name to reconnect with).
    """
    from netjournal.core.journal import open_journal

    with open_journal(path, today=lambda: generate.TODAY) as journal:
        highlights = journal.highlights()
        summaries = journal.contact_summaries()
    ordered = sorted(summaries, key=lambda s: s.name.casefold())
    reconnecting = {summary.id for summary in highlights.reconnect}
    logged = next(s for s in ordered if s.id not in reconnecting)
    connection = sqlite3.connect(path)
    try:
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("contact", "exchange", "reflection")
        }
    finally:
        connection.close()
    return {
        "size": generate.DEMO,
        "demo_source": fingerprint(),
        "schema": generate.schema_fingerprint(),
        "today": generate.TODAY.isoformat(),
        "contacts": counts["contact"],
        "exchanges": counts["exchange"],
        "reflections": counts["reflection"],
        "people_shown": highlights.quality.total,
        "reconnect_count": len(highlights.reconnect),
        "top_reconnect": highlights.reconnect[0].name if highlights.reconnect else None,
        "first_contact": ordered[0].name,
        "tessa": None,
        "logged": {"id": logged.id, "name": logged.name},
        "bytes": path.stat().st_size,
    }
