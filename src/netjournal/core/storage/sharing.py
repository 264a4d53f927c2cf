"""Many programs, one journal: who may use it at once, and who needs it alone.

SQLite itself serialises writers (WAL, a busy timeout, BEGIN IMMEDIATE). What it can't do is keep
others away while the file's schema or whole contents change under them (an upgrade, a restore),
so every program that opens a journal holds a *shared* lock on the `.lock` file beside it, and that
work takes the lock *exclusively*. See docs/data-safety.md, "Several programs, one journal".
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from pathlib import Path

from netjournal.core.errors import JournalFileError
from netjournal.core.storage.paths import lock_path_for

# Opening waits this long for exclusive work by another program (an upgrade of a big journal
# takes a few seconds); exclusive work waits this long for the others to close.
WAIT_FOR_EXCLUSIVE_S = 30.0
WAIT_FOR_OTHERS_S = 5.0
_POLL_S = 0.05


class JournalLock:
    """This program's hold on the `.lock` file beside one journal."""

    def __init__(self, journal: Path, fd: int | None) -> None:
        self.journal = journal
        self._fd = fd
        self._exclusive = False
        self._guard = threading.Lock()

    @classmethod
    def shared(cls, journal: Path) -> JournalLock:
        """Hold the journal alongside any number of other programs.

        Waits while another program has it alone, then refuses with a sentence. Where no lock file
        can be made (a read-only folder), nothing can write the journal there either, so the hold
        is a formality and is skipped.
        """
        fd = _open_lock_file(journal)
        lock = cls(journal, fd)
        if fd is None:
            return lock
        if not _wait_for(fd, fcntl.LOCK_SH, WAIT_FOR_EXCLUSIVE_S):
            os.close(fd)
            raise JournalFileError(
                f"{journal} is being upgraded or restored by another netjournal, which needs it "
                "alone. Nothing was changed; try again when it has finished."
            )
        return lock

    @property
    def exclusive(self) -> bool:
        return self._exclusive

    def make_exclusive(self, what: str) -> None:
        """Have the journal alone for `what` ("upgrade", "restore"), or refuse with a sentence."""
        with self._guard:
            if self._fd is None or self._exclusive:
                return
            if not _wait_for(self._fd, fcntl.LOCK_EX, WAIT_FOR_OTHERS_S):
                # flock may have dropped the shared hold while trying; take it back.
                _wait_for(self._fd, fcntl.LOCK_SH, WAIT_FOR_EXCLUSIVE_S)
                raise JournalFileError(
                    f"netjournal needs {self.journal} to itself to {what} it, but it is open in "
                    "another netjournal (the app, or a shell command). Close the others, then "
                    "try again. Nothing was changed."
                )
            self._exclusive = True

    def make_shared(self) -> None:
        """Let other programs in again after exclusive work."""
        with self._guard:
            if self._fd is None or not self._exclusive:
                return
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            self._exclusive = False

    def alone(self) -> bool:
        """Whether no other program holds the journal right now (asked without waiting)."""
        with self._guard:
            if self._fd is None:
                return False
            if self._exclusive:
                return True
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                # A failed conversion drops the shared hold (flock(2)); take it back.
                _wait_for(self._fd, fcntl.LOCK_SH, WAIT_FOR_EXCLUSIVE_S)
                return False
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            return True

    def release(self) -> None:
        with self._guard:
            if self._fd is None:
                return
            fd, self._fd = self._fd, None
            # Closing the descriptor releases the flock; the file stays, as deleting it would race.
            os.close(fd)


def _open_lock_file(journal: Path) -> int | None:
    path = lock_path_for(journal)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return None
        raise
    try:
        if os.fstat(fd).st_uid == os.getuid():
            os.fchmod(fd, 0o600)
    except OSError:
        pass
    return fd


def _wait_for(fd: int, mode: int, seconds: float) -> bool:
    """Take the flock in `mode`, retrying for up to `seconds`; False if it never came."""
    waited = 0.0
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if waited >= seconds:
                return False
        # A plain sleep: a timed wait on a lock or Event misbehaves under a shifted clock.
        time.sleep(_POLL_S)
        waited += _POLL_S
