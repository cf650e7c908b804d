"""The composition root: pick backends for this platform and wire the pieces together."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from automation import registry
from automation.actuation.actor import Actor
from automation.actuation.safety import SafetyGate
from automation.desktop import Desktop
from automation.errors import EnvironmentProblem
from automation.perception.observe import Observer
from automation.protocols import Input, OcrEngine, Screen, Windows
from automation.timings import DEFAULT_TIMINGS, Timings


def require_linux_x11() -> None:
    if not sys.platform.startswith("linux"):
        raise EnvironmentProblem(
            f"Deskhand drives X11 desktops only for now; this is {sys.platform}",
            "see docs/architecture.md, 'Platforms', for what a new backend needs",
        )


def build_desktop(with_input: bool = True) -> Desktop:
    from automation.backends import ocr_backend  # importing registers every backend

    require_linux_x11()
    windows: Windows = registry.create(Windows, "x11")  # checks DISPLAY first, with a clear error
    screen: Screen = registry.create(Screen, "mss")
    try:
        ocr: OcrEngine = registry.create(OcrEngine, ocr_backend())
    except LookupError as err:
        raise EnvironmentProblem(str(err), "set DESKHAND_OCR to one of the known backends, or unset it") from err
    input: Input = registry.create(Input, "xtest") if with_input else NoInput(screen)  # type: ignore[assignment]
    return Desktop(screen=screen, windows=windows, ocr=ocr, input=input)


@dataclass
class Session:
    desktop: Desktop
    observer: Observer
    actor: Actor


def build_session(timings: Timings = DEFAULT_TIMINGS) -> Session:
    desktop = build_desktop()
    observer = Observer(desktop.screen, desktop.windows, desktop.ocr)
    gate = SafetyGate(desktop.input, desktop.windows, desktop.screen.bounds)
    return Session(desktop, observer, Actor(desktop, observer, gate, timings))


class NoInput:
    """Stands in for the input backend where Deskhand only looks (``observe``)."""

    display = os.environ.get("DISPLAY", "")

    def __init__(self, screen: Screen) -> None:
        self._size = (screen.bounds.w, screen.bounds.h)

    def size(self) -> tuple[int, int]:
        return self._size

    def __getattr__(self, name: str) -> object:
        raise EnvironmentProblem(f"input ({name}) is not available in this session")
