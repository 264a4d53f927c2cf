"""Share suggestions: who else might value what you just gave, ranked and explained in a few words.

SQL gathers the evidence for each candidate (`gather`); pure functions turn evidence into a score
and a few short reasons (`score`, `reasons`, `rank`), so every signal can be tested on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import bindparam, text
from sqlmodel import Session

from netjournal.core import insights
from netjournal.core.records import ContactRef
from netjournal.core.settings import Settings
from netjournal.core.text import split_tags

MAX_SUGGESTIONS = 5
SHAREABLE_KINDS = frozenset({"article", "advice", "recommendation", "opportunity", "other"})
"""Kinds that can be passed on as they are. An introduction, a meeting, a favor, a gift or
feedback on someone's own work was for that person, so nobody else is suggested for it."""

# What each signal is worth. An item's own tag is the strongest hint; a shared tag with the
# person it went to is the weakest, since such tags are often about closeness, not interests.
ITEM_TAG = 3.0
WORD_TAG = 2.5
PAST_GIFT = 2.0
PAST_GIFT_SAME_KIND = 0.5
PAST_GIFT_CLOSE = 0.5
MENTION = 1.5
SHARED_TAG = 1.0
DUE = 0.5
COUNTED_PER_SIGNAL = 2
"""More than two matching tags or words add nothing: one person tagged with everything
shouldn't crowd out the rest."""

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MIN_WORD_LENGTH = 3
_SCANNED_CHARS = 2000
_MATCHES_PER_WORD = 300
_GIFTS_CHECKED = 120
_DUE_POOL = 40
_TITLE_CHARS = 28
_FIELD_CHARS = 20_000

# Common English words, and the verbs people log gifts with: they say nothing about the topic.
_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each even ever
    few for from further get gets getting got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let like made make many may me might more
    most much must my myself new no nor not now of off on once one only or other our ours
    ourselves out over own really same she should since so some still such than that the their
    theirs them themselves then there these they this those through to too two under until up
    upon us very via was way we well were what when where which while who whom why will with
    within without would yet you your yours yourself yourselves
    sent send sending sends shared share sharing shares gave give given giving gives told tell
    passed forwarded article articles link links post posts thing things stuff someone something
    note notes idea ideas piece bit lot
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_TOKEN = re.compile(r"[^\W_]+")
# FTS5 searches these columns of contact_search for topic words; names, emails and handles
# would only find people who happen to share a name with a word of the summary.
_MENTION_FIELDS = ("notes", "role", "company", "how_met")
_FIELD_WORDS = {"notes": "notes", "role": "role", "company": "company", "how_met": "how you met"}


@dataclass(frozen=True)
class Suggestion:
    """Someone who might value what was just given, and why, in a few words."""

    contact: ContactRef
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PastGift:
    """Something you gave this contact before that shares words with the new item."""

    summary: str
    on: date
    words: int
    """How many of the new item's words it shares."""
    same_kind: bool = False


@dataclass(frozen=True)
class Evidence:
    """Everything that speaks for one candidate; `score` and `reasons` read nothing else."""

    contact: ContactRef
    item_tags: tuple[str, ...] = ()
    """The item's own tags that this contact has."""
    word_tags: tuple[str, ...] = ()
    """Words of the summary that are tags this contact has."""
    shared_tags: tuple[str, ...] = ()
    """Tags this contact shares with the people the item went to."""
    mentions: tuple[str, ...] = ()
    """Words of the summary found in the contact's notes, role, company or how you met."""
    mention_fields: Mapping[str, str] = field(default_factory=dict)
    """For some mentioned words, which field holds them (for the reason's wording)."""
    gift: PastGift | None = None
    due: bool = False


# ---------------------------------------------------------------------------- words


