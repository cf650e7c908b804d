"""A trusted accessibility tree's fields as the window's controls, beside those found by shape (pure).

Where the tree was believed (it agreed with the pixels, see accessible.py), each of its
fields (an editable text, a combo box, a spin button, a check box, a radio button, a
table cell) becomes an element with the label the tree relates to it (labelled-by),
else the tree's nearest label left of or above it, its value, and its checked and
focused states. A control found by shape in the same place is that field: the tree's
words win, the pixels' box and label fill in what the tree lacks. Controls the tree
does not describe stay as the pixels found them. The tree's focus state is the focus
whenever the tree names one focused element.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from automation.perception.elements import field_distance, mark_distance
from automation.types import Accessible, Box, Element, ElementKind

KINDS: dict[str, ElementKind] = {
    "text": "text",
    "entry": "text",
    "password text": "text",
    "spin button": "text",
    "table cell": "text",
    "combo box": "combo",
    "check box": "check",
    "radio button": "radio",
}
LABELS = frozenset({"label", "static"})
HEADERS = frozenset({"table column header", "column header"})  # what names a grid's cells
TEXT_ROLES = frozenset(r for r, k in KINDS.items() if k in ("text", "combo") and r != "table cell")
READ_BACK = KINDS.keys() - {"password text", "table cell"}  # fields whose tree value read-back trusts
MASKS = frozenset("•●*∙·◦")  # characters a masked field's value is made of, when the tree gives them
SAME = 0.5  # intersection over the smaller box above which a shape and a tree field are one control
SIZE_SHARE = 0.5  # and the smaller's height or width, over the larger's, at least (a speck inside is not it)
SPECK = 12  # pixels: a shape narrower or lower than this inside a tree field is a speck of it, not its outline


def tree_fields(tree: Sequence[Accessible], window: str) -> list[Element]:
    """The tree's fields as elements, labelled by relation, else by the nearest label drawn beside or above."""
    labels = [a for a in tree if a.role in LABELS and a.name]
    headers = [a for a in tree if a.role in HEADERS and a.name]
    fields = [a for a in tree if a.role in KINDS and (a.role != "table cell" or a.editable or a.value is not None)]
    boxes = [a.box for a in fields]
    # a caption the tree relates to several fields is their group's (Qt relates every control in a
    # group box to its title: "Spinboxes" named five spin boxes whose own captions stand above each)
    named = Counter(a.label or a.name for a in fields if a.role in TEXT_ROLES and (a.label or a.name))
    shared = {name for name, n in named.items() if n > 1}
    found: list[Element] = []
    for a in fields:
        kind = KINDS[a.role]
        label, label_box = _label(a, kind, headers if a.role == "table cell" else labels, boxes, shared)
        checked = ("checked" in a.states) if kind in ("check", "radio") else None
        echoed = echoes_name(a) and label == (a.label or a.name)  # not a value it is named after
        text = "" if kind in ("check", "radio") or echoed else (a.value or "")
        cell = a.role == "table cell"
        found.append(Element(kind, a.box, label, text, label_box, a.focused, checked, window, cell))
    return found


def _label(
    a: Accessible,
    kind: ElementKind,
    labels: Sequence[Accessible],
    boxes: Sequence[Box],
    shared: AbstractSet[str] = frozenset(),
) -> tuple[str, Box | None]:
    """The field's label and where it is drawn; ``labels`` are the tree's captions (a cell's: its column headers)."""
    if kind in ("check", "radio") and a.name:
        return a.name, a.box  # its name is the text drawn beside its mark
    named = a.label or (a.name if a.role != "table cell" else "")
    distance = mark_distance if kind in ("check", "radio") else field_distance
    scored = [(d, lab) for lab in labels if (d := distance(a.box, lab.box, boxes)) is not None]
    by_place = not a.label and names_its_value(a, labels)  # a combo named after its item
    if named and not (scored and (by_place or named in shared)):
        drawn = next((lab.box for lab in labels if lab.name.strip() == named), None)
        return named, drawn
    if not scored:
        return "", None
    _, nearest = min(scored, key=lambda s: s[0])
    return nearest.name, nearest.box


