"""The `netjournal` command's entry point.

`netjournal --version` is answered here, before the shell commands (and click, ~25 ms of imports
on its own) are loaded; every other invocation goes to `netjournal.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point (`netjournal`, and `python -m netjournal`)."""
    if sys.argv[1:] == ["--version"]:
        from netjournal import __version__

        # The same line click's version option prints (a test compares the two).
        sys.stdout.write(f"netjournal {__version__}\n")
        return
    from netjournal.cli import main as run_cli

    run_cli()
