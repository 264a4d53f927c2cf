"""Full-text search through the service API: what a user types finds what they wrote."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjournal.core.errors import InputError
from netjournal.core.find.search import Marked, SearchResults, marked, match_expression
from netjournal.core.journal import Journal
from netjournal.core.records import ChannelDraft, ContactDraft, ExchangeDraft, ReflectionDraft
from tests.conftest import TODAY

HOSTILE_QUERIES = [
    '"',
    '""',
    "*",
    "-",
    "NEAR",
    "NEAR(a b",
    "(",
    ")",
    "a AND",
    "OR",
    "AND OR NOT",
    "^",
    "col:x",
    "name:ana",
    "'",
    "a'b",
    'sour"dough',
    "sour*",
    "-sourdough",
    "+",
    "{name}: x",
    "José",
    "日本語",
    "🙂",
    "\x00\x1b[31m",
    "\ud800",
    "a" * 10_000,
    "ab " * 3_400,
    "sourdough " * 300,
]


def ids(hits: tuple[object, ...]) -> list[int]:
    return [hit.id for hit in hits]  # type: ignore[attr-defined]


@pytest.fixture
def ana(journal: Journal) -> int:
    return journal.add_contact(
        ContactDraft(
            "Ana Lima",
            company="Lumen Studio",
            notes="Bakes sourdough on Sundays; wants to learn pottery",
            channels=(ChannelDraft("mastodon", "@ana@example.social"),),
        )
    )


def test_a_note_from_last_year_is_found_by_one_word(journal: Journal, ana: int) -> None:
    last_year = TODAY - timedelta(days=300)
    exchange = journal.log_exchange(
        ExchangeDraft(
            "gave",
            "Coffee at the harbour",
            (ana,),
            occurred_on=last_year,
            notes="She asked about kiln prices for her pottery studio",
        )
    )
    journal.log_exchange(ExchangeDraft("received", "Lent me a book", (ana,)))

    results = journal.search("kiln")

    assert ids(results.exchanges) == [exchange]
    hit = results.exchanges[0]
    assert hit.when == last_year
    assert [p.name for p in hit.people] == ["Ana Lima"]
    assert hit.title.plain == "Coffee at the harbour"
    assert hit.snippet.matched == ("kiln",)
    assert "kiln prices" in hit.snippet.plain


def test_every_kind_is_searched_with_the_matched_words_marked(journal: Journal, ana: int) -> None:
    exchange = journal.log_exchange(
        ExchangeDraft("gave", "Sent the pottery course link", (ana,), url="https://clay.example")
    )
    reflection = journal.add_reflection(
        ReflectionDraft(body="Ana's pottery made me think.", title="Clay", contact_ids=(ana,))
    )

    results = journal.search("POTTERY")

    assert ids(results.contacts) == [ana]
    assert results.contacts[0].title.plain == "Ana Lima"
    assert results.contacts[0].snippet.segments[0] == ("Notes: ", False)
    assert results.contacts[0].snippet.matched == ("pottery",)
    assert ids(results.exchanges) == [exchange]
    assert results.exchanges[0].title.matched == ("pottery",)
    assert ids(results.reflections) == [reflection]
    assert results.reflections[0].snippet.matched == ("pottery",)
    assert results.reflections[0].title.plain == "Clay"
    assert results.more == {"contact": False, "exchange": False, "reflection": False}


def test_every_word_must_match(journal: Journal, ana: int) -> None:
    bo = journal.add_contact(ContactDraft("Bo Lima", notes="Runs marathons"))
    assert sorted(ids(journal.search("lima").contacts)) == sorted([ana, bo])
    assert ids(journal.search("lima marathons").contacts) == [bo]
    assert ids(journal.search("lima marathons pottery").contacts) == []


def test_names_rank_above_notes(journal: Journal) -> None:
    mentioned = journal.add_contact(ContactDraft("Carl Weiss", notes="Introduced me to Dana"))
    named = journal.add_contact(ContactDraft("Dana Wu"))
    assert ids(journal.search("dana").contacts) == [named, mentioned]


def test_channel_handles_companies_and_links_are_searched(journal: Journal, ana: int) -> None:
    exchange = journal.log_exchange(
        ExchangeDraft("gave", "Shared a link", (ana,), url="https://clayworks.example/kilns")
    )
    assert ids(journal.search("example.social").contacts) == [ana]
    assert journal.search("example.social").contacts[0].snippet.plain.startswith("Handle: ")
    assert ids(journal.search("lumen").contacts) == [ana]
    assert ids(journal.search("clayworks").exchanges) == [exchange]


def test_accents_and_case_are_folded(journal: Journal) -> None:
    jose = journal.add_contact(ContactDraft("José Álvarez", notes="Café owner"))
    assert ids(journal.search("jose alvarez").contacts) == [jose]
    assert ids(journal.search("CAFE").contacts) == [jose]
    assert ids(journal.search("José").contacts) == [jose]
    assert journal.search("cafe").contacts[0].snippet.matched == ("Café",)


def test_the_last_word_is_a_prefix_only_when_searching_as_you_type(
    journal: Journal, ana: int
) -> None:
    assert ids(journal.search("sourd", prefix_last=True).contacts) == [ana]
    assert ids(journal.search("sourd").contacts) == []
    # Only the last word is a prefix; earlier words are whole.
    assert ids(journal.search("sourd pott", prefix_last=True).contacts) == []
    assert ids(journal.search("sourdough pott", prefix_last=True).contacts) == [ana]
    # One letter is too little to expand.
    assert match_expression("s", prefix_last=True) == '"s"'
    assert match_expression("so", prefix_last=True) == '"so"*'


def test_match_expression_quotes_every_word() -> None:
    assert match_expression('say "hi" NEAR(a b') == '"say" """hi""" "NEAR(a" "b"'
    assert match_expression("col:x -yz *", prefix_last=True) == '"col:x" "-yz"*'
    assert match_expression("col:x -y", prefix_last=True) == '"col:x" "-y"'
    assert match_expression("  * - ^ ( ) \" '  ") is None
    assert match_expression("") is None


def test_nothing_to_search_for_gives_no_results(journal: Journal, ana: int) -> None:
    for query in ("", "   ", "*", "- ^ ()", '""'):
        results = journal.search(query, prefix_last=True)
        assert isinstance(results, SearchResults)
        assert not results
        assert results.query == query


# The hostile queries that do find Ana: syntax characters are plain, so these are her words
# ("sour" as the prefix being typed).
FINDS_ANA = {
    ("-sourdough", False),
    ("-sourdough", True),
    ("sour*", True),
    ("sourdough " * 300, False),
    ("sourdough " * 300, True),
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("prefix_last", [False, True])
def test_hostile_queries_never_raise_and_find_only_real_words(
    journal: Journal, ana: int, query: str, prefix_last: bool
) -> None:
    results = journal.search(query, prefix_last=prefix_last)
    assert results.query == query
    assert ids(results.contacts) == ([ana] if (query, prefix_last) in FINDS_ANA else [])
    assert results.exchanges == results.reflections == ()


@pytest.mark.parametrize(
    ("query", "finds_ana"),
    [
        ("-sourdough", True),  # a word, not NOT
        ("sourdough AND", False),  # the word "and", which her notes don't hold
        ("sourdough (on)", True),  # words, not a group
        ("sour*", False),  # the word "sour", not a prefix
        ('sour"dough', False),  # the phrase "sour dough"
        ("name:ana", False),  # the phrase "name ana", not a column filter
    ],
)
def test_syntax_characters_are_plain_words(
    journal: Journal, ana: int, query: str, finds_ana: bool
) -> None:
    assert ids(journal.search(query).contacts) == ([ana] if finds_ana else [])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(), prefix_last=st.booleans())
def test_any_text_is_a_safe_query(
    journal: Journal, ana: int, query: str, prefix_last: bool
) -> None:
    results = journal.search(query, prefix_last=prefix_last)
    assert results.query == query
    assert ids(results.contacts) in ([], [ana])
    if match_expression(query, prefix_last=prefix_last) is None:
        assert not results
    # Whatever the query, her own words still find her afterwards: nothing was broken.
    assert ids(journal.search("sourdough").contacts) == [ana]


def test_deleted_contacts_and_their_exchanges_are_not_found(journal: Journal, ana: int) -> None:
    bo = journal.add_contact(ContactDraft("Bo Ström", notes="Sourdough too"))
    alone = journal.log_exchange(ExchangeDraft("gave", "Sourdough starter", (ana,)))
    shared = journal.log_exchange(ExchangeDraft("gave", "Sourdough class", (ana, bo)))
    reflection = journal.add_reflection(
        ReflectionDraft(body="Sourdough thoughts", contact_ids=(ana,))
    )

    journal.delete_contact(ana)
    results = journal.search("sourdough")

    assert ids(results.contacts) == [bo]
    assert ids(results.exchanges) == [shared]
    assert [p.name for p in results.exchanges[0].people] == ["Bo Ström"]
    # Reflections stay, as on the Reflections screen, without the deleted name.
    assert ids(results.reflections) == [reflection]
    assert results.reflections[0].people == ()

    journal.undo_delete_contact(ana)
    again = journal.search("sourdough")
    assert sorted(ids(again.contacts)) == sorted([ana, bo])
    assert set(ids(again.exchanges)) == {alone, shared}


def test_the_index_follows_edits_and_deletes(journal: Journal, ana: int) -> None:
    journal.update_contact(ana, ContactDraft("Ana Lima", notes="Now into kombucha", channels=()))
    assert ids(journal.search("sourdough").contacts) == []
    assert ids(journal.search("kombucha").contacts) == [ana]
    assert ids(journal.search("example.social").contacts) == []

    exchange = journal.log_exchange(ExchangeDraft("gave", "Lent a tent", (ana,)))
    journal.update_exchange(exchange, ExchangeDraft("gave", "Lent a kayak", (ana,)))
    assert ids(journal.search("tent").exchanges) == []
    assert ids(journal.search("kayak").exchanges) == [exchange]
    record = journal.delete_exchange(exchange)
    assert ids(journal.search("kayak").exchanges) == []
    restored = journal.restore_exchange(record)
    assert ids(journal.search("kayak").exchanges) == [restored]

    reflection = journal.add_reflection(ReflectionDraft(body="About glaciers"))
    journal.update_reflection(reflection, ReflectionDraft(body="About volcanoes"))
    assert ids(journal.search("glaciers").reflections) == []
    assert ids(journal.search("volcanoes").reflections) == [reflection]
    journal.delete_reflection(reflection)
    assert ids(journal.search("volcanoes").reflections) == []


def test_exchanges_come_newest_first_with_a_limit(journal: Journal, ana: int) -> None:
    # Logged out of order: the newest day comes first, whatever order they were written in.
    days = [TODAY - timedelta(days=n) for n in (5, 1, 30, 3)]
    logged = {
        day: journal.log_exchange(ExchangeDraft("gave", f"Walk {n}", (ana,), occurred_on=day))
        for n, day in enumerate(days)
    }
    results = journal.search("walk", limit=3)
    newest = sorted(days, reverse=True)[:3]
    assert ids(results.exchanges) == [logged[day] for day in newest]
    assert [hit.when for hit in results.exchanges] == newest
    assert results.more["exchange"] is True
    assert journal.search("walk", limit=4).more["exchange"] is False


def test_advanced_syntax_is_passed_through(journal: Journal, ana: int) -> None:
    bo = journal.add_contact(ContactDraft("Bo Lima", notes="Runs marathons"))
    assert ids(journal.search("sourdough OR marathons", advanced=True).contacts) in (
        [ana, bo],
        [bo, ana],
    )
    assert ids(journal.search("lima NOT marathons", advanced=True).contacts) == [ana]
    assert ids(journal.search("sourd*", advanced=True).contacts) == [ana]
    # A column filter only applies where that column exists; elsewhere there is nothing.
    column = journal.search("name:bo", advanced=True)
    assert ids(column.contacts) == [bo]
    assert column.exchanges == ()


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(a b", "a AND", "(", "nosuch:word"])
def test_invalid_advanced_syntax_is_a_sentence(journal: Journal, ana: int, query: str) -> None:
    with pytest.raises(InputError) as raised:
        journal.search(query, advanced=True)
    message = str(raised.value)
    assert message.startswith("That isn't valid search syntax (")
    assert message.endswith("drop --advanced to search for the words as typed.")
    # The journal is still usable afterwards.
    assert ids(journal.search("sourdough").contacts) == [ana]


def test_marked_text_becomes_one_line_of_pieces() -> None:
    assert marked("a \x01b\x02 c\n\nd") == Marked((("a ", False), ("b", True), (" c d", False)))
    assert marked("") == Marked()
    assert marked("\x02stray\x01") == Marked((("stray", False),))
    assert marked("\x01x\x02\x01y\x02").matched == ("xy",)


def test_dates_in_hits_are_dates(journal: Journal, ana: int) -> None:
    journal.add_reflection(ReflectionDraft(body="Quiet week", written_on=date(2026, 1, 2)))
    assert journal.search("quiet").reflections[0].when == date(2026, 1, 2)
