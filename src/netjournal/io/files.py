"""Writing export files safely: private (0600) and atomic (a temporary file, then a rename).

A reader never sees half a file, and a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from netjournal.core.errors import InputError
from netjournal.core.paths import fsync_dir, lock_path_for, make_private_dir
from netjournal.core.preflight import checked_path_for


@contextlib.contextmanager
def private_text_file(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """Open a text file that appears at `path` (0600) only when the block finishes cleanly.

    The text goes to a temporary file in the same folder, which is synced and renamed over
    `path`; on any error the temporary file is removed and `path` is left as it was.
    """
    path = Path(path).absolute()
    make_private_dir(path.parent)
    # mkstemp creates the file 0600 whatever the umask.
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
        fsync_dir(path.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_private_text(path: Path, text: str) -> Path:
    """Write `text` to `path` atomically, readable by its owner only."""
    with private_text_file(path) as file:
        file.write(text)
    return path


def refuse_journal_files(journal_path: Path, targets: list[Path]) -> None:
    """Refuse to write over the journal, its lock or SQLite's files beside it."""
    journal_path = Path(journal_path).absolute()
    own = {
        journal_path,
        lock_path_for(journal_path),
        checked_path_for(journal_path),
        *(journal_path.with_name(journal_path.name + s) for s in ("-wal", "-shm", "-journal")),
    }
    for target in targets:
        if target.absolute() in own or (target.exists() and target.resolve() in own):
            raise InputError(f"{target} is the journal or one of its files; choose another place.")
