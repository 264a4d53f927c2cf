"""Full-text search over the journal: safe FTS5 queries from what a user typed, and the hits.

The index itself lives in `search_index.py`; this module only reads it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Literal

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from netjournal.core.errors import InputError
from netjournal.core.find.search_index import CONTACTS, EXCHANGES
from netjournal.core.models import (
    Contact,
    ExchangeContact,
    Reflection,
    ReflectionContact,
)
from netjournal.core.records import ContactRef, ExchangeFields, long_texts, reflection_title
from netjournal.core.text import clean_line, shown

Kind = Literal["contact", "exchange", "reflection"]
KINDS: tuple[Kind, ...] = ("contact", "exchange", "reflection")

# highlight() and snippet() wrap matched words in these. Text written by netjournal never holds
# control characters (text.clean_text runs at every way in); in a file some other program wrote,
# a stray one only moves a highlight, and `marked` shows the rest through text.shown.
_OPEN = "\x01"
_CLOSE = "\x02"
_MARKERS = re.compile(f"([{_OPEN}{_CLOSE}])")
_WHITESPACE = re.compile(r"\s+")

# FTS5 refuses expressions nested deeper than 256; words past this many add little anyway.
MAX_WORDS = 32
# Ordering a million matches by date takes a quarter of a second, so exchanges and reflections
# are ordered by date among the most recently written this many matches (rowid order is free).
RECENT_WINDOW = 2000
_SNIPPET_TOKENS = 12

# bm25 weights, in contact_search's column order: a name match counts most.
_CONTACT_WEIGHTS = (10.0, 8.0, 4.0, 3.0, 2.0, 1.0, 3.0, 3.0, 1.0)
_CONTACT_LABELS = (
    "",
    "Nickname",
    "Company",
    "Role",
    "Location",
    "How met",
    "Email",
    "Handle",
    "Notes",
)


# ----------------------------------------------------------------------------- records


Segment = tuple[str, bool]
"""A piece of text and whether it is a word the search matched."""


@dataclass(frozen=True, slots=True)
class Marked:
    """Text with the words a search matched marked, as (text, is_match) pieces in order."""

    segments: tuple[Segment, ...] = ()

    @property
    def plain(self) -> str:
        return "".join(piece for piece, _ in self.segments)

    @property
    def matched(self) -> tuple[str, ...]:
        """The matched words, in order of appearance."""
        return tuple(piece for piece, is_match in self.segments if is_match)

    def __bool__(self) -> bool:
        return bool(self.segments)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One contact, exchange or reflection a search found."""

    kind: Kind
    id: int
    title: Marked
    """A contact's name, an exchange's summary, a reflection's title (may be empty)."""
    snippet: Marked
    """Where else the words matched: notes, a link, the body."""
    when: date | None
    """When an exchange happened or a reflection was written; None for contacts."""
    people: tuple[ContactRef, ...] = ()
    """Who an exchange or reflection is with (deleted contacts left out)."""


@dataclass(frozen=True)
class SearchResults:
    """Hits grouped by kind; `more[kind]` says whether that kind had hits past the limit."""

    query: str
    contacts: tuple[SearchHit, ...] = ()
    exchanges: tuple[SearchHit, ...] = ()
    reflections: tuple[SearchHit, ...] = ()
    more: dict[Kind, bool] = field(default_factory=dict)

    def hits(self, kind: Kind) -> tuple[SearchHit, ...]:
        return {
            "contact": self.contacts,
            "exchange": self.exchanges,
            "reflection": self.reflections,
        }[kind]

    def __len__(self) -> int:
        return len(self.contacts) + len(self.exchanges) + len(self.reflections)

    def __bool__(self) -> bool:
        return len(self) > 0


# ---------------------------------------------------------------------------- queries


def match_expression(query: str, *, prefix_last: bool = False) -> str | None:
    """An FTS5 MATCH expression that finds every word of `query` as typed, or None.

    Each word becomes an FTS5 string, so quotes, `*`, `-`, `NEAR`, `AND`, parentheses and
    column names are plain words. Words without a letter or digit are dropped (the index holds
    none); with `prefix_last`, the last word also matches longer words (search as you type),
    once it has two characters.
    """
    words = [word for word in clean_line(query).split() if any(ch.isalnum() for ch in word)]
    words = words[:MAX_WORDS]
    if not words:
        return None
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    if prefix_last and sum(ch.isalnum() for ch in words[-1]) >= 2:
        phrases[-1] += "*"
    return " ".join(phrases)


