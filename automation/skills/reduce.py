"""A demonstration's raw events -> a Skill: steps with anchors, parameters, expected text.

Pure: screenshots are looked at only through ``read`` (the recorder's folder and real
OCR in use, a dictionary in tests). The walk:

1. keystrokes become typed texts and combos (automation.skills.keys);
2. each click gets an anchor from the screenshot taken just before it; a click that
   starts typing into a field becomes that TypeStep's ``into``; a double click is one step;
3. each typed text becomes a parameter named from its field's label ("Unit Price" ->
   unit_price), a password-like field's text a secret parameter whose value is dropped;
4. each click or key that a screenshot follows expects the first label that screenshot shows
   new and drawn anew (typing's effect is its value in its field, read back on replay).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from rapidfuzz import fuzz

from automation.actuation.readback import shows
from automation.errors import ActionFailed
from automation.grounding.match import fold, normalize
from automation.perception.changes import differences
from automation.perception.elements import pair
from automation.perception.observe import PANEL_MIN
from automation.perception.widgets import find_shapes
from automation.recording.events import ClickEvent, Drag, EndShot, RawEvent, Scroll, WindowRef
from automation.secrets import is_secret_label
from automation.skill_card import SkillParam
from automation.skills.anchors import (
    WORDISH,
    ReadPart,
    ReadShot,
    ShotReading,
    anchor_for,
    new_label,
    placement,
    redrawn,
    relative,
    shows_value,
    window_match,
)
from automation.skills.keys import Combo, Pointer, Typed, tokenize, typed_texts
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep, param_name
from automation.types import Box

DOUBLE_CLICK = (0.6, 4)  # seconds and pixels: a count=2 click this close to the last one completes it
JITTER = 4  # pixels: a drag shorter than this is a click with a shaky hand
MAX_SEEN = 80  # labels kept per click of what its window showed (secret fields are painted over)
SCROLL_NEAR = 40  # pixels: scrolls this close together in one window are one step


SURE_LABEL = 80.0  # OCR confidence under which a clicked label is looked up in other screenshots
SIMILAR = 80  # rapidfuzz ratio: the same label read two ways
LABEL_STAYED = 12  # pixels: a label read again this close to where it was is the same label
LATER_SHOTS = 3  # screenshots read to name typing with no click before it (each is an OCR pass)


@dataclass
class Draft:
    """A step being built, with what the walk needs to know about it."""

    step: Step
    window: WindowRef
    t: float
    shot: str | None = None  # the screenshot taken just before it (its click's)
    focus: int = -1  # the focus segment a click starts
    field: str | None = None  # typed text: the label of the field it went into
    secret: bool = False
    value: str = ""  # typed text: the demonstrated value


def reduce_events(
    events: Sequence[RawEvent],
    read: ReadShot,
    name: str,
    description: str = "",
    examples: Sequence[str] = (),
    read_part: ReadPart | None = None,
) -> Skill:
    """Turn one demonstration into a Skill. ``read(shot)`` reads a screenshot file by name;
    ``read_part(picture, box)`` reads one part of a picture on its own (``opened_list``)."""
    reading = cache(read)
    tokens = tokenize(events)
    values = list(typed_texts(tokens))
    drafts: list[Draft] = []
    crops: dict[str, bytes] = {}
    field_of: dict[int, Anchor] = {}  # focus segment -> the field anchor of the click that began it
    last_click: ClickEvent | None = None

    for token in tokens:
        if isinstance(token, Pointer):
            event = token.event
            if event.window is None:
                continue  # the desktop or a panel: no application received it
            if isinstance(event, Scroll):
                add_scroll(drafts, event, event.window)
                continue
            click = as_click(event)
            shot = reading(click.shot) if click.shot else None
            crop_name = f"crop-{len(crops) + 1}.png"
            if read_part is not None and shot is not None:
                shot = opened_list(last_click, click, event.window, shot, reading, read_part)
            opened = opened_since(last_click, event.window, shot, reading)
            anchor, crop = anchor_for(click.x, click.y, event.window, shot, crop_name, opened, values)
            last_click = click
            if crop is not None:
                crops[crop_name] = crop
            if anchor.field:
                field_of[token.focus] = anchor
            labels = tuple(sp.text for sp in shot.spans)[:MAX_SEEN] if shot else ()
            add_click(drafts, click, event.window, anchor, token.focus, labels)
        elif isinstance(token, Typed):
            drafts.append(typing(drafts, token, field_of.get(token.focus)))
        else:
            assert isinstance(token, Combo)
            drafts.append(Draft(KeyStep(token.combo, window_match(token.window)), token.window, token.t))

    drafts = with_parameters(named_from_screens(surest_labels(settled_fields(drafts, reading), reading), reading))
    drafts = with_expectations(drafts, reading, values)
    drafts = with_end(drafts, [e for e in events if isinstance(e, EndShot)], reading, values)
    used = {s.into.crop for s in (d.step for d in drafts) if isinstance(s, TypeStep) and s.into} | {
        s.anchor.crop for s in (d.step for d in drafts) if isinstance(s, ClickStep)
    }
    times = [e.t for e in events]
    return Skill(
        name=name,
        description=description,
        params=tuple(params_of(drafts)),
        steps=tuple(d.step for d in drafts),
        examples=tuple(examples),
        demo_seconds=round(max(times) - min(times), 3) if times else 0.0,
        crops={k: v for k, v in crops.items() if k in used},
    )


def opened_list(
    before: ClickEvent | None, click: ClickEvent, window: WindowRef, shot: ShotReading, read: ReadShot, part: ReadPart
) -> ShotReading:
    """``shot`` with the words of a list the click before drew inside the window, when this click
    went into it and the picture's reading has none there: Swing's Metal combo draws its list
    in the frame, and read with the labels beside it, it came back empty (as the observer found,
    ``unread_panels``), so the click on its item was taken for a click into the field under it."""
    if before is None or before.window is None or before.shot is None or before.window.id != window.id:
        return shot
    earlier = read(before.shot)
    if earlier.image is None or shot.image is None or before.window.box != window.box:
        return shot
    was, now = np.asarray(earlier.image.convert("RGB")), np.asarray(shot.image.convert("RGB"))
    if was.shape != now.shape:
        return shot
    x, y = click.x - window.box.x, click.y - window.box.y
    for drawn in differences(was, now):
        large = drawn.w >= PANEL_MIN[0] and drawn.h >= PANEL_MIN[1]
        if large and drawn.contains(x, y) and not any(drawn.contains(*s.box.center) for s in shot.spans):
            return replace(shot, spans=(*shot.spans, *part(shot.image, drawn)))
    return shot


def opened_since(
    before: ClickEvent | None, window: WindowRef, shot: ShotReading | None, read: ReadShot
) -> Callable[[Box], bool]:
    """Which boxes of a click's picture the window drew anew since the click before, when that
    click was in the same window (``redrawn``); none otherwise."""
    if shot is None or before is None or before.window is None or before.shot is None:
        return lambda box: False
    if before.window.id != window.id:
        return lambda box: False
    return redrawn(read(before.shot), before.window.box, shot, window.box)


def as_click(event: ClickEvent | Drag) -> ClickEvent:
    if isinstance(event, ClickEvent):
        return event
    if abs(event.x1 - event.x0) <= JITTER and abs(event.y1 - event.y0) <= JITTER:
        return ClickEvent(event.t, event.x0, event.y0, event.button, 1, event.window)
    raise ActionFailed(
        f"the demonstration drags from ({event.x0},{event.y0}) to ({event.x1},{event.y1}) at {event.t:.1f} s; "
        "replay cannot repeat drags yet",
        "record the task again with clicks and keys only (select text with shift+arrows)",
    )


def add_click(
    drafts: list[Draft], click: ClickEvent, window: WindowRef, anchor: Anchor, focus: int, seen: tuple[str, ...] = ()
) -> None:
    last = drafts[-1] if drafts else None
    if (
        click.count == 2
        and last is not None
        and isinstance(last.step, ClickStep)
        and last.step.clicks == 1
        and last.step.button == click.button
        and click.t - last.t <= DOUBLE_CLICK[0]
        and last.window.id == window.id
        and abs(last.step.anchor.relative[0] - anchor.relative[0]) * window.box.w <= DOUBLE_CLICK[1]
        and abs(last.step.anchor.relative[1] - anchor.relative[1]) * window.box.h <= DOUBLE_CLICK[1]
    ):
        # The recorder saw the first press as a click of its own: it was half of this double click.
        last.step = replace(last.step, clicks=2)
        return
    step = ClickStep(anchor, button=click.button, clicks=2 if click.count >= 2 else 1, seen=seen)
    drafts.append(Draft(step, window, click.t, click.shot, focus))


def add_scroll(drafts: list[Draft], event: Scroll, window: WindowRef) -> None:
    last = drafts[-1] if drafts else None
    point = (event.x, event.y)
    anchor = Anchor(window_match(window), None, relative=relative(*point, window.box))
    if last is not None and isinstance(last.step, ScrollStep) and last.window.id == window.id:
        fx, fy = last.step.at.relative
        if abs(fx * window.box.w + window.box.x - event.x) + abs(fy * window.box.h + window.box.y - event.y) <= (
            SCROLL_NEAR
        ):
            last.step = ScrollStep(last.step.dy + event.dy, last.step.at)
            return
    drafts.append(Draft(ScrollStep(event.dy, anchor), window, event.t))


def typing(drafts: list[Draft], token: Typed, field: Anchor | None) -> Draft:
    """A TypeStep; the single click that gave its field focus becomes its ``into``."""
    label = field.label if field is not None else None
    secret = bool(token.secret) or is_secret_label(label)
    last = drafts[-1] if drafts else None
    into: Anchor | None = None
    shot, t = None, token.t
    seen: tuple[str, ...] = ()
    if (
        last is not None
        and isinstance(last.step, ClickStep)
        and last.focus == token.focus
        and last.step.clicks == 1
        and last.step.button == "left"
    ):
        drafts.pop()
        into, shot, t, seen = last.step.anchor, last.shot, last.t, last.step.seen
    step = TypeStep("", into, window_match(token.window), seen=seen)
    return Draft(step, token.window, t, shot, token.focus, label, secret, "" if secret else token.text)


def surest_labels(drafts: list[Draft], reading: ReadShot) -> list[Draft]:
    """A click anchored on an unsure reading ("(Send copy": a check box's square read into
    its label) takes the surest reading of the same spot in the window's other screenshots."""
    for draft in drafts:
        step = draft.step
        if not isinstance(step, ClickStep) or step.anchor.label is None or step.anchor.field or draft.shot is None:
            continue
        own = reading(draft.shot)
        span = next((s for s in own.spans if s.text == step.anchor.label), None)
        if span is None or span.conf >= SURE_LABEL:
            continue
        x, y = span.box.center
        others = [d.shot for d in drafts if d.shot and d.shot != draft.shot and d.window.id == draft.window.id]
        better = [
            s
            for shot in dict.fromkeys(others)
            for s in reading(shot).spans
            if s.box.contains(x, y) and s.conf >= SURE_LABEL and fuzz.ratio(s.text, span.text) >= SIMILAR
        ]
        if better:
            best = max(better, key=lambda s: s.conf)
            bx, by = best.box.center
            ox, oy = step.anchor.offset
            anchor = replace(step.anchor, label=best.text, offset=(ox + x - bx, oy + y - by))
            draft.step = replace(step, anchor=anchor)
    return drafts


