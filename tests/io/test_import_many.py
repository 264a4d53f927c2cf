"""The benchmark's generated address book (benchmarks/import_real_world.py) imports whole: every
distinct card arrives, none is skipped, a second import finds nothing to do. Its speed and memory
are measured there, not here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "import_real_world.py"


def test_the_generated_mixed_cards_import_whole() -> None:
    found = subprocess.run(
        [sys.executable, str(SCRIPT), "--cards", "300"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert found.returncode == 0, found.stderr
    summary = re.search(
        r"→ ([\d,]+) contacts from ([\d,]+) distinct cards .*, (\d+) skipped", found.stdout
    )
    assert summary is not None, found.stdout
    created, distinct, skipped = (int(n.replace(",", "")) for n in summary.groups())
    assert created == distinct >= 290
    assert skipped == 0
