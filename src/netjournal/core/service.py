"""What every part of the service API stands on: the open store, the clock and the settings.

`Journal` is made of topic parts (exchanges, introductions, bulk imports; see `journal.py`);
each inherits this one base, so the store, the clock and the settings are declared once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from netjournal.core.clock import local_today, now_source
from netjournal.core.highlights.ledger import read_settings
from netjournal.core.settings import Settings
from netjournal.core.storage.store import Store, dbapi_connection


class JournalService:
    """An open journal file with its clock: the base of every part of `Journal`."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = local_today,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self._today = today
        # With an injected clock, timestamps follow it too, so tests are the same on any day.
        self._now = now or now_source(self.today if today is not local_today else today)
        self._settings: Settings | None = None
        # Every write brings the ledger up to this journal's day (see core/highlights/ledger.py).
        store.today = self.today

    @property
    def path(self) -> Path:
        return self.store.path

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        return self._today()

    def settings(self) -> Settings:
        """The journal's settings, read once and kept until a write changes them."""
        if self._settings is None:
            with self.store.reader() as session:
                self._settings = read_settings(dbapi_connection(session))
        return self._settings
