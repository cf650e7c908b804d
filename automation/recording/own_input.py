"""Deskhand's own synthesized input, so that a recorder never takes it for the user's.

On X11 every XTest event reaches a RECORD listener with ``injected`` False, so the
recorder cannot tell the assistant's clicks from the user's by looking at them.
Instead, the input backend marks the time span of each thing it sends here, and
the recorder drops every hook event stamped inside a span (plus a short grace for
the event to travel through the X server and the hook thread).

One log per process: whatever sends input in this process through
``automation.backends.xtest_input`` appears in ``process_log()``.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

GRACE = 0.15  # seconds after a send still counted as its own: XTest -> RECORD -> hook thread, under load
KEEP = 512  # spans remembered; older ones are long past any event still in flight


class OwnInput:
    def __init__(self, clock: Callable[[], float] = time.monotonic, grace: float = GRACE) -> None:
        self.clock = clock
        self.grace = grace
        self._spans: deque[tuple[float, float]] = deque(maxlen=KEEP)
        self._open: dict[int, float] = {}  # thread id -> start of a send still in progress
        self._lock = threading.Lock()

    @contextmanager
    def sending(self) -> Iterator[None]:
        """Wrap each synthesized click, key or typed text in this."""
        start = self.clock()
        me = threading.get_ident()
        with self._lock:
            self._open[me] = start
        try:
            yield
        finally:
            with self._lock:
                del self._open[me]
                self._spans.append((start, self.clock()))

    def covers(self, t: float) -> bool:
        """Whether an event stamped ``t`` (same clock) may be Deskhand's own."""
        with self._lock:
            if any(start <= t for start in self._open.values()):
                return True
            return any(start <= t <= end + self.grace for start, end in self._spans)


_PROCESS_LOG = OwnInput()


def process_log() -> OwnInput:
    """The log every input backend and recorder in this process shares."""
    return _PROCESS_LOG