def find(
    session: Session,
    query: str,
    *,
    advanced: bool = False,
    limit: int = 20,
    prefix_last: bool = False,
    include_archived: bool = True,
) -> SearchResults:
    """Search contacts, exchanges and reflections for `query`, up to `limit` hits of each kind.

    Deleted contacts are never found; archived ones only with `include_archived`.

    With `advanced`, `query` is FTS5 syntax (phrases, OR, NOT, NEAR, prefix*, column:word);
    invalid syntax is an InputError. Otherwise every word must match, as typed.
    """
    limit = max(1, limit)
    expression = clean_line(query) if advanced else match_expression(query, prefix_last=prefix_last)
    if not expression:
        return SearchResults(query)
    found: dict[Kind, list[SearchHit]] = {}
    errors: list[str] = []
    searches: tuple[tuple[Kind, Callable[[Session, str, int], list[SearchHit]]], ...] = (
        ("contact", partial(_contacts, include_archived=include_archived)),
        ("exchange", _exchanges),
        ("reflection", _reflections),
    )
    for kind, search in searches:
        try:
            found[kind] = search(session, expression, limit + 1)
        except OperationalError as error:
            if not advanced or getattr(error.orig, "sqlite_errorname", "") != "SQLITE_ERROR":
                raise
            # A column filter such as `name:ana` is an error on the tables without that column;
            # those simply have no hits. Bad syntax fails on all three.
            errors.append(_syntax_problem(str(error.orig)))
            found[kind] = []
    if len(errors) == len(KINDS):
        raise InputError(
            f"That isn't valid search syntax ({errors[0]}); "
            "drop --advanced to search for the words as typed."
        )
    return SearchResults(
        query=query,
        contacts=tuple(found["contact"][:limit]),
        exchanges=tuple(found["exchange"][:limit]),
        reflections=tuple(found["reflection"][:limit]),
        more={kind: len(found[kind]) > limit for kind in KINDS},
    )


def _syntax_problem(message: str) -> str:
    """SQLite's word for what is wrong with a query, made readable."""
    message = message.removeprefix("fts5: ")
    if message == 'syntax error near ""':
        return "it ends too soon"
    return message


def _marks(table: str, column: int | str) -> str:
    return f"highlight({table}, {column}, char(1), char(2))"


def _snip(table: str, column: int) -> str:
    return f"snippet({table}, {column}, char(1), char(2), '…', {_SNIPPET_TOKENS})"


def _contacts(
    session: Session, expression: str, limit: int, *, include_archived: bool = True
) -> list[SearchHit]:
    ids = _ranked_live_contacts(session, expression, limit, include_archived)
    if not ids:
        return []
    table = "contact_search"
    columns = [_marks(table, 0)] + [_snip(table, i) for i in range(1, len(CONTACTS.columns))]
    texts = _marked_rows(session, table, columns, expression, ids)
    hits = []
    for contact_id in ids:
        name, *others = texts.get(contact_id, ("",) * len(CONTACTS.columns))
        snippet = Marked()
        for label, raw in zip(_CONTACT_LABELS[1:], others, strict=True):
            if _OPEN in raw:
                snippet = Marked(((f"{label}: ", False), *marked(raw).segments))
                break
        if not snippet:
            # Only the name matched: the company says which person this is.
            snippet = marked(others[1])
        hits.append(SearchHit("contact", contact_id, marked(name), snippet, None))
    return hits


def _ranked_live_contacts(
    session: Session, expression: str, limit: int, include_archived: bool
) -> list[int]:
    """Ids of matching contacts, best first, deleted (and unless wanted, archived) left out."""
    weights = ", ".join(str(w) for w in _CONTACT_WEIGHTS)
    # Deleted contacts are few, and filtering them inside the ranking query would cost a scan
    # of every contact or a lookup per match: rank a few spare ids and drop deleted ones after.
    wanted = limit + 10
    while True:
        ranked = [
            row[0]
            for row in session.execute(
                text(
                    "SELECT rowid FROM contact_search WHERE contact_search MATCH :q "
                    f"ORDER BY bm25(contact_search, {weights}) LIMIT :limit"
                ),
                {"q": expression, "limit": wanted},
            ).all()
        ]
        shown = select(col(Contact.id)).where(
            col(Contact.id).in_(ranked), col(Contact.deleted_at).is_(None)
        )
        if not include_archived:
            shown = shown.where(col(Contact.archived).is_(False))
        live = set(session.execute(shown).scalars().all())
        ids = [contact_id for contact_id in ranked if contact_id in live]
        if len(ids) >= limit or len(ranked) < wanted:
            return ids[:limit]
        wanted *= 4


def _recent_matches(
    session: Session, table: str, source: str, day: str, expression: str, limit: int
) -> list[tuple[int, date]]:
    """(id, day) of matching rows, newest first, among the RECENT_WINDOW latest written."""
    rows = session.execute(
        text(
            f"WITH recent(id) AS (SELECT rowid FROM {table} WHERE {table} MATCH :q "
            "ORDER BY rowid DESC LIMIT :window) "
            f"SELECT s.id, s.{day} FROM recent JOIN {source} AS s ON s.id = recent.id "
            f"ORDER BY s.{day} DESC, s.id DESC LIMIT :limit"
        ),
        {"q": expression, "window": max(RECENT_WINDOW, limit), "limit": limit},
    ).all()
    return [(row[0], date.fromisoformat(row[1])) for row in rows]


