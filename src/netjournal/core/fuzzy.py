"""Fuzzy matching of what a user types against names: one scorer for the shell and the TUI."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")


@lru_cache(maxsize=256)
def _pattern(query: str) -> re.Pattern[str]:
    # A lazy subsequence regex does the bulk rejection in C; only matches get scored in Python.
    return re.compile(".*?".join(re.escape(ch) for ch in query))


def score(query: str, text: str) -> int | None:
    """How well `query` matches `text` (higher is better), or None when it doesn't.

    Every query character must appear in order. Whole-text and word-start matches beat
    scattered ones, so "ana" ranks "Ana Lima" above "Joana Pereira" above "Adriana".
    """
    q = query.casefold().strip()
    if not q:
        return 0
    t = text.casefold()
    if t == q:
        return 1000
    if t.startswith(q):
        return 900 - len(t)
    words = t.split()
    if any(w.startswith(q) for w in words):
        return 800 - len(t)
    at = t.find(q)
    if at >= 0:
        return 600 - at - len(t)
    # Multi-word queries: each word a prefix of some word ("an li" → "Ana Lima").
    parts = q.split()
    if len(parts) > 1 and all(any(w.startswith(p) for w in words) for p in parts):
        return 700 - len(t)
    match = _pattern(q.replace(" ", "")).search(t.replace(" ", ""))
    if match is None:
        return None
    return 300 - (match.end() - match.start()) - len(t)


def rank(query: str, items: Sequence[T], key: Sequence[str] | None = None) -> list[T]:
    """Items whose text matches, best first; ties keep their original order."""
    texts = key if key is not None else [str(item) for item in items]
    scored: list[tuple[int, int, T]] = []
    for index, (item, text) in enumerate(zip(items, texts, strict=True)):
        value = score(query, text)
        if value is not None:
            scored.append((-value, index, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in scored]