def settled_fields(drafts: list[Draft], reading: ReadShot) -> list[Draft]:
    """A click that started typing, anchored on something its picture showed and the window's
    next pictures do not (a combo's list still drawn when the picture was taken, its item
    'Finance' over the field below it), is anchored again as a later picture shows that spot:
    the field the person typed into. Its picture is dropped (it shows the list)."""
    for i, draft in enumerate(drafts):
        step = draft.step
        if not isinstance(step, TypeStep) or step.into is None or step.into.label is None or step.into.field:
            continue
        box = draft.window.box
        x = box.x + round(step.into.relative[0] * box.w)
        y = box.y + round(step.into.relative[1] * box.h)
        # where the label was, in screen pixels
        lx, ly = x - step.into.offset[0], y - step.into.offset[1]
        later = [d for d in drafts[i + 1 :] if d.shot and d.window.id == draft.window.id][:LATER_SHOTS]
        for after in later:
            assert after.shot is not None
            shot = reading(after.shot)
            at = after.window.box
            if any(
                fuzz.ratio(s.text, step.into.label) >= SIMILAR
                and abs(s.box.center[0] + at.x - lx) + abs(s.box.center[1] + at.y - ly) <= LABEL_STAYED
                for s in shot.spans
            ):
                break  # the label is still where it was: it was no passing pop-up
            anchor, _ = anchor_for(x, y, after.window, shot, "")
            # The text the person typed shows in the field now: it names no field.
            if anchor.field and anchor.label and not shows_value(anchor.label, draft.value or " "):
                into = replace(anchor, window=step.into.window, relative=step.into.relative, crop=None)
                draft.step = replace(step, into=into)
                draft.field = draft.field or anchor.label
                if is_secret_label(anchor.label):
                    draft.secret, draft.value = True, ""
                break
    return drafts


