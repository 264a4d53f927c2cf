"""Plain frozen records that cross the journal's boundary, in and out.

Drafts carry what a user typed into the service API; records carry what the API read back.
Neither is ever a live ORM object, so widgets and threads can hold them freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

Direction = Literal["gave", "received", "mutual"]
R = TypeVar("R")


def made_quickly(record: type[R], **values: object) -> R:
    """A frozen record from values already checked, skipping the dataclass `__init__`.

    A frozen dataclass sets each field through `object.__setattr__`, four times slower than a
    plain one: for the 30,000 summaries of a large journal that was a tenth of a second. Every
    field must be given.
    """
    made = object.__new__(record)
    made.__dict__.update(values)
    return made


DueState = Literal["none", "ok", "due", "overdue", "snoozed"]
Lean = Literal["gives", "receives"]


@dataclass(frozen=True)
class ChannelDraft:
    platform: str
    handle: str
    i_follow: bool = False
    they_follow: bool = False
    connected_on: date | None = None


@dataclass(frozen=True)
class DateDraft:
    """A date worth remembering besides the birthday, e.g. ("Work anniversary", 3, 1, 2019)."""

    label: str
    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True)
class ContactDraft:
    """Everything a contact form holds. Empty strings mean "not given"."""

    name: str
    nickname: str = ""
    company: str = ""
    role: str = ""
    location: str = ""
    how_met: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    cadence_days: int | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    channels: tuple[ChannelDraft, ...] | None = None
    """None leaves a contact's channels as they are; a tuple replaces them."""
    dates: tuple[DateDraft, ...] | None = None
    """None leaves a contact's other dates as they are; a tuple replaces them."""
    added_on: date | None = None
    """When the relationship entered the journal; None means now. Ignored on update."""


@dataclass(frozen=True)
class ExchangeDraft:
    direction: str
    summary: str
    contact_ids: tuple[int, ...]
    kind: str = "other"
    occurred_on: date | None = None
    """None means today."""
    occurred_time: str = ""
    details: str = ""
    url: str = ""
    weight: int = 1
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReflectionDraft:
    body: str
    title: str = ""
    written_on: date | None = None
    prompt: str = ""
    contact_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactRef:
    """Just enough to name a contact and find it again."""

    id: int
    name: str


@dataclass(frozen=True)
class ChannelRecord:
    id: int
    platform: str
    handle: str
    i_follow: bool
    they_follow: bool
    connected_on: date | None


@dataclass(frozen=True)
class DateRecord:
    id: int
    label: str
    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class ContactRecord:
    """A contact with every field, as the detail pane and the form show it."""

    id: int
    name: str
    nickname: str
    company: str
    role: str
    location: str
    how_met: str
    email: str
    phone: str
    website: str
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    cadence_days: int | None
    notes: str
    archived: bool
    touched_on: date | None
    snoozed_until: date | None
    added_on: date
    tags: tuple[str, ...]
    channels: tuple[ChannelRecord, ...]
    dates: tuple[DateRecord, ...] = ()
    """Other dates worth remembering, by month and day."""

    def to_draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name,
            nickname=self.nickname,
            company=self.company,
            role=self.role,
            location=self.location,
            how_met=self.how_met,
            email=self.email,
            phone=self.phone,
            website=self.website,
            birthday_month=self.birthday_month,
            birthday_day=self.birthday_day,
            birthday_year=self.birthday_year,
            cadence_days=self.cadence_days,
            notes=self.notes,
            tags=self.tags,
            channels=tuple(
                ChannelDraft(c.platform, c.handle, c.i_follow, c.they_follow, c.connected_on)
                for c in self.channels
            ),
            dates=tuple(DateDraft(d.label, d.month, d.day, d.year) for d in self.dates),
        )


