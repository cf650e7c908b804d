"""Play the human for a demonstration, and write down what a recorder would journal.

xdotool drives the application; before each click the target window is grabbed with
the project's Screen backend and saved as a PNG, and the RawEvents the recorder would
produce are appended (xdotool's shifted keys included: 'Z' is pressed, 'z' released).
This stands in for the recorder (built elsewhere), so skill tests need only Xvfb.

Event times follow a person, not xdotool: the Keystroke-Level Model's operator times
(Card, Moran and Newell): 1.35 s to prepare each action, 1.1 s to point, 0.1 s per
button press or release, 0.4 s to move a hand between mouse and keyboard, and
0.28 s a keystroke (an average typist). ``driven`` is how long xdotool really took.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import numpy as np

from automation.actuation.targets import proc_exe
from automation.actuation.verify import settle
from automation.backends.mss_screen import MssScreen
from automation.backends.x11_windows import X11Windows
from automation.errors import TargetNotFound
from automation.grounding.fields import field_beside
from automation.grounding.match import resolve
from automation.perception.observe import Observer
from automation.protocols import OcrEngine
from automation.recording.events import ClickEvent, EndShot, KeyDown, KeyUp, RawEvent, WindowRef
from automation.timings import DEFAULT_TIMINGS, wait_until
from automation.types import Box, Target, Window

MENTAL, POINT, BUTTON, HOME, KEYSTROKE = 1.35, 1.1, 0.1, 0.4, 0.28
SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, capture_output=True, timeout=30)


class Demonstrator:
    def __init__(self, folder: Path, ocr: OcrEngine) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.windows = X11Windows()
        self.screen = MssScreen()
        self.eyes = Observer(self.screen, self.windows, ocr)  # the human's eyes, to know where to click
        self.events: list[RawEvent] = []
        self.t = 0.0  # the modelled person's clock
        self.hand = "mouse"
        self.driven = 0.0  # seconds xdotool and the application really took

    def window(self, title: str) -> Window:
        def find() -> Window | None:
            return next((w for w in self.windows.list() if title in w.title and w.box.w > 50), None)

        return wait_until(find, name=f"window {title!r}", timeout=DEFAULT_TIMINGS.window_timeout)

    def ref(self, window: Window) -> WindowRef:
        return WindowRef(window.id, window.title, window.app, window.box, proc_exe(window.pid))

    def where(self, label: str, window: str) -> tuple[Window, Box]:
        """The label's box, once the window shows it (the person waits for the screen)."""
        win = self.window(window)
        settle(self.screen, win.box, DEFAULT_TIMINGS)

        def find() -> Box | None:
            try:
                return resolve(Target(label), list(self.eyes.observe(window=window).spans)).box
            except TargetNotFound:
                return None

        return win, wait_until(find, name=f"{label!r} in {window!r}", timeout=DEFAULT_TIMINGS.window_timeout)

    def click_label(self, label: str, window: str = "Legacy Expense", nudge: tuple[int, int] = (3, 1)) -> None:
        win, box = self.where(label, window)
        self.click(win, box.center[0] + nudge[0], box.center[1] + nudge[1])

    def click_field(self, label: str, window: str = "Legacy Expense", into: int = 40) -> None:
        """Click inside the entry beside ``label``, ``into`` pixels past where replay would."""
        win, box = self.where(label, window)
        obs = self.eyes.observe(window=window)
        pixels = obs.image.crop(win.box.crop_in(self.screen.bounds))
        spot = field_beside(np.asarray(pixels), box, win.box, list(obs.outlines))
        assert spot is not None, f"no field beside {label!r}"
        self.click(win, spot[0] + into, spot[1] + 2)

    def click(self, window: Window, x: int, y: int, count: int = 1) -> None:
        name = f"shot-{sum(isinstance(e, ClickEvent) for e in self.events) + 1}.png"
        self.screen.grab(window.box).save(self.folder / name)
        self.t += MENTAL + POINT + (HOME if self.hand == "keyboard" else 0.0)
        self.hand = "mouse"
        self.events.append(ClickEvent(round(self.t, 3), x, y, "left", count, self.ref(window), name))
        started = time.perf_counter()
        xdotool("mousemove", "--sync", str(x), str(y), "click", "--repeat", str(count), "--delay", "80", "1")
        self.driven += time.perf_counter() - started
        self.t += 2 * BUTTON * count

    def type(self, text: str) -> None:
        window = self.windows.active()
        assert window is not None, "typing with no active window"
        ref = self.ref(window)
        self.t += MENTAL + (HOME if self.hand == "mouse" else 0.0)
        self.hand = "keyboard"
        for ch in text:
            at = round(self.t, 3)
            shifted = ch.isupper() or ch in SHIFTED
            if shifted:
                self.events.append(KeyDown(at, "shift", ref))
            self.events += [KeyDown(at, ch, ref), KeyUp(round(at + 0.08, 3), ch.lower(), ref)]
            if shifted:
                self.events.append(KeyUp(round(at + 0.1, 3), "shift", ref))
            self.t += KEYSTROKE
        started = time.perf_counter()
        xdotool("type", "--delay", "0", "--", text)
        self.driven += time.perf_counter() - started

    def end(self, title: str) -> None:
        """The recorder's end picture: the window the task ended in, once it has stopped changing."""
        window = self.window(title)
        settle(self.screen, window.box, DEFAULT_TIMINGS)
        self.screen.grab(window.box).save(self.folder / "end.png")
        self.events.append(EndShot(round(self.t + MENTAL, 3), self.ref(window), "end.png"))

    @property
    def seconds(self) -> float:
        return self.t


def file_a_claim(demo: Demonstrator, pin: str, clear_first: bool = False) -> None:
    """The demonstration most tests teach: fill Employee, Amount and PIN, Submit, Yes."""
    if clear_first:  # a skill for bulk runs starts from a known, empty form
        demo.click_label("Clear")
    demo.click_field("Employee")
    demo.type("Zhang San")
    demo.click_field("Amount")
    demo.type("42.50")
    demo.click_field("PIN")
    demo.type(pin)
    demo.click_label("Submit")
    demo.click_label("Yes", window="Confirm")
    demo.window("Legacy Expense")  # the dialog is gone and the form answers again
