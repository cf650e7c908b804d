"""Take values out of finished recordings: a parameter marked secret after the fact.

A recording journals typed text key by key. Every stretch of key events in one window
(between clicks, scrolls and other windows) whose typed characters contain one of the
values becomes a single ``Secret(n)``, as the recorder would have written it had it
known: the stretch's other characters go too, which is the safe side.

The screenshots saved for later clicks in that window may show the value in its field,
so the field is painted over in every screenshot of the window, as the recorder paints
a secret field: found around the click that went into it before the typing, and when
no click did (focus moved by Tab) or no field is found there, the whole window is
painted. A painted screenshot no longer gives the value to OCR, so no reading of the
recording (a skill made again from it, a dataset) can bring it back.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from automation.recording.events import ClickEvent, EndShot, KeyDown, KeyUp, RawEvent, Secret
from automation.recording.journal import JOURNAL, SHOTS, read_journal, to_json, write_atomically
from automation.recording.secret_fields import locate_field
from automation.recording.shots import PAINT

Hint = tuple[int, int] | None  # where the click into the field went, in window pixels; None: no click


@dataclass
class Scrubbed:
    """What was taken out of one journal's events: the stretches, and where each was typed."""

    events: list[RawEvent]
    replaced: int = 0
    typed_in: dict[int, list[Hint]] = field(default_factory=dict)  # window id -> the fields' click points


@dataclass(frozen=True)
class Scrubbing:
    stretches: int  # typed stretches replaced
    shots: int  # screenshots painted


def scrub_events(events: Sequence[RawEvent], values: Iterable[str]) -> Scrubbed:
    """``events`` with each key stretch that typed one of ``values`` replaced, and where those went."""
    known = [v for v in values if v.strip()]
    done = Scrubbed([])
    stretch: list[KeyDown | KeyUp] = []
    last_click: dict[int, ClickEvent] = {}  # window id -> the newest click in it

    def close() -> None:
        typed = "".join(e.key for e in stretch if isinstance(e, KeyDown) and len(e.key) == 1)
        window = stretch[0].window if stretch else None
        if stretch and any(v in typed for v in known):
            done.events.append(Secret(stretch[0].t, len(typed), window))
            done.replaced += 1
            if window is not None:
                click = last_click.get(window.id)
                hint = (click.x - click.window.box.x, click.y - click.window.box.y) if click and click.window else None
                done.typed_in.setdefault(window.id, []).append(hint)
        else:
            done.events.extend(stretch)
        stretch.clear()

    for event in events:
        if isinstance(event, KeyDown | KeyUp):
            if stretch and not same_window(stretch[0], event):
                close()
            stretch.append(event)
        else:
            close()
            if isinstance(event, ClickEvent) and event.window is not None:
                last_click[event.window.id] = event
            done.events.append(event)
    close()
    return done


def scrub_recordings(root: Path, values: Iterable[str]) -> Scrubbing:
    """Scrub every recording under ``root``: its journal's stretches and its screenshots' fields."""
    known = [v for v in values if v.strip()]
    stretches = shots = 0
    if not known or not root.exists():
        return Scrubbing(0, 0)
    for journal in sorted(root.glob(f"*/{JOURNAL}")):
        events, _ = read_journal(journal)
        done = scrub_events(events, known)
        if done.replaced:
            write_atomically(journal, "".join(to_json(e) + "\n" for e in done.events))
            stretches += done.replaced
            shots += paint_shots(journal.parent / SHOTS, done.events, done.typed_in)
    return Scrubbing(stretches, shots)


def paint_shots(folder: Path, events: Sequence[RawEvent], typed_in: dict[int, list[Hint]]) -> int:
    """Paint the fields typed into over every screenshot of their window; how many screenshots were painted."""
    painted = 0
    for event in events:
        if not isinstance(event, ClickEvent | EndShot):
            continue
        if not (event.shot and event.window and event.window.id in typed_in):
            continue
        path = folder / event.shot
        try:
            with Image.open(path) as opened:
                image = opened.convert("RGB")
        except OSError:
            continue  # a screenshot already removed (retention): nothing left to paint
        boxes = [locate_field(image, None, hint) if hint is not None else None for hint in typed_in[event.window.id]]
        draw = ImageDraw.Draw(image)
        for box in boxes:
            # No field found (focus moved by Tab, an unusual field): the whole window, failing closed.
            area = (box.x, box.y, box.right, box.bottom) if box is not None else (0, 0, image.width, image.height)
            draw.rectangle(area, fill=PAINT)
        part = path.with_name(path.name + ".part")
        image.save(part, format="PNG")
        os.replace(part, path)
        painted += 1
    return painted


def same_window(a: KeyDown | KeyUp, b: KeyDown | KeyUp) -> bool:
    if a.window is None or b.window is None:
        return a.window is b.window
    return a.window.id == b.window.id
