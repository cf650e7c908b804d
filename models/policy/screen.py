"""What the policy can point at on screen, read from labels and outlines alone.

An observation has text spans and outlined rectangles, nothing more. From those:

- a *button* is a label inside an outline;
- a *field label* is a label with an outline starting just right of it on its row
  (an entry or a combo box), or a label left-aligned with such labels (a form's
  column of labels: an entry holding text often loses its outline to OCR's edge
  finder); text in the field is the field's *value*, not something to click;
- *prose* is a sentence or a question ("Submit this claim?"): read, never clicked;
- a *menu* is a short label in the top strip of a window (its menu bar);
- a *dialog* is an active window lying over another, larger one, or over a window of
  its own application that it covers (Window.lies_over): while it is up,
  only its own labels can be used (modal dialogs block the window behind);
- a *keypad* is a window with most of the digits 0-9 as lone labels (a calculator).

Spans OCR was unsure of (confidence below MIN_CONF) are noise such as empty
spreadsheet cells read as "OS", and are left out.

When the observation carries elements (controls found by shape, each paired with
its label), their pairings of a label above its field are taken too, and a label
beside its field (an outline within reach, or the elements' pairing on its row) when it
stands in the column of those labels: a form that mixes both layouts (Win32's) has no
other beside-label for it to line up with. A lone label the elements pair with the field
right beside it (within FIELD_GAP) is its field's label too, unless it lies in an open
pop-up (a menu's item over an entry): a one-field dialog has no column to stand in. The reading from spans
and outlines fills in what the elements leave out, and is all there is for saved
observations that predate elements.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from automation.file_names import takes_windows_paths
from automation.numbers.arithmetic import displayed, keypad
from automation.types import Box, Element, Observation, TextSpan, Window

MIN_CONF = 20.0
MENU_STRIP = 30  # pixels below a window's top where its menu bar sits
FIELD_GAP = 100  # at most this many pixels between a label and its field (forms align fields in a column)
MAX_FIELD_WORDS = 3
MIN_FIELD_W = 30
MAX_LABEL_WORDS = 5

LabelRole = Literal["button", "field", "menu", "text", "value", "prose"]
ALIGN = 4  # pixels: labels of one form column start this close together


@dataclass(frozen=True)
class Label:
    text: str
    window: str
    box: Box
    role: LabelRole
    value: str = ""  # for a field: the text already in it, when OCR read any
    boxed: bool = False  # it lies inside an outline of its own (a button's, or an entry's holding it)


@dataclass(frozen=True)
class ScreenReading:
    labels: tuple[Label, ...]
    dialog: str | None  # title of the modal dialog in front, if any
    keypad: bool  # the labels include a calculator's digit keys
    windows: tuple[str, ...]
    windows_paths: bool = False  # the window in front is a Windows program (Wine): its file boxes take "Z:\\..."

    def of_role(self, *roles: LabelRole) -> list[Label]:
        return [lb for lb in self.labels if lb.role in roles]


def inside(box: Box, outline: Box) -> bool:
    cx, cy = box.center
    return outline.contains(cx, cy)


def field_outline(span: TextSpan, outlines: list[Box]) -> Box | None:
    """The outline that starts just right of ``span`` on its row: the span's field."""
    cy = span.box.center[1]
    row = [
        o
        for o in outlines
        if o.y <= cy < o.bottom and 0 <= o.x - span.box.right + 2 <= FIELD_GAP and o.w >= MIN_FIELD_W
    ]
    return min(row, key=lambda o: o.x) if row else None


def aligned(a: TextSpan, b: TextSpan) -> bool:
    """Two labels of one window starting at the same x: a column of a form."""
    return a.window == b.window and abs(a.box.x - b.box.x) <= ALIGN


FIELD_KINDS = ("text", "combo")


