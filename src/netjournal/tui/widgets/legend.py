"""What the marks mean: one wording for the key under a panel, the help screen (?) and
docs/guide.md, and the one place the marks themselves are defined."""

from __future__ import annotations

from textual.content import Content

from netjournal.core.highlights.reasons import active_meaning, deep_meaning
from netjournal.tui.widgets.charts import balance_gauge

DUE_BADGES = {
    "overdue": ("●", "$error"),
    "due": ("◐", "$warning"),
    "snoozed": ("z", "$text-muted"),
}
LEAN_BADGES = {"gives": ("⇢", "$warning"), "receives": ("⇠", "$accent")}

Entry = tuple[Content, str]
"""A mark as drawn, and what it means."""

GAUGE: Entry = (
    balance_gauge(0.8),
    "balance over the reciprocity window: the gauge fills from its middle towards whoever "
    "gave more, right (▶) you, left (◀) them; what mattered more and what is recent weigh "
    "more, so equal counts can draw different gauges; amber once it runs one way",
)
BADGES: list[Entry] = [
    (Content.styled("●", "$error"), "overdue: half a rhythm or more past it"),
    (Content.styled("◐", "$warning"), "due: past their rhythm"),
    (Content.styled("z", "$text-muted"), "snoozed: off Reconnect until the day you chose"),
    (Content.styled("⇢", "$warning"), "you mostly give: the balance leans your way"),
    (Content.styled("⇠", "$accent"), "you mostly receive: the balance leans their way"),
]


def numbers(*, active_days: int, window_days: int) -> list[Entry]:
    """What Home's and Insights' numbers count, with the journal's own settings."""
    return [
        (Content.styled("active", "bold"), active_meaning(active_days)),
        (Content.styled("deep", "bold"), deep_meaning(window_days)),
    ]


def badge_key() -> Content:
    """The one-line key under the Contacts table."""
    marks = Content(" ").join(
        Content.assemble(Content.styled(mark, style), " ", word)
        for mark, style, word in (
            (*DUE_BADGES["overdue"], "overdue"),
            (*DUE_BADGES["due"], "due"),
            (*DUE_BADGES["snoozed"], "snoozed"),
            (*LEAN_BADGES["gives"], "you give"),
            (*LEAN_BADGES["receives"], "you receive"),
        )
    )
    return Content.assemble(marks, ("  ◀ them · you ▶", "$text-muted"))


def due_key() -> Content:
    """The key under the Reconnect panel."""
    return Content.assemble(
        Content.styled(DUE_BADGES["overdue"][0], DUE_BADGES["overdue"][1]),
        (" overdue ", "$text-muted"),
        Content.styled(DUE_BADGES["due"][0], DUE_BADGES["due"][1]),
        (" due", "$text-muted"),
    )


def gauge_key() -> Content:
    """The key under a panel of balance gauges."""
    return Content.styled("◀ they gave · you gave ▶", "$text-muted")
