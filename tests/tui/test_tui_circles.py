"""No import circle inside the screen package: screens and dialogs never import the App back.

Imports inside functions count (they run, just later); those under `if TYPE_CHECKING:` don't.
An `import_module(f"netjournal.tui.screens.{…}")` counts as importing every module it may name.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "netjournal.tui"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return ast.unparse(test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def imports_of(source: str, name: str, *, is_package: bool, known: set[str]) -> set[str]:
    """The modules of `known` that the module `name` imports when it runs, at any depth."""
    found: set[str] = set()
    here = name if is_package else name.rpartition(".")[0]

    def target(module: str) -> None:
        # `from a.b import c` imports a.b, and a.b.c too when c is a module.
        while module and module not in known:
            module = module.rpartition(".")[0]
        if module:
            found.add(module)

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    target(alias.name)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = here.split(".")
                    anchor = anchor[: len(anchor) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    target(f"{base}.{alias.name}")
            elif isinstance(child, ast.Call) and ast.unparse(child.func).endswith("import_module"):
                argument = child.args[0] if child.args else None
                if isinstance(argument, ast.JoinedStr) and argument.values:
                    first = argument.values[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        found.update(m for m in known if m.startswith(first.value))
            visit(child)

    visit(ast.parse(source))
    found.discard(name)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Each module of `package` under `root`, and the modules of the package it imports."""
    files = {
        module_name(path, root): path
        for path in sorted((root / package.replace(".", "/")).rglob("*.py"))
    }
    known = set(files)
    return {
        name: imports_of(
            path.read_text(encoding="utf-8"),
            name,
            is_package=path.name == "__init__.py",
            known=known,
        )
        for name, path in files.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                strongconnect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return sorted(found)


def test_the_screen_package_has_no_import_circle() -> None:
    graph = import_graph(SOURCE, PACKAGE)
    assert len(graph) > 30, "the screen package's modules were not found"
    found = circles(graph)
    assert found == [], "import circles:\n" + "\n".join(describe(group, graph) for group in found)


def describe(group: list[str], graph: dict[str, set[str]]) -> str:
    """One circle, each module with what it imports inside the circle."""
    return "\n".join(
        f"  {module} imports {', '.join(sorted(graph[module] & set(group)))}" for module in group
    )


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_lazy_import_back_is_a_circle_and_a_type_checking_one_is_not(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/app.py": "from pkg.screens import home\n",
            "pkg/screens/__init__.py": "",
            "pkg/screens/home.py": "def f():\n    from pkg.app import App\n",
            "pkg/screens/log.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from pkg.app import App\n"
                "from . import home\n"
            ),
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.screens.log"] == {"pkg.screens.home"}
    assert circles(graph) == [["pkg.app", "pkg.screens.home"]]


def test_screens_made_by_name_count_as_imported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/app.py": (
                "def make(name):\n"
                "    from importlib import import_module\n"
                "    return import_module(f'pkg.screens.{name}')\n"
            ),
            "pkg/screens/__init__.py": "",
            "pkg/screens/home.py": "from pkg import app\n",
        },
    )
    assert circles(import_graph(tmp_path, "pkg")) == [["pkg.app", "pkg.screens.home"]]
