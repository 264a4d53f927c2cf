"""Writing export files safely: private (0600) and atomic (a temporary file, then a rename).

A reader never sees half a file, and a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from netjournal.core.errors import InputError
from netjournal.core.storage.file_errors import describe_error
from netjournal.core.storage.paths import fsync_dir, lock_path_for, make_private_dir
from netjournal.core.storage.preflight import checked_path_for


@contextlib.contextmanager
def private_text_file(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """Open a text file that appears at `path` (0600) only when the block finishes cleanly.

    The text goes to a temporary file in the same folder, which is synced and renamed over
    `path`; on any error the temporary file is removed and `path` is left as it was.
    """
    with private_text_files([path], newline=newline) as (file,):
        yield file


@contextlib.contextmanager
def private_text_files(
    paths: Sequence[Path], *, newline: str | None = None
) -> Iterator[tuple[TextIO, ...]]:
    """Like `private_text_file` for several files that appear together or not at all (a CSV
    export's tables): all are written and synced before the first is renamed into place.

    A failure (a full disk) removes every temporary file and raises a sentence; files already
    at `paths` stay as they were unless every new one was complete.
    """
    targets = [Path(path).absolute() for path in paths]
    temps: list[Path] = []
    try:
        with contextlib.ExitStack() as stack:
            files = []
            for target in targets:
                make_private_dir(target.parent)
                # mkstemp creates the file 0600 whatever the umask.
                fd, name = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
                )
                temps.append(Path(name))
                files.append(
                    stack.enter_context(os.fdopen(fd, "w", encoding="utf-8", newline=newline))
                )
            yield tuple(files)
            for file in files:
                file.flush()
                os.fsync(file.fileno())
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
        for folder in {target.parent for target in targets}:
            fsync_dir(folder)
    except BaseException as error:
        for temp in temps:
            temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            where = Path(error.filename) if isinstance(error.filename, str) else targets[0]
            raise describe_error(error, where) from error
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
