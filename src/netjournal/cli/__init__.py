"""The shell face: `netjournal` opens the screen; subcommands capture and report from a terminal.

This module holds the group and the entry point; each command lives in the module for its topic.
The database layer and the TUI are imported inside commands, so `--help` and `where` stay instant.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from netjournal import __version__
from netjournal.cli import capture, check, due, introduce, reflect, review, transfer
from netjournal.cli.output import fail, say
from netjournal.cli.reflect import REFLECT_PROMPT
from netjournal.cli.run import Run
from netjournal.core.clock import today_source
from netjournal.core.errors import JournalError
from netjournal.core.storage import paths

__all__ = ["REFLECT_PROMPT", "TUI_MISSING", "cli", "main"]

ENV_DEBUG = "NETJOURNAL_DEBUG"
COMPLETE_VAR = "_NETJOURNAL_COMPLETE"
TUI_MISSING = (
    "The netjournal screen isn't built yet; try `netjournal --help` for the shell commands."
)


class _JournalGroup(click.Group):
    """Turns refusals, file problems and Ctrl+C into a sentence and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JournalError as error:
            fail(str(error), ctx, 1)
        except KeyboardInterrupt:
            fail("Interrupted; nothing more was written.", ctx, 130)
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise  # click quiets a closed pipe (`netjournal due | head`) itself
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                from netjournal.core.storage.file_errors import full_disk

                fail(full_disk(error) or str(error), ctx, 1)
            where = f" {error.filename}" if error.filename else ""
            fail(f"netjournal could not use{where}: {error.strerror or error}.", ctx, 1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            if os.environ.get(ENV_DEBUG):
                raise
            fail(
                f"netjournal hit an unexpected problem ({type(error).__name__}: {error}). "
                "Nothing already saved was lost. Run again with NETJOURNAL_DEBUG=1 to see "
                "the details, and please report them.",
                ctx,
                1,
            )


def _open_tui(
    path: Path,
    demo: bool,
    locations: paths.Locations | None = None,
    today: Callable[[], date] | None = None,
) -> bool:
    """Run the screen on `path`; False when this install has no screen to run."""
    try:
        from netjournal.tui.app import run_app
    except ImportError as error:
        if error.name != "netjournal.tui.app":
            raise JournalError(
                f"The netjournal screen couldn't start ({error}); reinstall netjournal. "
                "The shell commands still work: netjournal --help."
            ) from error
        return False
    run_app(path, locations=locations, demo=demo, today=today)
    return True


def _make_demo(today: date) -> Path:
    from netjournal.core.sample.demo import build_demo

    path = Path(tempfile.mkdtemp(prefix="netjournal-demo-")) / paths.JOURNAL_FILENAME
    build_demo(path, today=today)
    return path


_MAIN_EPILOG = """\b
Examples:
  netjournal                          open the journal screen
  netjournal add "Ana Lima" --tag close,seo --every 30
  netjournal log gave "Ana Lima" "Sent the SEO checklist" --kind article --on yesterday
  netjournal due                      who to reconnect with, who runs one-sided
  netjournal --demo                   try it on invented people

\b
Shell completion (names and commands):
  eval "$(_NETJOURNAL_COMPLETE=bash_source netjournal)"    # in ~/.bashrc
  eval "$(_NETJOURNAL_COMPLETE=zsh_source netjournal)"     # in ~/.zshrc
  _NETJOURNAL_COMPLETE=fish_source netjournal | source     # in config.fish
"""


@click.group(
    cls=_JournalGroup,
    name="netjournal",
    invoke_without_command=True,
    epilog=_MAIN_EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="Journal file to use (overrides NETJOURNAL_DB and the default location).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Use a freshly made sample journal of invented people, in a temporary folder.",
)
@click.version_option(
    __version__, "--version", prog_name="netjournal", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, demo: bool) -> None:
    """A private journal of the value you share with the people in your life.

    With no command, opens the journal screen.
    """
    if demo and db is not None:
        raise click.UsageError("Use either --demo or --db, not both.")
    today = today_source()
    run = Run(paths.resolve(db), today)
    ctx.obj = run
    if demo:
        run.locations = paths.resolve(_make_demo(today()))
        run.demo = True
        if ctx.invoked_subcommand is not None:
            say(f"(Using a temporary sample journal: {run.locations.journal})", err=True)
    if ctx.invoked_subcommand is None:
        _open_default(run)


def _open_default(run: Run) -> None:
    if _open_tui(run.locations.journal, demo=run.demo, locations=run.locations, today=run.today):
        if run.demo:
            shutil.rmtree(run.locations.journal.parent, ignore_errors=True)
            say("That was a temporary sample journal; it has been removed.")
        return
    if not run.demo:
        say(TUI_MISSING)
        return
    path = shlex.quote(str(run.locations.journal))
    say(f"A sample journal of invented people was made at {run.locations.journal}")
    say("It is a temporary copy: nothing you do with it touches your own journal.")
    say(f"Explore it with: netjournal --db {path} contacts")
    say()
    for line in due.due_lines(due.highlights(run)):
        say(line)


for _command in (
    capture.add,
    capture.log,
    capture.suggest_command,
    capture.touch,
    capture.snooze,
    introduce.introduce,
    reflect.reflect,
    due.due,
    review.contacts,
    review.search,
    review.where,
    review.keys,
    transfer.import_,
    transfer.export,
    transfer.backup,
    transfer.restore,
    check.check,
    check.salvage,
):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point (`netjournal`, and `python -m netjournal`)."""
    if COMPLETE_VAR in os.environ:
        from netjournal.cli.completion import register

        register()
    cli.main(prog_name="netjournal", complete_var=COMPLETE_VAR)