def element_fields(spans: list[TextSpan], elements: tuple[Element, ...]) -> dict[int, Box]:
    """Span index -> its field's box, for spans that name an entry or a combo box by the
    elements' pairing (left, above or placeholder)."""
    found: dict[int, Box] = {}
    for e in elements:
        if e.kind not in FIELD_KINDS or not e.label or e.label_box is None:
            continue
        lb = e.label_box
        match = [
            i
            for i, s in enumerate(spans)
            if i not in found
            and (not e.window or s.window == e.window)
            and s.box.intersect(lb) is not None
            and s.text.strip().casefold() in e.label.casefold()
        ]
        if match:
            found[min(match, key=lambda i: abs(spans[i].box.x - lb.x) + abs(spans[i].box.y - lb.y))] = e.box
    return found


def switches(elements: tuple[Element, ...]) -> list[Box]:
    """Where check boxes stand, their captions included."""
    return [b for e in elements if e.kind == "check" for b in (e.box, e.label_box) if b is not None]


def entry_beside(span: TextSpan, elements: tuple[Element, ...]) -> Box | None:
    """The entry or combo box right of ``span`` on its row (overlapping its line: a tall box's element
    may be only the text it holds), within FIELD_GAP, by the elements."""
    row = [
        e.box
        for e in elements
        if e.kind in FIELD_KINDS
        and (not e.window or e.window == span.window)
        and e.box.y < span.box.bottom
        and span.box.y < e.box.bottom
        and 0 <= e.box.x - span.box.right + 2 <= FIELD_GAP
    ]
    return min(row, key=lambda b: b.x) if row else None


def in_popup(span: TextSpan, windows: tuple[Window, ...]) -> bool:
    """Whether ``span`` lies in an open pop-up (a menu, a combo's list) of its window."""
    cx, cy = span.box.center
    return any(p.box.contains(cx, cy) for w in windows if w.title == span.window for p in w.popups)


def dialog_window(obs: Observation) -> Window | None:
    active = obs.active
    if active is None:
        return None
    return active if any(active.lies_over(other) for other in obs.windows) else None


