"""Imports flow one way: cli → tui → core, and io → core. These tests keep it so.

(That no modules import each other round a circle, tests/test_import_circles.py keeps.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "netjournal"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def files_of(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


FORBIDDEN = {
    "core": ("netjournal.tui", "netjournal.io", "netjournal.cli", "textual", "click"),
    "io": ("netjournal.tui", "netjournal.cli", "textual", "click"),
    "tui": ("netjournal.cli", "click"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_never_imports_what_sits_above_it(layer: str) -> None:
    files = files_of(layer)
    assert files, f"no files found in {layer}"
    offences = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in files
        for module in sorted(imported_modules(path))
        if module.startswith(FORBIDDEN[layer])
    ]
    assert offences == []


def test_the_check_sees_lazy_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from netjournal.tui.app import run_app\n", encoding="utf-8")
    assert "netjournal.tui.app" in imported_modules(sample)
