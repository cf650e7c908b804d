"""The desktop's window listings over the last seconds, each with when it was read.

The recorder's worker gets to a press or a key after it happened, sometimes after the
application acted on it: a click on a dialog's Yes has closed the dialog by then. Where an
event went is therefore looked up in the listings read before it, not in the desktop as
it is when the worker looks. A listing is read after every change the X server reports
(``WindowWatch``) and whenever the worker reads one itself; this module only keeps them
and answers "as of when".
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from automation.types import Window


@dataclass(frozen=True)
class Listing:
    """The windows, top-most first (pop-ups inside their windows), and the active one, as read
    between ``read_from`` and ``read_to`` (the recorder's clock)."""

    read_from: float
    read_to: float
    windows: tuple[Window, ...]
    active: Window | None

    def window_at(self, x: int, y: int) -> Window | None:
        """The top-most window holding the point, its pop-ups included."""
        return next((w for w in self.windows if w.holds(x, y)), None)

    def has(self, window_id: int) -> bool:
        return any(w.id == window_id for w in self.windows)


class WindowHistory:
    """Listings in the order they were read; safe to add to from one thread while another looks up."""

    def __init__(self, keep: float = 30.0) -> None:
        self.keep = keep  # seconds of listings kept behind the newest (lookups are a few seconds old)
        self._listings: deque[Listing] = deque()
        self._lock = threading.Lock()

    def add(self, listing: Listing) -> None:
        with self._lock:
            # Two threads read listings: one may finish after the other but add first.
            at = len(self._listings)
            while at > 0 and self._listings[at - 1].read_to > listing.read_to:
                at -= 1
            self._listings.insert(at, listing)
            # Always keep one listing older than the window kept: it answers for the time before.
            newest = self._listings[-1].read_to
            while len(self._listings) > 1 and self._listings[1].read_to < newest - self.keep:
                self._listings.popleft()

    def latest(self) -> Listing | None:
        with self._lock:
            return self._listings[-1] if self._listings else None

    def at(self, t: float) -> Listing | None:
        """The newest listing read completely by ``t``: the desktop an event at ``t`` met.

        Before the first listing was read, the first one (the recording's start)."""
        with self._lock:
            found = None
            for listing in self._listings:  # a few dozen, in the order of read_to
                if listing.read_to > t:
                    break
                found = listing
            return found or (self._listings[0] if self._listings else None)
