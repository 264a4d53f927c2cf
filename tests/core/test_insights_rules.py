"""Each highlight rule of PRODUCT.md pinned at its edges, on pure facts (no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netjournal.core import insights
from netjournal.core.insights import ContactFacts, summarize
from netjournal.core.settings import Settings

TODAY = date(2026, 11, 25)
S = Settings(tag_cadence={"close": 30, "network": 90})


def facts(**kw: object) -> ContactFacts:
    base: dict[str, object] = {"id": 1, "name": "Ana Lima", "added_on": TODAY - timedelta(days=400)}
    base.update(kw)
    return ContactFacts(**base)  # type: ignore[arg-type]


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("since", "state"),
    [(29, "ok"), (30, "due"), (44, "due"), (45, "overdue"), (200, "overdue")],
)
def test_due_at_one_and_overdue_at_one_and_a_half_cadence(since: int, state: str) -> None:
    s = summarize(facts(own_cadence=30, last_exchange=days_ago(since)), S, TODAY)
    assert s.due == state
    assert s.days_since == since


def test_own_cadence_beats_tag_default() -> None:
    s = summarize(facts(own_cadence=60, tags=("close",), last_exchange=days_ago(40)), S, TODAY)
    assert s.cadence_days == 60
    assert s.due == "ok"


def test_shortest_tag_default_applies_without_own_cadence() -> None:
    s = summarize(facts(tags=("close", "network"), last_exchange=days_ago(40)), S, TODAY)
    assert s.cadence_days == 30
    assert s.due == "due"


def test_no_cadence_never_appears() -> None:
    s = summarize(facts(tags=("friends",), last_exchange=days_ago(4000)), S, TODAY)
    assert s.cadence_days is None
    assert s.due == "none"
    assert insights.reconnect_list([s]) == []


def test_clock_starts_at_newest_of_exchange_touch_and_added() -> None:
    touched = summarize(
        facts(own_cadence=30, last_exchange=days_ago(100), touched_on=days_ago(5)), S, TODAY
    )
    assert touched.clock_start == days_ago(5)
    assert touched.due == "ok"
    added = summarize(facts(own_cadence=30, added_on=days_ago(10)), S, TODAY)
    assert added.clock_start == days_ago(10)
    assert added.due == "ok"


def test_connected_on_counts_as_the_added_date() -> None:
    s = summarize(facts(own_cadence=30, added_on=TODAY, connected_on=days_ago(300)), S, TODAY)
    assert s.clock_start == days_ago(300)
    assert s.due == "overdue"


def test_snooze_hides_until_its_day() -> None:
    snoozed = summarize(
        facts(own_cadence=7, last_exchange=days_ago(20), snoozed_until=TODAY + timedelta(days=1)),
        S,
        TODAY,
    )
    assert snoozed.due == "snoozed"
    assert insights.reconnect_list([snoozed]) == []
    back = summarize(
        facts(own_cadence=7, last_exchange=days_ago(20), snoozed_until=TODAY), S, TODAY
    )
    assert back.due == "overdue"


def test_reconnect_orders_by_how_far_past_the_rhythm() -> None:
    bruno = summarize(
        facts(id=1, name="Bruno", own_cadence=7, last_exchange=days_ago(20)), S, TODAY
    )
    ana = summarize(facts(id=2, name="Ana", own_cadence=30, last_exchange=days_ago(40)), S, TODAY)
    rui = summarize(facts(id=3, name="Rui", own_cadence=45, last_exchange=days_ago(70)), S, TODAY)
    fine = summarize(facts(id=4, name="Fine", own_cadence=45, last_exchange=days_ago(3)), S, TODAY)
    assert [s.name for s in insights.reconnect_list([ana, fine, rui, bruno])] == [
        "Bruno",
        "Rui",
        "Ana",
    ]
    assert insights.reconnect_note(bruno) == "13 days over a 7-day rhythm"


def test_balance_and_lean_at_the_threshold() -> None:
    # G = 8, R = 2 → b = 0.6 exactly: leans "gives".
    s = summarize(facts(given=8.0, received=2.0, window_count=3), S, TODAY)
    assert s.balance == pytest.approx(0.6)
    assert s.lean == "gives"
    just_under = summarize(facts(given=7.9, received=2.1, window_count=3), S, TODAY)
    assert just_under.lean is None
    receives = summarize(facts(given=2.0, received=8.0, window_count=5), S, TODAY)
    assert receives.lean == "receives"


def test_fewer_than_three_exchanges_never_lean() -> None:
    s = summarize(facts(given=9.0, received=0.0, window_count=2), S, TODAY)
    assert s.balance == 1.0
    assert s.lean is None


def test_nothing_exchanged_has_no_balance() -> None:
    assert insights.balance(0.0, 0.0) is None
    assert summarize(facts(), S, TODAY).balance is None


def test_quality_counts_total_active_and_deep() -> None:
    rows = [
        summarize(
            facts(id=1, last_exchange=days_ago(10), gave_count=1, received_count=1), S, TODAY
        ),
        summarize(facts(id=2, last_exchange=days_ago(89), gave_count=2), S, TODAY),
        summarize(
            facts(id=3, last_exchange=days_ago(90), gave_count=1, received_count=2), S, TODAY
        ),
        summarize(facts(id=4), S, TODAY),
        summarize(facts(id=5, archived=True, last_exchange=days_ago(1)), S, TODAY),
    ]
    q = insights.quality(rows, S, TODAY)
    assert (q.total, q.active, q.deep) == (4, 2, 2)


def test_notes_stay_kind() -> None:
    giver = summarize(facts(name="Dana Reis", given=9.0, received=1.0, window_count=4), S, TODAY)
    assert insights.one_sided_note(giver, TODAY) == (
        "You've shared a lot with Dana lately — is this still where you want to invest?"
    )
    taker = summarize(
        facts(
            name="Sam Oliveira",
            given=1.0,
            received=6.0,
            window_count=5,
            received_count=4,
            gave_count=1,
            last_gave=date(2026, 3, 2),
        ),
        S,
        TODAY,
    )
    assert insights.one_sided_note(taker, TODAY) == (
        "Sam has helped you 4 times this past year; "
        "you haven't shared anything with Sam since March."
    )
    for note in (insights.one_sided_note(giver, TODAY), insights.one_sided_note(taker, TODAY)):
        assert "drop" not in note and "unfollow" not in note


def test_month_keys_cover_year_boundaries() -> None:
    keys = insights.month_keys(date(2026, 2, 10), 4)
    assert keys == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_balance_histogram_bins_the_extremes() -> None:
    rows = [
        summarize(facts(id=1, given=1.0, received=0.0), S, TODAY),
        summarize(facts(id=2, given=0.0, received=1.0), S, TODAY),
        summarize(facts(id=3, given=1.0, received=1.0), S, TODAY),
    ]
    counts = insights.balance_histogram(rows, bins=4)
    assert counts == [1, 0, 1, 1]