def read(obs: Observation) -> ScreenReading:
    dialog = dialog_window(obs)
    spans = [s for s in obs.spans if s.conf >= MIN_CONF and s.text.strip()]
    # An open list's or menu's items are what is chosen, whatever they lie over: GTK draws a
    # combo's first or current item right over the combo, where it would read as its value.
    lists = [p.box for w in obs.windows for p in w.popups if p.kind != "tooltip"]
    if dialog is not None:
        spans = [s for s in spans if s.window == dialog.title]
    listed = {i for i, span in enumerate(spans) if any(inside(span.box, box) for box in lists)}
    windows = {w.title: w for w in obs.windows}
    outlines = list(obs.outlines)

    beside: dict[int, Box] = {}  # span index -> the outline right of it
    for i, span in enumerate(spans):
        short = len(span.text.split()) <= MAX_FIELD_WORDS and not span.text.rstrip().endswith("?")
        if (
            short
            and i not in listed
            and sum(c.isalpha() for c in span.text) >= 2
            and not any(inside(span.box, o) for o in outlines)
        ):
            found = field_outline(span, outlines)
            if found is not None:
                beside[i] = found
    # A check box's own caption that ends with ":" and has an entry right beside it on its row is that
    # entry's label too: the box switches the field on or off (KeePassXC's "Notes:" and "Expires:"),
    # and "work account as the notes" is typed beside it. Read as the box's button, the caption was
    # clicked (the notes hidden) and the notes never typed.
    for i, span in enumerate(spans):
        if i in beside or i in listed or not span.text.rstrip().endswith(":"):
            continue
        if any(inside(span.box, b) for b in switches(obs.elements)) and (entry := entry_beside(span, obs.elements)):
            beside[i] = entry
    # A form lines its labels up in a column; a lone label with a box after it is more
    # often a menu item over a covered entry than a field (unless it ends with ":").
    fields: dict[int, Box] = {
        i: box
        for i, box in beside.items()
        if spans[i].text.rstrip().endswith(":") or any(j != i and aligned(spans[i], spans[j]) for j in beside)
    }
    for i, span in enumerate(spans):  # the rest of each form column
        short = len(span.text.split()) <= MAX_FIELD_WORDS and sum(c.isalpha() for c in span.text) >= 2
        if i in fields or i in listed or not short or any(inside(span.box, o) for o in outlines):
            continue
        column = [j for j in fields if aligned(span, spans[j])]
        if column:
            like = fields[column[0]]
            # Only as tall as the label: a drop-down list open over the next row is not this field's text.
            fields[i] = Box(like.x, span.box.y, like.w, span.box.h)
    # The elements' pairings add labels above fields, which the row rule cannot see.
    paired = {i: box for i, box in element_fields(spans, obs.elements).items() if i not in listed}
    column_of = [j for j, box in paired.items() if spans[j].box.bottom <= box.y + 2]
    for i, box in beside.items():
        # A label beside its field in a form whose other labels stand above theirs (Win32's mixed
        # layouts): it is in their column, so a field's label, not a lone menu item.
        if i not in fields and any(j != i and aligned(spans[i], spans[j]) for j in column_of):
            fields[i] = box
    column_of += list(fields)
    field_boxes = list(fields.values())
    for i, box in paired.items():
        # Labels above their field only: the row rule above handles labels beside a field
        # (within FIELD_GAP; the elements reach farther and took an open menu's items lying
        # left of an entry), and text over a field is as often a menu's item as a placeholder.
        # Also a label that says it names a field (it ends with ":") with the field on its row,
        # beyond FIELD_GAP or with no outline seen: a file dialog's "Name:" over a wide, focused entry.
        # And a label in a column of the form's field labels with the field on its row beyond FIELD_GAP
        # (Win32's combo box 109 px right of "Priority"): the column says it is the form's label.
        # And a lone label right beside its field (within FIELD_GAP) outside any pop-up: a one-field
        # dialog's "Employee" next to its entry (yad) has no column to stand in, and an open menu's
        # item over an entry, which the column rule keeps out, lies in a pop-up.
        above = spans[i].box.bottom <= box.y + 2
        row = box.x >= spans[i].box.right - 2 and box.y <= spans[i].box.center[1] < box.bottom
        in_column = any(j != i and aligned(spans[i], spans[j]) for j in column_of)
        near = row and box.x - spans[i].box.right <= FIELD_GAP and not in_popup(spans[i], obs.windows)
        if above or near or (row and (spans[i].text.rstrip().endswith(":") or in_column)):
            fields[i] = box

    labels: list[Label] = []
    for i, span in enumerate(spans):
        text = span.text.strip()
        window = windows.get(span.window)
        if i in listed:
            labels.append(Label(text, span.window, span.box, "text"))  # an item, as an open list's are
        elif i in fields:
            placeholder = inside(span.box, fields[i])  # a grey label inside an empty field
            values = (
                []
                if placeholder
                else [s.text for j, s in enumerate(spans) if j != i and j not in listed and inside(s.box, fields[i])]
            )
            labels.append(Label(text, span.window, span.box, "field", " ".join(values)))
        elif any(inside(span.box, f) for f in field_boxes):
            boxed = any(inside(span.box, o) for o in outlines)
            labels.append(Label(text, span.window, span.box, "value", boxed=boxed))
        elif len(text.split()) > MAX_LABEL_WORDS or text.endswith("?"):
            labels.append(Label(text, span.window, span.box, "prose"))
        elif window is not None and dialog is None and span.box.y - window.box.y < MENU_STRIP:
            labels.append(Label(text, span.window, span.box, "menu"))
        elif any(inside(span.box, o) for o in outlines):
            labels.append(Label(text, span.window, span.box, "button"))
        else:
            labels.append(Label(text, span.window, span.box, "text"))

    pad = keypad(lb.text for lb in labels)
    if pad:
        # a calculator's display reading is no key: "12" was clicked on galculator's display in the
        # middle of "12 times 7 plus 3"
        shown = displayed([(lb.text, lb.box.center[1], lb.box.h) for lb in labels])
        labels = [replace(lb, role="value") if i in shown else lb for i, lb in enumerate(labels)]
    return ScreenReading(
        labels=tuple(labels),
        dialog=dialog.title if dialog else None,
        keypad=pad,
        windows=tuple(w.title for w in obs.windows),
        windows_paths=takes_windows_paths((dialog or obs.active or obs.windows[0]).app) if obs.windows else False,
    )
