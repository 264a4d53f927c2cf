"""Waiting in tests by polling with `time.sleep`.

`Event.wait(timeout)` and `Thread.join(timeout)` wait for a deadline on the monotonic clock,
which libfaketime shifts along with the calendar; under `faketime -f '+400d'` they would wait
400 days. `time.sleep` waits for a span, not a deadline, so these work on a shifted clock too.
"""

from __future__ import annotations

import threading
import time

_STEP = 0.01


def wait_for(event: threading.Event, seconds: float) -> bool:
    """Like `event.wait(seconds)`: True as soon as the event is set, False after `seconds`."""
    for _ in range(int(seconds / _STEP) + 1):
        if event.is_set():
            return True
        time.sleep(_STEP)
    return event.is_set()


def join(thread: threading.Thread, seconds: float) -> None:
    """Like `thread.join(seconds)`."""
    for _ in range(int(seconds / _STEP) + 1):
        if not thread.is_alive():
            return
        time.sleep(_STEP)
