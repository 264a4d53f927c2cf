"""Matching what people type against names: one matcher for the shell, the quick log and the
Contacts filter.

Names and what is typed are compared folded by `normalise_name` (case, accents and punctuation
ignored), so "chloe" finds Chloé. Matches come in tiers, best first (see `Tier`); a typo costs a
tier, not the match, so "anna" still finds Ana. Within a tier shorter names come first, then the
order the names were given in.
"""

from __future__ import annotations

import heapq
import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from enum import IntEnum
from functools import lru_cache
from itertools import accumulate

from netjournal.core.text import normalise_name


class Tier(IntEnum):
    """How a name matched, best first."""

    EXACT = 0
    START = 1
    """The name starts with what was typed: "ana" → Ana Lima."""
    WORD = 2
    """A later word does: "lima" → Ana Lima."""
    WORDS = 3
    """Every typed word starts a word of the name, in any order: "li an" → Ana Lima."""
    INSIDE = 4
    """Inside a word: "ana" → Joana Pereira."""
    OTHER = 5
    """A tag or the company starts with it: "seo" → someone tagged seo."""
    TYPO = 6
    """Each typed word is a word of the name, or its start, give or take a typo: "anna" → Ana,
    "dubios" → Dubois, "marai" → Mariana. Words shorter than `TYPO_MIN_LENGTH` must be typed
    right."""
    LETTERS = 7
    """Its letters in order, only when fewer than `FEW` names matched better: "rms" → Rui Matos."""


TYPO_MIN_LENGTH = 4
"""A three-letter word has too many one-letter neighbours ("ana": Ann, Eva, Jan) to guess."""
TYPO_START_LENGTH = 5
"""A typo in a word's start is only guessed from this many letters on ("mari" is too close to
Marco's start to be a typo of Maria's)."""
TWO_TYPOS_LENGTH = 8
FEW = 6
"""Scattered letters are only tried when fewer names than this matched in a better tier."""

_INDEX_BITS = 20
_DETAIL_BITS = 20
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_DETAIL_MAX = (1 << _DETAIL_BITS) - 1
_TIER_SHIFT = _DETAIL_BITS + _INDEX_BITS
_MEMO_SIZE = 32

# The same names are matched again after every reload and re-sort; folding each once keeps a new
# matcher for 30,000 people cheap enough to build between two keystrokes.
_fold = lru_cache(maxsize=1 << 16)(normalise_name)


def typo_allowance(word: str) -> int:
    """How many typos (insertions, deletions, substitutions, swaps) a typed word may hold.

    None in a number: 00042 is not a misspelt 00043."""
    if len(word) < TYPO_MIN_LENGTH or any(char.isdigit() for char in word):
        return 0
    return 1 if len(word) < TWO_TYPOS_LENGTH else 2


def _key(tier: Tier, detail: int, index: int) -> int:
    # One int per match sorts in C: tier, then detail (smaller is better), then given order.
    return (tier << _TIER_SHIFT) | (min(detail, _DETAIL_MAX) << _INDEX_BITS) | index


def tier_of(key: int) -> Tier:
    return Tier(key >> _TIER_SHIFT)


