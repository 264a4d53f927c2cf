"""The contact form's parts: which field a refusal concerns, the other dates as typed lines,
and one editable channel row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select

from netjournal.core.dates import format_month_day, parse_date, parse_month_day
from netjournal.core.errors import InputError
from netjournal.core.records import ChannelDraft, ChannelRecord, DateDraft, DateRecord
from netjournal.core.vocab import PLATFORM_LABELS, PLATFORMS
from netjournal.tui.widgets.ticks import Tick

# Which field a refusal from the journal is about, found by the words of its message. The
# email check comes first because that message quotes what was typed.
MESSAGE_FIELDS = (
    ("doesn't look like an email", "email"),
    ('the date "', "dates"),
    ("the date label", "dates"),
    ("a date needs", "dates"),
    ("the name ", "name"),
    ("nickname", "nickname"),
    ("company", "company"),
    ("the role", "role"),
    ("location", "location"),
    ("how you met", "how_met"),
    ("the email", "email"),
    ("phone", "phone"),
    ("website", "website"),
    ("notes", "notes"),
    ("birthday", "birthday"),
    ("has no day", "birthday"),
    ("cadence", "cadence"),
    ("the tag ", "tags"),
    ("handle", "channels"),
    ("platform", "channels"),
)


def field_for(message: str) -> str | None:
    lowered = message.casefold()
    for words, field in MESSAGE_FIELDS:
        if words in lowered:
            return field
    return None


def date_input(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


DATES_HINT = "one a line, e.g. Name day: 24 Jun  or  Work anniversary: 2019-03-01"


def dates_input(dates: tuple[DateRecord, ...]) -> str:
    """Other dates as the form shows them: "Label: 24 Jun", one a line."""
    return "\n".join(f"{d.label}: {format_month_day(d.month, d.day, d.year)}" for d in dates)


def read_dates(typed: str, today: date) -> tuple[DateDraft, ...]:
    """Read "Label: date" lines (blank lines skipped); FieldProblem names a line it can't read."""
    dates = []
    for number, line in enumerate(typed.splitlines(), start=1):
        if not line.strip():
            continue
        label, colon, when = line.rpartition(":")
        if not colon:
            raise FieldProblem(
                "dates",
                f'Line {number}: write a label, a colon, then the date, like "Name day: 24 Jun".',
            )
        if not label.strip():
            raise FieldProblem(
                "dates", f'Line {number}: put a label before the colon, like "Name day: 24 Jun".'
            )
        try:
            month, day, year = parse_month_day(when, today, what="date")
        except InputError as error:
            raise FieldProblem("dates", f"Line {number}: {error.message}") from None
        dates.append(DateDraft(label.strip(), month, day, year))
    return tuple(dates)


class FieldProblem(Exception):
    """A typed value the form itself could not read; `field` says where to show it, `target`
    which widget to take the user to."""

    def __init__(self, field: str, message: str, target: Widget | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.target = target


@dataclass(frozen=True)
class ChannelInput:
    """One channel row as typed, before any of it is read."""

    platform: str
    handle: str
    i_follow: bool
    they_follow: bool
    connected: str

    def is_blank(self) -> bool:
        return not (self.handle.strip() or self.i_follow or self.they_follow or self.connected)


class ChannelRow(Vertical):
    """One editable channel: platform, handle, who follows whom, connected since."""

    DEFAULT_CSS = """
    ChannelRow {
        height: auto;
        margin-bottom: 1;
        & > Horizontal { height: auto; }
        & Select { width: 16; }
        & .handle { width: 1fr; margin-left: 1; }
        & Button { margin-left: 1; min-width: 8; }
        & Checkbox { margin-right: 2; }
        & .connected-label { padding-left: 1; color: $text-muted; }
        & .connected { width: 18; margin-left: 1; }
    }
    """

    @dataclass
    class Removed(Message):
        row: ChannelRow

    def __init__(self, channel: ChannelRecord | None = None) -> None:
        super().__init__()
        self._channel = channel

    def compose(self) -> ComposeResult:
        channel = self._channel
        with Horizontal():
            yield Select(
                [(PLATFORM_LABELS[p], p) for p in PLATFORMS],
                value=channel.platform
                if channel is not None and channel.platform in PLATFORMS
                else PLATFORMS[0],
                allow_blank=False,
                compact=True,
            )
            yield Input(
                channel.handle if channel is not None else "",
                placeholder="handle or link",
                classes="handle",
                compact=True,
            )
            yield Button("remove", compact=True, classes="remove")
        with Horizontal():
            yield Tick("I follow", channel is not None and channel.i_follow, compact=True)
            yield Tick("they follow", channel is not None and channel.they_follow, compact=True)
            yield Label("connected on", classes="connected-label")
            yield Input(
                date_input(channel.connected_on) if channel is not None else "",
                placeholder="e.g. 15 Jan 2024",
                classes="connected",
                compact=True,
            )

    @on(Button.Pressed, ".remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))

    def typed(self) -> ChannelInput:
        i_follow, they_follow = (box.value for box in self.query(Checkbox))
        return ChannelInput(
            platform=str(self.query_one(Select).value),
            handle=self.query_one(".handle", Input).value,
            i_follow=i_follow,
            they_follow=they_follow,
            connected=self.query_one(".connected", Input).value,
        )

    def draft(self, today: date) -> ChannelDraft:
        typed = self.typed()
        connected_on = None
        if typed.connected.strip():
            try:
                connected_on = parse_date(typed.connected, today)
            except InputError as error:
                raise FieldProblem(
                    "channels",
                    f"Connected on: {error.message}",
                    self.query_one(".connected", Input),
                ) from None
        return ChannelDraft(
            platform=typed.platform,
            handle=typed.handle,
            i_follow=typed.i_follow,
            they_follow=typed.they_follow,
            connected_on=connected_on,
        )
