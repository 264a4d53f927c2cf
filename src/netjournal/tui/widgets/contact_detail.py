"""The detail pane of the Contacts screen: who someone is, where you follow each other, your
notes, and the timeline of everything exchanged and reflected."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from netjournal.core.dates import format_month_day, humanize_date
from netjournal.core.highlights.insights import one_sided_note
from netjournal.core.highlights.reasons import last_exchange, lean_reason, reconnect_reason
from netjournal.core.highlights.upcoming import next_occurrence, years_on
from netjournal.core.records import ContactRecord, ContactSummary, TimelineItem
from netjournal.core.vocab import PLATFORM_LABELS
from netjournal.tui.widgets.charts import DIRECTION_STYLE, balance_gauge
from netjournal.tui.widgets.legend import DUE_BADGES

TIMELINE_LIMIT = 200
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WHEN_WIDTH = 14
DIRECTION_WIDTH = 11
LABEL_WIDTH = 10
MIN_WRAP = 12
FALLBACK_WRAP = 60
"""Wrap width while the pane is hidden (narrow screens); it re-flows once shown."""


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def hanging(lead: Content, body: Content, width: int) -> Content:
    """`lead`, then `body` wrapped beside it, later lines indented under its first word."""
    indent = lead.cell_length
    lines = body.wrap(max(MIN_WRAP, width - indent)) or [Content("")]
    pad = Content(" " * indent)
    return Content("\n").join([lead + lines[0], *(pad + line for line in lines[1:])])


def weight_dots(weight: int) -> str:
    weight = max(0, min(3, weight))
    return "●" * weight + "○" * (3 - weight)


def birthday_text(record: ContactRecord) -> str:
    if record.birthday_month is None or record.birthday_day is None:
        return ""
    text = f"{record.birthday_day} {MONTHS[record.birthday_month - 1]}"
    return f"{text} {record.birthday_year}" if record.birthday_year else text


def coming_text(month: int, day: int, year: int | None, today: date, *, birthday: bool) -> str:
    """A remembered date and when it next comes round.

    "27 Nov 1986 · in 2 days (turns 40)", "24 Jun · in 7 months", "1 Mar 2019 · in 3 months
    (8 years)".
    """
    on = next_occurrence(month, day, today)
    years = years_on(on, year)
    when = humanize_date(on, today)
    if years is not None:
        turning = f"turns {years}" if birthday else f"{years} {'year' if years == 1 else 'years'}"
        when = f"{when} ({turning})"
    return f"{format_month_day(month, day, year)} · {when}"


def _date_lines(record: ContactRecord, today: date, width: int) -> list[Content]:
    dates = []
    if record.birthday_month is not None and record.birthday_day is not None:
        text = coming_text(
            record.birthday_month, record.birthday_day, record.birthday_year, today, birthday=True
        )
        dates.append(("birthday", text))
    for when in record.dates:
        dates.append(
            (when.label, coming_text(when.month, when.day, when.year, today, birthday=False))
        )
    lines = []
    for label, text in dates:
        lead = Content.styled(f"{label:<{LABEL_WIDTH}}", "$text-muted")
        if len(label) >= LABEL_WIDTH:
            lead += " "
        lines.append(hanging(lead, Content(text), width))
    return lines


def follow_text(i_follow: bool, they_follow: bool) -> str:
    """Shown neutrally: a follow is not a debt."""
    return f"{'you follow' if i_follow else '—'} · {'follows you' if they_follow else '—'}"


def facts_content(
    record: ContactRecord,
    summary: ContactSummary | None,
    today: date,
    width: int,
    window_days: int = 365,
) -> Content:
    """Who they are and how the relationship is doing, one fact per line."""
    lines: list[Content] = []
    work = " at ".join(part for part in (record.role, record.company) if part)
    cadence = summary.cadence_days if summary is not None else record.cadence_days
    rhythm = ""
    if cadence:
        rhythm = f"every {cadence} days"
        if record.cadence_days is None:
            rhythm += " (from a tag)"
    headline = [part for part in (work, record.location, rhythm) if part]
    if headline:
        lines.append(Content(" · ".join(headline)))
    for label, value in (
        ("goes by", record.nickname),
        ("met", record.how_met),
        ("email", record.email),
        ("phone", record.phone),
        ("web", record.website),
    ):
        if value:
            lead = Content.styled(f"{label:<{LABEL_WIDTH}}", "$text-muted")
            lines.append(hanging(lead, Content(value), width))
    lines.extend(_date_lines(record, today, width))
    if record.tags:
        lines.append(Content.styled(" ".join(f"#{tag}" for tag in record.tags), "$text-accent"))
    if summary is not None:
        lines.append(Content(""))
        lines.extend(_status_lines(summary, today, width, window_days))
    history = [f"added {short_date(record.added_on)}"]
    if record.touched_on is not None:
        history.append(f"touched {humanize_date(record.touched_on, today)}")
    if record.archived:
        history.append("archived")
    lines.append(Content.styled(" · ".join(history), "$text-muted"))
    return Content("\n").join(lines)


def _status_lines(
    summary: ContactSummary, today: date, width: int, window_days: int
) -> list[Content]:
    state: Content = Content("")
    if summary.due in ("overdue", "due"):
        mark, style = DUE_BADGES[summary.due]
        state = hanging(
            Content.styled(f"{mark} ", style), Content(reconnect_reason(summary, today)), width
        )
    elif summary.due == "snoozed" and summary.snoozed_until is not None:
        state = Content.styled(
            f"z snoozed until {short_date(summary.snoozed_until)}", "$text-muted"
        )
    lines = [Content.assemble(("last exchange ", "$text-muted"), last_exchange(summary, today))]
    if state:
        lines.append(state)
    counts = Content.styled(lean_reason(summary, window_days), "$text-muted")
    lines.append(hanging(balance_gauge(summary.balance) + "  ", counts, width))
    if summary.lean is not None:
        lines.append(Content.styled(one_sided_note(summary, today), "$text-muted italic"))
    return lines


def channels_content(record: ContactRecord, width: int) -> Content:
    """Each channel on two lines: where and who, then the follow state, said neutrally."""
    if not record.channels:
        return Content.styled(
            "No channels yet — e to add where you follow each other.", "$text-muted"
        )
    lines = []
    for channel in record.channels:
        label = PLATFORM_LABELS.get(channel.platform, channel.platform)
        follows = follow_text(channel.i_follow, channel.they_follow)
        if channel.connected_on is not None:
            follows += f" · since {short_date(channel.connected_on)}"
        lead = Content.styled(f"{label:<{LABEL_WIDTH}}", "bold")
        lines.append(hanging(lead, Content(channel.handle), width))
        lines.append(
            hanging(Content(" " * LABEL_WIDTH), Content.styled(follows, "$text-muted"), width)
        )
    return Content("\n").join(lines)


def timeline_entry(item: TimelineItem, contact_id: int, today: date, width: int) -> Content:
    """One timeline entry: when, which way and what; then kind, weight and who else."""
    when = Content.styled(f"{humanize_date(item.day, today):<{WHEN_WIDTH}}", "$text-muted")
    if item.reflection is not None:
        reflection = item.reflection
        title = reflection.display_title[:60]
        lead = when + Content.styled(f"{'reflection':<{DIRECTION_WIDTH}}", "$text-secondary")
        return hanging(lead, Content(f'"{title}"'), width)
    assert item.exchange is not None
    exchange = item.exchange
    direction = Content.styled(
        f"{exchange.direction:<{DIRECTION_WIDTH}}", DIRECTION_STYLE.get(exchange.direction, "")
    )
    others = [c.name for c in exchange.contacts if c.id != contact_id]
    about = Content.assemble(
        (exchange.kind, "$text-muted"),
        "  ",
        (weight_dots(exchange.weight), "$accent"),
        ("  with " + ", ".join(others), "$text-muted") if others else "",
    )
    return Content("\n").join(
        [
            hanging(when + direction, Content(exchange.summary), width),
            hanging(Content(" " * (WHEN_WIDTH + DIRECTION_WIDTH)), about, width),
        ]
    )


def timeline_content(
    items: Sequence[TimelineItem], contact_id: int, today: date, more: int, width: int
) -> Content:
    if not items:
        return Content.styled(
            "Nothing logged yet — press l to log something you shared or received.", "$text-muted"
        )
    entries = [timeline_entry(item, contact_id, today, width) for item in items]
    if more:
        older = "entry" if more == 1 else "entries"
        entries.append(
            Content.styled(
                f"…and {more:,} older {older}; the Log screen (3) has them all.",
                "$text-muted italic",
            )
        )
    return Content("\n").join(entries)


@dataclass(frozen=True)
class Shown:
    """What the pane shows, kept so it can re-flow when its width changes."""

    record: ContactRecord
    summary: ContactSummary | None
    timeline: Sequence[TimelineItem]
    more: int
    today: date
    window_days: int


class ContactDetail(VerticalScroll, can_focus=True):
    """Everything about one contact; the screen feeds it plain records."""

    DEFAULT_CSS = """
    ContactDetail {
        height: 1fr;
        scrollbar-size-vertical: 1;
        & > Static { width: 1fr; height: auto; }
        & > .section {
            color: $text-muted;
            margin-top: 1;
        }
        & > #detail-notes {
            margin: 0;
            padding: 0;
            background: transparent;
        }
        & > #detail-notes.-empty { display: none; }
        &.-blank > .section, &.-blank > #detail-channels, &.-blank > #detail-notes,
        &.-blank > #detail-timeline { display: none; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Shown | None = None
        self._flowed_width = 0

    @property
    def contact_id(self) -> int | None:
        """Whose details are shown, if anyone's."""
        return self._shown.record.id if self._shown is not None else None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-facts", markup=False)
        yield Static("─ channels", classes="section", markup=False)
        yield Static(id="detail-channels", markup=False)
        yield Static("─ notes", classes="section notes-title", markup=False)
        yield Markdown(id="detail-notes", open_links=False)
        yield Static("─ timeline", classes="section", markup=False)
        yield Static(id="detail-timeline", markup=False)

    def on_mount(self) -> None:
        self.show_message("")

    def on_resize(self) -> None:
        if self._shown is not None and self._wrap_width() != self._flowed_width:
            self._flow(self._shown)

    def _wrap_width(self) -> int:
        # One column spare for a scrollbar that may appear once the text is in.
        width = self.scrollable_content_region.width - 1
        return width if width >= MIN_WRAP else FALLBACK_WRAP

    def show_message(self, message: str | Content) -> None:
        """Show a sentence instead of a contact (nobody highlighted, or nobody at all)."""
        self._shown = None
        self.border_title = Content("Details")
        self.add_class("-blank")
        text = message if isinstance(message, Content) else Content.styled(message, "$text-muted")
        self.query_one("#detail-facts", Static).update(text)

    def show_contact(
        self,
        record: ContactRecord,
        summary: ContactSummary | None,
        timeline: Sequence[TimelineItem],
        more: int,
        today: date,
        window_days: int = 365,
    ) -> None:
        """Show one contact; `more` is how many older timeline entries were left out, and
        `window_days` the reciprocity window the counts are over."""
        same_person = self.contact_id == record.id
        shown = Shown(record, summary, timeline, more, today, window_days)
        self._shown = shown
        self.remove_class("-blank")
        # A Content title: a str would be read as markup, and names are user text.
        self.border_title = Content(record.name)
        notes = self.query_one("#detail-notes", Markdown)
        has_notes = bool(record.notes.strip())
        notes.set_class(not has_notes, "-empty")
        self.query_one(".notes-title", Static).display = has_notes
        notes.update(record.notes)
        self._flow(shown)
        if not same_person:
            self.scroll_home(animate=False)

    def _flow(self, shown: Shown) -> None:
        """Lay out the parts that wrap with a hanging indent, for the current width."""
        width = self._flowed_width = self._wrap_width()
        record = shown.record
        self.query_one("#detail-facts", Static).update(
            facts_content(record, shown.summary, shown.today, width, shown.window_days)
        )
        self.query_one("#detail-channels", Static).update(channels_content(record, width))
        self.query_one("#detail-timeline", Static).update(
            timeline_content(shown.timeline, record.id, shown.today, shown.more, width)
        )
