"""A test worker that crashes ends the run with the crash reported, instead of hanging it.

pytest-xdist (3.8) starts a new worker in place of a crashed one. Under ``--dist=loadfile``
(the README's test command) its scheduler then puts the dead worker's finished files back on
the queue as empty work, or hands the new worker a single test it waits on forever
(pytest-dev/pytest-xdist#1323, #1327, #1378). Round 12's CI hung that way: a Qt test took
its worker down at 99 %, and the run sat idle until CI's 90-minute limit killed it, with
no word of which test had hung. Without the restart, the surviving worker finishes the file
it has, the crashed test is reported as failed, and the run ends with xdist's "crashed and
worker restarting disabled".

An explicit ``--max-worker-restart`` on the command line is left as given.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # xdist reads the option when its own pytest_configure (trylast) builds the session.
    if getattr(config.option, "maxworkerrestart", "") is None:
        config.option.maxworkerrestart = "0"
