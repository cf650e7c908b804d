"""One observation: the window list, one screenshot, and OCR of each visible window.

OCR runs per window crop (a black desktop next to the text makes full-screen
OCR drop labels). The observer remembers each window's last picture and reading:
an unchanged window (also one that only moved) costs a pixel comparison, and a
changed one has only the bands around its changes read again. A band whose new
words OCR is unsure of is read again with the whole window: a band cut from its
surroundings (a submenu over a menu's separator) reads worse than the window does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
from PIL.Image import Image

from automation.errors import WindowClosed, WindowNotFound
from automation.perception.accessible import merge
from automation.perception.changes import (
    bands,
    differences,
    is_thin,
    regions,
    unsure_in,
    without_blinks,
    worth_reading_whole,
)
from automation.perception.controls import clean, find_controls, has_ink, render, with_controls
from automation.perception.elements import pair
from automation.perception.elements import whole as field_box
from automation.perception.entries import unread_entries
from automation.perception.grouping import (
    group_apart,
    group_words,
    to_screen,
    visible,
    without_arrows,
    without_borders,
    without_marks,
)
from automation.perception.icons import SURE, known_boxes, named_pictures
from automation.perception.mark_labels import read_past_marks
from automation.perception.short_words import reread_short
from automation.perception.tree_controls import with_tree
from automation.perception.unread import read_apart, unread_lines
from automation.perception.widgets import DISPLAY_MAX_H, MAX_H, Shape, displays, find_shapes, ink_rows
from automation.protocols import AccessibilityTree, IconNames, OcrEngine, Screen, Windows
from automation.types import Accessible, Box, Element, Observation, OcrWord, TextSpan, Window

EDGE = 4  # pixels read past a band's top and bottom, so an outline on its edge stays closed


@dataclass(frozen=True)
class Reading:
    """What one window's pixels held: its labels and its outlined controls, in screen pixels."""

    spans: list[TextSpan]
    outlines: list[Box]
    elements: list[Element] = field(default_factory=list)
    accessible: list[Accessible] = field(default_factory=list)


@dataclass
class Memory:
    """What the observer keeps of one window, in the window's own pixels."""

    pixels: np.ndarray
    words: list[OcrWord]
    controls: list[Box]
    carets: set[Box] = field(default_factory=set)  # thin changes seen before: blinks
    # Every control read since the window was first read, even one covered since (a list
    # dropped over the form's buttons): a band must not cut it when it shows again. Reading
    # the window whole keeps them too: read while a list covered a combo's border, the combo
    # was lost for good, its later changes read inside it only, where no outline shows.
    ever: list[Box] = field(default_factory=list)
    passes: int = 0  # OCR passes so far; keeps line ids of different passes apart
    elements: list[Element] | None = None  # in window pixels; None once the pixels changed
    blinked: list[Box] = field(default_factory=list)  # thin changes of the last comparison: a caret
    # The accessibility tree as read at OCR pass ``tree_pass``: unchanged pixels, unchanged tree.
    tree: list[Accessible] | None = None
    tree_pass: int = -1
    tree_at: tuple[int, int] = (0, 0)  # the window's corner when the tree was read: a moved window shifts it
    tree_blinks: list[Box] = field(default_factory=list)  # the caret blinks known when the tree was read
    marks: list[Box] = field(default_factory=list)  # check boxes found by shape: OCR reads their frames as glyphs
    # The controls found by shape, kept so that a change looks for them again only around
    # itself: None, look over the whole window; ``dirty`` the bands changed since they were found.
    shapes: list[Shape] | None = None
    dirty: list[Box] = field(default_factory=list)
    panels: list[tuple[Box, list[Element]]] = field(default_factory=list)  # displays and what they showed
    icons: list[tuple[Box, str]] = field(default_factory=list)  # pictures named by their tooltips before
    popup: bool = False  # a window's pop-up (forgotten once it closes), not a listed window