def with_tree(pixels: Sequence[Element], tree: Sequence[Accessible], window: str) -> list[Element]:
    """The window's elements, the tree's fields preferred where they and a shape describe one control."""
    fields = tree_fields(tree, window)
    if not fields:
        return list(pixels)
    tree_focus = any(f.focused for f in fields) or any(a.focused for a in tree)
    taken: set[int] = set()
    merged: list[Element] = []
    for f in fields:
        k = next(
            (i for i, e in enumerate(pixels) if i not in taken and e.kind != "button" and drawn_as(e.box, f.box)),
            None,
        )
        if k is None:
            merged.append(f)
            continue
        taken.add(k)
        e = pixels[k]
        merged.append(
            replace(
                f,
                box=e.box,  # the outline as drawn: what a click aims at and read-back crops
                label=f.label or e.label,
                label_box=f.label_box or e.label_box,
                text=f.text if f.text or f.kind in ("check", "radio") else e.text,
                checked=f.checked if f.checked is not None else e.checked,
                focused=f.focused if tree_focus else e.focused,
                cell=f.cell or e.cell,
            )
        )
    label_boxes = [f.label_box for f in merged if f.label_box is not None]
    for i, e in enumerate(pixels):
        if i in taken:
            continue
        if e.kind == "readout" and any(b.contains(*e.box.center) for b in label_boxes):
            continue  # a field's label the pixels paired with nothing: it names a tree field now
        merged.append(replace(e, focused=False) if tree_focus else e)
    return sorted(merged, key=lambda e: (e.box.y // 8, e.box.x))


def drawn_as(shape: Box, field: Box) -> bool:
    """Whether what the pixels found at ``shape`` is the tree's ``field`` as drawn: one control, and
    of its size in height or in width, or of a control's size itself. A speck inside a field is not
    its outline: a web page's multi-line
    field, too tall for a shape, took the box of its resize grip (7 by 7 px, read as the word "a")
    from the pixels, and every click meant for it went to its corner, where the keys went nowhere.
    A shape of a control's size is kept, however much larger the tree's box: KeePassXC's notes box
    reaches, in its tree, under the OK and Cancel buttons below it, which then read as its text."""
    return one_control(shape, field) and (
        min(shape.h, shape.w) >= SPECK
        or min(shape.h, field.h) >= SIZE_SHARE * max(shape.h, field.h)
        or min(shape.w, field.w) >= SIZE_SHARE * max(shape.w, field.w)
    )


def one_control(a: Box, b: Box) -> bool:
    inter = a.intersect(b)
    if inter is None:
        return False
    return inter.w * inter.h >= SAME * min(a.w * a.h, b.w * b.h)


def tree_value(tree: Sequence[Accessible], box: Box) -> str | None:
    """The value the tree gives the field drawn at ``box``, or None when it gives none.

    A masked field's value is left to its pixels (toolkits differ in what they answer for it) unless
    the tree gives it masked, one bullet per character (GTK's; yad's password read back '' by OCR;
    Qt's answer is always '', and its 13 bullets were read back as ''),
    and so is a grid cell's: typing goes into an editor over the cell, and the cell's own value
    changes only once the edit is committed.
    """
    for a in tree:
        if a.role == "password text" and a.value is not None and one_control(a.box, box):
            # a masked echo (GTK answers one "●" per character typed) is as good as counted bullets;
            # an empty answer is none: Qt answers '' for its password field whatever it holds
            return a.value if a.value and set(a.value) <= MASKS else None
        if a.role in READ_BACK and a.value is not None and one_control(a.box, box):
            return None if echoes_name(a) else a.value
    return None


def names_its_value(a: Accessible, labels: Sequence[Accessible]) -> bool:
    """A combo box named after the item it shows, with no caption of that name drawn (GTK's: Grisbi's
    "Decimal point:" combo is named "."): its name is its value, and its label is found by place."""
    shown = a.value is not None and a.name.strip() == a.value.strip()
    return a.role == "combo box" and shown and not any(lab.name.strip() == a.name.strip() for lab in labels)


def echoes_name(a: Accessible) -> bool:
    """A combo box whose only value is its own name: some toolkits name a closed combo after its
    label and expose no chosen item; its pixels say what it shows."""
    return a.role == "combo box" and bool(a.value) and a.value == (a.label or a.name)
