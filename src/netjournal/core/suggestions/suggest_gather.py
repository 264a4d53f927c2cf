"""Gathering the evidence for share suggestions from the journal: tags, mentions, past gifts.

Each query is capped so a journal of a million rows answers as fast as a small one; the pure
scoring and wording it feeds are in `suggest.py`. Plain SQL on a DB-API connection, so the app
and the shell's lean `netjournal log` suggest alike.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from netjournal.core.highlights import insights
from netjournal.core.records import ContactRef, ExchangeFields, long_texts
from netjournal.core.settings import Settings
from netjournal.core.storage.db import Connection
from netjournal.core.suggestions.suggest import (
    COUNTED_PER_SIGNAL,
    ITEM_TAG,
    MAX_SUGGESTIONS,
    MAX_WORDS,
    SHARED_TAG,
    WORD_TAG,
    Evidence,
    PastGift,
    Suggestion,
    fts_query,
    rank,
    rank_order,
    summary_words,
    tokens,
)
from netjournal.core.text import split_tags

_MATCHES_PER_WORD = 300
_GIFTS_CHECKED = 120
_DUE_POOL = 40
_FIELD_CHARS = 20_000
# FTS5 searches these columns of contact_search for topic words; names, emails and handles
# would only find people who happen to share a name with a word of the summary.
_MENTION_FIELDS = ("notes", "role", "company", "how_met")
# What a past gift is matched on: its summary and its longer texts (not its link).
_GIFT_FIELDS = ("summary", *long_texts(ExchangeFields))
# The role a wanted tag plays: one of the item's tags, a word of its summary, a recipient's tag.
_ITEM, _WORD, _SHARED = 0, 1, 2
_TAG_POOL = 200
_LIVE = "c.deleted_at IS NULL AND c.archived = 0"
# A list of ids as one parameter (a JSON array), the same for sqlite3 and SQLAlchemy's text().
_IDS = "(SELECT value FROM json_each(:ids))"


def _id_list(ids: Iterable[int]) -> str:
    return json.dumps([int(i) for i in ids])


def suggest(
    connection: Connection,
    summary: str,
    *,
    tags: Sequence[str] = (),
    chosen: Sequence[int] = (),
    kind: str = "article",
    today: date,
    settings: Settings,
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Who else might value an item with this summary and these tags, given to `chosen`."""
    evidence = gather(connection, summary, tags=tags, chosen=chosen, kind=kind)
    if not evidence:
        return []
    pool = sorted(evidence.values(), key=rank_order)[:_DUE_POOL]
    due = _due_ids(connection, [e.contact.id for e in pool], settings, today)
    pool = [replace(e, due=e.contact.id in due) for e in pool]
    best = sorted(pool, key=rank_order)[: max(0, min(limit, MAX_SUGGESTIONS))]
    fields = _mention_fields(connection, best)
    return rank((replace(e, mention_fields=fields.get(e.contact.id, {})) for e in best), today)


def gather(
    connection: Connection,
    summary: str,
    *,
    tags: Sequence[str] = (),
    chosen: Sequence[int] = (),
    kind: str = "article",
) -> dict[int, Evidence]:
    """Evidence for the live, unarchived contacts not already chosen, by contact id.

    Tags alone can point at thousands of people; only the best `_TAG_POOL` of those are kept,
    plus everyone the words or past gifts point at (with their tags), which is plenty for five.
    """
    chosen_ids = sorted(set(chosen))
    names, chosen_tags = _chosen(connection, chosen_ids)
    item_tags = split_tags(list(tags))[:MAX_WORDS]
    words = summary_words(summary, drop=[t for name in names for t in tokens(name)])
    roles = {tag: _ITEM for tag in item_tags}
    for word in words:
        roles.setdefault(word, _WORD)
    for tag in chosen_tags:
        roles.setdefault(tag, _SHARED)
    excluded = set(chosen_ids)
    people: dict[int, str] = {}
    tagged: dict[int, list[str]] = {}
    for contact_id, name, tag_names in _best_tagged(connection, roles):
        people[contact_id] = name
        tagged[contact_id] = tag_names
    mentioned = _mentioned(connection, words)
    gifts = _past_gifts(connection, words, kind)
    for found in (mentioned, gifts):
        for contact_id, (name, _) in found.items():
            people.setdefault(contact_id, name)
    missing = [cid for cid in people if cid not in tagged]
    tagged.update(_tags_of(connection, missing, roles))
    evidence: dict[int, Evidence] = {}
    for contact_id, name in people.items():
        if contact_id in excluded:
            continue
        has = tagged.get(contact_id, [])
        word_tags = tuple(t for t in has if roles[t] == _WORD)
        # A word that is already one of their tags is said once, as the tag.
        mentions = mentioned.get(contact_id, ("", []))[1]
        evidence[contact_id] = Evidence(
            ContactRef(contact_id, name),
            item_tags=tuple(t for t in has if roles[t] == _ITEM),
            word_tags=word_tags,
            shared_tags=tuple(t for t in has if roles[t] == _SHARED),
            mentions=tuple(w for w in mentions if w not in word_tags),
            gift=gifts[contact_id][1] if contact_id in gifts else None,
        )
    return evidence


