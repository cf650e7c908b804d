"""One window's accessibility tree merged with what its pixels said (pure).

The tree is taken only where it agrees with the screen: its boxes lie in the window
and enough of its names were also read by OCR where the tree puts them. A stale or
lying tree (boxes off screen, empty names, names nowhere on screen) is dropped whole
and the pixels alone stand. A trusted tree then adds what OCR missed (a symbol key, a
label next to a dark edge), corrects what OCR misread in the same place, and gives
every control's outline, so a field is found by its box rather than by its look.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from automation.types import Accessible, Box, TextSpan, Window

SLACK = 8  # pixels a box may stick out of its window (borders, shadows) and still be in it
AGREEMENT = 0.3  # share of checkable names OCR must confirm before the tree is believed
PICTURE_READ = 90.0  # OCR confidence under which a word on a picture is the picture read as letters
MISREAD = 60  # fuzzy ratio above which OCR's word in the element's place is a misreading of its name
CONTROLS = frozenset(
    {
        "push button",
        "toggle button",
        "check box",
        "radio button",
        "combo box",
        "text",
        "entry",
        "password text",
        "spin button",
        "list item",
        "table cell",
        "page tab",
        "menu item",
        "check menu item",
        "radio menu item",
        "link",
    }
)


FIELDS = frozenset({"combo box", "text", "entry", "password text", "spin button"})


@dataclass(frozen=True)
class Merged:
    spans: list[TextSpan]
    outlines: list[Box]
    elements: list[Accessible]  # the tree's elements in the window; empty when it was not trusted
    trusted: bool


# Elements a scrolled view clips: a list's or a tree's rows and cells, whose boxes run on past
# the view's edge (and the window's) while the part in it shows.
ROWS = frozenset({"table cell", "list item", "tree item", "table row"})
NOWHERE = -(2**30)  # a coordinate below this is a toolkit's "no place" (GTK answers G_MININT)


def merge(window: Window, spans: list[TextSpan], outlines: list[Box], tree: list[Accessible] | None) -> Merged:
    """The window's reading with its tree folded in, or the reading alone when the tree is absent or wrong."""
    tree = None if tree is None else placed(window, tree)
    if not tree or not trustworthy(window, spans, tree):
        return Merged(spans, outlines, [], False)
    named = [e for e in tree if shows_its_name(e)]
    pictures = [e for e in tree if e.described and e.name and not e.editable]
    kept: list[TextSpan] = []
    for span in spans:
        if span.conf < PICTURE_READ and any(_inside(span.box, p.box, 0) for p in pictures):
            continue  # a picture read as letters ("5", "a"), where the tree names the button
        corrected = next((e.name for e in named if misread(span, e)), None)
        kept.append(span if corrected is None else TextSpan(corrected, span.box, 100.0, span.window))
    for element in [*named, *pictures]:
        if len(element.name) <= 80 and not any(said_here(s, element) for s in kept):
            # A name OCR missed stands at the element's box: a button's label is centred in it, and
            # a picture's name (its description) is said there, as the observer says a learned one.
            kept.append(TextSpan(element.name, element.box, 100.0, window.title))
    boxes = list(outlines)
    for element in tree:
        if element.role in CONTROLS and not any(same_place(element.box, b) for b in boxes):
            boxes.append(element.box)
    return Merged(kept, boxes, list(tree), True)


def placed(window: Window, tree: list[Accessible]) -> list[Accessible]:
    """The tree without the elements it gives no place (a list's rows scrolled out of view: GTK
    says "showing" and puts them at G_MININT), and with a row or cell that runs past the window's
    edge cut to the part inside it. Left in, a GTK dialog's two short lists (GnuCash's New
    Account: nine rows scrolled away, four cut by the window's edge) made a quarter of its tree
    seem to lie outside the window, and the whole tree was dropped as stale."""
    kept = []
    for e in tree:
        if e.box.x <= NOWHERE or e.box.y <= NOWHERE:
            continue
        if e.role in ROWS and window.box.contains(*e.box.center):
            part = e.box.intersect(window.box)
            if part is not None and part != e.box:
                e = Accessible(e.role, e.name, part, e.states, e.value, e.label)
        kept.append(e)
    return kept


def shows_its_name(element: Accessible) -> bool:
    """Whether the element's name is drawn on screen; a field's name is only its label's text, drawn
    elsewhere, and a picture's (its description) is drawn nowhere: no reading can confirm it."""
    return bool(element.name) and not element.editable and element.role not in FIELDS and not element.described


def trustworthy(window: Window, spans: list[TextSpan], tree: list[Accessible]) -> bool:
    """Whether the tree describes the pixels in front of us (see the module's first words)."""
    area = Box(window.box.x - SLACK, window.box.y - SLACK, window.box.w + 2 * SLACK, window.box.h + 2 * SLACK)
    inside = [e for e in tree if area.contains(e.box.x, e.box.y) and area.contains(e.box.right - 1, e.box.bottom - 1)]
    if len(inside) < 0.8 * len(tree):
        return False  # a stale tree: the window moved or closed and the boxes did not follow
    checkable = [e for e in inside if shows_its_name(e) and len(e.name) <= 40]
    if not checkable:
        return any(e.editable for e in inside) and not spans
    if not spans:
        return True  # a canvas or an unreadable theme: nothing to disagree with
    confirmed = sum(any(said_here(s, e) or misread(s, e) for s in spans) for e in checkable)
    return confirmed >= max(1, AGREEMENT * len(checkable))


def said_here(span: TextSpan, element: Accessible) -> bool:
    """OCR read the element's name (or a part of it) inside the element's box."""
    return _inside(span.box, element.box) and _words_agree(span.text, element.name)


def misread(span: TextSpan, element: Accessible) -> bool:
    """OCR read something like the element's name, in its place, but not quite it."""
    if not _inside(span.box, element.box) or span.text.casefold() == element.name.casefold():
        return False
    if len(span.text) < 3 or abs(len(span.text) - len(element.name)) > 2:
        return False
    return fuzz.ratio(span.text.casefold(), element.name.casefold()) >= MISREAD


def same_place(a: Box, b: Box, slack: int = 3) -> bool:
    return all(abs(p - q) <= slack for p, q in zip((a.x, a.y, a.w, a.h), (b.x, b.y, b.w, b.h), strict=True))


def _inside(inner: Box, outer: Box, slack: int = 4) -> bool:
    x, y = inner.center
    return outer.x - slack <= x <= outer.right + slack and outer.y - slack <= y <= outer.bottom + slack


def _words_agree(read: str, name: str) -> bool:
    a, b = read.casefold().strip(), name.casefold().strip()
    if not a or not b:
        return False
    return a == b or (len(a) >= 3 and a in b) or fuzz.ratio(a, b) >= 85
