"""Start real applications on the suite's X server and wait for their windows."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from automation.backends.x11_windows import X11Windows
from automation.types import Window

LEGACY_APP = Path(__file__).resolve().parent.parent / "apps" / "legacy_expense.py"
WINDOW_TIMEOUT = 20.0
REPO = LEGACY_APP.parents[2]


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """End a process the test started: asked first, killed after 5 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class RunningApp:
    process: subprocess.Popen[bytes]
    window: Window

    def stop(self) -> None:
        stop_process(self.process)


def wait_for_window(title: str, process: subprocess.Popen[bytes]) -> Window:
    windows = X11Windows()
    deadline = time.monotonic() + WINDOW_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode} before showing {title!r}")
        for window in windows.list():
            if title in window.title and window.box.w > 50:
                active = windows.active()
                if active is not None and active.id == window.id:
                    return window
                windows.activate(window)
        time.sleep(0.05)
    raise RuntimeError(f"no window titled {title!r} after {WINDOW_TIMEOUT}s")


def launch(command: Sequence[str], title: str) -> RunningApp:
    process = subprocess.Popen(list(command), env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        return RunningApp(process, wait_for_window(title, process))
    except Exception:
        process.kill()
        process.wait()
        raise


def legacy_app(out: Path, *extra: str) -> RunningApp:
    return launch([sys.executable, str(LEGACY_APP), "--out", str(out), *extra], "Legacy Expense System")


def deskhand(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `deskhand` entry point, as a user would."""
    script = Path(sys.executable).with_name("deskhand")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
    return subprocess.run(
        [*command, *args],
        cwd=REPO,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