def _chosen(connection: Connection, ids: Sequence[int]) -> tuple[list[str], list[str]]:
    if not ids:
        return [], []
    wanted = {"ids": _id_list(ids)}
    names = connection.execute(f"SELECT name FROM contact WHERE id IN {_IDS}", wanted).fetchall()
    tag_names = connection.execute(
        "SELECT DISTINCT t.name FROM contact_tag AS ct JOIN tag AS t ON t.id = ct.tag_id "
        f"WHERE ct.contact_id IN {_IDS} ORDER BY t.name",
        wanted,
    ).fetchall()
    return [row[0] for row in names], [row[0] for row in tag_names]


def _wanted(roles: Mapping[str, int]) -> tuple[str, dict[str, object]]:
    """A VALUES list of (tag name, role) to join against, with its parameters."""
    rows = ", ".join(f"(:t{n}, {role})" for n, role in enumerate(roles.values()))
    return f"wanted(name, role) AS (VALUES {rows})", {f"t{n}": t for n, t in enumerate(roles)}


def _best_tagged(
    connection: Connection, roles: Mapping[str, int]
) -> list[tuple[int, str, list[str]]]:
    """The live contacts the tags point at most strongly, each with its matching tags."""
    if not roles:
        return []
    wanted, params = _wanted(roles)
    # The same weights and cap as `score`, so the pool holds the best tag-only candidates.
    strength = " + ".join(
        f"min(sum(w.role = {role}), {COUNTED_PER_SIGNAL}) * {weight}"
        for role, weight in ((_ITEM, ITEM_TAG), (_WORD, WORD_TAG), (_SHARED, SHARED_TAG))
    )
    rows = connection.execute(
        f"WITH {wanted} "
        "SELECT c.id, c.name, group_concat(w.name, char(31)) FROM wanted AS w "
        "JOIN tag AS t ON t.name = w.name JOIN contact_tag AS ct ON ct.tag_id = t.id "
        f"JOIN contact AS c ON c.id = ct.contact_id WHERE {_LIVE} "
        f"GROUP BY c.id ORDER BY {strength} DESC, c.name, c.id LIMIT :pool",
        {**params, "pool": _TAG_POOL},
    ).fetchall()
    return [(cid, name, sorted(joined.split(insights.TAG_SEPARATOR))) for cid, name, joined in rows]


def _tags_of(
    connection: Connection, ids: Sequence[int], roles: Mapping[str, int]
) -> dict[int, list[str]]:
    """Which of the wanted tags these contacts have."""
    if not ids or not roles:
        return {}
    wanted, params = _wanted(roles)
    rows = connection.execute(
        f"WITH {wanted} SELECT ct.contact_id, w.name FROM wanted AS w "
        "JOIN tag AS t ON t.name = w.name JOIN contact_tag AS ct ON ct.tag_id = t.id "
        f"WHERE ct.contact_id IN {_IDS} ORDER BY ct.contact_id, w.name",
        {**params, "ids": _id_list(ids)},
    ).fetchall()
    found: dict[int, list[str]] = defaultdict(list)
    for contact_id, name in rows:
        found[contact_id].append(name)
    return found


