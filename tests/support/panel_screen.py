"""The `deskhand` panel on the suite's display as a person sees it: read by OCR, its
confirmation answered with its own Yes button, screenshots of it kept."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path

from app.services.compose import build_eyes
from automation.perception.observe import Observer
from automation.timings import wait_until
from tests.support.apps import deskhand
from tests.support.artifacts import ARTIFACTS


def panel_text() -> list[dict]:
    """What OCR reads on the panel now (a separate process: it does not exclude the panel)."""
    result = deskhand("observe", "--window", "Deskhand", "--json")
    return json.loads(result.stdout)["elements"] if result.returncode == 0 else []


def shows(word: str) -> bool:
    return any(word.casefold() in e["text"].casefold() for e in panel_text())


def yes_button() -> tuple[int, int] | None:
    """The confirmation's Yes: the word Yes with No beside it on the same row."""
    shown = confirmation()
    return shown[0] if shown is not None else None


def confirmation() -> tuple[tuple[int, int], str] | None:
    """The confirmation row as shown: its Yes button's centre and the question left of it.

    The question is centred on the buttons' row (two lines when it wraps), well below the
    conversation's last line, so what stands within a line's height of Yes's centre is it."""
    elements = panel_text()
    rows = {round(e["y"] / 8) for e in elements if e["text"].strip() == "No"}
    for e in elements:
        if e["text"].strip() == "Yes" and round(e["y"] / 8) in rows:
            centre = e["y"] + e["h"] // 2
            question = [q for q in elements if q["x"] + q["w"] <= e["x"] and abs(q["y"] + q["h"] // 2 - centre) <= 15]
            question.sort(key=lambda q: (q["y"], q["x"]))
            return (e["x"] + e["w"] // 2, centre), " ".join(q["text"] for q in question)
    return None


def screenshot(name: str) -> Path:
    screen, _, _ = build_eyes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"panel_{name}.png"
    screen.grab().save(path)
    return path


def accept_confirmation(about: str) -> None:
    """Answer Yes to the confirmation whose question names ``about`` ("Submit"), and wait until
    it is answered: gone, or followed by the next one. The next can show before a poll sees the
    row hidden (each poll is a process reading the panel), so the question tells them apart."""

    def asking() -> tuple[int, int] | None:
        shown = confirmation()
        return shown[0] if shown is not None and about.casefold() in shown[1].casefold() else None

    spot = wait_until(asking, name=f"the panel to ask about {about!r}", timeout=300)
    screenshot("confirm")
    subprocess.run(["xdotool", "mousemove", str(spot[0]), str(spot[1]), "click", "1"], check=True)
    wait_until(lambda: asking() is None, name=f"the confirmation about {about!r} to close", timeout=30)


@cache
def observer() -> Observer:
    from app.services.compose import build_observer

    return build_observer()  # one: each builds X connections, and the server's clients are few


def on_panel(text: str) -> tuple[int, int] | None:
    """The centre of the lowest label on the panel containing ``text``, by OCR: a button, not
    the same words in the conversation above it."""
    found = [s for s in observer().observe(window="Deskhand").spans if text.casefold() in s.text.casefold()]
    return max(found, key=lambda s: s.box.y).box.center if found else None
