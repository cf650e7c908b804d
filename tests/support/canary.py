"""The canary window (tests/apps/canary.py) started beside a target, and what its log says it received."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from automation.backends.x11_windows import X11Windows
from automation.types import Window
from tests.support.apps import stop_process

CANARY_APP = Path(__file__).resolve().parent.parent / "apps" / "canary.py"
TITLE = "Canary Notes — bash"
START_TIMEOUT = 20.0


@dataclass
class Canary:
    process: subprocess.Popen[bytes]
    log: Path
    window: Window

    def received(self) -> list[dict[str, Any]]:
        """Every key press, click and close request the window got, as it logged them."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line.strip()]

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        stop_process(self.process)


def start_canary(folder: Path, at: tuple[int, int], title: str = TITLE) -> Canary:
    """Start the canary at screen point ``at``; returns once it is drawn and listed (polled, no sleep-and-hope)."""
    folder.mkdir(parents=True, exist_ok=True)
    log, ready = folder / "canary.jsonl", folder / "canary.ready"
    ready.unlink(missing_ok=True)
    command = [sys.executable, str(CANARY_APP), "--log", str(log), "--title", title, "--at", f"{at[0]},{at[1]}"]
    process = subprocess.Popen(
        [*command, "--ready", str(ready)], env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    windows = X11Windows()
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"the canary exited with {process.returncode}: {err}")
        found = [w for w in windows.list() if w.title == title]
        if found and ready.exists():
            return Canary(process, log, found[0])
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError(f"the canary window {title!r} did not show in {START_TIMEOUT}s")
