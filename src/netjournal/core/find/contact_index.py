"""Contacts prepared for matching as you type: the quick log's picker and the Contacts filter.

Names rank first, then tags and the company (see `fuzzy.Tier`); at 30,000 contacts a keystroke
stays well under the 50 ms a typist would notice (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from netjournal.core.find.fuzzy import NameMatcher
from netjournal.core.records import ContactSummary
from netjournal.core.text import normalise_name


class ContactIndex:
    """Contacts in a fixed order, prepared once (in a thread, for big journals)."""

    def __init__(self, summaries: Iterable[ContactSummary]) -> None:
        self.summaries: tuple[ContactSummary, ...] = tuple(summaries)
        self._matcher = NameMatcher(
            [summary.name for summary in self.summaries],
            [
                [text for text in (*summary.tags, summary.company) if text]
                for summary in self.summaries
            ],
        )
        self._positions = {summary.id: index for index, summary in enumerate(self.summaries)}

    def __len__(self) -> int:
        return len(self.summaries)

    def search(
        self, fragment: str, *, limit: int | None, exclude: Collection[int] = ()
    ) -> list[ContactSummary]:
        """The best `limit` contacts for `fragment` (all of them with None), best first;
        contact ids in `exclude` are left out. Ties keep the index's order."""
        skip = {self._positions[i] for i in exclude if i in self._positions}
        found = self._matcher.ranked(fragment, limit=limit, skip=skip)
        return [self.summaries[index] for index in found]

    def filter(self, fragment: str) -> list[ContactSummary]:
        """Everyone matching `fragment`, best first; everyone in order when nothing is typed."""
        if not normalise_name(fragment):
            return list(self.summaries)
        return self.search(fragment, limit=None)
