"""jrnl, the reference for a journal written to from the shell, in its own virtual environment.

Installed into benchmarks/.cache/jrnl-venv (never into the project's environment) and configured
with a throwaway XDG config: one unencrypted plain-text journal, no editor.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generate import CACHE

VENV = CACHE / "jrnl-venv"
JRNL = VENV / "bin" / "jrnl"

_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: {version}
"""


def ensure_installed() -> Path | None:
    """The jrnl executable, installing it on first use; None (after saying why) if impossible."""
    if JRNL.exists():
        return JRNL
    print(f"installing jrnl into {VENV} (once) …", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "--quiet", "jrnl"],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"  jrnl could not be installed ({error}); its comparison is skipped")
        return None
    return JRNL if JRNL.exists() else None


def version() -> str:
    found = subprocess.run([str(JRNL), "--version"], capture_output=True, text=True, check=False)
    words = found.stdout.split()
    return words[1] if len(words) > 1 else "unknown"


def environment(home: Path) -> dict[str, str]:
    """XDG variables pointing jrnl at a fresh config and journal under `home`."""
    config = home / "config"
    data = home / "data"
    (config / "jrnl").mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    journal = data / "journal.txt"
    (config / "jrnl" / "jrnl.yaml").write_text(_CONFIG.format(journal=journal, version=version()))
    return {"XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(data)}