def _marked_rows(
    session: Session, table: str, columns: Sequence[str], expression: str, ids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """The marked-up `columns` of the rows `ids`, which all match `expression`."""
    # One pass over the matches between the lowest and highest id: a lookup per id would expand
    # a prefix query again for each one (35 ms instead of 2 at a million exchanges). The `+`
    # keeps SQLite from handing the IN list to FTS5 as that lookup; it filters the rows instead,
    # so highlight() only runs on the hits shown.
    placeholders = ", ".join(f":i{n}" for n in range(len(ids)))
    params: dict[str, object] = {f"i{n}": value for n, value in enumerate(ids)}
    params.update(q=expression, low=min(ids), high=max(ids))
    rows = session.execute(
        text(
            f"SELECT rowid, {', '.join(columns)} FROM {table} "
            f"WHERE {table} MATCH :q AND rowid BETWEEN :low AND :high "
            f"AND +rowid IN ({placeholders})"
        ),
        params,
    ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def _exchanges(session: Session, expression: str, limit: int) -> list[SearchHit]:
    # The log hides exchanges whose every contact has been deleted, and so does search. They
    # are rare, so they are dropped after ordering rather than checked for every match.
    wanted = limit + 10
    while True:
        recent = _recent_matches(
            session, "exchange_search", "exchange", "occurred_on", expression, wanted
        )
        people = _people(
            session,
            col(ExchangeContact.exchange_id),
            col(ExchangeContact.contact_id),
            [exchange_id for exchange_id, _ in recent],
        )
        shown = [(exchange_id, day) for exchange_id, day in recent if exchange_id in people]
        if len(shown) >= limit or len(recent) < wanted:
            break
        wanted *= 4
    shown = shown[:limit]
    if not shown:
        return []
    table = "exchange_search"
    # The summary is the title; the first other text that matched (a long one as a snippet)
    # is shown under it.
    long = long_texts(ExchangeFields)
    columns = [
        _snip(table, i) if name in long else _marks(table, i)
        for i, name in enumerate(EXCHANGES.columns)
    ]
    texts = _marked_rows(
        session, table, columns, expression, [exchange_id for exchange_id, _ in shown]
    )
    hits = []
    for exchange_id, day in shown:
        summary, *others = texts.get(exchange_id, ("",) * len(columns))
        snippet = next((marked(raw) for raw in others if _OPEN in raw), Marked())
        hits.append(
            SearchHit("exchange", exchange_id, marked(summary), snippet, day, people[exchange_id])
        )
    return hits


def _reflections(session: Session, expression: str, limit: int) -> list[SearchHit]:
    recent = _recent_matches(
        session, "reflection_search", "reflection", "written_on", expression, limit
    )
    if not recent:
        return []
    ids = [reflection_id for reflection_id, _ in recent]
    table = "reflection_search"
    texts = _marked_rows(session, table, (_marks(table, 0), _snip(table, 1)), expression, ids)
    people = _people(
        session, col(ReflectionContact.reflection_id), col(ReflectionContact.contact_id), ids
    )
    # One title rule (records.reflection_title): an untitled reflection is named by its body.
    bodies = dict(
        session.execute(
            select(col(Reflection.id), col(Reflection.body)).where(
                col(Reflection.id).in_(ids), col(Reflection.title) == ""
            )
        ).all()
    )
    hits = []
    for reflection_id, day in recent:
        title, body = texts.get(reflection_id, ("", ""))
        named = marked(title)
        if not named.plain and reflection_id in bodies:
            named = Marked(((reflection_title("", bodies[reflection_id]), False),))
        hits.append(
            SearchHit(
                "reflection",
                reflection_id,
                named,
                marked(body),
                day,
                people.get(reflection_id, ()),
            )
        )
    return hits


def _people(
    session: Session,
    owner: Mapped[int],
    contact: Mapped[int],
    ids: Sequence[int],
) -> dict[int, tuple[ContactRef, ...]]:
    """The live contacts linked to each of `ids` through a link table's two columns."""
    rows = session.execute(
        select(owner, col(Contact.id), col(Contact.name))
        .join(Contact, col(Contact.id) == contact)
        .where(owner.in_(ids), col(Contact.deleted_at).is_(None))
        .order_by(col(Contact.name))
    ).all()
    found: dict[int, list[ContactRef]] = defaultdict(list)
    for owner_id, contact_id, name in rows:
        found[owner_id].append(ContactRef(contact_id, name))
    return {key: tuple(value) for key, value in found.items()}


def marked(raw: str) -> Marked:
    """Turn text marked by highlight()/snippet() into pieces, on one line.

    Never raises: a stray marker only starts or ends a match.
    """
    segments: list[Segment] = []
    inside = False
    for piece in _MARKERS.split(raw or ""):
        if piece == _OPEN:
            inside = True
        elif piece == _CLOSE:
            inside = False
        elif piece:
            piece = _WHITESPACE.sub(" ", shown(piece))
            if segments and segments[-1][1] == inside:
                segments[-1] = (segments[-1][0] + piece, inside)
            else:
                segments.append((piece, inside))
    if segments:
        first, is_match = segments[0]
        segments[0] = (first.lstrip(), is_match)
        last, is_match = segments[-1]
        segments[-1] = (last.rstrip(), is_match)
    return Marked(tuple((piece, is_match) for piece, is_match in segments if piece))
