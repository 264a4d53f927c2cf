"""`io` stands on `core` alone: no screen, no shell framework.

See docs/architecture.md, "The layers".
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import netjournal.io

IO_DIR = Path(netjournal.io.__file__).parent
MODULES = sorted(f"netjournal.io.{p.stem}" for p in IO_DIR.glob("*.py") if p.stem != "__init__")


def test_every_io_module_imports_without_textual_or_click() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'click', 'rich', 'netjournal'))))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
    )
    assert not [m for m in loaded if m.split(".")[0] in ("textual", "click", "rich")]
    assert not [m for m in loaded if m.startswith(("netjournal.tui", "netjournal.cli"))]


def test_io_imports_only_core_among_netjournal_packages() -> None:
    for path in IO_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("netjournal")
            ):
                assert node.module == "netjournal" or node.module.startswith(
                    ("netjournal.core", "netjournal.io")
                ), f"{path.name} imports {node.module}"
