"""Read a field back after typing into it, and judge whether it holds what was typed.

A field may show typed text in its own format: "42.5" as "42.50", "1234" as
"1,234.00", a date in another order or separator, letters in upper case, or a
password as bullets. Equal means equal after that formatting: numbers compare as
numbers, dates as the same day-month-year parts, words case-folded, and a masked
field must show one bullet per typed character. OCR's lookalike glyphs (O and 0,
l and 1) are folded on both sides; nothing fuzzier, since a near miss in a
value ("42.50" against "42.60") is exactly what read-back is for.

A text wider than its field is never shown whole: the field scrolls to keep the
caret in view, so after typing it shows the text's end, its left edge cutting
through a character or two. Then the end must read as the text's end and, once
Home has scrolled the field to the start, the start as the text's start (End
puts the caret back). Both ends are where the known faults show: a first key
lost before the click took, keys meant for the next field appended at the end.
Characters in between are not seen that way, so such a text is first judged whole
and exactly: selected in the field (Shift+Home), it is read from the desktop's
selection, which Tk, GTK, Qt, Swing and Chromium fields offer (Wine's programs do not:
there the two ends are all that is checked).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import cv2
import numpy as np
from PIL import Image, ImageOps

from automation.actuation.popups import lies_over, new_popups, raise_list_opened
from automation.actuation.verify import changed
from automation.errors import ActionFailed
from automation.perception.controls import erase_caret, has_ink, render
from automation.perception.observe import observe_after
from automation.perception.tree_controls import tree_value
from automation.protocols import OcrEngine
from automation.timings import WaitTimeout, wait_until
from automation.types import Box, Element, Observation, Target, TypeText, Window

if TYPE_CHECKING:
    from automation.actuation.actor import Actor

BULLETS = set("•●*∙·◦")  # a password field's dots, when OCR reads them at all
LOOKALIKE = str.maketrans({"o": "0", "l": "1", "i": "1", "|": "1"})  # after case-folding
EDGE_MARKS = "|[]‘’'`\"!"  # what a field's border or focus ring reads as at the ends of its text
BORDER = 1  # pixels left out at a field's edges (a light box is already inside its border)
SELECTION_WAIT = 1.0  # seconds a field's selected text gets to reach the desktop's selection


READINGS = ((3, 0.0), (3, 1.0), (4, 1.5), (2, 0.0))  # (upscale, blur) renderings of a field's crop
BINARIZED = ((3, 0.0), (4, 2.0))  # (scale, blur) of the split renderings, tried last


def read_field(crop: Image.Image, ocr: OcrEngine, wanted: Callable[[str], bool] = lambda text: False) -> str:
    """What a field shows, read on its own crop (caret painted out) as one line.

    Several renderings are read, and inverted too (selected text is light on dark),
    until one reads as ``wanted``; else the first reading. A misread rarely turns into
    the very text that was typed, while one rendering may lose a letter to the border.
    """
    crop = crop.convert("RGB")
    if not has_ink(erase_caret(crop, loose=True)):
        return ""  # an empty field: whatever OCR makes of its shading is noise
    first = ""
    # The caret is painted out after a selection is undone: between a selection's
    # letters its dark background runs full height, like a caret. Dark text on a tinted
    # fill (a grid's selected row) is read once its grey range is stretched: unstretched,
    # Tesseract read "29" on light blue as "ay".
    stretched = ImageOps.autocontrast(crop)
    for picture in (crop, stretched, unselected(crop), ImageOps.invert(crop)):
        picture = erase_caret(picture, loose=True)
        for scale, blur in READINGS:
            words = ocr.read(render(picture, scale, blur, False), single_line=True)
            text = " ".join(w.text for w in words).strip().strip("|[]").strip()
            # A focus ring's edge read as a quote or a bar ("‘Graz" in a focused GTK entry):
            # the reading without it counts, but only when it is exactly what was wanted.
            bare = text.strip(EDGE_MARKS).strip()
            for reading in (text, bare):
                if reading and wanted(reading):
                    return reading
            first = first or text
    # Light text on a mid-tone fill (a Win32 combo's selected choice: white on blue, grey 131)
    # reads as noise unless split into ink and background ("Windows10 00° 8" for "Windows 10").
    for scale, blur in BINARIZED:
        words = ocr.read(render(erase_caret(crop, loose=True), scale, blur, True), single_line=True)
        text = " ".join(w.text for w in words).strip().strip("|[]").strip()
        if text and wanted(text):
            return text
    return first


SELECTED = 110  # gray: a selection's background is darker than this


def unselected(crop: Image.Image) -> Image.Image:
    """``crop`` with a selection (light text on a dark patch, as a focused combo shows its
    choice) turned into dark text on light, the rest left as it was."""
    gray = np.asarray(ImageOps.grayscale(crop))
    dark = (gray < SELECTED).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=4)
    out = gray.copy()
    for x, y, w, h, _ in stats[1:count]:
        if h >= 0.6 * gray.shape[0] and w >= 10:
            patch = gray[y : y + h, x : x + w]
            out[y : y + h, x : x + w] = np.where(patch < SELECTED, 255, 0)  # the patch white, its text black
    return Image.fromarray(out).convert("RGB")


GROUP_GAP = 0.5  # of the crop's height: a wider gap parts the row of bullets from other ink in the field
ICON_REACH = 2.5  # crop heights from either end of a field: where its own icons stand (reveal, generate, clear)


def bullets(crop: Image.Image) -> int | None:
    """How many bullets a masked field shows, or None when what it shows is not a row of bullets.

    Bullets (or asterisks) are marks of one size, about as wide as tall, on one row;
    letters and digits differ in size and are taller than wide. Two marks drawn a pixel
    apart touch once thresholded (Qt's, 8 px at a pitch of 8.5: 13 bullets read as 3
    marks and 5 pairs): a mark as wide as k of them, with k times the ink, counts k. Ink
    apart from the row near either end of the field is the field's own icon (Qt's reveal
    and generate buttons inside its password entry), not part of what it shows.
    """
    gray = np.asarray(ImageOps.grayscale(erase_caret(crop, loose=True)))
    background = int(np.percentile(gray, 90))
    ink = (gray < background - 80).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = gray.shape
    parts = sorted(
        (int(s[0]), int(s[1]), int(s[2]), int(s[3]), int(s[4])) for s in stats[1:count] if s[3] < 0.8 * height
    )
    groups: list[list[tuple[int, int, int, int, int]]] = []
    for part in parts:
        if groups and part[0] - max(p[0] + p[2] for p in groups[-1]) <= GROUP_GAP * height:
            groups[-1].append(part)
        else:
            groups.append([part])
    counted = [(group, row_of_marks(group)) for group in groups]
    rows = [(group, n) for group, n in counted if n is not None]
    if len(rows) != 1:
        return None
    reach = ICON_REACH * height
    for group, n in counted:
        if n is None and not (max(p[0] + p[2] for p in group) <= reach or min(p[0] for p in group) >= width - reach):
            return None  # other ink in the middle of the field: not a masked field's look
    return rows[0][1]


def row_of_marks(parts: Sequence[tuple[int, int, int, int, int]]) -> int | None:
    """How many marks of one size on one row ``parts`` (x, y, w, h, ink) are, some of them
    touching their neighbour; None when they are not such a row."""
    h0 = float(np.median([p[3] for p in parts]))
    y0 = float(np.median([p[1] for p in parts]))
    widths = []
    for _, y, w, h, _ in parts:
        k = max(1, round((w + 1) / (h0 + 1)))
        # k round marks side by side, overlapping a pixel or standing two apart
        if abs(h - h0) > 1 or abs(y - y0) > 1 or not k * h0 - (k - 1) - 2 <= w <= k * h0 + 2 * (k - 1) + 2:
            return None
        widths.append(k)
    single = float(np.median([p[4] / k for p, k in zip(parts, widths, strict=True)]))
    for (_, _, _, _, n), k in zip(parts, widths, strict=True):
        if abs(n - k * single) > 0.25 * k * single + 1:
            return None
    return sum(widths)


def number(text: str) -> Decimal | None:
    """The number ``text`` writes, with the signs a field formats it with around it: currency before
    it, a percent sign after it (Qt's zoom spin box shows "42%" for 42 typed), separators inside."""
    cleaned = re.sub(r"[\s,$€£¥]|%$", "", text.strip())
    if not re.fullmatch(r"[-+]?\d*\.?\d+", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def date_parts(text: str) -> list[int] | None:
    """The day, month and year numbers of a date written with separators, sorted, years as two digits.

    A part of three digits is no date's: it is a four-digit year that lost a digit (a first
    key lost before the click took: "026-11-18" for "2026-11-18" read as the same day)."""
    part = r"(?:\d{1,2}|\d{4})"
    if not re.fullmatch(rf"{part}[-./ ]\d{{1,2}}[-./ ]{part}", text.strip()):
        return None
    return sorted(int(p) % 100 if len(p) == 4 else int(p) for p in re.split(r"[-./ ]", text.strip()))


def folded(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold().translate(LOOKALIKE)


PIECE = 8  # characters a view of a longer text must show to stand for its end or start
EDGE_CUT = 2  # characters the field's edge may cut through at the clipped side of the view


def end_piece(typed: str, seen: str) -> bool:
    """Whether ``seen`` is ``typed``'s end as a field too narrow for it shows it, the caret
    after the last character: the view's left edge may cut a character or two (read as
    anything or nothing), its right side is whole."""
    return _piece(typed, seen, at_end=True)


def start_piece(typed: str, seen: str) -> bool:
    """Whether ``seen`` is ``typed``'s start as a field too narrow for it shows it after Home:
    the view's left side is whole, its right edge may cut a character or two."""
    return _piece(typed, seen, at_end=False)


def _piece(typed: str, seen: str, at_end: bool) -> bool:
    whole, view = folded(typed), folded(seen)
    if len(view) >= len(whole):
        return False  # as long as the text: the field shows it all, and it must equal it
    for cut in range(EDGE_CUT + 1):
        rest = view[cut:] if at_end else view[: len(view) - cut]
        if len(rest) >= PIECE and (whole.endswith(rest) if at_end else whole.startswith(rest)):
            return True
    return False


def shows(typed: str, seen: str, masked_count: int | None = None) -> bool:
    """Whether a field that reads ``seen`` holds ``typed`` once the field's formatting is undone.

    ``masked_count`` is the number of bullets counted in the field, for a field that
    hides what is typed.
    """
    if masked_count is not None and typed and masked_count == len(typed):
        return True
    if seen and typed and set(seen.replace(" ", "")) <= BULLETS and len(seen.replace(" ", "")) == len(typed):
        return True
    if folded(typed) == folded(seen):
        return True
    a, b = number(typed), number(seen.casefold().translate(LOOKALIKE))
    if a is not None and b is not None:
        return a == b
    read = seen.casefold().translate(LOOKALIKE)
    da, db = date_parts(typed), date_parts(read)
    # the typed date's own end ("26-11-18" of "2026-11-18") is its first keys lost, not a reformat
    return da is not None and da == db and not folded(typed).endswith(folded(read))


TYPED_INTO = ("text", "combo", "readout")  # what may have received typing meant for another field
SAME_PLACE = 0.7  # of the smaller box: two readings of one field overlap so much, neighbours never


class ReadBack:
    """After typing into ``field``: read it back, retry once another way, else say where the text went.

    A mismatch is retried once by clicking the field's middle, selecting what it
    holds (End, then Shift+Home: every toolkit's single-line entry knows these) and
    typing again. Then the focus having left the window is the safety gate's error
    (exit 8); anything else is ActionFailed (exit 1) naming the field and what it
    shows, and the field that took the text instead when one did.
    """

    def __init__(self, actor: Actor, field: Element, window: Window, before: Observation) -> None:
        self.actor, self.field, self.window, self.before = actor, field, window, before
        self.inner = inner_box(field)
        self.seen = ""
        self.clipped = False  # the field showed only the text's end: too narrow for it
        self.read_crop: Image.Image | None = None  # the field's picture as last read by OCR
        # The field's value comes from the window's accessibility tree when the tree was
        # trusted for this window and describes this field; else from OCR of its crop.
        tree = actor.observer.tree
        known = tree is not None and tree_value(before.accessible, field.box) is not None
        self.tree = tree if known else None

    @property
    def name(self) -> str:
        return self.field.label or f"the unlabelled field at {self.field.box.center}"

    def check(self, text: str) -> None:
        if self.list_over_field():
            # the field's own list, drawn over it (GTK's combo): its item would read back as typed
            raise_list_opened(self.actor.gate, self.actor.desktop.input, self.field, self.window)
        if self.holds_all(text):
            return
        gate = self.actor.gate
        gate.check(self.window, done=f"typed {len(text)} characters; then the focus left the window")
        other = self.went_to(text)
        if other is None:
            self.retype(text)
            if self.holds_all(text):
                self.check_no_stray_keys(text)
                return
            gate.check(self.window, done=f"typed {len(text)} characters twice; then the focus left the window")
            other = self.went_to(text)
        instead = f"; the typing went into {other!r} instead" if other else ""
        raise ActionFailed(
            f"typed {len(text)} characters into {self.name!r} in {self.window.title!r}, but it shows "
            f"{self.seen!r}{instead}",
            "check the form: the value may be refused by the field, or another field takes the keys",
        )

    def list_over_field(self) -> bool:
        """Whether a pop-up that opened since the field was looked at lies over its middle: a list
        the click opened (a field's completions hang below it, not over it)."""
        opened = new_popups(self.before.windows, self.actor.desktop.windows.list())
        return any(lies_over(p.box, self.field.box) for p in opened)

    def holds(self, text: str) -> bool:
        """Whether the field shows ``text`` within the verify timeout (a field may reformat it),
        or, too narrow for it, shows its end (``clipped`` then: the start is not checked).
        A reading that does not show it is the verdict only once the field has stopped changing."""
        self.clipped, self.read_crop = False, None

        def shown() -> bool:
            if self.tree is not None:
                value = tree_value(self.tree.read(self.window) or [], self.field.box)
                if value is not None:
                    self.seen = value
                    return shows(text, value)
            if self._reads(text, end_piece):
                return True
            self.clipped = end_piece(text, self.seen)
            return self.clipped

        timeout = self.actor.timings.verify_timeout
        with contextlib.suppress(WaitTimeout):
            return wait_until(shown, name=f"{self.name!r} to show what was typed", timeout=timeout)

        def settled_or_shown() -> str | None:
            # A reading that did not show the text counts only while the field still looks as it
            # did when read: one OCR pass under load outlasted the timeout while the application was
            # still drawing the keys (a browser's note read "valve valv|", a VNC viewer's frame).
            if self.read_crop is None or not changed(self.read_crop, self.actor.desktop.screen.grab(self.inner)):
                return "settled"
            return "shown" if shown() else None

        try:
            return wait_until(settled_or_shown, name=f"{self.name!r} to stop changing", timeout=timeout) == "shown"
        except WaitTimeout:
            return False

    def holds_all(self, text: str) -> bool:
        """``holds``, and for a text wider than the field the whole of it, as the field's
        selection gives it; where the application does not offer its selection, its start:
        Home scrolls the field there (the caret is in it, after typing), End puts the caret
        back at the end."""
        if not self.holds(text):
            return False
        if not self.clipped:
            return True
        selected = self.selected(text)
        if selected is not None:
            self.seen = selected
            return shows(text, selected)
        gate, keys = self.actor.gate, self.actor.desktop.input
        gate.check(self.window, done=f"typed {len(text)} characters; then the focus left the window")
        keys.key("Home")
        try:
            wait_until(
                lambda: self._reads(text, start_piece) or start_piece(text, self.seen),
                name=f"{self.name!r} to show the start of what was typed",
                timeout=self.actor.timings.verify_timeout,
            )
        except WaitTimeout:
            return False
        finally:
            gate.check(self.window, done=f"typed {len(text)} characters; then the focus left the window")
            keys.key("End")
        # End puts the caret after all the field holds, not only after what was typed: text it held
        # after the caret shows at the view's end now (Wine's name box kept its "*.txt" there, out
        # of view while the caret stood before it: "...report.txt*.txt" passed for the path typed)
        try:
            return wait_until(
                lambda: self._reads(text, end_piece) or end_piece(text, self.seen),
                name=f"{self.name!r} to show the end of what was typed after End",
                timeout=self.actor.timings.verify_timeout,
            )
        except WaitTimeout:
            return False

    def selected(self, text: str) -> str | None:
        """What the field holds, exactly: its text selected (Shift+Home from the caret, at the
        end after typing) as the desktop's selection then gives it. None when that cannot
        tell: no selection to read, a multi-line text, or an application that does not offer
        its selection (Wine's). The selection is cleared first, so that a field offering
        the same text as before still counts as offering it."""
        selection = self.actor.desktop.selection
        if selection is None or "\n" in text:
            return None
        gate, keys = self.actor.gate, self.actor.desktop.input
        gate.check(self.window, done=f"typed {len(text)} characters; then the focus left the window")
        selection.clear()
        keys.key("shift+Home")
        try:
            return wait_until(
                selection.selected_text,
                name=f"{self.name!r} to offer its text as the selection",
                timeout=SELECTION_WAIT,
            )
        except WaitTimeout:
            return None
        finally:
            gate.check(self.window, done=f"typed {len(text)} characters; then the focus left the window")
            keys.key("End")

    def _reads(self, text: str, piece: Callable[[str, str], bool]) -> bool:
        """Read the field's crop once: True when it shows ``text`` whole; ``seen`` is the reading,
        which may be the ``piece`` of the text a field too narrow for it shows."""
        crop = self.actor.desktop.screen.grab(self.inner)
        self.read_crop = crop
        crop = before_end_button(crop)
        dots = bullets(crop)
        self.seen = read_field(crop, self.actor.observer.ocr, lambda seen: shows(text, seen, dots) or piece(text, seen))
        return shows(text, self.seen, dots)

    def went_to(self, text: str) -> str | None:
        """The other field that now holds ``text`` (and did not before), by its label."""
        obs = observe_after(self.actor.observer, self.window, f"typed {len(text)} characters")
        for e in obs.elements:
            if e.window != self.window.title or e.kind not in TYPED_INTO or e.box.intersect(self.field.box):
                continue
            # what it showed before, found by where it stands (a box read a pixel off is the same one:
            # a calendar's day "3" was named as where "3" went)
            had = next((b.text for b in self.before.elements if same_place(b.box, e.box)), "")
            if contains_typed(text, e.text) and not contains_typed(text, had):
                return e.label or f"the field at {e.box.center} showing {e.text!r}"
        # The field that has the focus took the keys, when it shows their start added to what it showed: a
        # focus seen on a field the keys never reached (HomeBank's memo, typed into earlier, while
        # the amount showed the keys typed in the wrong place) is no evidence, and naming it stopped
        # the retry that types over what the field held. The target itself, found again a pixel or
        # two off (its focus ring drawn), is no other field.
        for e in obs.elements:
            if e.window != self.window.title or not e.focused or e.box.intersect(self.field.box):
                continue
            old = next((b.text for b in self.before.elements if b.kind == e.kind and same_place(b.box, e.box)), None)
            if added_start(text, old or "", e.text):
                return e.label or None
        return None

    def check_no_stray_keys(self, text: str) -> None:
        """After a retry that took: the first try's keys that went elsewhere are not left there.

        The first keys typed before the click took go into the field that had the focus, at
        its end ("bracket" became "bracket2" while "29" was typed into the next cell)."""
        stray = self.stray(text)
        if stray is not None:
            label, shown = stray
            raise ActionFailed(
                f"typed {len(text)} characters into {self.name!r} in {self.window.title!r} (it shows them now), "
                f"but the first try's first keys went into {label!r}, which now shows {shown!r}",
                f"correct {label!r}: it holds keys meant for {self.name!r}",
            )

    def stray(self, text: str) -> tuple[str, str] | None:
        """The other field that now shows what it showed before with the start of ``text``
        added at its end, and what it shows."""
        obs = observe_after(self.actor.observer, self.window, f"typed {len(text)} characters")
        for e in obs.elements:
            if e.window != self.window.title or e.kind not in TYPED_INTO or e.box.intersect(self.field.box):
                continue
            # the same field before, found by where it stands: its box moves a pixel or two when
            # its focus ring goes (the field that had the focus is the one the keys went into)
            old = next((b.text for b in self.before.elements if b.kind == e.kind and same_place(b.box, e.box)), None)
            if old is not None and e.text != old and added_start(text, old, e.text):
                return e.label or f"the field at {e.box.center}", e.text
        return None

    def retype(self, text: str) -> None:
        """Click the field's middle, select what it holds and type again, through the actor's one send path."""
        point = self.actor.desktop.to_input(*self.inner.center)
        action = TypeText(text, Target(self.field.label or self.name, self.window.title, field=True), self.window.title)
        self.actor.send(action, point, self.window, self.field, select=True)


BUTTON_LINE = 0.6  # share of a field's inner height an end button's border line runs down, at least
LINE_APART = 25  # gray levels darker than the field's fill: a light button's border counts
LONE = 0.3  # and the columns two pixels either side of it are mostly fill: a line, not a letter or a selection


def before_end_button(crop: Image.Image) -> Image.Image:
    """A field's crop without the drop-down button an active grid cell draws at its right end.

    A register's date and account cells show such a button only while they are edited, so the
    field's shape had none: its arrow read as text after the value ('12/05/26 v', 'Expenses:Groceries
    "A'), and every date and account typed into GnuCash's register failed its read-back (exit 1).
    The button is told by its left border: a thin line down most of the field's height, about a
    field's height from its right end; the crop is cut just left of it."""
    gray = np.asarray(crop.convert("L")).astype(np.int16)
    h, w = gray.shape
    if w < 3 * h:
        return crop
    ink = gray < int(np.median(gray)) - LINE_APART
    dark = ink.mean(axis=0)
    lines = [
        c
        for c in range(max(int(w - 1.6 * h), 2), int(w - h / 3))
        if dark[c] >= BUTTON_LINE and dark[c - 2] < LONE and dark[c + 2] < LONE and spans_the_text(ink, c)
    ]
    if not lines:
        return crop
    cut = min(lines, key=lambda c: abs(c - (w - h)))
    return crop.crop((0, 0, cut - 1, h))


def spans_the_text(ink: np.ndarray, column: int) -> bool:
    """Whether the line of ``ink`` down ``column`` reaches as high and as low as the text left of
    it: a button's border does; a letter's stem does not ("h" in a Tk field's "branch", which cut a
    long text's read-back there, round 17)."""
    line = np.flatnonzero(ink[:, column])
    left = ink[:, : max(column - 2, 0)]
    letters = left[:, left.mean(axis=0) < BUTTON_LINE]  # without other such lines (the button's own border)
    text = np.flatnonzero(letters.any(axis=1))
    return bool(line.size and text.size) and line[0] <= text[0] and line[-1] >= text[-1]


def inner_box(field: Element) -> Box:
    """Where a field's text is drawn: inside its border, left of a combo's arrow button."""
    box = field.box
    arrow = box.h + 2 if field.kind == "combo" else 0
    return Box(box.x + BORDER, box.y + BORDER, max(box.w - 2 * BORDER - arrow, 4), max(box.h - 2 * BORDER, 4))


def same_place(a: Box, b: Box) -> bool:
    """Whether two boxes are one field's, seen twice: they overlap in most of the smaller."""
    both = a.intersect(b)
    return both is not None and both.w * both.h >= SAME_PLACE * min(a.w * a.h, b.w * b.h)


def added_start(typed: str, old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with the first characters of ``typed`` typed at its end."""
    was, now = folded(old), folded(new)
    return now.startswith(was) and len(now) > len(was) and folded(typed).startswith(now[len(was) :])


def contains_typed(typed: str, shown: str) -> bool:
    return bool(shown) and (folded(typed) in folded(shown) or shows(typed, shown))
