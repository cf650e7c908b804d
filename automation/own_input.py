"""Deskhand's own synthesized input, so that a recorder never takes it for the user's.

On X11 every XTest event reaches a RECORD listener with ``injected`` False, so the
recorder cannot tell the assistant's clicks from the user's by looking at them.
Instead, the input backend marks the time span of each thing it sends here, and
the recorder drops every hook event stamped inside a span (plus a short grace for
the event to travel through the X server and the hook thread).

One log per process: whatever sends input in this process through
``automation.backends.xtest_input`` appears in ``process_log()``.

Each span says what it sent, "pointer" or "keys": while Deskhand types, a mouse
movement is still the user's (the pause-on-user-input watch needs that); the recorder
asks about any kind.
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
        self._spans: deque[tuple[float, float, str]] = deque(maxlen=KEEP)
        self._open: dict[int, tuple[float, str]] = {}  # thread id -> (start, kind) of a send in progress
        self._lock = threading.Lock()

    @contextmanager
    def sending(self, kind: str = "any") -> Iterator[None]:
        """Wrap each synthesized click (kind "pointer"), key or typed text ("keys") in this."""
        start = self.clock()
        me = threading.get_ident()
        with self._lock:
            self._open[me] = (start, kind)
        try:
            yield
        finally:
            with self._lock:
                del self._open[me]
                self._spans.append((start, self.clock(), kind))

    def covers(self, t: float, kind: str = "any") -> bool:
        """Whether an event stamped ``t`` (same clock) of ``kind`` may be Deskhand's own."""

        def same(sent: str) -> bool:
            return "any" in (kind, sent) or sent == kind

        with self._lock:
            if any(start <= t and same(sent) for start, sent in self._open.values()):
                return True
            return any(start <= t <= end + self.grace and same(sent) for start, end, sent in self._spans)


_PROCESS_LOG = OwnInput()


def process_log() -> OwnInput:
    """The log every input backend and recorder in this process shares."""
    return _PROCESS_LOG
