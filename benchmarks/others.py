"""Other Textual apps, for scale: start → first text on screen, each from its own environment.

Used by `benchmarks/run.py --others`. Each app is installed once into its own virtual environment
under benchmarks/.cache/others/ (never into the project's); one that can't be installed (no
network, no wheel for this Python) is left out of the table without fuss. Each runs with a
private home folder, so nothing of this machine's configuration is read or written.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generate import CACHE

HOME = CACHE / "others"


@dataclass(frozen=True)
class OtherApp:
    name: str
    """The PyPI package, which is also the row's name."""
    command: str
    """The console script it installs."""
    arguments: Callable[[Path], list[str]] = lambda _: []
    """Extra arguments, given a folder the app may read (files made by `prepare`)."""


def _log_file(folder: Path) -> list[str]:
    log = folder / "app.log"
    if not log.exists():
        lines = (
            f"2026-11-25 09:{i // 60 % 60:02d}:{i % 60:02d} INFO request {i}" for i in range(2000)
        )
        log.write_text("\n".join(lines) + "\n")
    return [str(log)]


APPS = (
    OtherApp("toolong", "tl", _log_file),
    OtherApp("frogmouth", "frogmouth"),
    OtherApp("posting", "posting", lambda folder: ["--collection", str(folder / "collection")]),
    OtherApp("harlequin", "harlequin"),
)


def venv(app: OtherApp) -> Path:
    return HOME / f"{app.name}-venv"


def ensure_installed(app: OtherApp, say: Callable[[str], None]) -> Path | None:
    """The app's executable, installing it on first use; None when it can't be installed."""
    executable = venv(app) / "bin" / app.command
    if executable.exists():
        return executable
    failed = HOME / f"{app.name}.failed"
    if failed.exists():
        return None  # tried before; delete the marker to try again
    say(f"installing {app.name} into {venv(app)} (once) …")
    HOME.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv(app))], check=True)
        subprocess.run(
            [str(venv(app) / "bin" / "pip"), "install", "--quiet", app.name],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.CalledProcessError):
        failed.write_text("pip could not install it; delete this file to try again\n")
        say(f"  {app.name} could not be installed; it is left out")
        return None
    return executable if executable.exists() else None


def version(app: OtherApp) -> str:
    python = venv(app) / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({app.name!r}))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def environment(base: dict[str, str], app: OtherApp) -> dict[str, str]:
    """`base` with a private home and XDG folders for `app`."""
    home = HOME / "home" / app.name
    for sub in ("config", "data", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    return {
        **base,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


FILES = HOME / "files"
"""What the apps are given to open, and the folder they run in."""


def argv(app: OtherApp, executable: Path) -> list[str]:
    (FILES / "collection").mkdir(parents=True, exist_ok=True)
    return [str(executable), *app.arguments(FILES)]
