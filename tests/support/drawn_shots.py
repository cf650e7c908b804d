"""A form window's screenshot and its reading, drawn for unit tests of the demonstration reducers."""

from __future__ import annotations

import numpy as np
from PIL import Image

from automation.skills.anchors import ShotReading
from automation.types import Box, TextSpan

GREY = 217
ROWS = {"Employee": 20, "Amount": 50, "Unit Price:": 80, "PIN": 110, "Code": 140}


def form_shot(status: str = "Ready", values: dict[str, str] | None = None) -> ShotReading:
    """The form window as drawn: labels left, white entries right, a Submit button, a status line."""
    pixels = np.full((300, 400, 3), GREY, dtype=np.uint8)
    spans = []
    for label, y in ROWS.items():
        pixels[y : y + 20, 120:320] = 255
        spans.append(TextSpan(label, Box(10, y + 4, 8 * len(label), 12), 95.0))
        if values and label in values:
            spans.append(TextSpan(values[label], Box(124, y + 4, 8 * len(values[label]), 12), 90.0))
    pixels[200:224, 150:230] = 60  # the button's border ...
    pixels[202:222, 152:228] = 200  # ... around its face
    pixels[208:216, 165:215:3] = 0  # ink of the word
    spans.append(TextSpan("Submit", Box(165, 206, 50, 12), 96.0))
    for i, ch in enumerate(status):  # the status line's ink: another message is drawn otherwise
        if not ch.isspace():
            pixels[283:293, 4 + 8 * i + ord(ch) % 3 : 8 + 8 * i] = 0
    spans.append(TextSpan(status, Box(4, 280, 8 * len(status), 14), 45.0))
    return ShotReading(tuple(spans), (Box(150, 200, 80, 24),), Image.fromarray(pixels))
