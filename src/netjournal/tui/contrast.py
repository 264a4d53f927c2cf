"""Theme colours that read: text at 4.5:1 and marks at 3:1 (WCAG AA) on the app's backgrounds,
in every theme the app offers.

Textual's themes are used as they are, except the colours that fall short, which are moved
towards black (light themes) or white (dark ones) until they read. Text is written in the
`$text-…` variables and marks (bars, gauges, badges) in the plain ones, so each is held to its
own ratio. Themes drawn in the terminal's own ANSI colours are left alone: their colours are
the terminal's, unknown here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color, ColorParseError
from textual.strip import Strip

TEXT_RATIO = 4.5
MARK_RATIO = 3.0
BACKGROUNDS = ("background", "surface", "panel")
TEXT = (
    "foreground",
    "text",
    "text-muted",
    "text-accent",
    "text-success",
    "text-warning",
    "text-error",
    "text-primary",
    "text-secondary",
)
"""Variables the app writes words in."""
MARKS = ("accent", "success", "warning", "error", "primary", "secondary")
"""Variables the app draws marks in: bars, gauges, badges, the focused panel's border."""
PAIRS = (
    ("footer-foreground", "footer-background", TEXT_RATIO),
    ("footer-description-foreground", "footer-background", TEXT_RATIO),
    ("footer-key-foreground", "footer-background", TEXT_RATIO),
    ("block-cursor-foreground", "block-cursor-background", TEXT_RATIO),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background", TEXT_RATIO),
    ("button-foreground", "surface", TEXT_RATIO),
    ("scrollbar", "scrollbar-background", MARK_RATIO),
    ("scrollbar-hover", "scrollbar-background-hover", MARK_RATIO),
    ("scrollbar-active", "scrollbar-background-active", MARK_RATIO),
)
"""Colours drawn on a background of their own (the footer, the cursor row, scrollbars), and
the ratio each needs; when the colour alone can't reach it, the background moves too."""

_AUTO = re.compile(r"auto\s*(\d+(?:\.\d+)?)%?$")
_STEPS = 20


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def parse(value: str) -> Color | None:
    """A colour, or None for what has no fixed colour (ANSI, transparent, "auto")."""
    try:
        color = Color.parse(value)
    except (ColorParseError, ValueError):
        return None
    return None if color.ansi is not None or color.a == 0 else color


def resolve(value: str, under: Color) -> Color | None:
    """What `value` looks like drawn on `under`: "auto 60%" and translucent colours blended."""
    auto = _AUTO.match(value.strip())
    if auto:
        return under + under.get_contrast_text(float(auto.group(1)) / 100)
    color = parse(value)
    return under + color if color is not None else None


def worst(value: str, backgrounds: Sequence[Color]) -> float:
    """The lowest contrast `value` has on any of `backgrounds` (0 when it can't be told)."""
    ratios = [resolve(value, under) for under in backgrounds]
    return min((contrast(c, b) for c, b in zip(ratios, backgrounds, strict=True) if c), default=0)


def _lifted(value: str, backgrounds: Sequence[Color], ratio: float) -> str:
    if worst(value, backgrounds) >= ratio:
        return value
    auto = _AUTO.match(value.strip())
    if auto:
        # More opaque contrast text, up to fully opaque.
        for percent in range(int(float(auto.group(1))), 101, 5):
            if worst(f"auto {percent}%", backgrounds) >= ratio:
                return f"auto {percent}%"
        return "auto 100%"
    color = parse(value)
    if color is None:
        return value
    dark = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.5
    target = Color(255, 255, 255) if dark else Color(0, 0, 0)
    opaque = backgrounds[0] + color
    for step in range(1, _STEPS + 1):
        candidate = opaque.blend(target, step / _STEPS).hex
        if worst(candidate, backgrounds) >= ratio:
            return candidate
    return target.hex


def legible(variables: Mapping[str, str]) -> dict[str, str]:
    """`variables` with every text and mark colour lifted to its ratio, where it falls short."""
    fixed = dict(variables)
    backgrounds = [parse(variables.get(name, "")) for name in BACKGROUNDS]
    if not all(backgrounds):
        return fixed
    opaque = [b for b in backgrounds if b is not None]
    for names, ratio in ((TEXT, TEXT_RATIO), (MARKS, MARK_RATIO)):
        for name in names:
            if name in fixed:
                fixed[name] = _lifted(fixed[name], opaque, ratio)
    for name, background, ratio in PAIRS:
        if name in fixed and background in fixed:
            _fix_pair(fixed, name, background, ratio, opaque[0])
    return fixed


def _fix_pair(
    variables: dict[str, str], name: str, background: str, ratio: float, page: Color
) -> None:
    """Lift `name` on `background` (a translucent one seen over `page`), then if need be move
    the background away from the text until the pair reads."""
    under = resolve(variables[background], page)
    if under is None:
        return
    variables[name] = _lifted(variables[name], [under], ratio)
    if worst(variables[name], [under]) >= ratio:
        return
    text = resolve(variables[name], under)
    if text is None:
        return
    target = Color(0, 0, 0) if luminance(text) > luminance(under) else Color(255, 255, 255)
    for step in range(1, _STEPS + 1):
        candidate = under.blend(target, step / _STEPS)
        if worst(variables[name], [candidate]) >= ratio:
            variables[background] = candidate.hex
            return
    variables[background] = target.hex


def in_cursor_colours(strip: Strip, style: RichStyle) -> Strip:
    """A cursor row drawn in the cursor's own colours: marks coloured for the panel's background
    would not read on the cursor's."""
    color, bgcolor = style.color, style.bgcolor
    return Strip(
        Segment(
            segment.text,
            (segment.style or RichStyle()) + RichStyle(color=color, bgcolor=bgcolor),
            segment.control,
        )
        for segment in strip
    )
