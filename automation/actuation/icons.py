"""A button that is only a picture, named by its tooltip, as a person finds it: rest the pointer
on each picture of the window's toolbars in turn and read what the application says it is.

Asked only when no word on the screen names the target of a click. The pictures come from
``automation.perception.icons``; a tooltip is the pop-up its toolkit declares one (GTK, Qt
and Chromium do), or a box drawn beside the picture inside the window that was not there
before (Swing draws a tooltip that fits in its window so: ``automation.perception.drawn_tips``).
An exact or near reading of the name wins at once; a tooltip that merely holds the name as a
word ("Print" in "Print the month") is taken only when it is the one such.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image

from automation.actuation.choose import read_region
from automation.actuation.readback import read_field
from automation.actuation.tooltips import parking_spot, tooltips
from automation.actuation.verify import changed, settle
from automation.grounding.match import EXACT, FUZZY, candidates
from automation.perception.drawn_tips import drawn_tooltips
from automation.perception.icons import fingerprint, known_boxes, toolbar_icons
from automation.timings import WaitTimeout, wait_until
from automation.types import Box, Observation, TextSpan, Window

if TYPE_CHECKING:
    from automation.actuation.actor import Actor

# A tooltip shows after the toolkit's delay (GTK 0.5 s, Qt 0.7 s), slower on a loaded machine:
# two thirds of the verify timeout for the first; once one showed, a neighbour's shows at once
# (the toolkits' browse mode): a third.
FIRST_WAIT, NEXT_WAIT = 2 / 3, 1 / 3
MOST = 24  # pictures asked before giving up
NEAR = 40  # pixels: a tooltip shows beside or under the picture the pointer rests on (or the pointer)
EDGES = " |[]'\"\u201c\u201d\u2018\u2019"  # a tooltip's border read as a bar or a quote
SILENT = 3  # pictures that show no tooltip at all before the window is taken for one that shows none
# Pixels around a picture looked at for a tooltip its toolkit drew in its window (Swing): across,
# a long tooltip beside the pointer; up and down, a few lines above or below the toolbar.
AROUND_X, AROUND_Y = 400, 140
BORDER = 1  # pixels: a drawn tooltip's border line, left out when it is read
SAME_TIP = 3  # pixels a drawn tooltip's box may move by and be the one shown before, still up


@dataclass(frozen=True)
class Icon:
    box: Box  # screen pixels
    name: str  # what its tooltip said
    likeness: str = ""  # its picture's (``perception.icons.fingerprint``): known again by it


@dataclass(frozen=True)
class Answer:
    """The picture whose tooltip names the target (None when none does), and every picture asked."""

    found: Icon | None
    asked: list[Icon]


def named_icon(actor: Actor, window: Window, obs: Observation, label: str) -> Answer:
    """The picture in ``window`` whose tooltip names ``label``: an exact or near name at once; a
    tooltip holding the name as a word when it is the only one that does, once all are asked."""
    asked: list[Icon] = []
    with closing(ask_pictures(actor, window, obs, label)) as answers:  # closed: the pointer moves off
        for icon in answers:
            asked.append(icon)
            if any(m.tier in (EXACT, FUZZY) for m in candidates(label, [TextSpan(icon.name, icon.box, 100.0)])):
                return Answer(icon, asked)
    holding = [i for i in asked if names(label, i.name, i.box)]
    return Answer(holding[0] if len(holding) == 1 else None, asked)


def ask_pictures(actor: Actor, window: Window, obs: Observation, label: str = "") -> Generator[Icon, None, None]:
    """The pictures of ``window``'s toolbars that show a tooltip, each with what it says, top row
    first; ``label``: the name looked for (a tooltip that reads as nothing is read harder for it).
    The pointer rests on each in turn, and is moved off the last one when the caller is done."""
    screen = actor.desktop.screen
    area = window.box.intersect(screen.bounds)
    if area is None:
        return
    spans = [s for s in obs.spans if s.window == window.title]
    taken = known_boxes(spans, [e for e in obs.elements if e.window == window.title])
    crop = obs.image.crop((area.x, area.y, area.right, area.bottom))
    spots = [b.shifted(area.x, area.y) for b in toolbar_icons(crop, [t.shifted(-area.x, -area.y) for t in taken])]
    last: Box | None = None
    # Pixels are looked at for a tooltip no window declares only while none was declared: a toolkit
    # that declares its tooltips leaves their pixels behind when they close (no compositor).
    declares = False
    painted: Box | None = None  # the last tooltip found drawn in the window, not declared
    try:
        for n, spot in enumerate(spots[:MOST]):
            if last is None and n >= SILENT:
                break
            actor.gate.check(window, done="resting the pointer on the window's pictures for their tooltips")
            actor.desktop.input.move(*actor.desktop.to_input(*spot.center))
            shown = tooltip_for(actor, spot, last, None if declares else obs.image)
            if shown is None:
                continue
            last, drawn = shown
            declares = declares or not drawn
            painted = last if drawn else painted
            name = read_tooltip(actor, last, label)
            if name:
                yield Icon(spot, name, fingerprint(obs.image.crop((spot.x, spot.y, spot.right, spot.bottom))))
    finally:
        if not actor.clear_tooltips() and painted is not None:
            put_away(actor, window, painted, obs.image)


def put_away(actor: Actor, window: Window, tip: Box, before: Image.Image) -> None:
    """Move the pointer off the picture whose drawn tooltip (``tip``) is up, and wait until the
    window shows there what it did ``before``: no later look reads the tooltip's words, or misses
    what they hid."""
    screen = actor.desktop.screen
    actor.desktop.input.move(*actor.desktop.to_input(*parking_spot(window, screen.bounds)))
    area = tip.grown(BORDER).intersect(screen.bounds)
    if area is None:
        return
    under = before.crop((area.x, area.y, area.right, area.bottom)).convert("RGB")
    with contextlib.suppress(WaitTimeout):  # the window drew something else there since: read as it is
        wait_until(
            lambda: not changed(under, screen.grab(area).convert("RGB")),
            name="a drawn tooltip to go",
            timeout=actor.timings.verify_timeout,
        )


def tooltip_for(
    actor: Actor, spot: Box, last: Box | None, before: Image.Image | None = None
) -> tuple[Box, bool] | None:
    """The tooltip that shows by ``spot`` once the pointer rests on it, drawn and still, and
    whether it is one drawn in the window (no window declares it); None when none shows. The one
    shown before (``last``) may still be up, closing, and is not this one: a tooltip shows where
    its picture or the pointer is, so another picture's stands elsewhere.

    A tooltip its toolkit declares (a pop-up window) is looked for, and, given ``before`` (the
    screen with no tooltip up and the pointer elsewhere), one drawn inside the window: a box by
    the picture that was not there before (Swing draws one that fits in its window so); never
    while a declared one is up anywhere (the pixels that changed may be its)."""
    screen = actor.desktop.screen
    found: list[Box] = []
    painted = [False]
    wide = Box(spot.x - AROUND_X, spot.y - AROUND_Y, spot.w + 2 * AROUND_X, spot.h + 2 * AROUND_Y)
    region = wide.intersect(screen.bounds) or spot
    reference = None if before is None else before.crop((region.x, region.y, region.right, region.bottom))

    def drawn() -> list[Box]:
        if reference is None:
            return []
        here = spot.shifted(-region.x, -region.y)
        boxes = [b.shifted(region.x, region.y) for b in drawn_tooltips(reference, screen.grab(region), here)]
        return [b for b in boxes if gap(b, spot) <= NEAR and not (last is not None and alike(b, last))]

    def shown() -> bool:
        declared = [p.box for p in tooltips(actor.desktop.windows.list())]
        up = [b for b in declared if gap(b, spot) <= NEAR and b != last]
        found[:] = (up or ([] if declared else drawn()))[:1]
        painted[0] = bool(found) and not up
        return bool(found)

    try:
        wait = (FIRST_WAIT if last is None else NEXT_WAIT) * actor.timings.verify_timeout
        wait_until(shown, name="a tooltip", timeout=wait)
    except WaitTimeout:
        return None
    box = found[0].intersect(screen.bounds) or found[0]
    settle(screen, box, actor.timings)
    if not painted[0]:
        return box, False
    # One found while the last one was going may have held part of it: found again, now still.
    again = drawn()
    if not again:
        return None
    # Its inside: words set tight against the border lost their last letters to it ("ent").
    return again[0].grown(-BORDER), True


def alike(a: Box, b: Box) -> bool:
    """Whether two boxes are one within ``SAME_TIP`` pixels on every side."""
    return all(abs(p - q) <= SAME_TIP for p, q in ((a.x, b.x), (a.y, b.y), (a.right, b.right), (a.bottom, b.bottom)))


def gap(a: Box, b: Box) -> int:
    """Pixels between two boxes (0 when they touch or overlap)."""
    return max(a.x - b.right, b.x - a.right, a.y - b.bottom, b.y - a.bottom, 0)


def read_tooltip(actor: Actor, box: Box, label: str = "") -> str:
    """A tooltip's words, each line once (read as is and inverted, a line may come twice); read
    again as one line, in several renderings, when that reads nothing or does not name ``label``:
    Qt's light words on a dark green read as nothing at all but on one line."""
    picture = actor.desktop.screen.grab(box)
    lines: list[str] = []
    for span in read_region(actor, picture, box):
        if span.text.strip() and span.text.strip() not in lines:
            lines.append(span.text.strip())
    text = " ".join(lines)

    def wanted(seen: str) -> bool:
        return bool(seen) and (not label or names(label, seen, box))

    if wanted(text):
        return text.strip(EDGES)
    line = read_field(picture, actor.observer.ocr, wanted)
    return (line if wanted(line) or not text else text).strip(EDGES)


def names(label: str, text: str, box: Box) -> bool:
    """Whether ``text`` names ``label`` at all: equal, nearly, or holding it as a word."""
    return bool(text) and bool(candidates(label, [TextSpan(text, box, 100.0)]))
