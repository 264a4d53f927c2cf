"""Noticing what other programs wrote to the journal, and the passing of midnight.

SQLite's `PRAGMA data_version` changes on a connection whenever any other connection commits to
the same file; asking costs microseconds, so an open app asks about once a second. Standard library
only, so the app can watch before the data stack is imported.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from netjournal.core.storage.db import connect_read_only, data_version


class JournalWatcher:
    """Says when the journal or the day has changed since it last looked."""

    def __init__(self, path: Path, today: Callable[[], date]) -> None:
        self._today = today
        self._guard = threading.Lock()
        self._connection: sqlite3.Connection | None = connect_read_only(path)
        self._version = data_version(self._connection)
        self._day = today()

    def changed(self) -> bool:
        """Whether anything was committed, or the day turned, since the last look."""
        with self._guard:
            if self._connection is None:
                return False
            try:
                version = data_version(self._connection)
            except sqlite3.Error:
                return False  # a journal being restored; the next look will tell
            day = self._today()
            moved = version != self._version or day != self._day
            self._version, self._day = version, day
            return moved

    def seen(self) -> None:
        """Everything committed so far is on screen (this program's own writes, say)."""
        self.changed()

    def close(self) -> None:
        with self._guard:
            if self._connection is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._connection.close()
                self._connection = None