def fold(value: str) -> str:
    """Lower-case and strip accents, as the full-text index's tokenizer does."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(value: str) -> list[str]:
    return _TOKEN.findall(fold(value))


def summary_words(summary: str, drop: Iterable[str] = ()) -> tuple[str, ...]:
    """The words of a summary worth matching: no stop words, none shorter than three letters,
    none of `drop` (the recipients' names), at most eight, in first-seen order."""
    dropped = {fold(word) for word in drop}
    words: list[str] = []
    for word in tokens(summary[:_SCANNED_CHARS]):
        if (
            len(word) < MIN_WORD_LENGTH
            or len(word) > MAX_WORD_LENGTH
            or word.isdigit()
            or word in STOP_WORDS
            or word in dropped
            or word in words
        ):
            continue
        words.append(word)
        if len(words) == MAX_WORDS:
            break
    return tuple(words)


def fts_phrase(word: str) -> str:
    """One word as an FTS5 string: quoted, so AND, NEAR, `*` or `^` are only text."""
    return '"' + word.replace('"', '""') + '"'


def fts_query(words: Sequence[str], columns: Sequence[str] = ()) -> str:
    """Any of `words`, optionally only in `columns`; safe for any input."""
    anyof = " OR ".join(fts_phrase(word) for word in words)
    if not columns:
        return anyof
    return "{" + " ".join(columns) + "} : (" + anyof + ")"


# ---------------------------------------------------------------------------- scoring


def score(evidence: Evidence) -> float:
    total = ITEM_TAG * min(len(evidence.item_tags), COUNTED_PER_SIGNAL)
    total += WORD_TAG * min(len(evidence.word_tags), COUNTED_PER_SIGNAL)
    total += MENTION * min(len(evidence.mentions), COUNTED_PER_SIGNAL)
    total += SHARED_TAG * min(len(evidence.shared_tags), COUNTED_PER_SIGNAL)
    gift = evidence.gift
    if gift is not None:
        total += PAST_GIFT
        total += PAST_GIFT_SAME_KIND if gift.same_kind else 0.0
        total += PAST_GIFT_CLOSE if gift.words > 1 else 0.0
    if evidence.due and total > 0:
        total += DUE
    return total


def _hashtags(names: Sequence[str]) -> str:
    return ", ".join(f"#{name}" for name in names[:COUNTED_PER_SIGNAL])


_TITLE_LEAD = frozenset(
    ("sent", "send", "shared", "share", "gave", "give", "forwarded", "the", "a", "an", "my")
)


def _title(summary: str) -> str:
    """A past gift's summary as a short title: "Sent the SEO checklist" → "SEO checklist"."""
    words = summary.split()
    while len(words) > 1 and fold(words[0]) in _TITLE_LEAD:
        words.pop(0)
    line = " ".join(words).rstrip(".")
    if len(line) <= _TITLE_CHARS:
        return line
    return line[: _TITLE_CHARS - 1].rstrip() + "…"


def _month(day: date, today: date) -> str:
    return day.strftime("%B") if day.year == today.year else day.strftime("%B %Y")


def _mention(words: Sequence[str], fields: Mapping[str, str]) -> str:
    shown = words[:COUNTED_PER_SIGNAL]
    where = {fields.get(word, "") for word in shown}
    place = where.pop() if len(where) == 1 else ""
    listed = " and ".join(shown)
    if place == "notes":
        return f"notes mention {listed}"
    if place:
        return f"{_FIELD_WORDS[place]} mentions {listed}"
    return f"mentions {listed}"


def reasons(evidence: Evidence, today: date) -> tuple[str, ...]:
    """A few words per signal, strongest first."""
    said: list[str] = []
    tagged = (*evidence.item_tags, *evidence.word_tags)
    if tagged:
        said.append(f"tagged {_hashtags(tagged)}")
    if evidence.gift is not None:
        gift = evidence.gift
        said.append(f"you sent them “{_title(gift.summary)}” in {_month(gift.on, today)}")
    if evidence.mentions:
        said.append(_mention(evidence.mentions, evidence.mention_fields))
    if evidence.shared_tags:
        said.append(f"also tagged {_hashtags(evidence.shared_tags)}")
    if evidence.due:
        said.append("due to reconnect")
    return tuple(said)


def _order(evidence: Evidence) -> tuple[float, str, int]:
    return (-score(evidence), evidence.contact.name.casefold(), evidence.contact.id)


def rank(
    candidates: Iterable[Evidence], today: date, limit: int = MAX_SUGGESTIONS
) -> list[Suggestion]:
    """The best `limit` (at most five) candidates, highest score first, then by name."""
    limit = max(0, min(limit, MAX_SUGGESTIONS))
    scored = sorted((e for e in candidates if score(e) > 0), key=_order)[:limit]
    return [Suggestion(e.contact, score(e), reasons(e, today)) for e in scored]


def worth_sharing(direction: str, kind: str) -> bool:
    """Whether an exchange is something others might value too: given, and passable on."""
    return direction == "gave" and kind in SHAREABLE_KINDS


# ---------------------------------------------------------------------------- gathering


def suggest(
    session: Session,
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
    evidence = gather(session, summary, tags=tags, chosen=chosen, kind=kind)
    if not evidence:
        return []
    pool = sorted(evidence.values(), key=_order)[:_DUE_POOL]
    due = _due_ids(session, [e.contact.id for e in pool], settings, today)
    pool = [replace(e, due=e.contact.id in due) for e in pool]
    best = sorted(pool, key=_order)[: max(0, min(limit, MAX_SUGGESTIONS))]
    fields = _mention_fields(session, best)
    return rank((replace(e, mention_fields=fields.get(e.contact.id, {})) for e in best), today)


def gather(
    session: Session,
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
    names, chosen_tags = _chosen(session, chosen_ids)
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
    for contact_id, name, tag_names in _best_tagged(session, roles):
        people[contact_id] = name
        tagged[contact_id] = tag_names
    mentioned = _mentioned(session, words)
    gifts = _past_gifts(session, words, kind)
    for found in (mentioned, gifts):
        for contact_id, (name, _) in found.items():
            people.setdefault(contact_id, name)
    missing = [cid for cid in people if cid not in tagged]
    tagged.update(_tags_of(session, missing, roles))
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


_ITEM, _WORD, _SHARED = 0, 1, 2
_TAG_POOL = 200
_LIVE = "c.deleted_at IS NULL AND c.archived = 0"


def _chosen(session: Session, ids: Sequence[int]) -> tuple[list[str], list[str]]:
    if not ids:
        return [], []
    names = session.execute(
        text("SELECT name FROM contact WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        {"ids": list(ids)},
    ).scalars()
    tag_names = session.execute(
        text(
            "SELECT DISTINCT t.name FROM contact_tag AS ct JOIN tag AS t ON t.id = ct.tag_id "
            "WHERE ct.contact_id IN :ids ORDER BY t.name"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": list(ids)},
    ).scalars()
    return list(names), list(tag_names)


def _wanted(roles: Mapping[str, int]) -> tuple[str, dict[str, object]]:
    """A VALUES list of (tag name, role) to join against, with its parameters."""
    rows = ", ".join(f"(:t{n}, {role})" for n, role in enumerate(roles.values()))
    return f"wanted(name, role) AS (VALUES {rows})", {f"t{n}": t for n, t in enumerate(roles)}


def _best_tagged(session: Session, roles: Mapping[str, int]) -> list[tuple[int, str, list[str]]]:
    """The live contacts the tags point at most strongly, each with its matching tags."""
    if not roles:
        return []
    wanted, params = _wanted(roles)
    # The same weights and cap as `score`, so the pool holds the best tag-only candidates.
    strength = " + ".join(
        f"min(sum(w.role = {role}), {COUNTED_PER_SIGNAL}) * {weight}"
        for role, weight in ((_ITEM, ITEM_TAG), (_WORD, WORD_TAG), (_SHARED, SHARED_TAG))
    )
    rows = session.execute(
        text(
            f"WITH {wanted} "
            "SELECT c.id, c.name, group_concat(w.name, char(31)) FROM wanted AS w "
            "JOIN tag AS t ON t.name = w.name JOIN contact_tag AS ct ON ct.tag_id = t.id "
            f"JOIN contact AS c ON c.id = ct.contact_id WHERE {_LIVE} "
            f"GROUP BY c.id ORDER BY {strength} DESC, c.name, c.id LIMIT :pool"
        ),
        {**params, "pool": _TAG_POOL},
    ).all()
    return [(cid, name, sorted(joined.split(insights.TAG_SEPARATOR))) for cid, name, joined in rows]


def _tags_of(
    session: Session, ids: Sequence[int], roles: Mapping[str, int]
) -> dict[int, list[str]]:
    """Which of the wanted tags these contacts have."""
    if not ids or not roles:
        return {}
    wanted, params = _wanted(roles)
    rows = session.execute(
        text(
            f"WITH {wanted} SELECT ct.contact_id, w.name FROM wanted AS w "
            "JOIN tag AS t ON t.name = w.name JOIN contact_tag AS ct ON ct.tag_id = t.id "
            "WHERE ct.contact_id IN :ids ORDER BY ct.contact_id, w.name"
        ).bindparams(bindparam("ids", expanding=True)),
        {**params, "ids": list(ids)},
    ).all()
    found: dict[int, list[str]] = defaultdict(list)
    for contact_id, name in rows:
        found[contact_id].append(name)
    return found


def _mentioned(session: Session, words: Sequence[str]) -> dict[int, tuple[str, list[str]]]:
    """Live contacts whose notes, role, company or how-met hold these words (newest first)."""
    found: dict[int, tuple[str, list[str]]] = {}
    for word in words:
        rows = session.execute(
            text(
                "SELECT c.id, c.name FROM contact_search AS s JOIN contact AS c ON c.id = s.rowid "
                f"WHERE contact_search MATCH :q AND {_LIVE} ORDER BY s.rowid DESC LIMIT :n"
            ),
            {"q": fts_query([word], _MENTION_FIELDS), "n": _MATCHES_PER_WORD},
        ).all()
        for contact_id, name in rows:
            found.setdefault(contact_id, (name, []))[1].append(word)
    return found


def _past_gifts(
    session: Session, words: Sequence[str], kind: str
) -> dict[int, tuple[str, PastGift]]:
    """For each live contact, the closest thing you gave them that shares words with the item.

    Each word looks at its most recent matches only, so a journal of a million exchanges
    answers as fast as a small one; recent gifts are the ones worth mentioning anyway.
    """
    shared: dict[int, int] = defaultdict(int)
    for word in words:
        ids = session.execute(
            text(
                "SELECT rowid FROM exchange_search WHERE exchange_search MATCH :q "
                "ORDER BY rowid DESC LIMIT :n"
            ),
            {"q": fts_query([word], ("summary", "details")), "n": _MATCHES_PER_WORD},
        ).scalars()
        for exchange_id in ids:
            shared[exchange_id] += 1
    if not shared:
        return {}
    closest = sorted(shared, key=lambda i: (-shared[i], -i))[:_GIFTS_CHECKED]
    rows = session.execute(
        text(
            "SELECT c.id, c.name, e.id, e.summary, e.occurred_on, e.kind "
            "FROM exchange_contact AS ec JOIN exchange AS e ON e.id = ec.exchange_id "
            "JOIN contact AS c ON c.id = ec.contact_id "
            f"WHERE ec.exchange_id IN :ids AND ec.direction = 'gave' AND {_LIVE}"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": closest},
    ).all()
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


def _due_ids(session: Session, ids: Sequence[int], settings: Settings, today: date) -> set[int]:
    """Which of these contacts are due or overdue to reconnect, by the Home screen's rules."""
    if not ids:
        return set()
    rows = session.execute(
        text(
            "SELECT c.id, c.name, c.cadence_days, substr(c.created_at, 1, 10), c.touched_on, "
            "c.snoozed_until, "
            "(SELECT MAX(occurred_on) FROM exchange_contact WHERE contact_id = c.id), "
            "(SELECT MAX(connected_on) FROM channel WHERE contact_id = c.id), "
            "(SELECT group_concat(t.name, char(31)) FROM contact_tag AS ct "
            " JOIN tag AS t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) "
            "FROM contact AS c WHERE c.id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": list(ids)},
    ).all()
    due: set[int] = set()
    for row in rows:
        facts = insights.ContactFacts(
            id=row[0],
            name=row[1],
            own_cadence=row[2],
            added_on=_day(row[3]) or today,
            touched_on=_day(row[4]),
            snoozed_until=_day(row[5]),
            last_exchange=_day(row[6]),
            connected_on=_day(row[7]),
            tags=tuple(row[8].split(insights.TAG_SEPARATOR)) if row[8] else (),
        )
        if insights.summarize(facts, settings, today).due in ("due", "overdue"):
            due.add(row[0])
    return due


def _mention_fields(session: Session, chosen: Sequence[Evidence]) -> dict[int, dict[str, str]]:
    """Which field holds each mentioned word, for the few contacts about to be shown."""
    wanted = {e.contact.id: e.mentions for e in chosen if e.mentions}
    if not wanted:
        return {}
    rows = session.execute(
        text(
            "SELECT id, substr(notes, 1, :cap), role, company, substr(how_met, 1, :cap) "
            "FROM contact WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": list(wanted), "cap": _FIELD_CHARS},
    ).all()
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
