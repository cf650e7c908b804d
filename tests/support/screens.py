"""Observations written by hand for unit tests of the policy: labels, outlines, windows."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from automation.types import Box, Observation, TextSpan, Window

FORM = Window(1, "Expense Form", "Tk", Box(80, 80, 400, 340))
LABEL_H = 12


def observation(
    labels: Sequence[tuple[str, int, int]],
    outlines: Sequence[tuple[int, int, int, int]] = (),
    windows: Sequence[Window] = (FORM,),
    active: Window | None = FORM,
    window_of: dict[str, str] | None = None,
) -> Observation:
    """``labels`` are (text, x, y) in the first window unless ``window_of`` names another."""
    where = window_of or {}
    spans = tuple(
        TextSpan(text, Box(x, y, 8 * len(text), LABEL_H), 95.0, where.get(text, windows[0].title))
        for text, x, y in labels
    )
    return Observation(
        image=Image.new("RGB", (1, 1)),
        windows=tuple(windows),
        active=active,
        spans=spans,
        taken_at=0.0,
        outlines=tuple(Box(*o) for o in outlines),
    )


def form(*filled: tuple[str, str], pin: bool = False) -> Observation:
    """A form: a File menu, Employee/Amount/Notes entries (outlined unless filled), a PIN
    entry when asked for, Submit and Clear."""
    values = dict(filled)
    labels: list[tuple[str, int, int]] = [("File", 90, 88), ("Tools", 130, 88)]
    outlines: list[tuple[int, int, int, int]] = []
    for row, name in enumerate(["Employee", "Amount", "Notes", *(["PIN"] if pin else [])]):
        y = 130 + 30 * row
        labels.append((name, 100, y))
        if name in values:
            labels.append((values[name], 190, y))  # an entry holding text shows no outline
        else:
            outlines.append((187, y - 4, 250, 20))
    labels += [("Submit", 183, 300), ("Clear", 325, 300)]
    outlines += [(150, 293, 116, 27), (286, 293, 116, 27)]
    return observation(labels, outlines)
