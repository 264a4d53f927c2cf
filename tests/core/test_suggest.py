"""Share suggestions: each signal alone, who is never suggested, the limit, the order, safety."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ContactRef, ExchangeDraft
from netjournal.core.suggestions.suggest import (
    Evidence,
    PastGift,
    fts_query,
    rank,
    reasons,
    score,
    summary_words,
    worth_sharing,
)
from tests.conftest import TODAY

LONG_AGO = TODAY - timedelta(days=400)


def add(journal: Journal, name: str, *tags: str, **fields: object) -> int:
    return journal.add_contact(ContactDraft(name, tags=tags, added_on=LONG_AGO, **fields))  # type: ignore[arg-type]


def gave(
    journal: Journal, summary: str, *people: int, on: date = TODAY, kind: str = "article"
) -> int:
    return journal.log_exchange(
        ExchangeDraft("gave", summary, tuple(people), kind=kind, occurred_on=on)
    )


def names(found: list[object]) -> list[str]:
    return [s.contact.name for s in found]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ each signal alone


def test_the_items_own_tag(journal: Journal) -> None:
    ana = add(journal, "Ana Lima")
    add(journal, "Bruno Costa", "seo")
    add(journal, "Chen Wei", "music")
    [found] = journal.suggest_recipients("A checklist", tags=["#SEO"], chosen=[ana])
    assert found.contact.name == "Bruno Costa"
    assert found.reasons == ("tagged #seo",)


def test_tags_shared_with_the_person_it_went_to(journal: Journal) -> None:
    ana = add(journal, "Ana Lima", "design")
    add(journal, "Bruno Costa", "design")
    add(journal, "Chen Wei", "music")
    [found] = journal.suggest_recipients("Something", chosen=[ana])
    assert found.contact.name == "Bruno Costa"
    assert found.reasons == ("also tagged #design",)


def test_a_word_of_the_summary_that_is_someones_tag(journal: Journal) -> None:
    add(journal, "Bruno Costa", "seo")
    [found] = journal.suggest_recipients("Sent the SEO checklist")
    assert found.reasons == ("tagged #seo",)


def test_words_in_notes_role_or_company(journal: Journal) -> None:
    add(journal, "Bruno Costa", notes="Rebuilding their **pricing** page this winter")
    add(journal, "Chen Wei", role="Growth marketer")
    add(journal, "Dora Reis", notes="Plays the cello")
    found = journal.suggest_recipients("Long read on pricing for growth teams")
    assert {s.contact.name: s.reasons for s in found} == {
        "Bruno Costa": ("notes mention pricing",),
        "Chen Wei": ("role mentions growth",),
    }


def test_the_name_of_a_contact_is_not_a_topic(journal: Journal) -> None:
    ana = add(journal, "Ana Lima")
    add(journal, "Bruno Costa", notes="Old friend of Ana")
    add(journal, "Chen Wei", company="Lima Analytics")
    assert journal.suggest_recipients("Sent Ana Lima the deck", chosen=[ana]) == []


def test_someone_you_gave_something_similar_before(journal: Journal) -> None:
    ana = add(journal, "Ana Lima")
    bruno = add(journal, "Bruno Costa")
    chen = add(journal, "Chen Wei")
    gave(journal, "Sent the SEO checklist", bruno, on=date(2026, 3, 10))
    gave(journal, "SEO audit template", chen, on=date(2025, 3, 10))
    journal.log_exchange(ExchangeDraft("received", "An SEO checklist", (add(journal, "Dora"),)))
    found = journal.suggest_recipients("Updated SEO checklist", chosen=[ana])
    assert [(s.contact.name, s.reasons) for s in found] == [
        ("Bruno Costa", ("you sent them “SEO checklist” in March",)),
        ("Chen Wei", ("you sent them “SEO audit template” in March 2025",)),
    ]


def test_being_due_favours_but_never_suggests_alone(journal: Journal) -> None:
    add(journal, "Bruno Costa", "seo", cadence_days=30)
    add(journal, "Chen Wei", "seo")
    add(journal, "Dora Reis", cadence_days=7)
    found = journal.suggest_recipients("x", tags=["seo"])
    assert [(s.contact.name, s.reasons) for s in found] == [
        ("Bruno Costa", ("tagged #seo", "due to reconnect")),
        ("Chen Wei", ("tagged #seo",)),
    ]
    assert found[0].score > found[1].score


# ------------------------------------------------------------------ who never shows


def test_archived_deleted_and_chosen_people_are_left_out(journal: Journal) -> None:
    chosen = add(journal, "Ana Lima", "seo")
    archived = add(journal, "Bruno Costa", "seo")
    deleted = add(journal, "Chen Wei", "seo")
    add(journal, "Dora Reis", "seo")
    gave(journal, "SEO checklist", archived, deleted)
    journal.set_archived(archived)
    journal.delete_contact(deleted)
    found = journal.suggest_recipients("SEO checklist", tags=["seo"], chosen=[chosen])
    assert names(found) == ["Dora Reis"]


def test_never_more_than_five_best_first_then_by_name(journal: Journal) -> None:
    for name in ("Gil", "Eva", "Fay", "Cy", "Bo", "Abe", "Dee"):
        add(journal, name, "seo")
    add(journal, "Zed", "seo", "writing")
    found = journal.suggest_recipients("x", tags=["seo", "writing"], limit=50)
    assert names(found) == ["Zed", "Abe", "Bo", "Cy", "Dee"]
    assert found == journal.suggest_recipients("x", tags=["seo", "writing"], limit=50)
    assert names(journal.suggest_recipients("x", tags=["seo"], limit=2)) == ["Abe", "Bo"]


def test_nothing_to_go_on_suggests_nobody(journal: Journal) -> None:
    add(journal, "Bruno Costa", "seo")
    assert journal.suggest_recipients("") == []
    assert journal.suggest_recipients("the and of") == []


HOSTILE_SUMMARIES = [
    '"',
    '""unbalanced "quote',
    "NEAR(seo checklist, 2)",
    "seo NEAR checklist",
    "seo AND OR NOT",
    "seo*",
    "*",
    "^seo",
    "{notes} : seo",
    "notes:seo",
    "-seo +seo",
    "(seo",
    "seo)",
    "[/bold] [@click=app.quit]x",
    "x" * 100_000,
    "Zoë ünïcödé 東京 seo",
]


@pytest.mark.parametrize("summary", HOSTILE_SUMMARIES)
def test_hostile_summaries_never_raise(journal: Journal, summary: str) -> None:
    bruno = add(journal, "Bruno Costa", "seo", notes="checklist person")
    gave(journal, "seo checklist", bruno)
    found = journal.suggest_recipients(summary, tags=[summary[:50]], chosen=[bruno])
    assert found == []
    if "seo" in summary.casefold():
        chen = add(journal, "Chen Wei", "seo")
        assert names(journal.suggest_recipients(summary, chosen=[bruno])) == ["Chen Wei"]
        journal.delete_contact(chen)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(summary=st.text(max_size=200), tag=st.text(max_size=20))
def test_any_text_is_safe(journal: Journal, summary: str, tag: str) -> None:
    journal.suggest_recipients(summary, tags=[tag])


# ------------------------------------------------------------------ pure parts


def test_summary_words_keep_topics_only() -> None:
    words = summary_words("Sent the SEO checklist to Ana: 10 tips, über-clear!", drop=["Ana"])
    assert words == ("seo", "checklist", "tips", "uber", "clear")
    assert len(summary_words(" ".join(f"word{n}" for n in range(30)))) == 8


def test_fts_queries_quote_every_word() -> None:
    assert fts_query(["seo", 'a"b']) == '"seo" OR "a""b"'
    assert fts_query(["seo"], ["notes", "role"]) == '{notes role} : ("seo")'


def test_score_and_reasons_follow_the_evidence() -> None:
    bare = Evidence(ContactRef(1, "Ana"))
    assert score(bare) == 0 and reasons(bare, TODAY) == ()
    assert score(Evidence(ContactRef(1, "Ana"), due=True)) == 0
    rich = Evidence(
        ContactRef(1, "Ana"),
        item_tags=("seo", "writing", "growth"),
        mentions=("pricing",),
        mention_fields={"pricing": "notes"},
        gift=PastGift("Shared a very long article about pricing pages", date(2026, 1, 5), 2),
    )
    assert reasons(rich, TODAY) == (
        "tagged #seo, #writing",
        "you sent them “very long article about pri…” in January",
        "notes mention pricing",
    )
    # Tags beyond two add nothing.
    assert score(rich) == score(
        Evidence(
            ContactRef(1, "Ana"),
            item_tags=("seo", "writing"),
            mentions=("pricing",),
            gift=rich.gift,
        )
    )


def test_rank_orders_by_score_then_name_and_caps_at_five() -> None:
    people = [Evidence(ContactRef(n, name), shared_tags=("x",)) for n, name in enumerate("edcbagf")]
    people.append(Evidence(ContactRef(99, "zed"), item_tags=("x",)))
    assert [s.contact.name for s in rank(people, TODAY, limit=99)] == ["zed", "a", "b", "c", "d"]
    assert rank(people, TODAY, limit=0) == []


def test_only_things_that_can_be_passed_on_are_worth_sharing() -> None:
    assert worth_sharing("gave", "article")
    assert worth_sharing("gave", "other")
    assert not worth_sharing("received", "article")
    assert not worth_sharing("mutual", "advice")
    assert not worth_sharing("gave", "introduction")
    assert not worth_sharing("gave", "gift")


# ------------------------------------------------------------------ logging it for more people


def test_adding_people_to_an_exchange_copies_its_date_direction_and_weight(
    journal: Journal,
) -> None:
    ana, bruno, chen = (add(journal, n) for n in ("Ana", "Bruno", "Chen"))
    exchange_id = journal.log_exchange(
        ExchangeDraft("gave", "Checklist", (ana,), weight=2, occurred_on=date(2026, 11, 20))
    )
    added = journal.add_people_to_exchange(exchange_id, [bruno, ana, chen, bruno])
    assert added == [ContactRef(bruno, "Bruno"), ContactRef(chen, "Chen")]
    with journal.store.reader() as session:
        rows = session.execute(
            text(
                "SELECT contact_id, occurred_on, direction, weight FROM exchange_contact "
                "WHERE exchange_id = :id ORDER BY contact_id"
            ),
            {"id": exchange_id},
        ).all()
    assert [tuple(r) for r in rows] == [
        (person, "2026-11-20", "gave", 2) for person in (ana, bruno, chen)
    ]
    assert journal.contact_summaries()[1].last_exchange == date(2026, 11, 20)


def test_adding_people_refuses_missing_ones_and_leaves_the_exchange_alone(
    journal: Journal,
) -> None:
    ana, bruno = add(journal, "Ana"), add(journal, "Bruno")
    exchange_id = gave(journal, "Checklist", ana)
    journal.delete_contact(bruno)
    with pytest.raises(InputError):
        journal.add_people_to_exchange(exchange_id, [bruno])
    with pytest.raises(InputError):
        journal.add_people_to_exchange(exchange_id + 1, [ana])
    assert [c.id for c in journal.exchange(exchange_id).contacts] == [ana]


def test_deleting_and_restoring_keeps_everyone_added(journal: Journal) -> None:
    ana, bruno = add(journal, "Ana"), add(journal, "Bruno")
    exchange_id = gave(journal, "Checklist", ana)
    journal.add_people_to_exchange(exchange_id, [bruno])
    record = journal.delete_exchange(exchange_id)
    restored = journal.restore_exchange(record)
    assert {c.id for c in journal.exchange(restored).contacts} == {ana, bruno}
