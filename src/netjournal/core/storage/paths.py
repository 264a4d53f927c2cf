"""Where netjournal keeps its files: the one place that knows every location.

Cheap to import (no SQLModel, no Textual) so `netjournal where` stays instant.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "netjournal"
JOURNAL_FILENAME = "journal.db"
ENV_JOURNAL = "NETJOURNAL_DB"
ENV_CONFIG_DIR = "NETJOURNAL_CONFIG_DIR"


@dataclass(frozen=True)
class Locations:
    """The files and folders one run of netjournal uses."""

    journal: Path
    config_dir: Path
    backup_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.json"

    @property
    def keymap_file(self) -> Path:
        return self.config_dir / "keymap.json"

    @property
    def lock_file(self) -> Path:
        return lock_path_for(self.journal)


def lock_path_for(journal: Path) -> Path:
    """The advisory lock file beside a journal (never the journal itself)."""
    return journal.with_name(journal.name + ".lock")


def backup_dir_for(journal: Path) -> Path:
    """Backups live beside the journal they protect, in a `backups` folder."""
    return journal.parent / "backups"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def resolve(db: str | os.PathLike[str] | None = None) -> Locations:
    """Locations for this run: `--db` wins, then `NETJOURNAL_DB`, then the platform default."""
    if db is not None:
        journal = Path(db).expanduser()
    elif os.environ.get(ENV_JOURNAL):
        journal = Path(os.environ[ENV_JOURNAL]).expanduser()
    else:
        journal = default_data_dir() / JOURNAL_FILENAME
    journal = journal.absolute()
    return Locations(
        journal=journal, config_dir=default_config_dir(), backup_dir=backup_dir_for(journal)
    )


def make_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700; existing folders are left as they are."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            os.mkdir(directory, 0o700)
        except FileExistsError:
            continue
        # mkdir's mode passes through the umask; chmod makes 0700 exact.
        os.chmod(directory, 0o700)


def fsync_dir(folder: Path) -> None:
    """Make a file's creation or rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
