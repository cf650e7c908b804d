"""`deskhand` with no command, on a real terminal (a pty): a request typed, two
confirmations answered, the Tk client's claims file holds the value."""

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from automation.timings import wait_until
from tests.support.apps import REPO, RunningApp
from tests.support.default_pack import DEFAULT_MODEL

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not DEFAULT_MODEL.exists() and not os.environ.get("CI"), reason="default pack not installed"),
]


class Terminal:
    """The entry point on a pseudo-terminal, read as a person would read it."""

    def __init__(self) -> None:
        master, slave = pty.openpty()
        script = Path(sys.executable).with_name("deskhand")
        self.process = subprocess.Popen([str(script), "--console"], stdin=slave, stdout=slave, stderr=slave, cwd=REPO)
        os.close(slave)
        self.master = master
        self.seen = ""
        self.read_to = 0  # what was already matched is not matched again

    def read_until(self, text: str, timeout: float = 120) -> None:
        """Wait for ``text`` in what the terminal printed since the last match."""

        def arrived() -> int:
            while select.select([self.master], [], [], 0.05)[0]:
                self.seen += os.read(self.master, 4096).decode(errors="replace")
            return self.seen.find(text, self.read_to) + 1

        self.read_to = wait_until(arrived, name=f"{text!r} on the terminal", timeout=timeout) - 1 + len(text)

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> int:
        self.type("")  # an empty line ends the conversation
        code = self.process.wait(timeout=30)
        os.close(self.master)
        return code


def test_a_conversation_submits_a_claim(legacy: RunningApp, claims: Path) -> None:
    terminal = Terminal()
    try:
        terminal.read_until("deskhand> ")
        terminal.type("enter 42.50 as the amount and submit")
        terminal.read_until("click 'Submit'")
        terminal.read_until("[y/N]")
        terminal.type("y")
        terminal.read_until("click 'Yes'")
        terminal.read_until("[y/N]")
        terminal.type("y")
        terminal.read_until("deskhand> ")
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    assert json.loads(claims.read_text())["amount"] == "42.50", terminal.seen