def _mentioned(connection: Connection, words: Sequence[str]) -> dict[int, tuple[str, list[str]]]:
    """Live contacts whose notes, role, company or how-met hold these words (newest first)."""
    found: dict[int, tuple[str, list[str]]] = {}
    for word in words:
        rows = connection.execute(
            "SELECT c.id, c.name FROM contact_search AS s JOIN contact AS c ON c.id = s.rowid "
            f"WHERE contact_search MATCH :q AND {_LIVE} ORDER BY s.rowid DESC LIMIT :n",
            {"q": fts_query([word], _MENTION_FIELDS), "n": _MATCHES_PER_WORD},
        ).fetchall()
        for contact_id, name in rows:
            found.setdefault(contact_id, (name, []))[1].append(word)
    return found


def _past_gifts(
    connection: Connection, words: Sequence[str], kind: str
) -> dict[int, tuple[str, PastGift]]:
    """For each live contact, the closest thing you gave them that shares words with the item.

    Each word looks at its most recent matches only, so a journal of a million exchanges
    answers as fast as a small one; recent gifts are the ones worth mentioning anyway.
    """
    shared: dict[int, int] = defaultdict(int)
    for word in words:
        ids = connection.execute(
            "SELECT rowid FROM exchange_search WHERE exchange_search MATCH :q "
            "ORDER BY rowid DESC LIMIT :n",
            {"q": fts_query([word], _GIFT_FIELDS), "n": _MATCHES_PER_WORD},
        ).fetchall()
        for (exchange_id,) in ids:
            shared[exchange_id] += 1
    if not shared:
        return {}
    closest = sorted(shared, key=lambda i: (-shared[i], -i))[:_GIFTS_CHECKED]
    rows = connection.execute(
        "SELECT c.id, c.name, e.id, e.summary, e.occurred_on, e.kind "
        "FROM exchange_contact AS ec JOIN exchange AS e ON e.id = ec.exchange_id "
        "JOIN contact AS c ON c.id = ec.contact_id "
        f"WHERE ec.exchange_id IN {_IDS} AND ec.direction = 'gave' AND {_LIVE}",
        {"ids": _id_list(closest)},
    ).fetchall()
    best: dict[int, tuple[str, PastGift]] = {}
    for contact_id, name, exchange_id, summary, occurred_on, gift_kind in rows:
        gift = PastGift(
            summary=summary,
            on=_day(occurred_on) or date.min,
            words=shared[exchange_id],
            same_kind=gift_kind == kind,
        )
        current = best.get(contact_id)
        if current is None or _closer(gift, current[1]):
            best[contact_id] = (name, gift)
    return best


def _day(value: object) -> date | None:
    """A date column as SQLite hands it back through raw SQL (ISO text)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _closer(gift: PastGift, other: PastGift) -> bool:
    return (gift.words, gift.same_kind, gift.on, gift.summary) > (
        other.words,
        other.same_kind,
        other.on,
        other.summary,
    )


def _due_ids(
    connection: Connection, ids: Sequence[int], settings: Settings, today: date
) -> set[int]:
    """Which of these contacts are due or overdue to reconnect, by the Home screen's rules."""
    if not ids:
        return set()
    summaries = insights.load_summaries_of(connection, ids, settings, today)
    return {s.id for s in summaries if s.due in ("due", "overdue")}


def _mention_fields(
    connection: Connection, chosen: Sequence[Evidence]
) -> dict[int, dict[str, str]]:
    """Which field holds each mentioned word, for the few contacts about to be shown."""
    wanted = {e.contact.id: e.mentions for e in chosen if e.mentions}
    if not wanted:
        return {}
    rows = connection.execute(
        "SELECT id, substr(notes, 1, :cap), role, company, substr(how_met, 1, :cap) "
        f"FROM contact WHERE id IN {_IDS}",
        {"ids": _id_list(wanted), "cap": _FIELD_CHARS},
    ).fetchall()
    fields: dict[int, dict[str, str]] = {}
    for contact_id, *values in rows:
        held = {
            name: set(tokens(value or ""))
            for name, value in zip(_MENTION_FIELDS, values, strict=True)
        }
        fields[contact_id] = {
            word: next((name for name in _MENTION_FIELDS if word in held[name]), "")
            for word in wanted[contact_id]
        }
    return fields
