"""Real applications of the zoo, from Debian's packages: NEdit (Motif), FeatherPad (Qt 5), HomeBank (GTK 3).

Each runs with HOME in the test's folder (their settings stay there), on the suite's
display, and is awaited by polling for its window, active and drawn; ``stop`` ends what was started, by PID.
Their own saved files are the judge.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from automation.backends.mss_screen import MssScreen
from automation.backends.x11_windows import X11Windows
from automation.types import Window
from tests.support.zoo import stop_process, tail

START_TIMEOUT = 40.0
# HomeBank's books for the zoo: one account, one payee, one category, no transactions yet.
BOOKS = """<?xml version="1.0"?>
<homebank v="1.4" d="050602">
<properties title="Zoo books" curr="1" auto_smode="1" auto_weekday="1"/>
<cur key="1" flags="0" iso="EUR" name="Euro" symb="E" syprf="0" dchar="." gchar="," frac="2" rate="0" mdate="0"/>
<account key="1" pos="1" type="1" curr="1" name="Checking" initial="100" minimum="0"/>
<pay key="1" name="Corner Shop"/>
<cat key="1" flags="0" name="Food"/>
</homebank>
"""


@dataclass
class RealApp:
    process: subprocess.Popen[bytes]
    window: Window
    folder: Path
    started_in: float

    def stop(self) -> None:
        stop_process(self.process)


def require(program: str, package: str) -> None:
    """Fail the test, saying how to get it, when Debian's ``package`` has not put ``program`` here."""
    if shutil.which(program) is None:
        pytest.fail(f"{package} is not installed: run the README's test command (packaging/setup.sh test)")


def launch(command: Sequence[str], title_part: str, folder: Path) -> RealApp:
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{Path(command[0]).name}.log"
    t0 = time.monotonic()
    proc = subprocess.Popen(
        list(command),
        env={**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder / ".config")},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=folder,
    )
    windows, screen = X11Windows(), MssScreen()
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {proc.returncode}: {tail(log)}")
            for window in windows.list():
                if title_part in window.title and window.box.w > 100:
                    active = windows.active()
                    if active is not None and active.id == window.id and drawn(screen, window):
                        return RealApp(proc, window, folder, round(time.monotonic() - t0, 2))
                    windows.activate(window)
            time.sleep(0.05)
        raise RuntimeError(f"no window with {title_part!r} in its title after {START_TIMEOUT}s: {tail(log)}")
    except Exception:
        stop_process(proc)
        raise


DRAWN_CONTRAST = 40  # grey levels between a window's darkest and lightest pixel once it has drawn


def drawn(screen: MssScreen, window: Window) -> bool:
    """Whether ``window`` has drawn itself: HomeBank's window has the books' title while still
    black, and a task started then saw nothing and was answered "not about the screen"."""
    box = window.box.intersect(screen.bounds)
    if box is None:
        return False
    low, high = screen.grab(box).convert("L").getextrema()
    return high - low >= DRAWN_CONTRAST


def running(command: Sequence[str], title_part: str, folder: Path) -> Iterator[RealApp]:
    app = launch(command, title_part, folder)
    try:
        yield app
    finally:
        app.stop()


def document(folder: Path, name: str, text: str) -> Path:
    """The file an application is started on, written into its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def nedit(folder: Path, document: Path) -> Iterator[RealApp]:
    return running(["nedit", "-geometry", "80x20+40+40", str(document)], document.name, folder)


def featherpad(folder: Path, document: Path) -> Iterator[RealApp]:
    return running(["featherpad", str(document)], document.name, folder)


def homebank(folder: Path, document: Path) -> Iterator[RealApp]:
    return running(["homebank", str(document)], "HomeBank", folder)
