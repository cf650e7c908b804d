"""The Tk legacy client's form as a person uses it, with xdotool at a person's pace: where
its fields are (from its own widget geometry), filing a claim, its claims file read back."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from automation.backends.x11_windows import X11Windows
from automation.grounding.fields import field_beside
from automation.timings import wait_until
from automation.types import Box
from tests.support.apps import RunningApp, legacy_app

PIN = "Zq7x93"  # letters too: a digits-only PIN could occur in a timestamp by chance


def xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def click(x: int, y: int) -> None:
    """Move there, rest a moment as a person does, click."""
    xdo("mousemove", str(x), str(y), "sleep", "0.15", "click", "1")


def type_text(text: str) -> None:
    xdo("type", "--delay", "60", text)


@dataclass(frozen=True)
class Form:
    """Where a person would click on the Tk client, found from its own widget geometry."""

    fields: dict[str, tuple[int, int]]
    window: Box


def read_on_screen(text: str, window: str) -> tuple[int, int]:
    from app.services.compose import build_observer

    observation = build_observer().observe(window=window)
    (span,) = [s for s in observation.spans if s.text == text]
    return span.box.center


def file_the_claim(form: Form) -> None:
    click(*form.fields["Employee"])
    type_text("Li Si")
    click(*form.fields["Amount"])
    type_text("42.50")
    click(*form.fields["Category"])
    click(*read_on_screen("Travel", "Legacy Expense"))
    click(*form.fields["PIN"])
    type_text(PIN)
    click(*form.fields["Submit"])
    windows = X11Windows()
    wait_until(lambda: [w for w in windows.list() if w.title == "Confirm"], name="the Confirm dialog", timeout=20)
    click(*read_on_screen("Yes", "Confirm"))


def open_form(folder: Path) -> tuple[RunningApp, Form, Path]:
    """Start the Tk client writing its claims into ``folder``; it, where its fields are, its claims file."""
    from app.services.compose import build_eyes

    claims, dump = folder / "claims.jsonl", folder / "widgets.json"
    app = legacy_app(claims, "--dump-widgets", str(dump))
    try:
        wait_until(dump.exists, name="the Tk client's widget dump", timeout=20)
        labels = {w["text"]: Box(*w["box"]) for w in json.loads(dump.read_text())}
        screen, _, _ = build_eyes()
        window = app.window.box
        pixels = np.asarray(screen.grab(window))
        points = {name: field_beside(pixels, labels[name], window) for name in ("Employee", "Amount", "PIN")}
        fields = {name: point for name, point in points.items() if point is not None}
        assert len(fields) == 3, points
        column = fields["Employee"][0]
        fields["Category"] = (column + 40, labels["Category"].center[1])
        fields["Submit"] = labels["Submit"].center
    except BaseException:
        app.stop()
        raise
    return app, Form(fields, window), claims


def claims_in(claims: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in claims.read_text().splitlines()] if claims.exists() else []
