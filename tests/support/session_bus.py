"""A D-Bus session bus of the test's own, for the accessibility bus (AT-SPI) to live on.

The daemon starts in a process group of its own; the services it activates (the a11y
bus launcher, its bus, the registry) join that group, so stopping the group stops
exactly what this module started.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress

READY_TIMEOUT = 10.0


@contextmanager
def session_bus() -> Iterator[str]:
    """Start ``dbus-daemon --session``; yields its address (for DBUS_SESSION_BUS_ADDRESS)."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert daemon.stdout is not None
    try:
        address = daemon.stdout.readline().decode().strip()  # the daemon prints it once it listens
        if not address:
            raise RuntimeError(f"dbus-daemon printed no address (exit {daemon.poll()})")
        yield address
    finally:
        with suppress(ProcessLookupError):
            os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=5)
