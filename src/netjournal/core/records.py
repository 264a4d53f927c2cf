"""Plain frozen records that cross the journal's boundary, in and out.

Drafts carry what a user typed into the service API; records carry what the API read back.
Neither is ever a live ORM object, so widgets and threads can hold them freely. A contact's and
an exchange's own columns are declared once (`ContactFields`, `ExchangeFields`), and the draft
and the record both inherit them; see docs/architecture.md, "Adding a field".
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field, fields
from datetime import date
from typing import Any, Literal, TypeVar

from netjournal.core import limits

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


@dataclass(frozen=True)
class Text:
    """What a free-text column is called in sentences, the most it keeps, and whether it keeps
    line breaks (a multi-line text is shown as its own paragraph in the Log and exports)."""

    what: str
    limit: int
    multi_line: bool = False
    required: bool = False


def text(what: str, limit: int, *, multi_line: bool = False) -> Any:
    """An optional free-text column, "" when not given; see `Text`."""
    return field(default="", metadata={"text": Text(what, limit, multi_line)})


def columns(declaration: type[Any]) -> tuple[str, ...]:
    """The column names `ContactFields` or `ExchangeFields` declares, in declaration order."""
    return tuple(f.name for f in fields(declaration))


def texts(declaration: type[Any]) -> tuple[tuple[str, Text], ...]:
    """(name, `Text`) for each free-text column of a declaration, in declaration order."""
    return tuple((f.name, f.metadata["text"]) for f in fields(declaration) if "text" in f.metadata)


def long_texts(declaration: type[Any]) -> tuple[str, ...]:
    """The multi-line texts of a declaration: each is its own paragraph where it is shown."""
    return tuple(name for name, spec in texts(declaration) if spec.multi_line)


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
class ContactFields:
    """A contact's own columns, declared once: its draft and record inherit them, and the
    writes, reads, checks and exports of contacts follow this list."""

    name: str = field(metadata={"text": Text("name", limits.NAME, required=True)})
    _: KW_ONLY
    nickname: str = text("nickname", limits.LINE)
    company: str = text("company", limits.LINE)
    role: str = text("role", limits.LINE)
    location: str = text("location", limits.LINE)
    how_met: str = text("how you met", limits.HOW_MET)
    email: str = text("email", limits.EMAIL)
    phone: str = text("phone", limits.PHONE)
    website: str = text("website", limits.LINK)
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    cadence_days: int | None = None
    notes: str = text("notes", limits.NOTES, multi_line=True)


@dataclass(frozen=True)
class ContactDraft(ContactFields):
    """Everything a contact form holds. Empty strings mean "not given"."""

    _: KW_ONLY
    tags: tuple[str, ...] = ()
    channels: tuple[ChannelDraft, ...] | None = None
    """None leaves a contact's channels as they are; a tuple replaces them."""
    dates: tuple[DateDraft, ...] | None = None
    """None leaves a contact's other dates as they are; a tuple replaces them."""
    added_on: date | None = None
    """When the relationship entered the journal; None means now. Ignored on update."""


@dataclass(frozen=True)
class ExchangeFields:
    """An exchange's own columns besides its date, declared once: its draft and record inherit
    them, and the writes, reads, checks, exports and imports of exchanges follow this list."""

    direction: str
    summary: str = field(metadata={"text": Text("summary", limits.SUMMARY, required=True)})
    _: KW_ONLY
    kind: str = "other"
    occurred_time: str = ""
    notes: str = text("notes", limits.NOTES, multi_line=True)
    url: str = text("link", limits.LINK)
    weight: int = 1


@dataclass(frozen=True)
class ExchangeDraft(ExchangeFields):
    contact_ids: tuple[int, ...]
    _: KW_ONLY
    occurred_on: date | None = None
    """None means today."""
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
class ContactRecord(ContactFields):
    """A contact with every field, as the detail pane and the form show it."""

    _: KW_ONLY
    id: int
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
            **{name: getattr(self, name) for name in columns(ContactFields)},
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
class ExchangeRecord(ExchangeFields):
    _: KW_ONLY
    id: int
    occurred_on: date
    tags: tuple[str, ...]
    contacts: tuple[ContactRef, ...]

    def to_draft(self) -> ExchangeDraft:
        return ExchangeDraft(
            **{name: getattr(self, name) for name in columns(ExchangeFields)},
            contact_ids=tuple(c.id for c in self.contacts),
            occurred_on=self.occurred_on,
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
