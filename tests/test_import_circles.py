"""No modules of a package import each other, directly or round a circle; these tests keep it so.

An import inside a function counts (it runs, later); one under `if TYPE_CHECKING:` doesn't (it
never runs). A "package.module:function" string, which io/formats imports when a file needs
it, counts as an import of that module, and `import_module(f"package.screens.{name}")`, which
the app uses to make a screen when it is first shown, as an import of every module it may name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
CHECKED = ("netjournal.core", "netjournal.io", "netjournal.tui")
"""The packages kept free of circles."""
_LAZY_REFERENCE = re.compile(r"(netjournal(?:\.\w+)+):\w+")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_in(root: Path) -> dict[str, Path]:
    """Every module under `root` (a folder holding top-level packages), by dotted name."""
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def runtime_imports(path: Path, name: str) -> set[str]:
    """Every module (or module.name) the file at `path`, module `name`, imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def absolute(node: ast.ImportFrom) -> str:
        if node.level == 0:
            return node.module or ""
        base = package.split(".")
        base = base[: len(base) - node.level + 1]
        return ".".join([*base, node.module] if node.module else base)

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                module = absolute(child)
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in child.names)
            elif isinstance(child, ast.Constant) and isinstance(child.value, str):
                lazy = _LAZY_REFERENCE.fullmatch(child.value)
                found.update(lazy.groups() if lazy else ())
            elif isinstance(child, ast.Call) and ast.unparse(child.func).endswith("import_module"):
                named = child.args[0] if child.args else None
                if isinstance(named, ast.JoinedStr) and named.values:
                    first = named.values[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        found.add(f"{first.value}*")  # any module whose name starts so
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which modules under `root` each module under `root` imports."""
    modules = modules_in(root)

    def named(imported: str) -> set[str]:
        if imported.endswith("*"):
            return {m for m in modules if m.startswith(imported[:-1])}
        return {imported} if imported in modules else set()

    return {
        name: {m for i in runtime_imports(path, name) for m in named(i) if m != name}
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]], package: str) -> list[list[str]]:
    """Each circle among the modules of `package`, as a path that ends where it starts."""
    inside = {n for n in graph if n == package or n.startswith(f"{package}.")}
    edges = {n: sorted(m for m in graph[n] if m in inside) for n in sorted(inside)}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    knots: list[set[str]] = []

    def connect(node: str) -> None:  # Tarjan's strongly connected components
        order[node] = low[node] = len(order)
        stack.append(node)
        for other in edges[node]:
            if other not in order:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], order[other])
        if low[node] == order[node]:
            knot = set()
            while (member := stack.pop()) != node:
                knot.add(member)
            knot.add(node)
            if len(knot) > 1:
                knots.append(knot)

    for node in edges:
        if node not in order:
            connect(node)
    return [_round(edges, knot) for knot in knots]


def _round(edges: dict[str, list[str]], knot: set[str]) -> list[str]:
    """One way round a group of modules that reach each other: from its first module back."""
    start = min(knot)
    paths = {start: [start]}
    frontier = [start]
    while frontier:  # breadth first, so the path shown is a shortest one
        following = []
        for node in frontier:
            for other in edges[node]:
                if other == start:
                    return [*paths[node], start]
                if other in knot and other not in paths:
                    paths[other] = [*paths[node], other]
                    following.append(other)
        frontier = following
    raise AssertionError(f"{sorted(knot)} is not a circle")


def describe(found: list[list[str]]) -> str:
    return "; ".join(" → ".join(path) for path in found)


@pytest.mark.parametrize("package", CHECKED)
def test_no_modules_import_each_other_round_a_circle(package: str) -> None:
    graph = import_graph(SOURCE)
    assert any(name.startswith(f"{package}.") for name in graph), f"no modules in {package}"
    found = circles(graph, package)
    assert not found, f"{package} imports round a circle: {describe(found)}"


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "netjournal" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_circle_through_an_import_inside_a_function_is_found(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "io/__init__.py": "",
            "io/a.py": "from netjournal.io.b import thing\n",
            "io/b.py": "from . import c\nthing = 1\n",
            "io/c.py": "def f():\n    from netjournal.io import a\n",
            "io/d.py": "from netjournal.io import a\n",
        },
    )
    found = circles(import_graph(root), "netjournal.io")
    assert found == [["netjournal.io.a", "netjournal.io.b", "netjournal.io.c", "netjournal.io.a"]]
    assert (
        describe(found) == "netjournal.io.a → netjournal.io.b → netjournal.io.c → netjournal.io.a"
    )


def test_type_checking_imports_and_other_packages_are_not_circles(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "io/__init__.py": "",
            "core/__init__.py": "",
            "io/a.py": "from typing import TYPE_CHECKING\nimport netjournal.core.x\n"
            "if TYPE_CHECKING:\n    from netjournal.io.b import B\n",
            "io/b.py": "import netjournal.io.a\n",
            "core/x.py": "def f():\n    import netjournal.io.b\n",
        },
    )
    graph = import_graph(root)
    assert graph["netjournal.io.a"] == {"netjournal.core.x"}
    assert circles(graph, "netjournal.io") == []
    assert circles(graph, "netjournal.core") == []
    # Round both packages it is a circle, of netjournal as a whole.
    assert circles(graph, "netjournal") == [
        ["netjournal.core.x", "netjournal.io.b", "netjournal.io.a", "netjournal.core.x"]
    ]


def test_a_lazy_reference_is_an_import(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "io/__init__.py": "",
            "io/formats.py": 'READERS = ("netjournal.io.reader:read",)\nNOTE = "netjournal.io"\n',
            "io/reader.py": "from netjournal.io.formats import READERS\n",
        },
    )
    graph = import_graph(root)
    assert graph["netjournal.io.formats"] == {"netjournal.io.reader"}
    assert describe(circles(graph, "netjournal.io")) == (
        "netjournal.io.formats → netjournal.io.reader → netjournal.io.formats"
    )


def test_modules_made_by_name_count_as_imported(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "tui/__init__.py": "",
            "tui/app.py": "def make(name):\n    from importlib import import_module\n"
            "    return import_module(f'netjournal.tui.screens.{name}')\n",
            "tui/screens/__init__.py": "",
            "tui/screens/home.py": "from netjournal.tui import app\n",
            "tui/screens/log.py": "",
        },
    )
    graph = import_graph(root)
    assert graph["netjournal.tui.app"] == {
        "netjournal.tui.screens.home",
        "netjournal.tui.screens.log",
    }
    assert describe(circles(graph, "netjournal.tui")) == (
        "netjournal.tui.app → netjournal.tui.screens.home → netjournal.tui.app"
    )
