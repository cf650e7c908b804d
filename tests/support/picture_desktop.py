"""A saved screenshot standing in for the screen, with one window on it: an observer run on
a real picture without an X server (the unit tests of perception on real pixels)."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from automation.types import Box, Window


@dataclass
class PictureScreen:
    picture: Image.Image
    bounds: Box

    def grab(self, region: Box | None = None) -> Image.Image:
        return self.picture.copy()  # the picture is the window: a region of it is the whole


@dataclass
class OneWindow:
    window: Window

    def list(self) -> list[Window]:
        return [self.window]

    def active(self) -> Window | None:
        return self.window

    def activate(self, window: Window) -> None:
        pass
