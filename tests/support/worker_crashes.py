"""A test worker that crashes or hangs ends the run with its last words reported, instead
of hanging the run.

pytest-xdist (3.8) starts a new worker in place of a crashed one. Under ``--dist=loadfile``
(the README's test command) its scheduler then puts the dead worker's finished files back on
the queue as empty work, or hands the new worker a single test it waits on forever
(pytest-dev/pytest-xdist#1323, #1327, #1378). Round 12's CI hung that way: a Qt test took
its worker down at 99 %, and the run sat idle until CI's 90-minute limit killed it, with
no word of why. So:

- a crashed worker is not replaced (an explicit ``--max-worker-restart`` is left as given):
  the surviving worker finishes the file it has, the crashed test is reported failed, and
  the run ends with xdist's "crashed and worker restarting disabled";
- each worker writes Python's fault dump (a segfault, an abort) to a file of its own, and a
  test still running after ``worker_hang_seconds`` (an ini option; a hang in C code, where
  pytest-timeout's signal cannot reach) dumps every thread's stack there and ends its worker;
- the run's summary prints the start of each crashed worker's file, so the CI log says where.
"""

from __future__ import annotations

import faulthandler
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.support.known_gap_failures import write_section

HANG_SECONDS = "420"  # past pytest-timeout's 300 s (pyproject.toml), which fails a test gently first
HEAD_LINES = 60  # the error, then the crashed thread's stack, innermost call first
KEY = "deskhand_crash_file"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("worker_hang_seconds", "a worker's test running longer dumps its stacks and ends it", "string")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # xdist reads the option when its own pytest_configure (trylast) builds the session.
    if getattr(config.option, "maxworkerrestart", "") is None:
        config.option.maxworkerrestart = "0"
    if not hasattr(config, "workerinput") and getattr(config.option, "numprocesses", None):
        config.pluginmanager.register(LastWords(), "deskhand-last-words")


class LastWords:
    """The controller's side: a file per worker, read back when the worker goes down."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="deskhand-workers-"))
        self.crashed: list[tuple[str, str]] = []

    @pytest.hookimpl
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[KEY] = str(self.folder / f"{node.gateway.id}.txt")

    @pytest.hookimpl
    def pytest_testnodedown(self, node: Any, error: object | None) -> None:
        if error is None:
            return
        path = Path(node.workerinput.get(KEY, ""))
        text = path.read_text(errors="replace") if path.is_file() else ""
        self.crashed.append((node.gateway.id, head(text) or "(it wrote no fault dump)"))

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        write_section(terminalreporter, "crashed workers: their fault dumps", self.crashed)

    @pytest.hookimpl
    def pytest_unconfigure(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


_dump: IO[str] | None = None  # a worker's open fault-dump file (faulthandler keeps its descriptor)


def pytest_sessionstart(session: pytest.Session) -> None:
    """On a worker, after pytest's own faulthandler set-up: dumps go to the controller's file."""
    global _dump
    path = getattr(session.config, "workerinput", {}).get(KEY)
    if path:
        _dump = open(path, "w")  # noqa: SIM115 - open while the worker lives
        faulthandler.enable(file=_dump, all_threads=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    if _dump is None:
        return (yield)
    hang = float(item.config.getini("worker_hang_seconds") or HANG_SECONDS)
    faulthandler.dump_traceback_later(hang, exit=True, file=_dump)
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


def head(text: str) -> str:
    lines = text.strip().splitlines()
    more = [f"[{len(lines) - HEAD_LINES} lines more]"] if len(lines) > HEAD_LINES else []
    return "\n".join(lines[:HEAD_LINES] + more)
