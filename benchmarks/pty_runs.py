"""The suite's runs in a pseudo-terminal: a start to Home (then Contacts), a write from the shell
reaching the open app, and any program's first text. See docs/performance.md.

`terminal` (and with it pyte) is imported when a run starts, so that `run.py` can first say how
to install pyte when it is missing.
"""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Sequence
from pathlib import Path

TIMEOUT = 180.0
WIDE = (200, 50)
"""The pty for the shell-write run: wide enough that Home's Recent panel shows a summary whole
(at 120 columns it keeps about one character of it)."""
HOME_COMPLETE = "12 months"
"""Shown under Home's sparklines once the 12-month totals, read after the highlights, are in."""
IDLE_BEFORE_WRITE = 2.0
"""Seconds of quiet after Home is complete, so the write meets the app at rest (by then the
full journal has opened behind Home), not still starting."""


def in_terminal(
    argv: Sequence[str | Path],
    env: dict[str, str],
    home_texts: Sequence[str],
    contacts_texts: Sequence[str] = (),
    quit_keys: bytes = b"q",
) -> dict[str, float]:
    """Start `argv` in a 120×40 pty; time until `home_texts` are on screen, then (if given)
    from pressing 2 until the first of `contacts_texts` that Home didn't show is; then quit.
    Milliseconds and peak RSS in MB."""
    from terminal import TerminalRun

    run = TerminalRun([str(part) for part in argv], env).start()
    found: dict[str, float] = {}
    try:
        run.wait_for_bytes(home_texts, 0, TIMEOUT)
        found["rss_home"] = run.peak_rss_mb() or 0.0
        run.settle()
        shown = run.first_showing(home_texts)
        painted = run.first_paint()
        if shown is None or painted is None:
            raise RuntimeError(f"{home_texts!r} arrived but never showed:\n{run.screen_text()}")
        found["home"] = (shown - run.started) * 1000
        found["first_text"] = (painted - run.started) * 1000
        if contacts_texts:
            before = run.screen_text()
            # The first of the table's top rows whose name Home doesn't show already.
            mark = next((text for text in contacts_texts if text not in before), None)
            if mark is None:
                raise RuntimeError(f"all of {contacts_texts!r} are on Home already")
            pressed, index = run.send(b"2")
            run.wait_for_bytes([mark], index, TIMEOUT)
            found["rss_contacts"] = run.peak_rss_mb() or 0.0
            run.settle()
            rows = run.first_showing([mark], since=index)
            if rows is None:
                raise RuntimeError(f"{mark!r} never showed:\n{run.screen_text()}")
            found["contacts"] = (rows - pressed) * 1000
        quitting = run.quit(quit_keys)
        if quitting is not None:
            found["quit"] = quitting * 1000
    finally:
        run.close()
    return found


def shell_write_shown(
    app: Sequence[str | Path],
    log: Sequence[str | Path],
    env: dict[str, str],
    home_texts: Sequence[str],
) -> float:
    """Start the app `app` in a wide pty and wait for Home, complete and at rest; then run `log`
    plus a unique summary as another program and time from its exit until that summary is on
    the app's screen (ms; 0 if it was there already)."""
    from terminal import TerminalRun

    columns, lines = WIDE
    run = TerminalRun([str(part) for part in app], env, columns=columns, lines=lines).start()
    try:
        run.wait_for_bytes([*home_texts, HOME_COMPLETE], 0, TIMEOUT)
        run.settle(quiet=IDLE_BEFORE_WRITE, limit=TIMEOUT)
        summary = f"Shell note {secrets.token_hex(3)}"
        index = len(run.chunks)
        writer = subprocess.Popen(
            [*map(str, log), summary],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        exited = run.read_until_exit(writer, TIMEOUT)
        assert writer.stderr is not None
        problem = writer.stderr.read().decode()
        writer.stderr.close()
        if writer.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, log))} failed: {problem[-2000:]}")
        run.wait_for_bytes([summary], index, TIMEOUT)
        run.settle()
        shown = run.first_showing([summary], since=index)
        if shown is None:
            raise RuntimeError(f"{summary!r} arrived but never showed:\n{run.screen_text()}")
        return max(0.0, (shown - exited) * 1000)
    finally:
        run.close()


def first_text(argv: Sequence[str], env: dict[str, str], cwd: Path) -> float | None:
    """Milliseconds from starting `argv` in a 120×40 pty until any text is on its screen; None
    when it ended (or hung) without showing any."""
    from terminal import ScreenTimeout, TerminalRun

    run = TerminalRun(argv, env, cwd=str(cwd)).start()
    try:
        return (run.wait_for_any_text(TIMEOUT) - run.started) * 1000
    except ScreenTimeout:
        return None
    finally:
        run.close()
