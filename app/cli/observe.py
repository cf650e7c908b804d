"""`deskhand observe`: read the screen once and print the windows and the text on them."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from dataclasses import asdict, replace

from app.services.compose import build_observer
from automation.errors import ExitCode, Refused, UsageError
from automation.types import Element, Observation


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    observe = sub.add_parser("observe", help="read the screen once: windows and the text on them")
    observe.add_argument("--window", metavar="TITLE", help="only the window whose title contains TITLE")
    observe.add_argument("--json", action="store_true", help="print JSON (windows, elements, timings)")
    observe.add_argument(
        "--hover",
        action="store_true",
        help="with --window: name its pictures (icon-only buttons) by their tooltips; raises it, moves the pointer",
    )


def run(args: argparse.Namespace) -> int:
    if args.hover and not args.window:
        raise UsageError("--hover needs --window TITLE: the window whose pictures to hover")
    obs = hovered(args.window) if args.hover else build_observer().observe(window=args.window)
    if args.json:
        print(json.dumps(observation_json(obs), indent=2, ensure_ascii=False))
        return ExitCode.OK
    for w in obs.windows:
        mark = "*" if obs.active and w.id == obs.active.id else " "
        print(f"{mark} {w.title!r} [{w.app}] pid {w.pid} at {w.box.x},{w.box.y} {w.box.w}x{w.box.h}")
        for s in (s for s in obs.spans if s.window == w.title):
            print(f"    {s.text!r:<32} at {s.box.x},{s.box.y} {s.box.w}x{s.box.h}  conf {s.conf:.0f}")
        for e in (e for e in obs.elements if e.window == w.title and e.kind != "readout"):
            state = (" focused" if e.focused else "") + ("" if e.checked is None else f" checked={e.checked}")
            state += "" if e.enabled else " disabled"
            print(f"    [{e.kind}] {e.label!r} shows {e.text!r} at {e.box.x},{e.box.y} {e.box.w}x{e.box.h}{state}")
        for e in (e for e in obs.elements if e.window == w.title and e.kind == "readout"):
            print(f"    [readout] {e.text!r} at {e.box.x},{e.box.y}")
    t = obs.timings
    print(f"\n{len(obs.spans)} elements in {t['total_ms']:.0f} ms (grab {t['grab_ms']:.0f}, OCR {t['ocr_ms']:.0f})")
    return ExitCode.OK


def hovered(title: str) -> Observation:
    """The screen read with ``title``'s pictures named by their tooltips, as buttons: the window is
    raised, as `act` raises it, and the pointer rests on each picture in turn."""
    from app.services.compose import build_session
    from automation.actuation.actor import look
    from automation.actuation.icons import ask_pictures

    session = build_session()
    actor = session.actor
    obs = look(session.observer, title, actor.bring_forward, actor.clear_tooltips)
    window = obs.window_named(title)
    if window is None or obs.active is None or obs.active.id != window.id:
        raise Refused(
            f"window {title!r} is not in front: its pictures cannot be hovered",
            "bring the window to the front (click it) and run observe --hover again",
        )
    with closing(ask_pictures(actor, window, obs)) as answers:
        asked = list(answers)
    if actor.icons is not None:  # the next look names them with no pointer moved
        actor.icons.learn(window.app, [(i.likeness, i.name) for i in asked])
    icons = [Element("button", i.box, i.name, "", i.box, window=window.title) for i in asked]
    # What the picture was taken for before it was named (a button read "Age", an unlabelled tick) goes.
    kept = [e for e in obs.elements if not any(i.box.contains(*e.box.center) for i in icons)]
    return replace(obs, elements=(*kept, *icons))


def observation_json(obs: Observation) -> dict[str, object]:
    active = obs.active.id if obs.active else None
    return {
        "windows": [
            {"title": w.title, "class": w.app, "pid": w.pid, "id": w.id, "active": w.id == active, "box": asdict(w.box)}
            for w in obs.windows
        ],
        "elements": [
            {
                "text": s.text,
                "x": s.box.x,
                "y": s.box.y,
                "w": s.box.w,
                "h": s.box.h,
                "conf": round(s.conf, 1),
                "window": s.window,
            }
            for s in obs.spans
        ],
        "accessible": [
            {
                "role": e.role,
                "name": e.name,
                "label": e.label,
                "value": e.value,
                "states": sorted(e.states),
                "box": asdict(e.box),
            }
            for e in obs.accessible
        ],
        "controls": [element_json(e) for e in obs.elements],
        "timings": obs.timings,
    }


def element_json(e: Element) -> dict[str, object]:
    """A control or read-out: its kind, box, the label it is named by and what it shows."""
    found: dict[str, object] = {"kind": e.kind, "label": e.label, "text": e.text, "box": asdict(e.box)}
    found |= {"window": e.window, "focused": e.focused}
    if e.checked is not None:
        found["checked"] = e.checked
    if not e.enabled:
        found["enabled"] = False
    return found