@dataclass(frozen=True)
class ContactSummary:
    """One row of the contact list: who, and how the relationship is doing."""

    id: int
    name: str
    company: str
    tags: tuple[str, ...]
    archived: bool
    last_exchange: date | None
    cadence_days: int | None
    """The effective cadence: the contact's own, else the shortest of its tags' defaults."""
    clock_start: date
    days_since: int
    due: DueState
    given: float
    """Weighted, decayed value given within the reciprocity window."""
    received: float
    window_count: int
    gave_count: int
    received_count: int
    last_gave: date | None
    balance: float | None
    """(G - R) / (G + R) over the window, or None when nothing was exchanged in it."""
    lean: Lean | None
    snoozed_until: date | None
    last_kind: str = ""
    """The kind of the latest exchange ("meeting", "article"…); "" when there is none."""
    window_months: int = 0
    """How many different months within the window had an exchange."""

    @property
    def days_over(self) -> int:
        return self.days_since - self.cadence_days if self.cadence_days else 0

    @property
    def overdue_ratio(self) -> float:
        return self.days_since / self.cadence_days if self.cadence_days else 0.0


@dataclass(frozen=True)
class ExchangeRecord:
    id: int
    occurred_on: date
    occurred_time: str
    direction: str
    kind: str
    summary: str
    details: str
    url: str
    weight: int
    tags: tuple[str, ...]
    contacts: tuple[ContactRef, ...]

    def to_draft(self) -> ExchangeDraft:
        return ExchangeDraft(
            direction=self.direction,
            summary=self.summary,
            contact_ids=tuple(c.id for c in self.contacts),
            kind=self.kind,
            occurred_on=self.occurred_on,
            occurred_time=self.occurred_time,
            details=self.details,
            url=self.url,
            weight=self.weight,
            tags=self.tags,
        )


UNTITLED = "Untitled"


def reflection_title(title: str, body: str) -> str:
    """The one title rule for a reflection, everywhere it is named: its own title, else the
    body's first line without Markdown heading marks, else "Untitled"."""
    if title.strip():
        return title.strip()
    for line in body.splitlines():
        text = line.strip().lstrip("#").strip()
        if text:
            return text
    return UNTITLED


@dataclass(frozen=True)
class ReflectionRecord:
    id: int
    written_on: date
    title: str
    body: str
    prompt: str
    tags: tuple[str, ...]
    contacts: tuple[ContactRef, ...]

    @property
    def display_title(self) -> str:
        return reflection_title(self.title, self.body)

    def to_draft(self) -> ReflectionDraft:
        return ReflectionDraft(
            body=self.body,
            title=self.title,
            written_on=self.written_on,
            prompt=self.prompt,
            contact_ids=tuple(c.id for c in self.contacts),
            tags=self.tags,
        )


@dataclass(frozen=True)
class TimelineItem:
    """One entry of a contact's timeline: an exchange or a reflection."""

    day: date
    exchange: ExchangeRecord | None = None
    reflection: ReflectionRecord | None = None


@dataclass(frozen=True)
class LogFilter:
    """What the Log screen and `netjournal log`-style reads narrow the exchanges to."""

    direction: str | None = None
    kind: str | None = None
    contact_id: int | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    text: str = ""


@dataclass(frozen=True)
class FollowGap:
    """A channel where only one side follows: informational, never a fault."""

    contact: ContactRef
    platform: str
    handle: str
    i_follow: bool
    they_follow: bool


@dataclass(frozen=True)
class Quality:
    total: int
    active: int
    deep: int


@dataclass(frozen=True)
class MonthTotal:
    month: str
    """YYYY-MM."""
    gave: int
    received: int
    mutual: int


@dataclass(frozen=True)
class UpcomingDate:
    """A birthday or other date coming up soon, at its next occurrence."""

    contact: ContactRef
    label: str
    """"Birthday", or the date's own label."""
    on: date
    days_away: int
    turning: int | None
    """The age they turn, or the years since, when the year is known."""


@dataclass(frozen=True)
class Highlights:
    """Everything the Home screen shows, computed for one `today`."""

    today: date
    reconnect: tuple[ContactSummary, ...]
    you_give: tuple[ContactSummary, ...]
    you_receive: tuple[ContactSummary, ...]
    follow_gaps: tuple[FollowGap, ...]
    quality: Quality
    recent: tuple[ExchangeRecord, ...]
    months: tuple[MonthTotal, ...] = field(default=())
