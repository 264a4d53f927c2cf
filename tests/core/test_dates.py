"""Tests for reading and describing dates (docs/guide.md, "Birthdays and dates")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjournal.core.dates import (
    format_iso,
    format_long,
    humanize_date,
    humanize_days,
    parse_date,
    parse_date_allow_future,
    parse_month_day,
    utc_now,
)
from netjournal.core.errors import InputError

TODAY = date(2026, 11, 25)  # a Wednesday
# Fragments that steer dateutil into its odder corners when strung together.
DATE_WORDS = (
    "20", "nov", "2026", "/", "-", ":", "10", "ago", "last", "fri", "3", "days", "of",
    "26", "29", "feb", "at", "pm", "31", "0", "99", "t", "z", ",", ".",
)  # fmt: skip
ACCEPTED = "Try today, yesterday, 3 days ago, last friday, friday, 2026-11-20 or 20 Nov."


def test_fixed_today_is_a_wednesday() -> None:
    assert TODAY.weekday() == 2


# parse_date: each accepted form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("  TODAY \n", TODAY),
        ("yesterday", date(2026, 11, 24)),
        ("Yesterday", date(2026, 11, 24)),
        ("0 days ago", TODAY),
        ("1 day ago", date(2026, 11, 24)),
        ("3 days ago", date(2026, 11, 22)),
        ("3  DAYS   ago", date(2026, 11, 22)),
        ("a day ago", date(2026, 11, 24)),
        ("a week ago", date(2026, 11, 18)),
        ("two weeks ago", date(2026, 11, 11)),
        ("an year ago", date(2025, 11, 25)),
        ("one month ago", date(2026, 10, 25)),
        ("ten days ago", date(2026, 11, 15)),
        ("6 months ago", date(2026, 5, 25)),
        ("2 years ago", date(2024, 11, 25)),
        ("400 days ago", TODAY - timedelta(days=400)),
        ("last friday", date(2026, 11, 20)),
        ("last Monday", date(2026, 11, 23)),  # same week, still strictly before today
        ("last tuesday", date(2026, 11, 24)),
        ("last thursday", date(2026, 11, 19)),
        ("last sun", date(2026, 11, 22)),
        ("friday", date(2026, 11, 20)),
        ("Monday", date(2026, 11, 23)),
        ("thursday", date(2026, 11, 19)),
        ("fri", date(2026, 11, 20)),
        ("tue", date(2026, 11, 24)),
        ("thurs", date(2026, 11, 19)),
        ("weds", TODAY),
        ("2026-11-20", date(2026, 11, 20)),
        ("1999-01-31", date(1999, 1, 31)),
        ("20261120", date(2026, 11, 20)),
        ("20 Nov", date(2026, 11, 20)),
        ("20 november", date(2026, 11, 20)),
        ("Nov 20", date(2026, 11, 20)),
        ("Nov 20 2026", date(2026, 11, 20)),
        ("20 Nov 2019", date(2019, 11, 20)),
        ("20th of November", date(2026, 11, 20)),
        ("20/11/2026", date(2026, 11, 20)),
        ("11/20/2026", date(2026, 11, 20)),
        ("03/04/2026", date(2026, 3, 4)),  # month first when ambiguous
        ("20 Nov 26", date(2026, 11, 20)),
        ("1 Jan 77", date(1977, 1, 1)),  # two-digit years stay within 50 years of today
        ("Friday 20 Nov 2026", date(2026, 11, 20)),
        ("25 Nov", TODAY),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_last_weekday_on_that_weekday_is_a_week_back() -> None:
    assert parse_date("last wednesday", TODAY) == date(2026, 11, 18)
    assert parse_date("last wed", TODAY) == date(2026, 11, 18)


def test_weekday_alone_on_that_weekday_is_today() -> None:
    friday = date(2026, 11, 27)
    assert parse_date("friday", friday) == friday
    assert parse_date("last friday", friday) == date(2026, 11, 20)
    assert parse_date("wednesday", TODAY) == TODAY


@given(st.dates(min_value=date(2, 1, 1)), st.integers(min_value=0, max_value=6))
def test_weekday_rules_hold_for_any_today(today: date, weekday: int) -> None:
    name = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][weekday]
    recent = parse_date(name, today)
    assert recent.weekday() == weekday
    assert 0 <= (today - recent).days <= 6
    last = parse_date(f"last {name}", today)
    assert last.weekday() == weekday
    assert 1 <= (today - last).days <= 7


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 3, 31), "1 month ago", date(2026, 2, 28)),
        (date(2024, 3, 31), "1 month ago", date(2024, 2, 29)),
        (date(2026, 5, 31), "1 month ago", date(2026, 4, 30)),
        (date(2024, 2, 29), "1 year ago", date(2023, 2, 28)),
        (date(2026, 1, 15), "2 months ago", date(2025, 11, 15)),
    ],
)
def test_months_and_years_ago_clamp_to_month_end(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 Dec", date(2025, 12, 20)),  # this year's has not come yet
        ("Dec 20", date(2025, 12, 20)),
        ("26 Nov", date(2025, 11, 26)),
        ("24 Nov", date(2026, 11, 24)),
        ("1 Jan", date(2026, 1, 1)),
        ("29 Feb", date(2024, 2, 29)),  # the most recent leap day
    ],
)
def test_missing_year_means_the_most_recent_such_day(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_missing_year_on_new_years_day() -> None:
    assert parse_date("31 Dec", date(2027, 1, 1)) == date(2026, 12, 31)
    assert parse_date("1 Jan", date(2027, 1, 1)) == date(2027, 1, 1)


def test_a_datetime_today_is_treated_as_its_day() -> None:
    now = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert parse_date("yesterday", now) == date(2026, 11, 24)


def test_default_today_is_the_local_day() -> None:
    local_today = datetime.now(UTC).astimezone().date()
    assert parse_date("today") in (local_today, local_today + timedelta(days=1))


# parse_date: refusals


@pytest.mark.parametrize(
    "text",
    ["2026-12-01", "tomorrow", "in 3 days", "2027-01-01", "26 Nov 2026", "Dec 1 2026"],
)
def test_future_dates_are_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == (
        f'"{text}" is in the future; a journal entry can only be dated today or earlier.'
    )


def test_future_message_matches_the_product_wording() -> None:
    with pytest.raises(InputError, match="future") as caught:
        parse_date("  2026-12-01 ", TODAY)
    assert caught.value.message == (
        '"2026-12-01" is in the future; a journal entry can only be dated today or earlier.'
    )


@pytest.mark.parametrize(
    "text",
    [
        "blah",
        "last week",
        "last blah",
        "fr",
        "Nov",
        "2026",
        "10:30",
        "5",
        "3 fortnights ago",
        "-3 days ago",
        "eleven days ago",
        "yesterday please",
        "20 Smarch",
        "2026-02-30",
    ],
)
def test_unreadable_text_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    message = str(caught.value)
    assert ACCEPTED in message
    assert f'"{text}"' in message


def test_garbage_message_wording() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("blah", TODAY)
    assert str(caught.value) == f'Can\'t read "blah" as a date. {ACCEPTED}'


def test_empty_text_is_refused() -> None:
    for text in ("", "   ", "\n"):
        with pytest.raises(InputError, match="No date given"):
            parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["99999 years ago", "9999999999999999999999 days ago"])
def test_out_of_range_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a day on the calendar"):
        parse_date(text, TODAY)


def test_hostile_text_is_cleaned_and_shortened_in_the_message() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("\x1b]0;owned\x07\u202e\ud800", TODAY)
    assert '"]0;owned"' in str(caught.value)
    with pytest.raises(InputError) as caught:
        parse_date("x" * 100_000, TODAY)
    assert len(str(caught.value)) < 200


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_parse_date_raises_only_input_error(text: str) -> None:
    try:
        day = parse_date(text, TODAY)
    except InputError as error:
        assert "\x1b" not in str(error)
    else:
        assert day <= TODAY


@given(
    st.lists(st.sampled_from(DATE_WORDS), max_size=6),
    st.dates(min_value=date(2, 1, 1)),
)
def test_parse_date_on_date_like_words_raises_only_input_error(
    words: list[str], today: date
) -> None:
    try:
        day = parse_date(" ".join(words), today)
    except InputError:
        pass
    else:
        assert day <= today


# Round trip


@given(st.dates(max_value=TODAY))
def test_iso_round_trip(day: date) -> None:
    assert parse_date(format_iso(day), TODAY) == day


@given(st.dates(max_value=TODAY))
def test_iso_round_trip_with_future_allowed(day: date) -> None:
    assert parse_date_allow_future(format_iso(day), TODAY) == day


@given(st.dates())
def test_long_format_reads_back(day: date) -> None:
    if day.year < 100:
        return  # dateutil reads short years as two-digit ones
    assert parse_date_allow_future(format_long(day), TODAY) == day


# parse_date_allow_future


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", date(2026, 11, 26)),
        ("in 3 days", date(2026, 11, 28)),
        ("in a week", date(2026, 12, 2)),
        ("in two months", date(2027, 1, 25)),
        ("2026-12-01", date(2026, 12, 1)),
        ("20 Dec", date(2026, 12, 20)),  # no roll back: a later day is welcome
        ("1 Jan", date(2026, 1, 1)),
        ("yesterday", date(2026, 11, 24)),
        ("friday", date(2026, 11, 20)),  # weekday names still mean the most recent
    ],
)
def test_parse_date_allow_future(text: str, expected: date) -> None:
    assert parse_date_allow_future(text, TODAY) == expected


def test_allow_future_refuses_garbage_and_missing_leap_day() -> None:
    with pytest.raises(InputError, match="Can't read"):
        parse_date_allow_future("soon", TODAY)
    with pytest.raises(InputError, match="not a day on the calendar"):
        parse_date_allow_future("29 Feb", TODAY)
    assert parse_date_allow_future("29 Feb", date(2028, 1, 1)) == date(2028, 2, 29)


# parse_month_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03-14", (3, 14, None)),
        ("3-14", (3, 14, None)),
        ("--03-14", (3, 14, None)),
        ("--0314", (3, 14, None)),
        ("14 Mar", (3, 14, None)),
        ("Mar 14", (3, 14, None)),
        ("14 march", (3, 14, None)),
        ("1990-03-14", (3, 14, 1990)),
        ("19900314", (3, 14, 1990)),
        ("14 Mar 1990", (3, 14, 1990)),
        ("March 14, 1990", (3, 14, 1990)),
        ("1990-03-14T00:00:00Z", (3, 14, 1990)),
        (" 02-29 ", (2, 29, None)),
        ("29 Feb", (2, 29, None)),
        ("2000-02-29", (2, 29, 2000)),
        ("14 Mar 90", (3, 14, 1990)),
    ],
)
def test_parse_month_day_accepts(text: str, expected: tuple[int, int, int | None]) -> None:
    assert parse_month_day(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "blah", "Mar", "1990", "13-01", "02-30", "--02-30", "00-10", "2001-02-29", "31 Apr"],
)
def test_parse_month_day_refuses(text: str) -> None:
    with pytest.raises(InputError):
        parse_month_day(text, TODAY)


def test_parse_month_day_refuses_a_future_birth_date() -> None:
    with pytest.raises(InputError, match="future"):
        parse_month_day("2027-01-01", TODAY)


def test_parse_month_day_without_today() -> None:
    assert parse_month_day("--12-31") == (12, 31, None)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_parse_month_day_raises_only_input_error(text: str) -> None:
    try:
        month, day, year = parse_month_day(text, TODAY)
    except InputError:
        return
    date(2000 if year is None else year, month, day)


# humanize_date


@pytest.mark.parametrize(
    ("days_back", "expected"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (20, "2 weeks ago"),
        (21, "3 weeks ago"),
        (59, "8 weeks ago"),
        (60, "2 months ago"),
        (92, "3 months ago"),
        (365, "12 months ago"),
        (729, "23 months ago"),
        (730, "2 years ago"),
        (1100, "3 years ago"),
        (-1, "tomorrow"),
        (-2, "in 2 days"),
        (-13, "in 13 days"),
        (-14, "in 2 weeks"),
        (-60, "in 2 months"),
        (-730, "in 2 years"),
    ],
)
def test_humanize_date(days_back: int, expected: str) -> None:
    assert humanize_date(TODAY - timedelta(days=days_back), TODAY) == expected


def test_humanize_date_floors_months_and_years_at_two() -> None:
    # 60 days before 1 Mar 2026 is 1 month and 29 days.
    assert humanize_date(date(2025, 12, 31), date(2026, 3, 1)) == "2 months ago"
    # 730 days across a leap day is 1 year and 11 months.
    assert humanize_date(date(2023, 3, 2), date(2025, 3, 1)) == "2 years ago"


def test_humanize_date_accepts_datetimes() -> None:
    assert humanize_date(datetime(2026, 11, 24, 23, tzinfo=UTC), TODAY) == "yesterday"


@pytest.mark.parametrize("today", [TODAY, date(2024, 2, 29), date(2025, 3, 1), date(2026, 1, 1)])
def test_humanize_date_every_offset(today: date) -> None:
    for offset in range(2001):
        for day in (today - timedelta(days=offset), today + timedelta(days=offset)):
            text = humanize_date(day, today)
            assert text
            words = text.split()
            if len(words) == 3:
                number = words[1] if words[0] == "in" else words[0]
                assert int(number) >= 2, text
        if 2 <= offset <= 13:
            assert humanize_date(today - timedelta(days=offset), today) == f"{offset} days ago"


@given(st.dates(), st.dates())
def test_humanize_date_never_raises(day: date, today: date) -> None:
    text = humanize_date(day, today)
    assert text
    assert text.endswith("ago") or text in ("today", "yesterday") or day > today


# humanize_days


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "0 days"),
        (1, "1 day"),
        (2, "2 days"),
        (12, "12 days"),
        (13, "13 days"),
        (14, "2 weeks"),
        (21, "3 weeks"),
        (30, "4 weeks"),
        (59, "8 weeks"),
        (60, "2 months"),
        (92, "3 months"),
        (365, "12 months"),
        (730, "2 years"),
        (1461, "4 years"),
        (-12, "12 days"),
    ],
)
def test_humanize_days(days: int, expected: str) -> None:
    assert humanize_days(days) == expected


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_humanize_days_never_raises(days: int) -> None:
    assert humanize_days(days)


# Formatting and the clock


def test_format_iso() -> None:
    assert format_iso(TODAY) == "2026-11-25"
    assert format_iso(date(5, 1, 2)) == "0005-01-02"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (TODAY, "Wed 25 Nov 2026"),
        (date(2026, 1, 5), "Mon 5 Jan 2026"),
        (date(2024, 2, 29), "Thu 29 Feb 2024"),
        (date(2026, 11, 22), "Sun 22 Nov 2026"),
    ],
)
def test_format_long(day: date, expected: str) -> None:
    assert format_long(day) == expected


def test_utc_now_is_aware_utc() -> None:
    before = datetime.now(UTC)
    now = utc_now()
    assert now.tzinfo is UTC
    assert now.utcoffset() == timedelta(0)
    assert before <= now <= datetime.now(UTC)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    st.integers(min_value=0, max_value=5000),
)
def test_whole_months_count_as_relativedelta_does(earlier: date, days: int) -> None:
    """Home shows "3 months ago" without importing dateutil; the count must not change."""
    from dateutil.relativedelta import relativedelta

    from netjournal.core.dates import _whole_months

    later = earlier + timedelta(days=days)
    span = relativedelta(later, earlier)
    assert _whole_months(earlier, later) == span.years * 12 + span.months