def named_from_screens(drafts: list[Draft], reading: ReadShot) -> list[Draft]:
    """Typing with no click before it (the field had the focus, or Tab moved it there) is
    named by the field that shows the typed text in a later screenshot of the window, and
    that field's label (beside, above, inside, or a column header). The next screenshot
    may misread it (the caret still touches the last glyph), so later ones are read too,
    until one shows the text in exactly one labelled field."""
    for i, draft in enumerate(drafts):
        if not isinstance(draft.step, TypeStep) or draft.field or draft.secret or not draft.value.strip():
            continue
        shots = [d.shot for d in drafts[i + 1 :] if d.shot and d.window.id == draft.window.id][:LATER_SHOTS]
        draft.field = next((label for shot in shots if (label := label_showing(reading(shot), draft.value))), None)
    return drafts


def label_showing(shot: ShotReading, value: str) -> str | None:
    """The label of the one control that shows ``value`` in a screenshot, if exactly one does."""
    if shot.image is None:
        return None
    image = shot.image.convert("RGB")
    shapes = find_shapes(image, list(shot.outlines), [s.box for s in shot.spans if s.conf >= 50])
    whole = Box(0, 0, image.width, image.height)
    elements = pair(shapes, list(shot.spans), list(shot.outlines), np.asarray(image), whole)
    showing = [e for e in elements if e.label and e.text and shows(value, e.text)]
    return showing[0].label if len(showing) == 1 else None


