"""A journal is readable by its owner alone: 0600 files in a 0700 folder (docs/data-safety.md).

New files are created that way; a journal that arrives looser (copied in, made by an older
version, restored by hand) is tightened when it is opened, once, with a sentence saying so.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from netjournal.core.errors import JournalFileError
from netjournal.core.storage import paths

_BESIDE = ("-wal", "-shm", ".lock", ".checked")


def check_owner(path: Path, info: os.stat_result) -> None:
    """Refuse a journal that belongs to another user of this machine."""
    if info.st_uid != os.getuid():
        raise JournalFileError(
            f"{path} belongs to another user of this computer (user id {info.st_uid}). "
            "netjournal opens only your own journal; nothing was changed. Copy it somewhere of "
            "yours first if it is meant for you."
        )


def tighten(journal: Path) -> str | None:
    """Make the journal, the files beside it, its folder and its backups private.

    Returns a sentence when anything was loosened before, else None. Files of other users
    are left alone (and the journal itself is refused before this by `check_owner`).
    """
    changed = 0
    folders = [journal.parent, paths.backup_dir_for(journal)]
    files = [journal.with_name(journal.name + suffix) for suffix in ("", *_BESIDE)]
    with contextlib.suppress(OSError):
        files += [p for p in paths.backup_dir_for(journal).iterdir() if p.is_file()]
    for folder in folders:
        changed += _private(folder, 0o700)
    for file in files:
        changed += _private(file, 0o600)
    if not changed:
        return None
    return (
        f"{journal} and its files could be read by other users of this computer; they are now "
        "private to you (files 0600, folders 0700)."
    )


def _private(path: Path, mode: int) -> int:
    try:
        info = path.lstat()
    except OSError:
        return 0
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        return 0
    if stat.S_IMODE(info.st_mode) & 0o077 == 0:
        return 0
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077 & mode)
    except OSError:
        return 0
    return 1
