"""Introductions: one exchange given to both people, or received from the one who introduced you."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, ContactSummary, DateDraft, LogFilter
from netjournal.core.validation import NAME
from tests.conftest import TODAY

LONG_AGO = TODAY - timedelta(days=400)


def add(journal: Journal, name: str, **kw: object) -> int:
    kw.setdefault("added_on", LONG_AGO)
    return journal.add_contact(ContactDraft(name=name, **kw))  # type: ignore[arg-type]


def summaries(journal: Journal) -> dict[str, ContactSummary]:
    return {s.name: s for s in journal.contact_summaries()}


def timeline_summaries(journal: Journal, contact_id: int) -> list[str]:
    return [t.exchange.summary for t in journal.timeline(contact_id) if t.exchange]


def test_an_introduction_is_one_exchange_given_to_both(journal: Journal) -> None:
    ana, bo = add(journal, "Ana Lima"), add(journal, "Bo Ström")
    eid = journal.introduce(ana, bo, "both work on SEO tools")
    record = journal.exchange(eid)
    assert record.direction == "gave"
    assert record.kind == "introduction"
    assert record.weight == 2
    assert record.occurred_on == TODAY
    assert record.summary == "Introduced Ana Lima and Bo Ström — both work on SEO tools"
    assert [c.name for c in record.contacts] == ["Ana Lima", "Bo Ström"]
    assert len(journal.exchanges()) == 1
    for person in (ana, bo):
        assert timeline_summaries(journal, person) == [record.summary]


def test_both_balances_move_by_the_same_amount(journal: Journal) -> None:
    ana, bo = add(journal, "Ana Lima"), add(journal, "Bo Ström")
    # Different histories, so the two balances start apart.
    journal.introduce(ana, add(journal, "Someone Else"), on=TODAY - timedelta(days=30))
    before = summaries(journal)
    journal.introduce(ana, bo, on=TODAY - timedelta(days=2), weight=3)
    after = summaries(journal)
    for name in ("Ana Lima", "Bo Ström"):
        assert after[name].gave_count == before[name].gave_count + 1
        assert after[name].last_exchange == TODAY - timedelta(days=2)
    moved = [after[n].given - before[n].given for n in ("Ana Lima", "Bo Ström")]
    assert moved[0] > 0
    assert moved[0] == pytest.approx(moved[1])
    assert after["Bo Ström"].balance == 1.0


def test_long_context_goes_to_the_notes(journal: Journal) -> None:
    ana, bo = add(journal, "Ana Lima"), add(journal, "Bo Ström")
    context = "They both run small studios and want to share a booth at the spring fair. " * 2
    record = journal.exchange(journal.introduce(ana, bo, context))
    assert record.summary == "Introduced Ana Lima and Bo Ström"
    assert record.notes == context.strip()
    found = journal.exchanges(LogFilter(text="booth"))
    assert [e.id for e in found] == [record.id]


def test_refuses_the_same_person_twice_and_deleted_people(journal: Journal) -> None:
    ana, bo = add(journal, "Ana Lima"), add(journal, "Bo Ström")
    with pytest.raises(InputError, match="two different people"):
        journal.introduce(ana, ana)
    journal.delete_contact(bo)
    with pytest.raises(InputError, match="Bo Ström was deleted"):
        journal.introduce(ana, bo)
    with pytest.raises(InputError, match="no longer exists"):
        journal.introduce(ana, bo + 99)
    with pytest.raises(InputError, match="today or earlier"):
        journal.introduce(ana, add(journal, "Cy"), on=TODAY + timedelta(days=1))
    assert journal.exchanges() == []


def test_received_introduction_creates_the_new_person(journal: Journal) -> None:
    ana = add(journal, "Ana Lima")
    before = summaries(journal)["Ana Lima"]
    eid, cy = journal.log_received_introduction(
        ana,
        new_contact=ContactDraft(
            "Cy Twombly", tags=("art",), dates=(DateDraft("Studio opening", 4, 12),)
        ),
        context="paints",
    )
    record = journal.exchange(eid)
    assert record.direction == "received"
    assert record.kind == "introduction"
    assert record.summary == "Introduced me to Cy Twombly — paints"
    assert [c.id for c in record.contacts] == [ana]
    new = journal.contact(cy)
    assert new.name == "Cy Twombly"
    assert new.how_met == "Introduced by Ana Lima"
    assert new.tags == ("art",)
    assert [(d.label, d.month, d.day) for d in new.dates] == [("Studio opening", 4, 12)]
    assert new.added_on == TODAY
    assert [hit.id for hit in journal.search("twombly").contacts] == [cy]
    after = summaries(journal)
    assert after["Ana Lima"].received_count == before.received_count + 1
    assert after["Ana Lima"].received > before.received
    # Cy gave nothing: no exchange of theirs, no balance.
    assert after["Cy Twombly"].window_count == 0
    assert after["Cy Twombly"].balance is None
    assert timeline_summaries(journal, cy) == []
    assert timeline_summaries(journal, ana) == [record.summary]


def test_received_introduction_keeps_a_given_how_met_and_dates_the_contact(
    journal: Journal,
) -> None:
    ana = add(journal, "Ana Lima")
    day = TODAY - timedelta(days=10)
    _, cy = journal.log_received_introduction(
        ana, new_contact=ContactDraft("Cy", how_met="Her book launch"), on=day
    )
    assert journal.contact(cy).how_met == "Her book launch"
    assert journal.contact(cy).added_on == day
    assert journal.exchanges()[0].occurred_on == day


def test_received_introduction_to_someone_already_in_the_journal(journal: Journal) -> None:
    ana, bo, cy = add(journal, "Ana Lima"), add(journal, "Bo Ström"), add(journal, "Cy")
    journal.update_contact(cy, ContactDraft("Cy", how_met="School"))
    eid, who = journal.log_received_introduction(ana, to=bo)
    assert who == bo
    assert journal.exchange(eid).summary == "Introduced me to Bo Ström"
    assert journal.contact(bo).how_met == "Introduced by Ana Lima"
    journal.log_received_introduction(ana, to=cy)
    assert journal.contact(cy).how_met == "School"
    assert summaries(journal)["Bo Ström"].window_count == 0


def test_a_refused_received_introduction_writes_nothing(journal: Journal) -> None:
    ana = add(journal, "Ana Lima")
    refusals: list[tuple[str, dict[str, object]]] = [
        ("can't be empty", {"new_contact": ContactDraft("  ")}),
        ("email", {"new_contact": ContactDraft("Cy", email="not an email")}),
        ("today or earlier", {"new_contact": ContactDraft("Cy"), "on": TODAY + timedelta(1)}),
        ("not both", {"new_contact": ContactDraft("Cy"), "to": ana}),
        ("Say who", {}),
        ("themselves", {"to": ana}),
    ]
    for message, kw in refusals:
        with pytest.raises(InputError, match=message):
            journal.log_received_introduction(ana, **kw)  # type: ignore[arg-type]
    journal.delete_contact(ana)
    with pytest.raises(InputError, match="Ana Lima was deleted"):
        journal.log_received_introduction(ana, new_contact=ContactDraft("Cy"))
    journal.undo_delete_contact(ana)
    assert [s.name for s in journal.contact_summaries()] == ["Ana Lima"]
    assert journal.exchanges() == []


def test_hostile_names_are_stored_cleaned_in_the_summary(journal: Journal) -> None:
    ana = add(journal, "[bold]Ana\x1b]0;x\x07")
    eid, cy = journal.log_received_introduction(
        ana, new_contact=ContactDraft("[/] Cy \u202e"), context="[@click=app.quit]x"
    )
    record = journal.exchange(eid)
    name = journal.contact(cy).name
    assert record.summary == f"Introduced me to {name} — [@click=app.quit]x"
    assert "\x1b" not in record.summary
    assert journal.contact(cy).how_met == f"Introduced by {journal.contact(ana).name}"
    long_a, long_b = add(journal, "a" * NAME), add(journal, "b" * NAME)
    summary = journal.exchange(journal.introduce(long_a, long_b)).summary
    assert len(summary) < 1_000
