"""Every theme the app offers reads: text at 4.5:1 and marks at 3:1 (WCAG), computed from the
theme's resolved colours, and checked again on what the screens actually draw."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.color import Color

from netjournal.core.journal import Journal, open_journal
from netjournal.core.sample.demo import build_demo
from netjournal.core.storage.snapshot import vacuum_into_verified
from netjournal.tui.app import NetjournalApp
from netjournal.tui.contrast import (
    BACKGROUNDS,
    MARK_RATIO,
    MARKS,
    PAIRS,
    TEXT,
    TEXT_RATIO,
    contrast,
    parse,
    resolve,
)
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo(demo_source: Path, tmp_path: Path) -> Iterator[Journal]:
    copy = tmp_path / "journal.db"
    vacuum_into_verified(demo_source, copy)
    with open_journal(copy, today=lambda: TODAY) as journal:
        yield journal


def ratios(variables: dict[str, str]) -> list[tuple[str, str, float, float]]:
    """(colour, background, ratio, needed) for every pair the app draws."""
    backgrounds = {name: parse(variables[name]) for name in BACKGROUNDS}
    found = []
    for names, needed in ((TEXT, TEXT_RATIO), (MARKS, MARK_RATIO)):
        for name in names:
            for background, under in backgrounds.items():
                assert under is not None
                drawn = resolve(variables[name], under)
                assert drawn is not None, name
                found.append((name, background, contrast(drawn, under), needed))
    page = backgrounds["background"]
    assert page is not None
    for name, background, needed in PAIRS:
        under = resolve(variables[background], page)
        assert under is not None
        drawn = resolve(variables[name], under)
        assert drawn is not None, name
        found.append((name, background, contrast(drawn, under), needed))
    return found


async def test_every_offered_theme_has_legible_text_and_marks(journal: Journal) -> None:
    app = NetjournalApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        themes = sorted(app.available_themes)
        assert {"textual-dark", "textual-light", "solarized-light"} <= set(themes)
        checked = 0
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            variables = app.get_css_variables()
            if parse(variables["background"]) is None:
                # An ANSI theme draws in the terminal's own colours, which can't be known here.
                continue
            checked += 1
            short = [
                f"{theme}: ${name} on ${background} is {ratio:.2f}:1, needs {needed}:1"
                for name, background, ratio, needed in ratios(variables)
                if ratio < needed
            ]
            assert not short, "\n".join(short)
        assert checked >= 15


def test_the_lift_moves_only_what_falls_short() -> None:
    from netjournal.tui.contrast import legible

    light = {"background": "#E0E0E0", "surface": "#D8D8D8", "panel": "#D0D0D0"}
    variables = {**light, "text-accent": "#A86D1C", "text-primary": "#002D4F"}
    fixed = legible(variables)
    assert fixed["text-primary"] == "#002D4F"
    lifted = Color.parse(fixed["text-accent"])
    assert contrast(lifted, Color.parse("#D0D0D0")) >= TEXT_RATIO
    # Darker, not another hue: a light theme's text moves towards black.
    assert lifted.brightness < Color.parse("#A86D1C").brightness


def is_border(char: str) -> bool:
    """Panel frames and thin separators: decoration, not information."""
    return "\u2500" <= char <= "\u257f" or char in "▏▕"


@pytest.mark.parametrize("theme", ["textual-light", "solarized-light", "textual-dark"])
async def test_what_each_screen_draws_reads_in_a_light_and_a_dark_theme(
    demo: Journal, theme: str
) -> None:
    app = NetjournalApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        problems: list[str] = []
        for key in "12345":
            await pilot.press(key)
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            compositor = app.screen._compositor
            for y, strip in enumerate(compositor.render_strips()):
                x = 0
                for segment in strip:
                    style, text = segment.style, segment.text
                    start, x = x, x + len(text)
                    if style is None or style.color is None or style.bgcolor is None:
                        continue
                    widget, _ = compositor.get_widget_at(start, y)
                    if widget.has_class("-disabled") or style.dim:
                        continue  # an inactive key: exempt, and drawn dimmed on purpose
                    fg = Color.from_rich_color(style.color)
                    bg = Color.from_rich_color(style.bgcolor)
                    ratio = contrast(fg, bg)
                    for char in text:
                        if char.isspace() or is_border(char):
                            continue
                        needed = TEXT_RATIO if char.isalnum() else MARK_RATIO
                        if ratio < needed:
                            problems.append(f"screen {key}: {text.strip()!r} at {ratio:.2f}:1")
                            break
        assert not problems, "\n".join(problems[:20])
