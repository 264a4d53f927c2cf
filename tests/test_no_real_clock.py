"""No test reads the machine's calendar clock: the suite must pass on any day.

Tests pass "today" to the journal (`open_journal(today=...)`, the `journal` fixture) or pin it for
the shell with NETJOURNAL_TODAY, which the autouse fixture in conftest.py sets for every test.
Durations (`time.monotonic`, `time.perf_counter`) are not dates and stay allowed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

# Tests *about* the clock itself: that the default "today" is the local calendar day, and that
# the UTC clock is aware. Each entry is a file and the functions in it that may read the clock.
ALLOWED: dict[str, set[str]] = {
    "core/test_dates.py": {
        "test_default_today_is_the_local_day",
        "test_utc_now_is_aware_utc",
    },
}

# (object, attribute) pairs whose call reads the wall clock.
CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("time", "strftime"),
}
# In text: SQLite's own clock in SQL, or Python code a test hands to a subprocess.
CLOCK_IN_TEXT = re.compile(
    r"'now'|\bCURRENT_(DATE|TIME|TIMESTAMP)\b"
    r"|\b(datetime|date)\.(now|today|utcnow)\(|\btime\.(time|time_ns|localtime)\(",
    re.IGNORECASE,
)


def _called_name(node: ast.Call) -> tuple[str, str] | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name):
            return (owner.id, func.attr)
        if isinstance(owner, ast.Attribute):  # datetime.datetime.now()
            return (owner.attr, func.attr)
    return None


def clock_reads(source: str, filename: str = "<test>") -> list[tuple[str, int, str]]:
    """(enclosing function, line, what) for every read of the real clock in `source`."""
    tree = ast.parse(source, filename=filename)
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name if function == "<module>" else function
            if isinstance(child, ast.Call):
                name = _called_name(child)
                if name in CLOCK_CALLS:
                    found.append((inner, child.lineno, ".".join(name)))
            if isinstance(child, ast.Constant) and isinstance(child.value, str):
                for match in CLOCK_IN_TEXT.finditer(child.value):
                    found.append((inner, child.lineno, f"text {match[0]}"))
            visit(child, inner)

    visit(tree, "<module>")
    return found


def test_no_test_reads_the_real_clock() -> None:
    offences = []
    for path in sorted(TESTS.rglob("*.py")):
        relative = path.relative_to(TESTS).as_posix()
        if relative == Path(__file__).name:
            continue
        allowed = ALLOWED.get(relative, set())
        for function, line, what in clock_reads(path.read_text(encoding="utf-8"), relative):
            if function not in allowed:
                offences.append(f"{relative}:{line} {function} reads the clock ({what})")
    assert offences == []


def test_every_allowed_function_still_exists() -> None:
    """An entry left behind after its test was renamed would silently allow a new one."""
    for relative, functions in ALLOWED.items():
        tree = ast.parse((TESTS / relative).read_text(encoding="utf-8"))
        defined = {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        assert functions <= defined, relative


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("from datetime import datetime\ndef test_x():\n    datetime.now()\n", "datetime.now"),
        ("import datetime\ndef test_x():\n    datetime.date.today()\n", "date.today"),
        ("import time\ndef helper():\n    return time.time()\n", "time.time"),
        ("def test_x(s):\n    s.execute(\"SELECT date('now')\")\n", "text 'now'"),
        ("X = 'SELECT CURRENT_TIMESTAMP'\n", "text CURRENT_TIMESTAMP"),
        ("SCRIPT = 'now = datetime.now(UTC)'\n", "text datetime.now("),
    ],
)
def test_the_check_sees_each_kind_of_read(source: str, what: str) -> None:
    assert [found[2] for found in clock_reads(source)] == [what]


def test_the_check_leaves_durations_and_pinned_days_alone() -> None:
    source = (
        "import time\nfrom datetime import date\n"
        "def test_x():\n    time.monotonic(); time.perf_counter(); date(2026, 11, 25)\n"
    )
    assert clock_reads(source) == []