def with_parameters(drafts: list[Draft]) -> list[Draft]:
    """Each typed text becomes ``{name}``; names come from field labels, else value_1, value_2, ..."""
    taken: set[str] = set()
    generated = 0
    for draft in drafts:
        if not isinstance(draft.step, TypeStep):
            continue
        base = param_name(draft.field or "")
        if not base or not base[0].isalpha():
            generated += 1
            base = f"value_{generated}"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        draft.step = replace(draft.step, text="{" + name + "}")
    return drafts


def params_of(drafts: Sequence[Draft]) -> list[SkillParam]:
    params = []
    for draft in drafts:
        if isinstance(draft.step, TypeStep):
            name = draft.step.text.strip("{}")
            title = draft.window.title
            description = f"{draft.field.rstrip(': ')} in {title!r}" if draft.field else f"text typed into {title!r}"
            params.append(SkillParam(name, description, "" if draft.secret else draft.value, draft.secret))
    return params


def with_expectations(drafts: list[Draft], reading: ReadShot, values: Sequence[str]) -> list[Draft]:
    """A click or key just before a screenshot expects the first label that screenshot shows new.

    New against the last earlier screenshot of the same window, and drawn anew there (a
    status line that now says "Saved claim 1"; a neighbour's label read another way, or
    one OCR missed before, is not); or, for a window not seen before, against the
    screenshot before the step (everything in a dialog that just opened is new). Typing
    expects nothing here: its effect is the typed value in its field, which changes from
    run to run, and whatever else looks new after it only sits near it.
    """
    seen: dict[int, tuple[ShotReading, Box]] = {}  # window id -> its latest reading so far, and where
    last: ShotReading | None = None
    for i, draft in enumerate(drafts):
        if draft.shot:
            last = reading(draft.shot)
            seen[draft.window.id] = (last, draft.window.box)
        after = drafts[i + 1] if i + 1 < len(drafts) else None
        if after is None or not after.shot or isinstance(draft.step, ScrollStep | TypeStep):
            continue
        now = reading(after.shot)
        if after.window.id in seen:
            before, at = seen[after.window.id]
            drawn = redrawn(before, at, now, after.window.box)
            expect = chosen_item(draft, now, after.window.box) or new_label(
                now.spans, before.spans, values, drawn, placement(before, at, now, after.window.box)
            )
        elif last is not None:
            expect = new_label(now.spans, last.spans, values)
        else:
            continue
        if expect is not None:
            draft.step = replace(draft.step, expect=expect)
    return drafts


