"""Every wait has a name, and one helper does all the polling."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Timings:
    """Named timeouts and poll intervals, in seconds. Settings live on this object."""

    verify_timeout: float = 3.0  # action -> expected change on screen
    settle: float = 0.15  # how long a changed screen must stay still to count as done
    window_timeout: float = 5.0  # a window to appear, close or become active
    focus_timeout: float = 0.5  # a clicked field to show its caret or focus ring before typing
    # ... when the field is known not to have had the focus, so its click must show: a browser under
    # load drew the focus after 0.5 s and the first keys went into the field before
    unfocused_timeout: float = 2.0
    # a list or menu a click opened to map: GTK's combo list came after the combo drew itself
    # pressed and after the next look, so the run went on without choosing (CI, under load)
    popup_timeout: float = 2.0
    # a greyed-out button to be enabled before its click is refused (a form enables it as it is filled)
    enabled_timeout: float = 1.0
    expect_timeout: float = 10.0  # a replayed step's expected text: polled often, waited for long (slow apps)
    poll_interval: float = 0.03


DEFAULT_TIMINGS = Timings()


class WaitTimeout(Exception):
    """``wait_until`` ran out of time; carries the name of the wait and the last value."""

    def __init__(self, name: str, timeout: float, last: object) -> None:
        super().__init__(f"timed out after {timeout:.1f}s waiting for {name}")
        self.name = name
        self.timeout = timeout
        self.last = last


def wait_until(
    probe: Callable[[], T],
    *,
    name: str,
    timeout: float,
    interval: float = DEFAULT_TIMINGS.poll_interval,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``probe`` until it returns something truthy, and return that.

    The probe runs at least once, even with a zero timeout. Raises ``WaitTimeout``
    (with the last value seen) when the time is up.
    """
    deadline = clock() + timeout
    while True:
        value = probe()
        if value:
            return value
        now = clock()
        if now >= deadline:
            raise WaitTimeout(name, timeout, value)
        sleep(min(interval, deadline - now))