@dataclass
class ReadCounts:
    """How much OCR the observer did: the test of incremental observation counts these."""

    windows: int = 0  # whole windows read
    bands: int = 0  # bands of a window read again
    reused: int = 0  # windows whose last reading still held
    blinks: int = 0  # of those, windows where only a caret blinked
    rereads: int = 0  # band reads that came back unsure and were read again whole
    panels: int = 0  # large changes the band reading found no word in, read on their own
    trees: int = 0  # accessibility trees read (a window whose pixels did not change reuses its tree)


class Looks(Protocol):
    def observe(self, window: str | Window | None = None) -> Observation: ...


def observe_after(observer: Looks, window: Window, done: str) -> Observation:
    """``window`` observed once ``done`` was sent to it; gone, it closed on what was sent, and the
    error says so: the observer alone knows only that the window was seen before."""
    try:
        return observer.observe(window=window)
    except WindowClosed as err:
        raise WindowClosed(window.title, done, err.open_now) from err


class Observer:
    def __init__(
        self,
        screen: Screen,
        windows: Windows,
        ocr: OcrEngine,
        ignore: Callable[[Window], bool] = lambda w: False,
        tree: AccessibilityTree | None = None,
        wide: OcrEngine | None = None,
        scope: Callable[[Window], bool] = lambda w: True,
        icons: IconNames | None = None,
    ) -> None:
        self.screen = screen
        self.windows = windows
        self.ocr = ocr
        # Read windows whose titles are Chinese, Japanese or Korean: English-only OCR reads their
        # labels as doubtful blobs or drops them (the title comes from the window manager, not OCR)
        self.wide = wide
        self.tree = tree  # None: pixels only
        self.ignore = ignore  # Deskhand's own windows must never be read as the app's
        # The windows read when none is named: a run's (Targets.in_view), so other applications'
        # text stays out of what the model sees; they are still listed (titles, dialogs stacking).
        self.scope = scope
        self.icons = icons  # the names of pictures learned from their tooltips, per application
        self._memory: dict[int, Memory] = {}
        self.counts = ReadCounts()

    def observe(self, window: str | Window | None = None) -> Observation:
        """Observe every visible window in scope (during a run: those it may act in), or only one:
        a title (the top-most window whose title contains it), or a Window, followed by its id
        whatever its title is now (a run's target). Every window is listed either way."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        listed = self.windows.list()
        windows = [w for w in listed if not self.ignore(w)]
        active = self.windows.active()
        if active is not None and self.ignore(active):
            # Typing a request into Deskhand's panel makes it active; the app meant is the one below.
            active = windows[0] if windows else None
        timings["windows_ms"] = ms_since(started)
        if isinstance(window, Window):
            chosen = [w for w in windows if w.id == window.id]
            if not chosen:
                # A caller that sent something since says so (``observe_after``)
                raise WindowClosed(window.title, "nothing sent since it was last seen", [w.title for w in windows])
        elif window is not None:
            chosen = [w for w in windows if window.casefold() in w.title.casefold()][:1]
            if not chosen:
                raise WindowNotFound(window, [w.title for w in windows])
        else:
            chosen = [w for w in windows if self.scope(w)]

        t = time.perf_counter()
        image = self.screen.grab()
        timings["grab_ms"] = ms_since(t)
        t = time.perf_counter()
        spans: list[TextSpan] = []
        outlines: list[Box] = []
        elements: list[Element] = []
        accessible: list[Accessible] = []
        # Boxes of windows stacked above the current one; ignored windows (Deskhand's panel,
        # always on top) hide what is under them, so their text is never taken for the app's.
        ignored = [box for w in listed if self.ignore(w) for box in (w.box, *(p.box for p in w.popups))]
        # Pop-ups (a combo's list, a menu) are stacked over every managed window.
        above = ignored + [p.box for w in windows for p in w.popups]
        for win in windows:
            if win in chosen:
                # A pop-up is read as a picture of its own and counts as its window's: its items
                # are the window's words. A sub-menu hides the menu under it.
                readings = [
                    (self._read(image, p, read_tree=False), ignored + [q.box for q in win.popups[:n]])
                    for n, p in enumerate(win.popups)
                ]
                popped = [s for reading, over in readings for s in visible(reading.spans, over)]
                own = [b for b in above if all(b != p.box for p in win.popups)]
                whole = self._read(image, win)
                # The window's own words under its pop-ups give way only to what the pop-up's
                # reading found there: a pop-up read in its first, blank frame hides nothing.
                kept = [s for s in visible(whole.spans, own) if not any(s.box.intersect(p.box) for p in popped)]
                spans += popped + kept
                for reading, over in [*readings, (whole, own)]:
                    outlines += reading.outlines
                    elements += [e for e in reading.elements if not any(b.contains(*e.box.center) for b in over)]
                    accessible += [e for e in reading.accessible if not any(a.contains(*e.box.center) for a in over)]
            above.append(win.box)
        self._forget_closed(windows)
        timings["ocr_ms"] = ms_since(t)
        timings["total_ms"] = ms_since(started)
        return Observation(
            image=image,
            windows=tuple(windows),
            active=active,
            spans=tuple(spans),
            outlines=tuple(outlines),
            elements=tuple(elements),
            accessible=tuple(accessible),
            taken_at=time.time(),
            timings=timings,
            read=tuple(w.id for w in chosen),
        )

    def forget(self, window: Window) -> None:
        """Read ``window`` whole next time: a caller that found nothing where it should be
        (a pop-up still opening when its first frame was read) must not get the remembered words again."""
        self._memory.pop(window.id, None)
        for wid in [wid for wid, memory in self._memory.items() if memory.popup]:  # its lists and menus too
            del self._memory[wid]

    def _forget_closed(self, windows: list[Window]) -> None:
        """Drop what is kept of pop-ups that closed: most toolkits make a new one each time."""
        shown = {w.id for w in windows} | {p.id for w in windows for p in w.popups}
        for wid in [wid for wid, memory in self._memory.items() if memory.popup and wid not in shown]:
            del self._memory[wid]

    def _read(self, screenshot: Image, window: Window, read_tree: bool = True) -> Reading:
        bounds = self.screen.bounds
        box = window.box.intersect(bounds)
        if box is None:
            return Reading([], [])
        crop = screenshot.crop(box.crop_in(bounds))
        pixels = np.asarray(crop)
        memory = self._memory.get(window.id)
        ocr = self.wide if self.wide is not None and has_cjk(window.title) else self.ocr
        if memory is None or memory.pixels.shape != pixels.shape:
            memory = self._read_whole(crop, pixels, ocr)
            memory.popup = not read_tree
        else:
            self._read_changes(crop, pixels, memory, ocr)
        self._memory[window.id] = memory
        if memory.elements is None:
            memory.elements = elements_of(crop, memory, window.title, ocr)
            known = self.icons.known(window.app) if self.icons is not None else []
            memory.icons = named_pictures(crop, known, known_boxes(memory.words, memory.elements)) if known else []
        words = group_words(readable(memory.words, memory.marks, memory.shapes or [], crop))
        elements = [shifted(e, box.x, box.y) for e in memory.elements]
        spans = to_screen(words, box, window.title)
        if memory.icons:
            spans, elements = with_icons(spans, elements, memory.icons, box, window.title)
        outlines = [c.shifted(box.x, box.y) for c in memory.controls]
        if self.tree is None or not read_tree:
            return Reading(spans, outlines, elements)
        dx, dy = window.box.x - memory.tree_at[0], window.box.y - memory.tree_at[1]
        if memory.tree_pass != memory.passes or focus_moved(memory):
            self.counts.trees += 1
            memory.tree, memory.tree_pass = self.tree.read(window), memory.passes
            memory.tree_at, memory.tree_blinks = (window.box.x, window.box.y), list(memory.blinked)
            dx = dy = 0
        tree = memory.tree if memory.tree is None or (dx, dy) == (0, 0) else [moved(e, dx, dy) for e in memory.tree]
        merged = merge(window, spans, outlines, tree)
        if merged.trusted:
            elements = with_tree(elements, merged.elements, window.title)
        return Reading(merged.spans, merged.outlines, elements, merged.elements)

    def _read_whole(self, crop: Image, pixels: np.ndarray, ocr: OcrEngine) -> Memory:
        self.counts.windows += 1
        controls = find_controls(crop)
        words = with_controls(crop, reread_short(crop, ocr.read(crop), ocr, controls), controls, ocr)
        words = [kept for w in words for kept in (read_apart(crop, w, ocr) or [w] if smeared(w) else [w])]
        words += unread_lines(crop, words, ocr)  # lines the page layout took for pictures
        return Memory(pixels, words, controls, passes=1, ever=list(controls))

    def _read_changes(self, crop: Image, pixels: np.ndarray, memory: Memory, ocr: OcrEngine) -> None:
        before = memory.pixels
        raw = differences(before, pixels)
        changes, memory.carets = without_blinks(raw, memory.carets)
        memory.pixels = pixels
        if raw:
            memory.blinked = [b for b in raw if is_thin(b)]
            if changes:
                memory.elements = None
            elif memory.elements is not None:  # only a caret blinked: it says which field has the focus
                memory.elements = refocused(memory.elements, memory.blinked)
        if not changes:
            self.counts.reused += 1
            self.counts.blinks += bool(raw)
            return
        word_boxes = [w.box for w in memory.words]
        known = word_boxes + memory.controls + memory.ever
        parts = bands(changes, known, crop.width, crop.height)
        if worth_reading_whole(parts, crop.height):
            self._replace(memory, self._read_whole(crop, pixels, ocr))
            return
        marks = [s.box.grown(2) for s in memory.shapes or [] if s.kind in ("check", "radio")]
        fresh_words: list[OcrWord] = []
        for region in regions(changes, word_boxes, memory.controls + memory.ever, crop.width, crop.height):
            read = self._read_part(crop, region, memory, changes, ocr)
            if unread_text(changes, region, read, marks, before, pixels):
                # Cut from its line, OCR may see no text at all (light text on a selection, a
                # box with a thick focus border): the whole width of those rows reads as before.
                (band,) = bands([region], known, crop.width, crop.height)
                read = self._read_part(crop, band, memory, changes, ocr)
            fresh_words += read
        if unsure_in(fresh_words, changes):
            self.counts.rereads += 1
            self._replace(memory, self._read_whole(crop, pixels, ocr))
            return
        for panel in unread_panels(changes, fresh_words):
            # A list drawn inside the window (Swing's combo) read as a strip of the whole
            # width mixes with the labels beside it and comes back empty; on its own it reads.
            self.counts.panels += 1
            memory.passes += 1
            piece = crop.crop((panel.x, panel.y, panel.right, panel.bottom))
            memory.words += [
                OcrWord(w.text, w.box.shifted(panel.x, panel.y), w.conf, (memory.passes, *w.line))
                for w in ocr.read(piece)
                if clean(w.text)
            ]

    def _read_part(self, crop: Image, part: Box, memory: Memory, changes: list[Box], ocr: OcrEngine) -> list[OcrWord]:
        """Read ``part`` of the window again; its words and controls replace those kept for it."""
        self.counts.bands += 1
        memory.passes += 1
        # Read a little past the part: an outline lying on its edge is not a closed
        # rectangle in a crop cut there, and the button would lose its role.
        seen = part.grown(EDGE).intersect(Box(0, 0, crop.width, crop.height)) or part
        piece = crop.crop((seen.x, seen.y, seen.right, seen.bottom))
        window_edges = (seen.x == 0, seen.y == 0, seen.right == crop.width, seen.bottom == crop.height)
        controls = find_controls(piece, window_edges)
        # A control in the part whose pixels did not change keeps the words read for it
        # before (``unchanged`` below): only the changed ones are read again one by one.
        still = kept_controls(controls, memory.controls, changes, seen)
        page = [
            w for w in ocr.read(piece) if not any(c.contains(*w.box.center) for c in still) and not across(w, controls)
        ]
        page = reread_short(piece, page, ocr, controls)
        words = with_controls(piece, page, [c for c in controls if c not in still], ocr)
        controls = [c for c in controls if part.contains(*c.shifted(seen.x, seen.y).center)]
        read = [
            OcrWord(w.text, w.box.shifted(seen.x, seen.y), w.conf, (memory.passes, *w.line))
            for w in words
            if part.contains(*w.box.shifted(seen.x, seen.y).center)
        ]
        memory.dirty.append(Box(0, part.y, crop.width, part.h))  # the rows whose controls are looked for again
        memory.words = [w for w in memory.words if not part.contains(*w.box.center)] + [
            *unchanged(memory.words, part, changes, read),
            *read,
        ]
        found = [c.shifted(seen.x, seen.y) for c in controls]
        memory.controls = [c for c in memory.controls if not part.contains(*c.center)] + found
        memory.ever += [c for c in found if not any(same_place(c, e) for e in memory.ever)]
        return read

    @staticmethod
    def _replace(memory: Memory, fresh: Memory) -> None:
        memory.words, memory.controls = fresh.words, fresh.controls
        memory.ever += [c for c in fresh.ever if not any(same_place(c, e) for e in memory.ever)]
        memory.passes += 1
        memory.shapes = None  # read whole: its controls are looked for over the whole window too


SMEARED_CONF = 40.0  # a word read less surely than this ...
SMEARED_SHAPE = 3  # ... and this many times as wide as it is tall may be icons read with a word


def smeared(word: OcrWord) -> bool:
    """Whether ``word`` looks like a row of icons read as one word, a label among them: a
    toolbar's icons and the "Add" beside one read as "Wierd @" (HomeBank). Its ink is read
    again piece by piece (``read_apart``), where icons and the label come apart."""
    return word.conf < SMEARED_CONF and word.box.w >= SMEARED_SHAPE * word.box.h


def elements_of(crop: Image, memory: Memory, title: str, ocr: OcrEngine) -> list[Element]:
    """The window's controls by shape, paired with their labels, in window pixels; the
    check boxes and radio buttons among them are kept in ``memory.marks``.

    A display is read again on its own, larger: the page reading drops a lone digit
    in a calculator's display, which is the one thing a user wants read from it.
    """
    # A tick read as "Vv" at low confidence is the mark's own ink, not a word covering it.
    sure = [w for w in memory.words if w.conf >= SURE_WORD or len(w.text) > 3]
    labels = [s.box for s in group_words(sure)]
    incremental = memory.shapes is not None
    unsure = [w.box for w in memory.words if w not in sure]
    shapes = shapes_of(crop, memory, [w.box for w in sure], labels, unsure)
    # A radio button's ring is read as a glyph too ("@ Text", "©Net 60"), as a check box's frame is.
    memory.marks = [s.box for s in shapes if s.kind == "check"]
    memory.words = read_past_marks(crop, memory.words, memory.marks, ocr)
    fields = [field_box(s) for s in shapes if s.kind in ("text", "combo")]
    spans = group_apart(readable(memory.words, memory.marks, shapes, crop), fields)
    whole = Box(0, 0, crop.width, crop.height)
    shown: list[Element] = []
    before = dict(memory.panels) if incremental else {}
    panels: list[tuple[Box, list[Element]]] = []
    for panel in displays_of(crop, memory, incremental):
        spans = [s for s in spans if not panel.contains(*s.box.center)]
        read_out = before.get(panel)
        if read_out is None or any(panel.intersect(band) for band in memory.dirty):
            read = read_panel(crop.crop((panel.x, panel.y, panel.right, panel.bottom)), ocr)
            read_out = [Element("readout", s.box.shifted(panel.x, panel.y), "", s.text, window=title) for s in read]
        panels.append((panel, read_out))
        shown += read_out
    memory.panels, memory.dirty = panels, []
    pixels = memory.pixels if crop.mode == "RGB" else np.asarray(crop.convert("RGB"))
    paired = pair(shapes, spans, memory.controls, pixels, whole, memory.blinked, title)
    # an entry whose text the page pass missed (a web page's focus ring) is read on its own crop
    paired, memory.words = unread_entries(crop, paired, memory.words, ocr)
    return shown + paired


def readable(words: list[OcrWord], marks: list[Box], shapes: list[Shape], image: Image | None = None) -> list[OcrWord]:
    """The words that are text: not a check box's frame, a field's border or a combo's arrow.
    ``image`` (the window's pixels) tells the fields that hold something (``filled``)."""
    fields = [field_box(s) for s in shapes if s.kind in ("text", "combo")]
    arrows = [(field_box(s), s.arrow) for s in shapes if s.kind == "combo" and s.arrow is not None]
    held = filled(image, [s for s in shapes if s.kind in ("text", "combo")]) if image is not None else []
    return without_arrows(without_borders(without_marks(words, marks), fields, held), arrows)


FILLED_INSET = 3  # pixels of a field's edge left out when looking for ink inside it


def filled(image: Image, shapes: list[Shape]) -> list[Box]:
    """The whole boxes of the fields with ink inside their text part, past their edges."""
    held = []
    for shape in shapes:
        inner = shape.box.intersect(
            Box(
                shape.box.x + FILLED_INSET,
                shape.box.y + FILLED_INSET,
                shape.box.w - 2 * FILLED_INSET,
                shape.box.h - 2 * FILLED_INSET,
            )
        )
        if inner is not None and has_ink(image.crop((inner.x, inner.y, inner.right, inner.bottom))):
            held.append(field_box(shape))
    return held


DISPLAY_MARGIN = DISPLAY_MAX_H + 16  # pixels looked at above and below a changed band for displays


def displays_of(crop: Image, memory: Memory, incremental: bool) -> list[Box]:
    """The window's displays: over the whole window, or after a change only around the
    changed bands (with a margin, as ``shapes_of``), the others kept from before."""
    if not incremental:
        return sorted(displays(crop), key=lambda b: (b.y, b.x))
    found = [p for p, _ in memory.panels if not any(band.contains(*p.center) for band in memory.dirty)]
    for band in memory.dirty:
        top, bottom = max(0, band.y - DISPLAY_MARGIN), min(crop.height, band.bottom + DISPLAY_MARGIN)
        around = [p.shifted(0, top) for p in displays(crop.crop((0, top, crop.width, bottom)))]
        found += [p for p in around if band.contains(*p.center) and p not in found]
    return sorted(found, key=lambda b: (b.y, b.x))


SHAPE_MARGIN = MAX_H + 16  # pixels looked at above and below a changed band: a control crossing its edge is seen whole


def shapes_of(crop: Image, memory: Memory, words: list[Box], labels: list[Box], unsure: list[Box]) -> list[Shape]:
    """The window's controls by shape (kept in ``memory.shapes``): found over the whole
    window the first time and after it was read whole; after a change, only in the
    changed bands, each looked at with a margin above and below it so a control that
    crosses the band's edge is seen whole. Controls centred outside every changed band
    are the ones found before: their pixels, and those around them, did not change.
    """
    if memory.shapes is None:
        memory.shapes = find_shapes(crop, memory.controls, words, labels, unsure)
        return memory.shapes
    shapes = memory.shapes
    for band in memory.dirty:
        top, bottom = max(0, band.y - SHAPE_MARGIN), min(crop.height, band.bottom + SHAPE_MARGIN)
        seen = Box(0, top, crop.width, bottom - top)

        def local(boxes: list[Box], seen: Box = seen) -> list[Box]:
            return [b.shifted(0, -seen.y) for b in boxes if b.y >= seen.y and b.bottom <= seen.bottom]

        piece = crop.crop((0, top, crop.width, bottom))
        found = [
            shifted_shape(s, 0, top)
            for s in find_shapes(piece, local(memory.controls), local(words), local(labels), local(unsure))
        ]
        shapes = [s for s in shapes if not band.contains(*s.box.center)]
        shapes += [s for s in found if band.contains(*s.box.center)]
    memory.shapes = sorted(shapes, key=lambda s: (s.box.y // 8, s.box.x))
    return memory.shapes


def shifted_shape(shape: Shape, dx: int, dy: int) -> Shape:
    arrow = shape.arrow.shifted(dx, dy) if shape.arrow is not None else None
    return replace(shape, box=shape.box.shifted(dx, dy), arrow=arrow)


PANEL_SCALE, PANEL_INK = 2, 22  # a display's row is read at least twice as large, its ink at least this tall
SURE_WORD = 50.0  # a word this sure covering a small square is a letter, not a check box


def read_panel(crop: Image, ocr: OcrEngine) -> list[TextSpan]:
    """The labels in a display, in the crop's pixels: each row of ink read as one line, larger.

    Read as a page, a lone digit in a calculator's display is dropped; as a line it is not.
    Each row is scaled by its own height: three times over, a large font's "0" read "O"
    (galculator's) and a small one's "1e+20" "1le+20" (xcalc's); twice, a small font lost the
    minus of "-5".
    """
    words: list[OcrWord] = []
    for n, (start, end) in enumerate(ink_rows(np.asarray(crop.convert("L")))):
        top, bottom = max(0, start - 2), min(crop.height, end + 2)
        line = crop.crop((0, top, crop.width, bottom))
        scale = max(PANEL_SCALE, -(-PANEL_INK // (end - start)))
        for w in ocr.read(render(line, scale, 0.0, False), single_line=True):
            if clean(w.text):
                box = unscaled(w.box, scale, 10).shifted(0, top)
                words.append(OcrWord(clean(w.text), box, w.conf, (n,)))
    return group_words(words)


PANEL_MIN = (40, 30)  # pixels: a change this wide and tall is a panel (a list drawn open), not a glyph


TEXT_INSET = 4  # pixels: a change's edge left out when asking whether its inside changed (a focus ring)
INK_STEP, INK_PIXELS = 60, 8  # gray levels from the middle, and how many such pixels are drawn ink
WORD_WIDTH = 14  # pixels: ink this wide is a word or more (two letters), not a lone glyph


def unread_text(
    changes: list[Box], part: Box, read: list[OcrWord], marks: list[Box], before: np.ndarray, after: np.ndarray
) -> bool:
    """Whether a change in ``part`` drew something inside its outline that no word read covers.

    A ring or border that changed (focus moving) has an unchanged inside; a tick lies in a
    check box; text wiped out leaves no ink: none of these needs a word.
    """
    for change in changes:
        if change.intersect(part) is None or is_thin(change) or any(m.contains(*change.center) for m in marks):
            continue
        if any(w.box.intersect(change) for w in read):
            continue
        y0, y1 = change.y + TEXT_INSET, change.bottom - TEXT_INSET
        x0, x1 = change.x + TEXT_INSET, change.right - TEXT_INSET
        if y1 <= y0 or x1 <= x0:
            continue
        old, new = before[y0:y1, x0:x1].astype(np.int16), after[y0:y1, x0:x1].astype(np.int16)
        if new.ndim == 3:
            old, new = old.sum(axis=-1) // 3, new.sum(axis=-1) // 3
        # Only pixels that turned into ink count: a button's shading that changed around
        # its unchanged arrow is no text.
        drawn = (np.abs(new - old) > INK_STEP // 2) & (np.abs(new - int(np.median(new))) > INK_STEP)
        columns = np.flatnonzero(drawn.any(axis=0))
        # A word, not a lone glyph: OCR of the band misses a lone character as the region's did.
        if int(drawn.sum()) >= INK_PIXELS and columns.size and columns[-1] - columns[0] + 1 >= WORD_WIDTH:
            return True
    return False


def kept_controls(controls: list[Box], known: list[Box], changes: list[Box], seen: Box) -> list[Box]:
    """The ``controls`` found in a piece of the window at ``seen`` that were there before
    (``known``, in window pixels) and that no change touches."""
    here = [c.shifted(seen.x, seen.y) for c in controls]
    return [
        c
        for c, at in zip(controls, here, strict=True)
        if not any(at.intersect(change) for change in changes) and any(same_place(at, k) for k in known)
    ]


def unread_panels(changes: list[Box], fresh: list[OcrWord]) -> list[Box]:
    """Large changes (a list drawn open inside the window) where the band reading found no word."""
    return [
        c
        for c in changes
        if c.w >= PANEL_MIN[0] and c.h >= PANEL_MIN[1] and not any(c.contains(*w.box.center) for w in fresh)
    ]


def focus_moved(memory: Memory) -> bool:
    """Whether a caret now blinks outside the field the tree last called focused.

    Moving the focus between fields changes only two carets' pixels, which is not a
    change that makes the window be read again; the tree's focus state must follow it.
    A caret blinking on in the field the tree already names costs nothing.
    """
    if not memory.tree or memory.blinked == memory.tree_blinks:
        return False
    # Blinks are in window pixels; the tree's boxes in screen pixels where the window stood when it was read.
    x0, y0 = memory.tree_at
    focused = [e.box for e in memory.tree if e.focused]
    return any(
        not any(b.contains(blink.center[0] + x0, blink.center[1] + y0) for b in focused) for blink in memory.blinked
    )


def refocused(elements: list[Element], blinks: list[Box]) -> list[Element]:
    """The same controls, the focus moved to the field a caret blinked in (if one did)."""
    fields = [e for e in elements if e.kind in ("text", "combo", "readout")]
    hit = next((e for e in fields if any(e.box.contains(*b.center) for b in blinks)), None)
    if hit is None:
        return elements
    return [replace(e, focused=e is hit) if e in fields else e for e in elements]


def unscaled(box: Box, scale: int, border: int) -> Box:
    """A box read on ``render``'s picture (scaled, with a border added) in the original's pixels."""
    return Box((box.x - border) // scale, (box.y - border) // scale, box.w // scale, box.h // scale)


def shifted(element: Element, dx: int, dy: int) -> Element:
    label_box = element.label_box.shifted(dx, dy) if element.label_box else None
    return replace(element, box=element.box.shifted(dx, dy), label_box=label_box)


def moved(element: Accessible, dx: int, dy: int) -> Accessible:
    return replace(element, box=element.box.shifted(dx, dy))


def same_place(a: Box, b: Box, slack: int = 2) -> bool:
    """Whether two outlines are one control read twice (a pixel or two apart)."""
    return all(abs(p - q) <= slack for p, q in zip((a.x, a.y, a.w, a.h), (b.x, b.y, b.w, b.h), strict=True))


def across(word: OcrWord, controls: list[Box]) -> bool:
    """Whether ``word`` lies across two or more controls, over most of each one's width: a row
    of keys read as one word through their borders (galculator's "1", "2", "3", "-" read
    "L2JL2" once "3" was pressed), which no control holds."""
    over = [c for c in controls if (i := word.box.intersect(c)) is not None and 2 * i.w >= c.w]
    return len(over) >= 2


def unchanged(words: list[OcrWord], band: Box, changes: list[Box], fresh: list[OcrWord]) -> list[OcrWord]:
    """The band's old words whose pixels did not change and that the new reading does not cover.

    Their pixels say what they said: a band that Tesseract reads worse than the whole
    window (a label between two entries' borders, read as nothing) must not lose them.
    """
    return [
        w
        for w in words
        if band.contains(*w.box.center)
        and not any(w.box.intersect(c) for c in changes)
        and not any(w.box.intersect(f.box) for f in fresh)
    ]


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character."""
    return any("\u2e80" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" or "\uf900" <= c <= "\ufaff" for c in text)


def ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def with_icons(
    spans: list[TextSpan], elements: list[Element], icons: list[tuple[Box, str]], at: Box, window: str
) -> tuple[list[TextSpan], list[Element]]:
    """The window's reading with its pictures named (window pixels, shifted to ``at``): each a
    button and a word, in place of what the picture was read as (unsure letters, a tick)."""
    named = [(b.shifted(at.x, at.y), name) for b, name in icons]
    covered = [b for b, _ in named]
    spans = [s for s in spans if s.conf >= SURE or not any(s.box.contains(*b.center) for b in covered)]
    elements = [e for e in elements if not any(b.contains(*e.box.center) for b in covered)]
    spans += [TextSpan(name, b, 100.0, window) for b, name in named]
    elements += [Element("button", b, name, "", b, window=window) for b, name in named]
    return spans, elements
