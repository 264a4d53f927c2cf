"""Write core/storage/schemas/<head revision>.json: the schema a new journal gets at this version.

Run it after adding a migration (docs/architecture.md, "Adding a field"); the schema check
(core/storage/schema.py) then accepts a journal at that revision and nothing more.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from netjournal.core.storage import schema
from netjournal.core.storage.identity import HEAD_REVISION
from netjournal.core.storage.store import open_store


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.db"
        open_store(path).close()
        connection = sqlite3.connect(path)
        try:
            rows = [list(row) for row in sorted(schema.objects(connection))]
        finally:
            connection.close()
    target = schema.SCHEMAS / f"{HEAD_REVISION}.json"
    target.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {target.name} ({len(rows)} objects).")


if __name__ == "__main__":
    main()
