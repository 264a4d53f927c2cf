"""Dates as people type them ("3 days ago", "last friday", "20 Nov") and as they read best
("yesterday", "3 weeks ago"); every "today" is passed in so the rules can be tested."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from netjournal.core.clock import local_today as _local_today
from netjournal.core.clock import utc_now
from netjournal.core.errors import InputError
from netjournal.core.text import clean_line

if TYPE_CHECKING:
    from dateutil import parser as dateutil_parser
    from dateutil.relativedelta import relativedelta

__all__ = [
    "format_iso",
    "format_long",
    "format_month_day",
    "format_short",
    "humanize_date",
    "humanize_days",
    "parse_date",
    "parse_date_allow_future",
    "parse_month_day",
    "utc_now",
]

_ACCEPTED = "Try today, yesterday, 3 days ago, last friday, friday, 2026-11-20 or 20 Nov."
_ACCEPTED_MONTH_DAY = "Try 03-14, --03-14, 14 Mar, Mar 14 or 1990-03-14."

# Nobody types a date this long; refusing early keeps dateutil off 100 kB pastes.
_MAX_INPUT = 100

# English names on purpose: strftime's %a/%b follow the process locale.
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_COUNT = r"(?P<n>[0-9]+|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_AGO = re.compile(rf"{_COUNT} {_UNIT} ago")
_AHEAD = re.compile(rf"in {_COUNT} {_UNIT}")
_LAST_WEEKDAY = re.compile(r"last (?P<day>[a-z]+)")
_MONTH_DAY = re.compile(r"(?:--)?(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_VCARD_MONTH_DAY = re.compile(r"--(?P<month>[0-9]{2})(?P<day>[0-9]{2})")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FULL_DATE = re.compile(r"(?P<year>[0-9]{4})-?(?P<month>[0-9]{2})-?(?P<day>[0-9]{2})")

# Two defaults that differ in every date field: a field that comes out different from the two
# parses was not in the text. Both years are leap years so "29 Feb" survives the parse.
_PROBE_DEFAULTS = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2004, 2, 2, tzinfo=UTC))


@functools.cache
def _parser_info() -> Callable[[date], dateutil_parser.parserinfo]:
    """dateutil's English names, with two-digit years placed around the injected today.

    dateutil's own window reads the clock when the parser is built. Made on first use: dateutil
    takes ~50 ms to import, and showing dates (Home's first frame) needs none of it.
    """
    from dateutil import parser as dateutil_parser

    class ParserInfo(dateutil_parser.parserinfo):
        def __init__(self, today: date) -> None:
            super().__init__(dayfirst=False, yearfirst=False)
            self._today_year = today.year

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            if year >= 100 or century_specified:
                return year
            year += self._today_year // 100 * 100
            if year >= self._today_year + 50:
                year -= 100
            elif year < self._today_year - 50:
                year += 100
            return year

    return ParserInfo


class _Unreadable(Exception):
    """Internal: the text is not a date in any accepted form."""


def _as_date(value: date) -> date:
    # datetime is a date subclass, but mixing the two in arithmetic or comparison raises.
    return value.date() if isinstance(value, datetime) else value


def _quoted(text: str) -> str:
    shown = clean_line(text)
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return f'"{shown}"'


def _weekday_index(word: str) -> int | None:
    """Return 0–6 for a weekday name or an abbreviation of at least three letters."""
    if word == "weds":
        return 2
    if len(word) < 3:
        return None
    for index, name in enumerate(_WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def _count(match: re.Match[str]) -> int:
    word = match.group("n")
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _offset(count: int, unit: str) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    if unit == "day":
        return relativedelta(days=count)
    if unit == "week":
        return relativedelta(weeks=count)
    if unit == "month":
        return relativedelta(months=count)
    return relativedelta(years=count)


def _probe(text: str, today: date) -> tuple[int | None, int | None, int | None]:
    """Parse with dateutil and return (year, month, day), None for each field not in the text."""
    from dateutil import parser as dateutil_parser

    info = _parser_info()(today)
    first, second = (
        dateutil_parser.parser(info).parse(text, default=default, ignoretz=True)
        for default in _PROBE_DEFAULTS
    )
    return (
        first.year if first.year == second.year else None,
        first.month if first.month == second.month else None,
        first.day if first.day == second.day else None,
    )


def _parse(text: str, today: date, *, allow_future: bool) -> date:
    """Read `text` as a date or raise _Unreadable; ValueError/OverflowError mean out of range."""
    words = " ".join(text.lower().split())
    if words == "today":
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    if words == "tomorrow":
        return today + timedelta(days=1)
    if match := _AGO.fullmatch(words):
        return today - _offset(_count(match), match.group("unit"))
    if match := _AHEAD.fullmatch(words):
        return today + _offset(_count(match), match.group("unit"))
    if match := _LAST_WEEKDAY.fullmatch(words):
        weekday = _weekday_index(match.group("day"))
        if weekday is None:
            raise _Unreadable
        back = (today.weekday() - weekday) % 7 or 7
        return today - timedelta(days=back)
    weekday = _weekday_index(words)
    if weekday is not None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    if _ISO_DATE.fullmatch(words):
        # Shaped like ISO but not a real day ("2026-02-30"): say so rather than "can't read".
        return date.fromisoformat(words)
    try:
        # Python 3.11 also reads basic and week forms: "20261120", "2026-W48-3".
        return date.fromisoformat(words)
    except ValueError:
        pass
    try:
        year, month, day = _probe(words, today)
    except (ValueError, OverflowError) as error:
        raise _Unreadable from error
    if month is None or day is None:
        # "Nov", "2026" or "10:30" name no single day.
        raise _Unreadable
    if year is not None:
        return date(year, month, day)
    if allow_future:
        return date(today.year, month, day)
    # The most recent such day: "20 Dec" typed in November means last December, and "29 Feb"
    # means the last leap day.
    for candidate_year in range(today.year, today.year - 9, -1):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise _Unreadable


def _parse_checked(text: str, today: date | None, *, allow_future: bool) -> date:
    today = _local_today() if today is None else _as_date(today)
    if not text.strip():
        raise InputError(f"No date given. {_ACCEPTED}")
    if len(text) > _MAX_INPUT:
        raise InputError(f"Can't read {_quoted(text)} as a date. {_ACCEPTED}")
    try:
        day = _parse(text, today, allow_future=allow_future)
    except _Unreadable:
        raise InputError(f"Can't read {_quoted(text)} as a date. {_ACCEPTED}") from None
    except (ValueError, OverflowError):
        # Python dates run from year 1 to 9999; "29 Feb 2026" and "99999 years ago" land here.
        raise InputError(f"{_quoted(text)} is not a day on the calendar. {_ACCEPTED}") from None
    if not allow_future and day > today:
        raise InputError(
            f"{_quoted(text.strip())} is in the future; "
            "a journal entry can only be dated today or earlier."
        )
    return day


def parse_date(text: str, today: date | None = None) -> date:
    """Read a date typed by a person; it must be `today` or earlier.

    Accepted, ignoring case and surrounding whitespace:

    - ``today``, ``yesterday``;
    - ``N days/weeks/months/years ago`` with N a number or a/an/one…ten; months and years
      clamp to the month's end (``1 month ago`` on 31 Mar is the last day of February);
    - ``last friday``: the most recent Friday strictly before today. On a Friday that is a
      week ago; on a Saturday it is yesterday, even though that is in the same week;
    - ``friday`` alone: the most recent Friday, today included;
    - weekday abbreviations of three or more letters (``fri``, ``thurs``) in both forms;
    - ISO dates (``2026-11-20``) and whatever ``dateutil.parser`` reads as a full day
      (``20 Nov``, ``Nov 20 2026``, ``20/11/2026``; month first when ambiguous). Without a
      year, the most recent such day is meant: this year's, or last year's if this year's
      has not come yet. Two-digit years fall within 50 years of today.

    ``today`` defaults to the local calendar day. Raises InputError, saying what was typed and
    what is accepted, for unreadable text and for days after ``today``.
    """
    return _parse_checked(text, today, allow_future=False)


def parse_date_allow_future(text: str, today: date | None = None) -> date:
    """Like parse_date, for dates that may be ahead (snooze until, next contact).

    Also reads ``tomorrow`` and ``in N days/weeks/months/years``. A missing year is always
    today's year here, since a later day is welcome; weekday names still mean the most recent.
    """
    return _parse_checked(text, today, allow_future=True)


def parse_month_day(
    text: str, today: date | None = None, *, what: str = "birthday"
) -> tuple[int, int, int | None]:
    """Read a birthday and return (month, day, year or None).

    Accepts ``03-14``, ``--03-14`` and ``--0314`` (vCard), ``14 Mar``, ``Mar 14``,
    ``1990-03-14``, ``19900314`` and other full dates dateutil reads. 29 Feb is allowed without
    a year. ``today`` (default: the local day) places two-digit years and refuses a birth date
    after it. Raises InputError otherwise; `what` names the date in its message.
    """
    today = _local_today() if today is None else _as_date(today)
    words = " ".join(text.lower().split())
    refusal = InputError(f"Can't read {_quoted(text)} as a {what}. {_ACCEPTED_MONTH_DAY}")
    if not words or len(words) > _MAX_INPUT:
        raise refusal
    year: int | None
    match = (
        _MONTH_DAY.fullmatch(words)
        or _VCARD_MONTH_DAY.fullmatch(words)
        or _FULL_DATE.fullmatch(words)
    )
    if match:
        found = match.groupdict()
        year = int(found["year"]) if found.get("year") else None
        month, day = int(found["month"]), int(found["day"])
    else:
        try:
            year, probed_month, probed_day = _probe(words, today)
        except (ValueError, OverflowError):
            raise refusal from None
        if probed_month is None or probed_day is None:
            raise refusal
        month, day = probed_month, probed_day
    try:
        # 2000 is a leap year, so a yearless 29 Feb passes.
        birthday = date(2000 if year is None else year, month, day)
    except ValueError:
        raise InputError(
            f"{_quoted(text)} is not a day on the calendar. {_ACCEPTED_MONTH_DAY}"
        ) from None
    if year is not None and birthday > today:
        raise InputError(f"{_quoted(text.strip())} is in the future; a {what} can't be.")
    return month, day, year


def _ago(count: int, unit: str, future: bool) -> str:
    return f"in {count} {unit}" if future else f"{count} {unit} ago"


def humanize_date(day: date, today: date) -> str:
    """Describe `day` relative to `today`: "today", "yesterday", "5 days ago", "2 weeks ago",
    "3 months ago", "2 years ago", and mirrored for later days ("tomorrow", "in 3 weeks").

    Months and years are calendar ones, never fewer than 2. Never raises.
    """
    day, today = _as_date(day), _as_date(today)
    future = day > today
    earlier, later = (today, day) if future else (day, today)
    days = (later - earlier).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow" if future else "yesterday"
    if days < 14:
        return _ago(days, "days", future)
    if days < 60:
        return _ago(days // 7, "weeks", future)
    months = _whole_months(earlier, later)
    if days < 730:
        # 60 days can be 1 month and 29 days; "1 months ago" would also read wrong.
        return _ago(max(2, months), "months", future)
    # 730 days across a leap day is 1 year and 11 months.
    return _ago(max(2, months // 12), "years", future)


def _whole_months(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later`, as dateutil's relativedelta counts them:
    a month from 31 Jan is the end of February."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    year, month = divmod(earlier.month - 1 + months, 12)
    landed = date(
        earlier.year + year,
        month + 1,
        min(earlier.day, calendar.monthrange(earlier.year + year, month + 1)[1]),
    )
    return months - 1 if landed > later else months


def humanize_days(n: int) -> str:
    """Describe a span of `n` days: "1 day", "12 days", "3 weeks", "2 months", "4 years".

    Same steps as humanize_date (weeks from 14 days, months from 60, years from 730), counting
    a year as 365 days and a month as a twelfth of that, so 365 days read "12 months" and 730
    "2 years" as they do from most days. A negative span is described by its size.
    """
    n = abs(n)
    if n == 1:
        return "1 day"
    if n < 14:
        return f"{n} days"
    if n < 60:
        return f"{n // 7} weeks"
    if n < 730:
        return f"{max(2, n * 12 // 365)} months"
    return f"{n // 365} years"


def format_iso(day: date) -> str:
    """Return `day` as ISO 8601, e.g. "2026-11-25" (exports, storage)."""
    return _as_date(day).isoformat()


def format_long(day: date) -> str:
    """Return `day` as "Wed 25 Nov 2026", in English whatever the locale."""
    day = _as_date(day)
    return f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]} {day.year}"


def format_short(day: date) -> str:
    """Return `day` as "Fri 27 Nov", in English whatever the locale (a date soon to come)."""
    day = _as_date(day)
    return f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]}"


def format_month_day(month: int, day: int, year: int | None = None) -> str:
    """Return a remembered date as "14 Mar" or "14 Mar 1990", which `parse_month_day` reads."""
    shown = f"{day} {_MONTH_ABBR[month - 1]}" if 1 <= month <= 12 else f"{month:02d}-{day:02d}"
    return f"{shown} {year}" if year is not None else shown
