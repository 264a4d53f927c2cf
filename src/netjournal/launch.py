"""The `netjournal` command's entry point.

`netjournal --version` is answered here, and the screen itself (`netjournal`, `--db PATH`,
`--demo`) starts from here without the shell commands: click, SQLAlchemy and the rest load
after the first frame is on screen (see docs/performance.md). Everything else goes to
`netjournal.cli`.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Console-script entry point (`netjournal`, and `python -m netjournal`)."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from netjournal import __version__

        # The same line click's version option prints (a test compares the two).
        sys.stdout.write(f"netjournal {__version__}\n")
        return
    screen = _screen_request(args)
    if screen is not None:
        sys.exit(_run_screen(*screen))
    from netjournal.cli import main as run_cli

    run_cli()


def _screen_request(args: list[str]) -> tuple[str | None, bool] | None:
    """(the --db path or None, demo) when `args` only ask for the screen; else None (click).

    Shell completion calls `netjournal` with no arguments and its request in the environment.
    """
    if any(name.startswith("_NETJOURNAL_COMPLETE") for name in os.environ):
        return None
    if not args:
        return (None, False)
    if args == ["--demo"]:
        return (None, True)
    if len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        return (args[1], False)
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        return (args[0].removeprefix("--db="), False)
    return None


def _run_screen(db: str | None, demo: bool) -> int:
    """The screen, as `netjournal` with no command runs it; returns the exit status."""
    import shutil
    import tempfile
    from pathlib import Path

    from netjournal.core.clock import today_source
    from netjournal.core.errors import JournalError
    from netjournal.core.storage import paths

    temporary: Path | None = None
    try:
        today = today_source()
        if demo:
            temporary = Path(tempfile.mkdtemp(prefix="netjournal-demo-"))
            db = str(temporary / paths.JOURNAL_FILENAME)
        locations = paths.resolve(db)
        from netjournal.tui.app import run_app

        run_app(locations.journal, locations=locations, demo=demo, today=today, build_demo=demo)
    except JournalError as error:
        _say(error.message, err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    if temporary is not None:
        _say("That was a temporary sample journal; it has been removed.")
    return 0


def _say(text: str, *, err: bool = False) -> None:
    from netjournal.core.text import clean_text

    print(clean_text(text), file=sys.stderr if err else sys.stdout)
