"""The bundle of backends one session acts through, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from automation.protocols import Input, OcrEngine, Screen, Selection, Windows


@dataclass
class Desktop:
    screen: Screen
    windows: Windows
    ocr: OcrEngine
    input: Input
    selection: Selection | None = None  # what a field offers once its text is selected (read-back)

    @property
    def scale(self) -> float:
        """Screenshot pixels per input coordinate (2.0 on a HiDPI-scaled desktop, 1.0 on X11)."""
        width, _ = self.input.size()
        return self.screen.bounds.w / width if width else 1.0

    def to_input(self, x: int, y: int) -> tuple[int, int]:
        """A screenshot pixel -> where the pointer must go to land on it."""
        s = self.scale
        return (round(x / s), round(y / s))