class NameMatcher:
    """Names prepared once for matching on every keystroke; ask `ranked` for the best.

    `others` are a name's secondary texts (tags, company), matched only at a word start. Safe to
    share between threads. Typing only narrows: a query extending an earlier one searches that
    one's matches, and the last few queries are remembered for backspacing.
    """

    def __init__(
        self,
        names: Sequence[str],
        others: Sequence[Iterable[str]] | None = None,
        *,
        folded: bool = False,
    ) -> None:
        if len(names) > _INDEX_MASK:
            raise ValueError(f"at most {_INDEX_MASK:,} names can be matched at once")
        self._names = list(names) if folded else [_fold(name) for name in names]
        # "\n" starts every secondary text, so "\n" + query finds one that starts with it.
        self._others = (
            ["".join(f"\n{_fold(text)}" for text in group) for group in others]
            if others is not None
            else [""] * len(self._names)
        )
        self._base = [(len(name) << _INDEX_BITS) | index for index, name in enumerate(self._names)]
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, list[int]] = OrderedDict()
        self._words: dict[str, list[int]] | None = None
        self._word_list: list[str] = []
        self._compact: _Lines | None = None
        self._starts: dict[int, dict[str, list[str]]] = {}

    def __len__(self) -> int:
        return len(self._names)

    def ranked(
        self, query: str, *, limit: int | None = None, skip: Collection[int] = ()
    ) -> list[int]:
        """Indices of the names that match `query`, best first; `skip` leaves some out."""
        keys = self._keys(query, skip)
        best = heapq.nsmallest(limit, keys) if limit is not None else sorted(keys)
        return [key & _INDEX_MASK for key in best]

    def tiers(self, query: str) -> dict[int, Tier]:
        """Every match of `query` with its tier (for tests and explanations)."""
        return {key & _INDEX_MASK: tier_of(key) for key in self._keys(query, ())}

    def _keys(self, query: str, skip: Collection[int]) -> list[int]:
        wanted = normalise_name(query)
        if not wanted:
            return []
        with self._lock:
            keys = self._core(wanted)
            keys = keys + self._typos(wanted, {key & _INDEX_MASK for key in keys})
            matched = {key & _INDEX_MASK for key in keys}
            if skip:
                keys = [key for key in keys if key & _INDEX_MASK not in skip]
            if len(keys) < FEW:
                keys += [
                    key for key in self._letters(wanted, matched) if key & _INDEX_MASK not in skip
                ]
        return keys

    # ------------------------------------------------------------ the tiers

    def _core(self, wanted: str) -> list[int]:
        """Keys of the matches from EXACT to OTHER: the ones that only narrow as typing goes on."""
        memo = self._memo
        if wanted in memo:
            memo.move_to_end(wanted)
            return memo[wanted]
        # Every tier up to OTHER needs each typed word to start or sit inside a word of the name
        # or start a secondary text, so the matches of any earlier, shorter query hold these.
        shorter = [previous for previous in memo if wanted.startswith(previous)]
        pool: Iterable[int] = (
            [key & _INDEX_MASK for key in memo[max(shorter, key=len)]]
            if shorter
            else range(len(self._names))
        )
        keys = self._classify(wanted, pool)
        memo[wanted] = keys
        if len(memo) > _MEMO_SIZE:
            memo.popitem(last=False)
        return keys

    def _classify(self, wanted: str, pool: Iterable[int]) -> list[int]:
        names, others, base = self._names, self._others, self._base
        spaced, newline = f" {wanted}", f"\n{wanted}"
        parts = wanted.split()
        heads = [(part, f" {part}") for part in parts] if len(parts) > 1 else []
        # The two commonest tiers' keys are `base` (length, index) with the tier on top.
        tier_start, tier_word = Tier.START << _TIER_SHIFT, Tier.WORD << _TIER_SHIFT
        keys: list[int] = []
        add = keys.append
        for index in pool:
            name = names[index]
            if name.startswith(wanted):
                add(base[index] | tier_start if name != wanted else _key(Tier.EXACT, 0, index))
            elif spaced in name:
                add(base[index] | tier_word)
            elif heads and all(name.startswith(p) or s in name for p, s in heads):
                add(_key(Tier.WORDS, len(name), index))
            elif wanted in name:
                add(_key(Tier.INSIDE, name.find(wanted) + len(name), index))
            elif others[index] and (newline in others[index] or spaced in others[index]):
                add(_key(Tier.OTHER, len(name), index))
        return keys

    def _typos(self, wanted: str, found: Collection[int]) -> list[int]:
        parts = wanted.split()
        if not any(typo_allowance(part) for part in parts):
            return []
        owners = self._word_owners()
        best: dict[int, int] = {}
        for number, part in enumerate(parts):
            near: dict[int, int] = {}
            for word, distance in self._near_words(part):
                for index in owners[word]:
                    if distance < near.get(index, TWO_TYPOS_LENGTH):
                        near[index] = distance
            # Every typed word must be near a word of the name; their typos add up.
            best = near if not number else {i: d + near[i] for i, d in best.items() if i in near}
            if not best:
                return []
        return [
            _key(Tier.TYPO, (distance << 10) + len(self._names[index]), index)
            for index, distance in best.items()
            if distance and index not in found
        ]

    def _near_words(self, part: str) -> list[tuple[str, int]]:
        """Words of any name that are `part` or start with it, give or take its typos."""
        # Imported here: most shell commands resolve a name by its start and never need it.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        words = self._word_owners()
        allowed = typo_allowance(part)
        if not allowed:
            return [(word, 0) for word in words if word.startswith(part)]
        near = {
            word: int(distance)
            for word, distance, _ in process.extract(
                part, self._word_list, scorer=OSA.distance, score_cutoff=allowed, limit=None
            )
        }
        if len(part) < TYPO_START_LENGTH:
            return list(near.items())
        # The word's start, as long as what was typed: "marai" → "Mariana".
        starts = self._word_starts(len(part))
        for start, distance, _ in process.extract(
            part, list(starts), scorer=OSA.distance, score_cutoff=allowed, limit=None
        ):
            for word in starts[start]:
                near[word] = min(int(distance), near.get(word, allowed))
        return list(near.items())

    def _word_owners(self) -> dict[str, list[int]]:
        if self._words is None:
            words: dict[str, list[int]] = {}
            for index, name in enumerate(self._names):
                for word in set(name.split()):
                    words.setdefault(word, []).append(index)
            self._words = words
            self._word_list = list(words)
        return self._words

    def _word_starts(self, length: int) -> dict[str, list[str]]:
        if length not in self._starts:
            starts: dict[str, list[str]] = {}
            for word in self._word_owners():
                if len(word) > length:
                    starts.setdefault(word[:length], []).append(word)
            self._starts[length] = starts
        return self._starts[length]

    def _letters(self, wanted: str, found: Collection[int]) -> list[int]:
        if self._compact is None:
            self._compact = _Lines([name.replace(" ", "") for name in self._names])
        keys = []
        for index, span in self._compact.spelling(wanted.replace(" ", "")):
            if index not in found:
                keys.append(_key(Tier.LETTERS, span + len(self._names[index]), index))
        return keys


class _Lines:
    """Many short texts kept as one, so looking through them all is a single search in C."""

    def __init__(self, texts: Sequence[str]) -> None:
        # Each text is preceded by "\n"; folded names never hold one.
        self._text = "".join(f"\n{text}" for text in texts)
        self._starts = list(accumulate((len(text) + 1 for text in texts), initial=0))

    def spelling(self, letters: str) -> list[tuple[int, int]]:
        """(index, span) of the texts that hold `letters` in order, anything between them."""
        # `[^x\n]*x` can match in only one way, so no query makes this regex backtrack.
        steps = "".join(f"[^{re.escape(c)}\\n]*{re.escape(c)}" for c in letters)
        pattern = re.compile(f"\n{steps}")
        found = []
        match = pattern.search(self._text)
        while match is not None:
            line = bisect_right(self._starts, match.start()) - 1
            found.append((line, match.end() - match.start() - 1))
            match = pattern.search(self._text, self._starts[line + 1])
        return found


def rank(query: str, names: Sequence[str], *, folded: bool = False) -> list[int]:
    """Indices of `names` matching `query`, best first (a one-off `NameMatcher`)."""
    return NameMatcher(names, folded=folded).ranked(query)
