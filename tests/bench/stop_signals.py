"""A long benchmark stopped by SIGTERM or SIGHUP (``timeout``, a closed terminal) cleans up like Ctrl+C.

Python's default for SIGTERM ends the process at once: no ``finally`` runs, and the
benchmark's Xvfb, window manager and forms (each started in a session of its own, so
the signal does not reach them) would be left running. Inside ``stopped_cleanly`` the
first such signal raises ``SystemExit`` where the run is, so every ``finally`` stops what
it started; a second signal while cleaning up is ignored rather than cutting the cleanup.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextmanager
def stopped_cleanly() -> Iterator[None]:
    def stop(signum: int, _frame: FrameType | None) -> None:
        for s in SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    old = {s: signal.signal(s, stop) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
