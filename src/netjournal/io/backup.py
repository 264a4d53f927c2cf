"""Backups and restore: verified copies of the journal kept to the last N, a daily one on
launch, and putting a backup back into the live journal all or nothing (docs/data-safety.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.core.errors import InputError, JournalFileError
from netjournal.core.settings import Settings
from netjournal.core.storage import paths
from netjournal.core.storage.db import connect_read_only
from netjournal.core.storage.preflight import journal_revision, preflight
from netjournal.core.storage.snapshot import vacuum_into_verified
from netjournal.io.files import refuse_journal_files

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

STAMP = "%Y-%m-%dT%H%M%SZ"
DAILY = "daily"
BEFORE_RESTORE = "before-restore"


def backup_name(journal_path: Path, now: datetime, label: str = "") -> str:
    """`journal-2026-11-25T101500Z.db`, with `-label` before `.db` when given."""
    stamp = now.astimezone(UTC).strftime(STAMP)
    return f"{journal_path.stem}-{stamp}{'-' + label if label else ''}.db"


def _pattern(journal_path: Path) -> re.Pattern[str]:
    # Only plain and daily backups rotate; those from before a migration or a restore stay.
    stem = re.escape(journal_path.stem)
    return re.compile(rf"{stem}-(\d{{4}}-\d{{2}}-\d{{2}}T\d{{6}}Z)(?:-{DAILY})?(?:-\d+)?\.db")


def rotating_backups(folder: Path, journal_path: Path) -> list[tuple[datetime, Path]]:
    """The backups that count toward keeping N, oldest first."""
    pattern = _pattern(journal_path)
    found = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for path in folder.iterdir():
            match = pattern.fullmatch(path.name)
            if match and path.is_file():
                stamp = datetime.strptime(match[1], STAMP).replace(tzinfo=UTC)
                found.append((stamp, path))
    return sorted(found)


def prune_backups(folder: Path, journal_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` rotating backups; returns what was deleted."""
    doomed = [path for _, path in rotating_backups(folder, journal_path)[: -max(keep, 1)]]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def _check_journal(journal_path: Path) -> Path:
    journal_path = Path(journal_path).expanduser().absolute()
    if preflight(journal_path) == "missing":
        raise InputError(
            f"There is no journal at {journal_path} yet, so there is nothing to back up."
        )
    return journal_path


def make_backup(
    journal_path: Path,
    dest: Path | None = None,
    *,
    keep: int | None = None,
    now: datetime | None = None,
    label: str = "",
) -> Path:
    """A verified copy of the journal. Returns where it went.

    `dest` may be a folder (the copy gets a timestamped name there, and older ones beyond `keep`
    are removed) or a file name ending in .db; by default, the journal's backup folder.
    """
    journal_path = _check_journal(journal_path)
    now = now or datetime.now(UTC)
    folder: Path | None = paths.backup_dir_for(journal_path) if dest is None else None
    if dest is not None:
        dest = Path(dest).expanduser().absolute()
        is_file_name = dest.suffix.casefold() in (".db", ".sqlite", ".sqlite3", ".bak")
        folder = dest if dest.is_dir() or not is_file_name else None
    if folder is None:
        assert dest is not None
        target = dest
    else:
        target = _free_name(folder / backup_name(journal_path, now, label))
    refuse_journal_files(journal_path, [target])
    vacuum_into_verified(journal_path, target)
    if folder is not None and keep is not None:
        prune_backups(folder, journal_path, keep)
    return target


def _free_name(target: Path) -> Path:
    counter = 2
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}-{counter}{target.suffix}")
        counter += 1
    return candidate


def backups_keep(journal_path: Path) -> int:
    """The journal's `backups_keep` setting, read without opening it for writing."""
    try:
        with contextlib.closing(connect_read_only(journal_path)) as conn:
            rows = dict(conn.execute("SELECT key, value FROM setting").fetchall())
    except sqlite3.Error:
        return Settings().backups_keep
    return Settings.from_rows(rows).backups_keep


def backup_if_due(
    journal_path: Path,
    *,
    backup_dir: Path | None = None,
    keep: int | None = None,
    now: datetime | None = None,
) -> Path | None:
    """The daily backup the app makes at launch: at most one a calendar day (local time).

    Returns the new backup, or None when one was already made today or there is no journal yet.
    Keeps the newest `keep` (default: the journal's `backups_keep` setting). Raises
    JournalFileError with a sentence when the copy fails; the journal itself is never changed.
    """
    journal_path = Path(journal_path).expanduser().absolute()
    if not journal_path.exists():
        return None
    now = now or datetime.now(UTC)
    folder = backup_dir or paths.backup_dir_for(journal_path)
    existing = rotating_backups(folder, journal_path)
    if existing and existing[-1][0].astimezone().date() >= now.astimezone().date():
        return None
    keep = keep if keep is not None else backups_keep(journal_path)
    return make_backup(journal_path, folder, keep=keep, now=now, label=DAILY)