def with_end(drafts: list[Draft], ends: Sequence[EndShot], reading: ReadShot, values: Sequence[str]) -> list[Draft]:
    """The last click or key expects what the recording's end picture shows drawn anew in its window
    since that window's last picture, and in none of its earlier ones (the status line's "Saved
    entry 1" once the dialog closed):
    a replay whose end does not show the same read-out fails there (exit 1), as issue 14 asks.
    Only a window a step was done in counts (its earlier picture is what "new" is measured
    against), and never after typing (its effect is the typed value)."""
    final = drafts[-1] if drafts else None
    end = next((e for e in reversed(ends) if e.shot and e.window), None)
    if final is None or end is None or end.window is None or end.shot is None or end.t < final.t:
        return drafts
    if isinstance(final.step, ScrollStep | TypeStep) or final.step.expect is not None:
        return drafts
    earlier = [d for d in drafts if d.shot and d.window.id == end.window.id]
    if not earlier:
        return drafts
    last = earlier[-1]
    assert last.shot is not None
    before, now = reading(last.shot), reading(end.shot)
    at, here = last.window.box, end.window.box
    # New against every earlier picture of the window: a label a dialog had covered in the last
    # one ("Account holder" under a web page's modal) is uncovered at the end, not made by the task.
    known = [s for d in earlier if d.shot for s in reading(d.shot).spans]
    expect = new_label(now.spans, known, values, redrawn(before, at, now, here), placement(before, at, now, here))
    if expect is not None:
        final.step = replace(final.step, expect=kind_of(expect))
    return drafts


def chosen_item(draft: Draft, now: ShotReading, at: Box) -> str | None:
    """A click on a label that the window's next picture shows elsewhere and no longer where it was:
    an item chosen in a list, now in its closed combo. It must show there again on replay (a
    replay that chose another item ended 0 with the wrong one)."""
    step = draft.step
    if not isinstance(step, ClickStep) or step.anchor.label is None or step.anchor.field or not draft.shot:
        return None
    box = draft.window.box
    x = box.x + round(step.anchor.relative[0] * box.w) - step.anchor.offset[0] - at.x
    y = box.y + round(step.anchor.relative[1] * box.h) - step.anchor.offset[1] - at.y
    same = [s for s in now.spans if fuzz.ratio(fold(normalize(s.text)), fold(normalize(step.anchor.label))) >= SIMILAR]
    stayed = any(abs(s.box.center[0] - x) + abs(s.box.center[1] - y) <= LABEL_STAYED for s in same)
    return step.anchor.label if same and not stayed else None


def kind_of(readout: str) -> str:
    """A read-out's words before its first one with a digit, when they hold a word: the same kind
    of read-out ("Stored entry 1" and "Stored entry 2"; "Total 42.50" and "Total 77.10") is what
    the end must show."""
    words = readout.split()
    count = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), len(words))
    head = " ".join(words[:count]).strip(" :=-")
    return head if WORDISH.search(head) else readout
