"""What the app says after work: failures as one sentence, and the steps `u` can take back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from netjournal.core.errors import JournalError
from netjournal.core.storage.file_errors import full_disk

if TYPE_CHECKING:
    from typing import Any

    from textual.app import App
    from textual.widget import Widget

    from netjournal.core.journal import Journal


@dataclass(frozen=True)
class UndoStep:
    """One reversible change: what to say, and how to take it back."""

    label: str
    undo: Callable[[Journal], object]
    reveal: int | None = None
    """A contact the undo brings back, to highlight on Contacts."""


def describe_failure(error: BaseException) -> str:
    """A failure as a sentence for a notification; never a traceback."""
    if isinstance(error, JournalError):
        return error.message
    full = full_disk(error)
    if full is not None:
        return full
    return (
        f"Something went wrong ({type(error).__name__}: {error}). "
        "Nothing you saved before was lost; try again, and if it keeps happening, "
        "run `netjournal backup` and report it."
    )


def report_failure(where: Widget | App[Any], error: BaseException) -> None:
    """A worker's failure, said as a sentence where it happened; never a traceback."""
    where.notify(describe_failure(error), severity="error", timeout=8, markup=False)


class WorkDone(Message, bubble=False):
    """What a worker hands back: it posts one (`self.post_message`, safe from a thread) to the
    screen or dialog that started it, which handles it with `@on`. See docs/architecture.md,
    "How work comes back to a screen"."""