@dataclass(frozen=True)
class Restored:
    source: Path
    safety_backup: Path
    """The journal as it was just before the restore: restoring it undoes the restore."""


def check_backup_file(source: Path, journal_path: Path) -> Path:
    """`source` made absolute, if it is a netjournal journal this version can restore.

    Refuses, with its bytes untouched, a missing or foreign file, a damaged one, one from a newer
    version of netjournal, an empty journal, and the journal itself.
    """
    source = Path(source).expanduser().absolute()
    if not source.exists():
        raise InputError(f"There is no file at {source}.")
    if journal_path.exists() and source.resolve() == journal_path.resolve():
        raise InputError(f"{source} is the journal itself; give the path of a backup.")
    try:
        preflight(source)  # reads only
    except JournalFileError as error:
        # Its sentence is about opening a journal there; keep what it found and say what it means.
        found = str(error).split(". ", 1)[0].rstrip(".")
        raise JournalFileError(
            f"{found}. It can't be restored, and nothing was changed: neither that file nor "
            "your journal."
        ) from error
    if journal_revision(source) is None:
        raise JournalFileError(
            f"{source} is an empty netjournal journal; it holds nothing to restore."
        )
    return source


def restore_journal(journal: Journal, source: Path, *, now: datetime | None = None) -> Restored:
    """Replace the open `journal`'s contents with the backup at `source`.

    Refuses (bytes untouched) a file that isn't a netjournal journal, is damaged, or comes from a
    newer version. Keeps a safety backup first, copies with SQLite's backup API into the live
    file, then checks the result. Reopen the journal afterwards: that upgrades a backup made by
    an older version.
    """
    source = check_backup_file(source, journal.path)
    now = now or datetime.now(UTC)
    folder = paths.backup_dir_for(journal.path)
    safety = vacuum_into_verified(
        journal.path, _free_name(folder / backup_name(journal.path, now, BEFORE_RESTORE))
    )
    journal.restore_from(source)
    problem = _check_restored(journal.path)
    if problem:
        journal.restore_from(safety)
        raise JournalFileError(
            f"The restored journal failed SQLite's check ({problem}), so your journal was put back "
            f"as it was. {source} may be damaged."
        )
    return Restored(source, safety)


def _check_restored(path: Path) -> str | None:
    try:
        with contextlib.closing(connect_read_only(path)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.Error as error:
        return str(error)
    return None if problems == ["ok"] else problems[0]


@dataclass(frozen=True)
class Replaced:
    source: Path
    kept_as: Path
    """The unusable file, kept: nothing it held is thrown away."""


def replace_unusable_journal(
    journal_path: Path, source: Path, *, now: datetime | None = None
) -> Replaced:
    """Put the backup at `source` where an unusable journal (damaged, not a journal, or holding
    something netjournal didn't make) is, keeping that file beside it under another name.

    A kill at any moment leaves the path holding either the old file (and, from the first step
    on, a whole copy of it aside) or the verified backup; never nothing, never half.
    """
    from netjournal.core.storage.paths import fsync_dir
    from netjournal.core.storage.sharing import JournalLock

    journal_path = Path(journal_path).absolute()
    source = check_backup_file(source, journal_path)
    now = now or datetime.now(UTC)
    stamp = now.astimezone(UTC).strftime(STAMP)
    kept = _free_name(journal_path.with_name(f"{journal_path.name}.unusable-{stamp}"))
    incoming = journal_path.with_name(f".{journal_path.name}.restoring")
    lock = JournalLock.shared(journal_path)
    try:
        lock.make_exclusive("restore")
        # 1. The backup, copied and checked beside the journal (a rename away from its place).
        vacuum_into_verified(source, incoming)
        # 2. The unusable file, and its write-ahead log, kept whole under another name.
        for suffix in ("", "-wal"):
            if journal_path.with_name(journal_path.name + suffix).exists():
                _copy_synced(
                    journal_path.with_name(journal_path.name + suffix),
                    kept.with_name(kept.name + suffix),
                )
        fsync_dir(journal_path.parent)
        # 3. Its log and index go (they belong to the old file: replayed onto the new one they
        # would corrupt it), then the backup takes its place in one rename.
        for suffix in ("-wal", "-shm"):
            journal_path.with_name(journal_path.name + suffix).unlink(missing_ok=True)
        journal_path.with_name(journal_path.name + ".checked").unlink(missing_ok=True)
        incoming.replace(journal_path)
        fsync_dir(journal_path.parent)
    finally:
        incoming.unlink(missing_ok=True)
        lock.release()
    return Replaced(source, kept)


def _copy_synced(source: Path, dest: Path) -> None:
    """A private, synced copy that appears at `dest` whole or not at all."""
    partial = dest.with_name(f".{dest.name}.tmp")
    try:
        shutil.copyfile(source, partial)
        partial.chmod(0o600)
        with open(partial, "rb") as file:
            os.fsync(file.fileno())
        partial.replace(dest)
    finally:
        partial.unlink(missing_ok=True)
