"""How an introduction reads once logged: its summary, where its context line goes, its weight.

The service methods that write introductions live in `journal.py`; the wording lives here so
the shell, the screen and the tests all speak of introductions the same way.
"""

from __future__ import annotations

INTRODUCTION_WEIGHT = 2
"""An introduction is more than a link shared: ●●○ unless the user says otherwise."""

SHORT_CONTEXT = 80
"""A context line up to this long follows the summary; longer context becomes the details."""

_NAME_ROOM = 200
"""Names are clipped to this in a summary, so two very long names can't make an over-long line."""


def _clip(name: str) -> str:
    return name if len(name) <= _NAME_ROOM else name[: _NAME_ROOM - 1] + "…"


def given_summary(first: str, second: str) -> str:
    """ "Introduced Ana Lima and Bo Ström"."""
    return f"Introduced {_clip(first)} and {_clip(second)}"


def received_summary(introduced: str) -> str:
    """ "Introduced me to Cy Twombly", as logged on the introducer's timeline."""
    return f"Introduced me to {_clip(introduced)}"


def how_met(introducer: str) -> str:
    """What "how we met" says of someone you were introduced to."""
    return f"Introduced by {_clip(introducer)}"


def place_context(summary: str, context: str) -> tuple[str, str]:
    """(summary, details) for an introduction with a cleaned `context` line.

    Timelines show summaries only, so a short one-line context joins the summary after an em
    dash ("Introduced Ana and Bo — both work on SEO tools"); a longer or multi-line one becomes
    the details, shown when the exchange is opened in the Log.
    """
    context = context.strip()
    if not context:
        return summary, ""
    if len(context) <= SHORT_CONTEXT and "\n" not in context:
        return f"{summary} — {context}", ""
    return summary, context
