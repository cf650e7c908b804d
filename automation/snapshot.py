"""Observations saved as JSON and read back: windows, labels and outlines, no pixels.

Saved observations let the policy be tested and evaluated without a screen. The
picture is not kept (it is large and the policy never looks at it): a loaded
observation carries a 1x1 placeholder image, so anything that needs pixels
(grounding a field) must work on a live observation instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image

from automation.types import Box, Observation, TextSpan, Window

FORMAT = 1


def box_json(box: Box) -> list[int]:
    return [box.x, box.y, box.w, box.h]


def box_from(data: list[int]) -> Box:
    x, y, w, h = data
    return Box(int(x), int(y), int(w), int(h))


def window_json(window: Window) -> dict[str, Any]:
    return {"id": window.id, "title": window.title, "app": window.app, "box": box_json(window.box), "pid": window.pid}


def window_from(data: dict[str, Any]) -> Window:
    return Window(int(data["id"]), data["title"], data["app"], box_from(data["box"]), data.get("pid"))


def to_json(obs: Observation) -> dict[str, Any]:
    """The parts of ``obs`` worth keeping, as plain JSON types."""
    return {
        "format": FORMAT,
        "taken_at": obs.taken_at,
        "active": obs.active.id if obs.active else None,
        "windows": [window_json(w) for w in obs.windows],
        "spans": [
            {"text": s.text, "box": box_json(s.box), "conf": round(s.conf, 1), "window": s.window} for s in obs.spans
        ],
        "outlines": [box_json(b) for b in obs.outlines],
    }


def from_json(data: dict[str, Any]) -> Observation:
    if data.get("format") != FORMAT:
        raise ValueError(f"saved observation has format {data.get('format')!r}; this version reads {FORMAT}")
    windows = tuple(window_from(w) for w in data["windows"])
    active = next((w for w in windows if w.id == data["active"]), None)
    return Observation(
        image=Image.new("RGB", (1, 1)),
        windows=windows,
        active=active,
        spans=tuple(TextSpan(s["text"], box_from(s["box"]), float(s["conf"]), s["window"]) for s in data["spans"]),
        taken_at=float(data["taken_at"]),
        outlines=tuple(box_from(b) for b in data["outlines"]),
    )


def save(obs: Observation, path: Path) -> None:
    path.write_text(json.dumps(to_json(obs), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load(path: Path) -> Observation:
    return from_json(json.loads(path.read_text(encoding="utf-8")))
