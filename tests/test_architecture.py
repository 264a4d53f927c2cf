"""Imports flow one way: cli → tui → core, and io → core. These tests keep it so."""

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


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(path: Path) -> set[str]:
    """Every netjournal module a file imports when it runs, at any depth (imports inside
    functions count; those under `if TYPE_CHECKING:` don't, as they never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    return found


def import_cycles(layers: tuple[str, ...]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a circle."""
    modules = {module_name(p): p for layer in layers for p in files_of(layer)}
    graph = {
        name: sorted(m for m in runtime_imports(path) if m in modules and m != name)
        for name, path in modules.items()
    }
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan's strongly connected components
        order[node] = low[node] = len(order)
        stack.append(node)
        for other in graph[node]:
            if other not in order:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], order[other])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in order:
            connect(node)
    return cycles


@pytest.mark.parametrize("layers", [("core",)])
def test_no_modules_import_each_other_round_a_circle(layers: tuple[str, ...]) -> None:
    assert import_cycles(layers) == []


def test_the_circle_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from netjournal.core.store import Store\n"
        "def f():\n    from netjournal.core.journal import open_journal\n",
        encoding="utf-8",
    )
    found = runtime_imports(sample)
    assert "netjournal.core.journal" in found and "netjournal.core.store" not in found
