"""The sample journal behind `netjournal --demo`: its shape, its stories, and its determinism."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from netjournal.core.errors import JournalFileError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ContactSummary, ExchangeRecord, ReflectionRecord
from netjournal.core.sample.demo import build_demo
from tests.conftest import TODAY

Snapshot = tuple[list[ContactSummary], list[ExchangeRecord], list[ReflectionRecord]]


def snapshot(path: Path, today: date = TODAY) -> Snapshot:
    with open_journal(path, today=lambda: today) as journal:
        return (
            journal.contact_summaries(include_archived=True),
            journal.exchanges(limit=None),
            journal.reflections(),
        )


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "journal.db"
    build_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Journal]:
    with open_journal(demo_path, today=lambda: TODAY) as journal:
        yield journal


def test_about_forty_people_and_three_hundred_exchanges(demo: Journal) -> None:
    people = demo.contact_summaries(include_archived=True)
    assert 35 <= len(people) <= 45
    assert len({p.name for p in people}) == len(people)
    assert 250 <= len(demo.exchanges(limit=None)) <= 350
    assert all(e.occurred_on <= TODAY for e in demo.exchanges(limit=None))


def test_history_spans_two_years(demo: Journal) -> None:
    days = [e.occurred_on for e in demo.exchanges(limit=None)]
    assert min(days) < TODAY - timedelta(days=365)
    assert min(days) >= TODAY - timedelta(days=731)


def test_reconnect_list_has_due_and_overdue_people(demo: Journal) -> None:
    states = [s.due for s in demo.highlights().reconnect]
    assert states.count("overdue") >= 1
    assert states.count("due") >= 1


def test_one_of_each_lean(demo: Journal) -> None:
    highlights = demo.highlights()
    assert highlights.you_give and highlights.you_receive
    for summary in highlights.you_give:
        assert summary.window_count >= 3 and (summary.balance or 0) >= 0.6
    for summary in highlights.you_receive:
        assert summary.window_count >= 3 and (summary.balance or 0) <= -0.6


def test_snoozed_touched_and_archived_contacts(demo: Journal) -> None:
    people = demo.contact_summaries(include_archived=True)
    assert any(p.due == "snoozed" and p.snoozed_until and p.snoozed_until > TODAY for p in people)
    assert sum(p.archived for p in people) == 1
    records = [demo.contact(p.id) for p in people]
    assert any(r.touched_on == TODAY - timedelta(days=4) for r in records)


def test_an_introduction_names_two_contacts(demo: Journal) -> None:
    introductions = [e for e in demo.exchanges(limit=None) if len(e.contacts) == 2]
    assert introductions
    assert all(e.kind == "introduction" and e.direction == "gave" for e in introductions)


def test_cadences_come_from_tags_and_from_contacts(demo: Journal) -> None:
    assert demo.settings().tag_cadence == {"close": 30, "network": 90, "mentor": 60}
    people = demo.contact_summaries(include_archived=True)
    own = [demo.contact(p.id).cadence_days for p in people]
    assert any(own) and None in own
    assert any(p.cadence_days is None for p in people)


def test_channels_with_mixed_follow_states(demo: Journal) -> None:
    gaps = demo.highlights().follow_gaps
    assert any(g.i_follow for g in gaps) and any(g.they_follow for g in gaps)
    platforms = {c.platform for p in demo.contact_refs() for c in demo.contact(p.id).channels}
    assert len(platforms) >= 4


def test_about_twelve_reflections(demo: Journal) -> None:
    reflections = demo.reflections()
    assert 10 <= len(reflections) <= 14
    assert any(r.contacts for r in reflections)
    assert any(r.title for r in reflections) and any(r.prompt for r in reflections)
    assert any("\n- " in r.body or "## " in r.body for r in reflections)


def test_same_seed_same_journal(demo_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build_demo(again, today=TODAY)
    assert snapshot(again) == snapshot(demo_path)


def test_another_seed_another_journal(demo_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    build_demo(other, seed=8, today=TODAY)
    assert snapshot(other)[1] != snapshot(demo_path)[1]


def test_stories_hold_on_another_day(tmp_path: Path) -> None:
    leap_day = date(2028, 2, 29)
    path = tmp_path / "leap.db"
    build_demo(path, today=leap_day)
    with open_journal(path, today=lambda: leap_day) as journal:
        highlights = journal.highlights()
    assert highlights.reconnect and highlights.you_give and highlights.you_receive


def test_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_text("my notes")
    with pytest.raises(JournalFileError, match="already exists"):
        build_demo(path, today=TODAY)
    assert path.read_text() == "my notes"


def test_birthdays_and_dates_come_up_within_two_weeks(demo: Journal) -> None:
    coming = demo.upcoming()
    assert len(coming) >= 2
    assert all(0 <= c.days_away <= 14 for c in coming)
    ana = next(c for c in coming if c.contact.name == "Ana Lima")
    assert (ana.label, ana.days_away, ana.turning) == ("Birthday", 2, 40)
    assert any(c.label == "Work anniversary" for c in coming)
    assert "Name day" not in {c.label for c in coming}
    assert "Name day" in {c.label for c in demo.upcoming(days=60)}
