"""The screen's own preferences (theme, key map), kept in the config folder as JSON.

Loading never fails: a missing or unreadable file means the defaults, and the reason is kept
so the app can say it once.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True)
class UiConfig:
    theme: str = DEFAULT_THEME
    contacts_sort: str = "name"


@dataclass
class LoadedConfig:
    config: UiConfig
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _read_json(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        problems.append(f"Couldn't read {path} ({error.strerror}); using defaults.")
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        problems.append(f"{path} isn't valid JSON; using defaults until it's fixed.")
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path} should hold a JSON object; using defaults.")
        return {}
    return data


def load(config_file: Path, keymap_file: Path) -> LoadedConfig:
    problems: list[str] = []
    data = _read_json(config_file, problems)
    config = UiConfig()
    if isinstance(data.get("theme"), str):
        config = replace(config, theme=data["theme"])
    if isinstance(data.get("contacts_sort"), str):
        config = replace(config, contacts_sort=data["contacts_sort"])
    keys = _read_json(keymap_file, problems)
    keymap = {str(k): str(v) for k, v in keys.items() if isinstance(v, str)}
    return LoadedConfig(config, keymap, problems)


def save(config_file: Path, config: UiConfig) -> None:
    """Write atomically, private to the user; a failure is the caller's to report."""
    config_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = config_file.with_name(config_file.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(config), handle, indent=2)
        handle.write("\n")
    os.replace(temporary, config_file)
