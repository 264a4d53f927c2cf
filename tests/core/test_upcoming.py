"""Birthdays and other dates: their next occurrence, the Upcoming window, and how they're kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjournal.core.errors import InputError
from netjournal.core.highlights.upcoming import DateRow, next_occurrence, occurrence_in, upcoming
from netjournal.core.journal import Journal
from netjournal.core.records import ContactDraft, DateDraft
from tests.conftest import TODAY


def row(month: int, day: int, year: int | None = None, label: str = "Birthday") -> DateRow:
    return DateRow(1, "Ana Lima", label, month, day, year)


months = st.integers(1, 12)
days_of_month = st.integers(1, 31)
todays = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
windows = st.integers(0, 400)


@st.composite
def month_days(draw: st.DrawFn) -> tuple[int, int]:
    month = draw(months)
    last = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return month, draw(st.integers(1, last))


def falls_on(day: date, month: int, dom: int) -> bool:
    return day == occurrence_in(day.year, month, dom)


@given(month_days(), todays, windows)
def test_every_date_returned_is_in_the_window_and_the_next_occurrence(
    md: tuple[int, int], today: date, days: int
) -> None:
    month, dom = md
    for found in upcoming([row(month, dom)], today, days):
        assert today <= found.on <= today + timedelta(days=days)
        assert found.days_away == (found.on - today).days
        assert falls_on(found.on, month, dom)
        # Nothing between today and the date found is also an occurrence.
        between = (today + timedelta(days=n) for n in range(found.days_away))
        assert not any(falls_on(d, month, dom) for d in between)


@given(month_days(), todays, windows)
def test_nothing_in_the_window_is_missed(md: tuple[int, int], today: date, days: int) -> None:
    month, dom = md
    window = [today + timedelta(days=n) for n in range(days + 1)]
    expected = any(falls_on(d, month, dom) for d in window)
    assert bool(upcoming([row(month, dom)], today, days)) == expected


@given(month_days(), todays)
def test_next_occurrence_is_never_before_today_nor_a_year_away(
    md: tuple[int, int], today: date
) -> None:
    on = next_occurrence(*md, today)
    assert today <= on < today + timedelta(days=367)


def test_feb_29_falls_on_feb_28_in_a_common_year() -> None:
    (found,) = upcoming([row(2, 29, 2000)], date(2027, 2, 20), 14)
    assert found.on == date(2027, 2, 28)
    assert found.turning == 27


def test_feb_29_stays_on_feb_29_in_a_leap_year() -> None:
    (found,) = upcoming([row(2, 29)], date(2028, 2, 20), 14)
    assert found.on == date(2028, 2, 29)
    assert found.turning is None


def test_the_window_spans_the_year_end() -> None:
    found = upcoming([row(1, 5, 1990), row(12, 30)], date(2026, 12, 28), 14)
    assert [(u.on, u.turning) for u in found] == [
        (date(2026, 12, 30), None),
        (date(2027, 1, 5), 37),
    ]


def test_the_window_includes_today_and_its_last_day() -> None:
    today = date(2026, 11, 25)
    found = upcoming([row(11, 25), row(12, 9), row(12, 10)], today, 14)
    assert [u.days_away for u in found] == [0, 14]


def test_a_date_passed_this_year_comes_next_year() -> None:
    assert next_occurrence(11, 24, date(2026, 11, 25)) == date(2027, 11, 24)


def test_turning_counts_years_and_is_none_in_the_first_year() -> None:
    today = date(2026, 11, 25)
    (anniversary,) = upcoming([row(12, 1, 2019, "Work anniversary")], today, 14)
    assert anniversary.turning == 7 and anniversary.label == "Work anniversary"
    (first,) = upcoming([row(12, 1, 2026, "Wedding")], today, 14)
    assert first.turning is None


# ------------------------------------------------------------- against a journal


def add(journal: Journal, name: str, **kw: object) -> int:
    return journal.add_contact(ContactDraft(name=name, **kw))  # type: ignore[arg-type]


def test_birthdays_and_dates_come_up_soonest_first(journal: Journal) -> None:
    ana = add(journal, "Ana Lima", birthday_month=11, birthday_day=28, birthday_year=1986)
    bruno = add(journal, "Bruno Costa", dates=(DateDraft("Work anniversary", 12, 2, 2019),))
    add(journal, "Far Away", birthday_month=3, birthday_day=1)
    found = journal.upcoming()
    assert [(u.contact.id, u.label, u.days_away, u.turning) for u in found] == [
        (ana, "Birthday", 3, 40),
        (bruno, "Work anniversary", 7, 7),
    ]


def test_deleted_and_archived_contacts_are_left_out(journal: Journal) -> None:
    kept = add(journal, "Kept", birthday_month=11, birthday_day=26)
    gone = add(journal, "Gone", dates=(DateDraft("Name day", 11, 27),))
    shelved = add(journal, "Shelved", birthday_month=11, birthday_day=27)
    journal.delete_contact(gone)
    journal.set_archived(shelved)
    assert [u.contact.id for u in journal.upcoming()] == [kept]
    journal.undo_delete_contact(gone)
    assert [u.contact.id for u in journal.upcoming()] == [kept, gone]


def test_the_window_follows_the_setting_and_zero_turns_it_off(journal: Journal) -> None:
    add(journal, "Ana Lima", birthday_month=12, birthday_day=20)
    assert journal.upcoming() == []
    journal.update_settings(upcoming_days=30)
    assert [u.days_away for u in journal.upcoming()] == [25]
    journal.update_settings(upcoming_days=0)
    assert journal.upcoming() == []
    assert [u.days_away for u in journal.upcoming(days=40)] == [25]


@pytest.mark.parametrize("days", [-1, 366, True, 2.5])
def test_the_setting_is_checked(journal: Journal, days: object) -> None:
    with pytest.raises(InputError, match="upcoming_days"):
        journal.update_settings(upcoming_days=days)


def test_dates_are_kept_replaced_and_left_alone(journal: Journal) -> None:
    contact_id = add(
        journal,
        "Ana Lima",
        dates=(DateDraft("  Name day ", 6, 24), DateDraft("Work anniversary", 3, 1, 2019)),
    )
    record = journal.contact(contact_id)
    assert [(d.label, d.month, d.day, d.year) for d in record.dates] == [
        ("Work anniversary", 3, 1, 2019),
        ("Name day", 6, 24, None),
    ]
    journal.update_contact(contact_id, ContactDraft(name="Ana Lima"))  # dates=None: untouched
    assert len(journal.contact(contact_id).dates) == 2
    journal.update_contact(contact_id, record.to_draft())
    assert len(journal.contact(contact_id).dates) == 2
    journal.update_contact(contact_id, ContactDraft(name="Ana Lima", dates=()))
    assert journal.contact(contact_id).dates == ()


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (DateDraft("", 3, 1), "needs a label"),
        (DateDraft("x" * 61, 3, 1), "too long"),
        (DateDraft("Name day", 13, 1), 'The date "Name day" has month 13'),
        (DateDraft("Name day", 4, 31), "April has no day 31"),
        (DateDraft("Wedding", 2, 29, 2023), "February 2023 has no day 29"),
        (DateDraft("Wedding", 3, 1, 1899), "from 1900 to 2026"),
        (DateDraft("Wedding", 3, 1, TODAY.year + 1), "from 1900 to 2026"),
    ],
)
def test_bad_dates_are_refused_with_a_sentence_naming_them(
    journal: Journal, when: DateDraft, words: str
) -> None:
    with pytest.raises(InputError, match=words):
        add(journal, "Ana Lima", dates=(when,))
    assert journal.contact_refs() == []


def test_feb_29_without_a_year_is_kept(journal: Journal) -> None:
    contact_id = add(journal, "Leap", dates=(DateDraft("Name day", 2, 29),))
    assert journal.contact(contact_id).dates[0].day == 29


def test_bulk_import_carries_dates(journal: Journal) -> None:
    (new,) = journal.import_records(
        [ContactDraft("Ana Lima", dates=(DateDraft("Name day", 6, 24),))]
    )
    assert [d.label for d in journal.contact(new).dates] == ["Name day"]
    journal.import_records(
        updates=[(new, ContactDraft("Ana Lima", dates=(DateDraft("Anniversary", 1, 2, 2010),)))]
    )
    assert [d.label for d in journal.contact(new).dates] == ["Anniversary"]
    journal.import_records(updates=[(new, ContactDraft("Ana Lima", company="Lumen"))])
    assert [d.label for d in journal.all_contacts()[0].dates] == ["Anniversary"]
