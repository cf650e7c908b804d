"""`deskhand observe`: read the screen once and print the windows and the text on them."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from app.services.compose import build_observer
from automation.errors import ExitCode
from automation.types import Element, Observation


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    observe = sub.add_parser("observe", help="read the screen once: windows and the text on them")
    observe.add_argument("--window", metavar="TITLE", help="only the window whose title contains TITLE")
    observe.add_argument("--json", action="store_true", help="print JSON (windows, elements, timings)")


def run(args: argparse.Namespace) -> int:
    obs = build_observer().observe(window=args.window)
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
