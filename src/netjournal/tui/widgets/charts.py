"""Small text charts drawn with theme colours: sparklines, balance gauges, bars."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

SPARK = "▁▂▃▄▅▆▇█"

DIRECTION_STYLE = {"gave": "$text-success", "received": "$text-accent", "mutual": "$text-primary"}
"""How each direction is coloured everywhere: theme text variants, readable on every theme."""


def sparkline(values: Sequence[int | float], style: str = "$accent") -> Content:
    """One cell per value, scaled to the largest; all-zero series draw a flat baseline."""
    top = max(values, default=0)
    if top <= 0:
        return Content.styled(SPARK[0] * len(values), "$text-muted")
    cells = "".join(SPARK[min(len(SPARK) - 1, round(v / top * (len(SPARK) - 1)))] for v in values)
    return Content.styled(cells, style)


def balance_gauge(balance: float | None, width: int = 7) -> Content:
    """◀▮▮▯▯▯▶: filled cells lean left when you mostly receive, right when you mostly give."""
    if balance is None:
        return Content.styled("·" * (width + 2), "$text-muted")
    middle = width // 2
    offset = round(balance * middle)
    cells = []
    for index in range(width):
        position = index - middle
        filled = (0 <= position <= offset) if offset >= 0 else (offset <= position <= 0)
        cells.append("▮" if filled else "▯")
    style = "$warning" if abs(balance) >= 0.6 else "$success"
    return Content.assemble(("◀", "$text-muted"), ("".join(cells), style), ("▶", "$text-muted"))


def bar(value: int, top: int, width: int, style: str) -> Content:
    """A horizontal bar of `width` cells at most, proportional to value/top."""
    if top <= 0 or value <= 0:
        return Content("")
    cells = max(1, round(value / top * width))
    return Content.styled("█" * cells, style)
