"""The one name matcher: what a query finds, in which order and why, here and in the shell."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjournal.core.errors import InputError
from netjournal.core.find.contact_index import ContactIndex
from netjournal.core.find.fuzzy import FEW, NameMatcher, Tier, rank
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ContactSummary

NAMES = [
    "Ana Lima",
    "Anna Berg",
    "Joana Pereira",
    "Adriana Silva",
    "Dana Reis",
    "Chloé Dubois",
    "Bruno Costa",
    "Bruna Reis",
    "Rui Matos",
    "Zoë O'Brien",
    "Mariana Souza",
    "Maria Santos",
    "Marco Rossi",
    "José da Silva",
    "Søren Holm",
]
OTHERS = {"Rui Matos": ["seo"], "Dana Reis": ["Lumen Studio"]}

# (what is typed, every name found in rank order, with the tier of each)
RANKS: list[tuple[str, list[tuple[str, Tier]]]] = [
    ("ana lima", [("Ana Lima", Tier.EXACT)]),
    ("ANA LIMA", [("Ana Lima", Tier.EXACT)]),
    (
        "ana",
        [
            ("Ana Lima", Tier.START),
            ("Dana Reis", Tier.INSIDE),  # inside a word: nearest the start, shortest first
            ("Joana Pereira", Tier.INSIDE),
            ("Adriana Silva", Tier.INSIDE),
            ("Mariana Souza", Tier.INSIDE),  # same place and length: the given order decides
            ("Anna Berg", Tier.LETTERS),  # fewer than FEW matched better
        ],
    ),
    ("anna", [("Anna Berg", Tier.START), ("Ana Lima", Tier.TYPO)]),
    ("chloe", [("Chloé Dubois", Tier.START)]),
    ("CHLOÉ", [("Chloé Dubois", Tier.START)]),
    ("dubois", [("Chloé Dubois", Tier.WORD)]),
    ("dubios", [("Chloé Dubois", Tier.TYPO)]),
    ("chloe dubios", [("Chloé Dubois", Tier.TYPO)]),
    ("jose silva", [("José da Silva", Tier.WORDS)]),
    ("li an", [("Ana Lima", Tier.WORDS)]),
    ("o'brien", [("Zoë O'Brien", Tier.WORD)]),
    ("obrien", [("Zoë O'Brien", Tier.WORD)]),
    ("o brien", [("Zoë O'Brien", Tier.TYPO)]),
    ("soren", [("Søren Holm", Tier.TYPO)]),  # ø has no accent to drop: one letter off
    ("brun", [("Bruna Reis", Tier.START), ("Bruno Costa", Tier.START)]),
    (
        "mari",
        [
            ("Maria Santos", Tier.START),
            ("Mariana Souza", Tier.START),
            ("Marco Rossi", Tier.LETTERS),
        ],
    ),
    ("marai", [("Maria Santos", Tier.TYPO), ("Mariana Souza", Tier.TYPO)]),
    ("rms", [("Rui Matos", Tier.LETTERS)]),
    ("lumen", [("Dana Reis", Tier.OTHER)]),
    ("studio", [("Dana Reis", Tier.OTHER)]),
    ("xyz", []),
    ("", []),
    ("  ,  ", []),
]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(NAMES, [OTHERS.get(name, []) for name in NAMES])


@pytest.mark.parametrize(("query", "expected"), RANKS, ids=[query or "empty" for query, _ in RANKS])
def test_each_query_finds_these_names_in_this_order(
    matcher: NameMatcher, query: str, expected: list[tuple[str, Tier]]
) -> None:
    found = matcher.ranked(query)
    tiers = matcher.tiers(query)
    assert [(NAMES[i], tiers[i]) for i in found] == expected


def test_a_limit_keeps_the_best_and_skipped_names_never_show(matcher: NameMatcher) -> None:
    assert [NAMES[i] for i in matcher.ranked("ana", limit=2)] == ["Ana Lima", "Dana Reis"]
    skipped = NAMES.index("Ana Lima")
    assert [NAMES[i] for i in matcher.ranked("ana", limit=2, skip={skipped})] == [
        "Dana Reis",
        "Joana Pereira",
    ]


def test_short_words_must_be_typed_right() -> None:
    # "ana" is one letter from Ann, Eva and Jan: guessing typos there would flood the list.
    assert rank("ana", ["Eva Lund", "Jan Berg", "Ann Lee"]) == []
    assert rank("anna", ["Eva Lund", "Jan Berg", "Ann Lee"]) == [2]


def test_scattered_letters_are_a_last_resort_only() -> None:
    many_anas = [f"Ana {n}" for n in range(FEW)]
    assert rank("ana", [*many_anas, "Alan Nakamura"]) == list(range(FEW))
    assert rank("ana", [*many_anas[: FEW - 1], "Alan Nakamura"]) == [*range(FEW - 1), FEW - 1]


def test_typing_on_finds_what_a_fresh_search_finds() -> None:
    names = [*NAMES, "Bernardo Luna", "Ana Brun", "Brunhilde Ames"]
    typing = NameMatcher(names)
    steps = ["b", "br", "bru", "brun", "brun ", "brun a", "brun am", "bru", "", "an", "an l", "an"]
    for query in [*steps, "mar", "mara", "marai", "mari", "m", "ma", "mar"]:
        assert typing.ranked(query) == NameMatcher(names).ranked(query), query


@given(st.lists(st.text(max_size=12), max_size=12), st.text(max_size=8), st.text(max_size=3))
def test_narrowing_never_changes_what_is_found(names: list[str], query: str, more: str) -> None:
    typing = NameMatcher(names)
    typing.ranked(query)
    assert typing.ranked(query + more) == NameMatcher(names).ranked(query + more)


def summary(
    contact_id: int, name: str, tags: tuple[str, ...] = (), company: str = ""
) -> ContactSummary:
    return ContactSummary(
        id=contact_id,
        name=name,
        company=company,
        tags=tags,
        archived=False,
        last_exchange=None,
        cadence_days=None,
        clock_start=date(2026, 1, 1),
        days_since=0,
        due="none",
        given=0.0,
        received=0.0,
        window_count=0,
        gave_count=0,
        received_count=0,
        last_gave=None,
        balance=None,
        lean=None,
        snoozed_until=None,
    )


def test_the_contact_index_ranks_names_before_tags_and_companies() -> None:
    people = [summary(i, name) for i, name in enumerate(NAMES)]
    people.append(summary(len(people), "Zé Ninguém", tags=("anarchy",)))
    people.append(summary(len(people), "Pia Berg", company="Anacom"))
    index = ContactIndex(people)
    found = [s.name for s in index.search("ana", limit=None)]
    assert found[:5] == ["Ana Lima", "Dana Reis", "Joana Pereira", "Adriana Silva", "Mariana Souza"]
    assert set(found[5:]) == {"Zé Ninguém", "Pia Berg"}
    assert "Rui Matos" not in found
    assert [s.name for s in index.search("ana", limit=1, exclude={0})] == ["Dana Reis"]
    assert index.search("   ", limit=6) == []
    assert index.filter("  ") == people


def test_thirty_thousand_contacts_answer_with_the_few_asked_for() -> None:
    people = [summary(i, f"Person {i:05d} Lima") for i in range(30_000)]
    index = ContactIndex(people)
    assert [s.name for s in index.search("person 00042", limit=6)] == ["Person 00042 Lima"]
    assert len(index.search("p", limit=6)) == 6
    assert len(index.filter("lima")) == 30_000
    # A typo in a word, never in a number.
    assert [s.name for s in index.search("persn 00042", limit=6)] == ["Person 00042 Lima"]


def test_the_shell_resolves_names_with_the_same_matcher(journal: Journal) -> None:
    chloe = journal.add_contact(ContactDraft("Chloé Dubois"))
    ana = journal.add_contact(ContactDraft("Ana Lima"))
    journal.add_contact(ContactDraft("Bruno Costa"))
    assert journal.resolve_contact("chloe").id == chloe
    assert journal.resolve_contact("dubios").id == chloe
    assert journal.resolve_contact("anna").id == ana
    assert [r.name for r in journal.match_contacts("o")] == ["Bruno Costa", "Chloé Dubois"]
    with pytest.raises(InputError, match="No contact matches"):
        journal.resolve_contact("zzz")
