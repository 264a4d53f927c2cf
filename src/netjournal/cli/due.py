"""The due list: who to reconnect with, which relationships run one way, and dates coming up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import click

from netjournal.cli.output import (
    NAME_WIDTH,
    fit,
    iso,
    plural,
    print_json,
    relative_day,
    say,
    table,
)
from netjournal.cli.run import Run
from netjournal.core import vocab

if TYPE_CHECKING:
    from netjournal.core.records import ContactSummary, Highlights, UpcomingDate
    from netjournal.core.settings import Settings


@click.command(
    epilog="""\b
Examples:
  netjournal due
  netjournal due --json | jq '.reconnect[].name'
"""
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document (ISO dates).")
@click.pass_obj
def due(run: Run, as_json: bool) -> None:
    """Who to reconnect with, and which relationships run one way.

    Reconnect lists contacts past their rhythm (due at 1×, overdue at 1.5×). The one-sided
    lists are for noticing, not for keeping score.
    """
    from netjournal.core.settings import Settings

    upcoming: list[UpcomingDate] = []
    settings = Settings()
    if not run.has_journal():
        h = _empty_highlights(run.today())
    else:
        with run.lean_journal() as journal:
            h = journal.highlights()
            upcoming = journal.upcoming()
            settings = journal.settings()
    if as_json:
        print_json(_due_document(h, upcoming, settings))
        return
    for line in due_lines(h, upcoming, settings):
        say(line)


def _empty_highlights(today: date) -> Highlights:
    from netjournal.core.records import Highlights, Quality

    return Highlights(today, (), (), (), (), Quality(0, 0, 0), ())


def _upcoming_lines(upcoming: Sequence[UpcomingDate], today: date) -> list[str]:
    from netjournal.core.dates import format_short

    rows = []
    for u in upcoming:
        turning = ""
        if u.turning is not None:
            turning = f" (turns {u.turning})" if u.label == "Birthday" else f" ({u.turning} years)"
        name = fit(u.contact.name, NAME_WIDTH)
        rows.append([format_short(u.on), relative_day(u.on, today), name, f"{u.label}{turning}"])
    return ["", f"Upcoming — {plural(len(upcoming), 'date', 'dates')}", *table(rows)]


def due_lines(
    h: Highlights, upcoming: Sequence[UpcomingDate] = (), settings: Settings | None = None
) -> list[str]:
    from netjournal.core.highlights.insights import one_sided_note
    from netjournal.core.highlights.reasons import (
        active_meaning,
        deep_meaning,
        lean_reason,
        reconnect_reason,
    )
    from netjournal.core.settings import Settings

    settings = settings or Settings()

    if h.quality.total == 0:
        return [
            "Your journal is empty. Add someone and give them a rhythm:",
            '  netjournal add "Ana Lima" --tag close --every 30',
            "then log what you share:",
            '  netjournal log gave "Ana Lima" "Sent the SEO checklist" --kind article',
        ]
    count = len(h.reconnect)
    lines = [f"Reconnect — {plural(count)} past their rhythm" if count else "Reconnect"]
    if h.reconnect:
        rows = [[fit(s.name, NAME_WIDTH), s.due, reconnect_reason(s, h.today)] for s in h.reconnect]
        lines += table(rows)
    else:
        lines.append(
            "  Nobody is past their rhythm. Contacts get one from `add --every DAYS` "
            "or from a tag with a default (close, network…)."
        )
    if upcoming:
        lines += _upcoming_lines(upcoming, h.today)
    for title, people in (
        ("You give, little comes back", h.you_give),
        ("You mostly receive", h.you_receive),
    ):
        lines += ["", f"{title} — {plural(len(people)) if people else 'nobody'}"]
        for s in people:
            lines.append(f"  {s.name} · {lean_reason(s, settings.reciprocity_window_days)}")
            lines.append(f"    {one_sided_note(s, h.today)}")
    if h.follow_gaps:
        lines += ["", f"Follow-back (just so you know) — {len(h.follow_gaps):,} channels"]
        rows = []
        for gap in h.follow_gaps[:10]:
            who = "you follow them" if gap.i_follow else "they follow you"
            platform = vocab.PLATFORM_LABELS.get(gap.platform, gap.platform)
            rows.append([fit(gap.contact.name, NAME_WIDTH), platform, fit(gap.handle, 36), who])
        lines += table(rows)
        if len(h.follow_gaps) > 10:
            lines.append(f"  …and {len(h.follow_gaps) - 10:,} more")
    q = h.quality
    lines += [
        "",
        f"In numbers: {plural(q.total, 'contact', 'contacts')}, "
        f"{q.active:,} active, {q.deep:,} deep.",
        f"  active: {active_meaning(settings.active_days)}",
        f"  deep: {deep_meaning(settings.reciprocity_window_days)}",
    ]
    return lines


def _lean_entry(s: ContactSummary, today: date, window_days: int) -> dict[str, object]:
    from netjournal.core.highlights.insights import one_sided_note
    from netjournal.core.highlights.reasons import lean_reason

    return {
        "id": s.id,
        "name": s.name,
        "balance": round(s.balance or 0.0, 3),
        "exchanges_in_window": s.window_count,
        "gave_count": s.gave_count,
        "received_count": s.received_count,
        "last_exchange": iso(s.last_exchange),
        "last_gave": iso(s.last_gave),
        "why": lean_reason(s, window_days),
        "note": one_sided_note(s, today),
    }


def _due_document(
    h: Highlights, upcoming: Sequence[UpcomingDate], settings: Settings
) -> dict[str, object]:
    from netjournal.core.highlights.insights import reconnect_note
    from netjournal.core.highlights.reasons import reconnect_reason

    window = settings.reciprocity_window_days

    return {
        "today": h.today.isoformat(),
        "reconnect": [
            {
                "id": s.id,
                "name": s.name,
                "state": s.due,
                "last_exchange": iso(s.last_exchange),
                "last_kind": s.last_kind or None,
                "clock_start": s.clock_start.isoformat(),
                "days_since": s.days_since,
                "cadence_days": s.cadence_days,
                "days_over": s.days_over,
                "note": reconnect_note(s),
                "why": reconnect_reason(s, h.today),
            }
            for s in h.reconnect
        ],
        "you_give": [_lean_entry(s, h.today, window) for s in h.you_give],
        "you_receive": [_lean_entry(s, h.today, window) for s in h.you_receive],
        "follow_back": [
            {
                "id": g.contact.id,
                "name": g.contact.name,
                "platform": g.platform,
                "handle": g.handle,
                "i_follow": g.i_follow,
                "they_follow": g.they_follow,
            }
            for g in h.follow_gaps
        ],
        "quality": {"total": h.quality.total, "active": h.quality.active, "deep": h.quality.deep},
        "upcoming": [
            {
                "id": u.contact.id,
                "name": u.contact.name,
                "label": u.label,
                "on": u.on.isoformat(),
                "days_away": u.days_away,
                "turning": u.turning,
            }
            for u in upcoming
        ],
    }


def highlights(run: Run) -> Highlights:
    if not run.has_journal():
        return _empty_highlights(run.today())
    with run.lean_journal() as journal:
        return journal.highlights()
