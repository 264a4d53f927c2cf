"""Each highlight rule pinned at its edges, on pure facts (no database).

How the ledger computes the facts (the clock, the rhythm, depth) is tested in test_ledger.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netjournal.core.highlights import insights
from netjournal.core.highlights.insights import ContactFacts, summarize
from netjournal.core.settings import Settings

TODAY = date(2026, 11, 25)
S = Settings(tag_cadence={"close": 30, "network": 90})


def facts(**kw: object) -> ContactFacts:
    base: dict[str, object] = {"id": 1, "name": "Ana Lima", "clock": TODAY - timedelta(days=400)}
    base.update(kw)
    return ContactFacts(**base)  # type: ignore[arg-type]


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("since", "state"),
    [(29, "ok"), (30, "due"), (44, "due"), (45, "overdue"), (200, "overdue")],
)
def test_due_at_one_and_overdue_at_one_and_a_half_cadence(since: int, state: str) -> None:
    s = summarize(facts(cadence_days=30, clock=days_ago(since)), S, TODAY)
    assert s.due == state
    assert s.days_since == since


def test_no_cadence_never_appears() -> None:
    s = summarize(facts(tags=("friends",), clock=days_ago(4000)), S, TODAY)
    assert s.cadence_days is None
    assert s.due == "none"
    assert insights.reconnect_list([s]) == []


def test_a_clock_in_the_future_is_not_due_and_counts_no_days() -> None:
    """A journal written while the machine's clock ran ahead."""
    s = summarize(facts(cadence_days=7, clock=TODAY + timedelta(days=40)), S, TODAY)
    assert (s.days_since, s.due) == (0, "ok")


def test_snooze_hides_until_its_day() -> None:
    snoozed = summarize(
        facts(cadence_days=7, clock=days_ago(20), snoozed_until=TODAY + timedelta(days=1)),
        S,
        TODAY,
    )
    assert snoozed.due == "snoozed"
    assert insights.reconnect_list([snoozed]) == []
    back = summarize(facts(cadence_days=7, clock=days_ago(20), snoozed_until=TODAY), S, TODAY)
    assert back.due == "overdue"


def test_reconnect_orders_by_how_far_past_the_rhythm() -> None:
    bruno = summarize(facts(id=1, name="Bruno", cadence_days=7, clock=days_ago(20)), S, TODAY)
    ana = summarize(facts(id=2, name="Ana", cadence_days=30, clock=days_ago(40)), S, TODAY)
    rui = summarize(facts(id=3, name="Rui", cadence_days=45, clock=days_ago(70)), S, TODAY)
    fine = summarize(facts(id=4, name="Fine", cadence_days=45, clock=days_ago(3)), S, TODAY)
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


def test_the_balance_is_the_same_whichever_day_the_weights_were_decayed_to() -> None:
    today = summarize(facts(given=6.0, received=2.0, window_count=4), S, TODAY)
    earlier = summarize(
        facts(given=12.0, received=4.0, window_count=4, as_of=TODAY - timedelta(days=180)),
        S,
        TODAY,
    )
    assert earlier.given == pytest.approx(today.given)
    assert earlier.received == pytest.approx(today.received)
    assert earlier.balance == pytest.approx(today.balance)


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
