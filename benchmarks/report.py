"""What each measurement is called, its target, and the table that shows them."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from others import APPS

Samples = dict[str, list[float]]
Baseline = Callable[[str, str | None], float | None]
"""Measurement key (prefixed "demo:", "S:", "M:", "L:" when it depends on the journal) → samples."""


@dataclass(frozen=True)
class Target:
    """A limit on a row's median: absolute (`limit` in the row's unit) or a ratio to `versus`."""

    text: str
    limit: float
    versus: str | None = None
    sizes: tuple[str, ...] = ("demo", "S", "M", "L")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str = "ms"
    per_size: bool = True
    ratio_to: str | None = "bare"
    """Which baseline the ratio column divides by (None: no ratio)."""
    targets: tuple[Target, ...] = ()


BASELINES = (
    Row("bare", "bare Textual app: start → its label on screen (pty)", per_size=False),
    Row("bare_rss", "bare Textual app: peak RSS (VmHWM)", unit="MB", per_size=False, ratio_to=None),
    Row("pass", "`python -c pass`: start → exit", per_size=False, ratio_to=None),
    Row(
        "version",
        "`netjournal --version`: start → exit",
        per_size=False,
        ratio_to="pass",
        targets=(Target("≤ 3.0× pass", 3.0, versus="pass"),),
    ),
    Row("jrnl", "jrnl writes one entry: start → exit", per_size=False, ratio_to="bare"),
    *(
        Row(f"other:{name}", f"{name}: start → first text on screen (pty)", per_size=False)
        for name in (app.name for app in APPS)
    ),
)

SIZED = (
    Row(
        "first_text",
        "1. start → first text on screen (pty)",
        targets=(Target("≤ 1.3× bare", 1.3, versus="bare"),),
    ),
    Row(
        "home",
        "1. start → Home with highlights on screen (pty)",
        targets=(
            Target("≤ 2.0× bare", 2.0, versus="bare", sizes=("demo", "S")),
            Target("≤ 2.5× bare", 2.5, versus="bare", sizes=("L",)),
        ),
    ),
    Row(
        "contacts",
        "1. key 2 → Contacts rows on screen, first visit (pty)",
        targets=(Target("≤ 150 ms", 150, sizes=("L",)),),
    ),
    Row("quit", "↳ key q → process exit (pty)"),
    Row(
        "filter",
        "2. filter keystroke → rows (pilot, median of 50)",
        targets=(Target("≤ 50 ms", 50, sizes=("L",)),),
    ),
    Row("filter_max", "↳ slowest of those 50 keystrokes"),
    Row(
        "switch_first",
        "3. screen switch Home → Contacts, first visit (pilot)",
        targets=(Target("≤ 150 ms", 150, sizes=("L",)),),
    ),
    Row(
        "switch_warm",
        "3. screen switch, already visited (pilot, median of 8)",
        targets=(Target("≤ 100 ms", 100, sizes=("L",)),),
    ),
    Row("open_contact", "3. cursor onto the 2,000-item contact → detail shown (pilot)"),
    Row("page", "3. page down in Contacts → frame (pilot)"),
    Row(
        "page_lines",
        "3. table lines rendered per page down (max of 5)",
        unit="lines",
        ratio_to="visible",
        targets=(Target("≤ visible rows", 1.0, versus="visible"),),
    ),
    Row("quick_log_open", "4. key l → quick log ready to search names (pilot)"),
    Row("quick_log_home", "4. quick log Enter → Home updated (pilot)"),
    Row("quick_log_contacts", "4. then key 2 → Contacts updated (pilot)"),
    Row(
        "log",
        "5. `netjournal log gave …`: start → exit",
        ratio_to="jrnl",
        targets=(Target("≤ 1.0× jrnl", 1.0, versus="jrnl", sizes=("S", "L")),),
    ),
    Row(
        "due",
        "5. `netjournal due`: start → exit",
        ratio_to="jrnl",
        targets=(Target("≤ 1.5× jrnl", 1.5, versus="jrnl", sizes=("L",)),),
    ),
    Row("highlights_first", "6. `Journal.highlights()`, first call in a process"),
    Row(
        "highlights",
        "6. `Journal.highlights()` right after a write (median of 5)",
        targets=(Target("≤ 100 ms", 100, sizes=("L",)),),
    ),
    Row("write", "↳ that write: `Journal.log_exchange()` (median of 5)"),
    Row("summaries", "↳ `Journal.contact_summaries()` right after a write (median of 5)"),
    Row("headless_home", "↳ start → Home shown, headless (pilot)"),
    Row(
        "rss_home",
        "6. peak RSS of the TUI when Home is shown (VmHWM)",
        unit="MB",
        ratio_to=None,
        targets=(Target("≤ 250 MB", 250, sizes=("L",)),),
    ),
    Row(
        "rss_contacts",
        "6. peak RSS of the TUI after Contacts (VmHWM)",
        unit="MB",
        ratio_to=None,
        targets=(Target("≤ 250 MB", 250, sizes=("L",)),),
    ),
    Row(
        "shell_write",
        "7. `netjournal log` exits → its entry on the open app's Home (pty)",
        ratio_to=None,
        targets=(Target("≤ 1 s", 1000),),
    ),
)


def median(samples: Samples, key: str) -> float | None:
    values = samples.get(key)
    return statistics.median(values) if values else None


def _number(value: float, unit: str) -> str:
    if unit == "lines":
        return f"{value:.0f}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _verdict(row: Row, size: str | None, value: float, baseline: Baseline) -> tuple[str, str]:
    for target in row.targets:
        if size is not None and size not in target.sizes:
            continue
        if target.versus is None:
            return target.text, "PASS" if value <= target.limit else "MISS"
        reference = baseline(target.versus, size)
        if reference:
            return target.text, "PASS" if value / reference <= target.limit else "MISS"
    return "", ""


def table(samples: Samples, sizes: Sequence[str]) -> str:
    """A Markdown table: min / median / max (ms unless the label says otherwise), the median as a
    ratio to a baseline of the same run, and the target of issue 6 with PASS or MISS."""

    def baseline(key: str, size: str | None) -> float | None:
        """A baseline of this size (the table's visible lines) or of the whole run (bare app)."""
        return median(samples, f"{size}:{key}") or median(samples, key)

    lines = [
        "| measurement | size | min | median | max | ratio | target | result |",
        "|---|:-:|--:|--:|--:|--:|:-:|:-:|",
    ]
    rows: list[tuple[Row, str | None]] = [(row, None) for row in BASELINES]
    rows += [(row, size) for size in sizes for row in SIZED]
    for row, size in rows:
        key = f"{size}:{row.key}" if size else row.key
        values = samples.get(key)
        if not values:
            continue
        middle = statistics.median(values)
        ratio = ""
        reference = baseline(row.ratio_to, size) if row.ratio_to else None
        if reference:
            ratio = f"{middle / reference:.2f}× {row.ratio_to}"
        target, verdict = _verdict(row, size, middle, baseline)
        label = row.label if row.unit == "ms" else f"{row.label} ({row.unit})"
        lines.append(
            f"| {label} | {size or '–'} | {_number(min(values), row.unit)} "
            f"| {_number(middle, row.unit)} | {_number(max(values), row.unit)} "
            f"| {ratio} | {target} | {verdict} |"
        )
    return "\n".join(lines)
