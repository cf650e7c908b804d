"""The applications of the task evaluation: zoo forms (reset between tasks) and real Debian programs.

A zoo form's state is its own dump of values and its output file; a real application's
state is the text of the files in its folder. A zoo form is ``resettable``: the
evaluation starts it once and resets it before each task; a real application is started
again before each task, on fresh files. ``stop`` ends what was started, by PID.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Any

from tests.bench.task_set import ZOO_TOOLKITS, Task


class ZooApp:
    """A zoo form: its state is the form's own dump of values and its output file."""

    resettable = True

    def __init__(self, toolkit: str, seed: int, folder: Path, cache: Path) -> None:
        from tests.support import zoo

        self.form = zoo.launch(toolkit, seed, folder, cache)
        self.title = self.form.title

    def reset(self, task: Task) -> None:
        close_popups(self.title)  # a list a task left open would take the next task's first click
        self.form.reset()
        if task.prefill:
            prefill(self.form)

    def state(self) -> dict[str, Any]:
        return {"values": self.form.values(), "output": self.form.output()}

    def stop(self) -> None:
        self.form.stop()


def close_popups(title: str, seconds: float = 3.0) -> None:
    """Escape, until the form's window has no drop-down list or menu open (a task may leave one)."""
    from automation.backends.x11_windows import X11Windows
    from tests.eval.zoo_capture import xdotool

    windows = X11Windows()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        mine = [w for w in windows.list() if w.title == title]
        if not any(w.popups for w in mine):
            return
        xdotool("key", "Escape")
        time.sleep(0.2)


def prefill(form: Any) -> None:
    """Every text-like field typed and the combo set from the keyboard, at the boxes the form dumps:
    what a person did before asking Deskhand to commit the entry."""
    from tests.eval.zoo_capture import click_at, field_box, holds, poll, xdotool

    dump = form.dump()
    for f in form.spec.fields:
        if f.kind in ("text", "number", "date", "note"):
            value = str(form.spec.answers[f.label])
            click_at(field_box(dump, f.label))
            xdotool("type", "--delay", "20", value)
            poll(partial(holds, form, f.label, value), f"{f.label} prefilled")
    combo = next(f for f in form.spec.fields if f.kind == "combo")
    click_at(field_box(dump, combo.label))
    time.sleep(0.5)  # the list drops down; the form reports no state for that
    xdotool("key", "Down")
    xdotool("key", "Return")
    poll(lambda: bool(form.values().get(combo.label)), f"{combo.label} chosen", 5.0)


class RealApp:
    """A Debian application: its state is the text of the files in its folder.

    It is started again, on a fresh document, before each task (``reset``): a task left
    half done (HomeBank's Add transaction dialog open, FeatherPad holding a copy saved
    under another name) must not be the next task's starting screen."""

    resettable = True

    def __init__(self, name: str, folder: Path) -> None:
        self.name, self.folder = name, folder
        folder.mkdir(parents=True, exist_ok=True)
        self.title = "draft.txt" if name == "featherpad" else "Zoo books"
        self.app = self._launch()

    def _launch(self) -> Any:
        from tests.support import zoo_apps

        for old in self.folder.glob("*"):
            if old.is_file() and old.suffix in (".txt", ".xhb"):
                old.unlink()
        if self.name == "featherpad":
            document = self.folder / "draft.txt"
            document.write_text("")
            return zoo_apps.launch(["featherpad", str(document)], document.name, self.folder)
        document = zoo_apps.document(self.folder, "books.xhb", zoo_apps.BOOKS)
        # its window is titled "HomeBank" before the books are loaded: a task started then saw an empty
        # window and was answered "not about the screen" (round 9, homebank-3 and -4)
        return zoo_apps.launch(["homebank", str(document)], self.title, self.folder)

    def reset(self, task: Task) -> None:
        """Stop the application, wait until its windows are gone, and start it on fresh files."""
        from automation.backends.x11_windows import X11Windows
        from tests.eval.zoo_capture import poll

        self.app.stop()
        windows = X11Windows()
        poll(lambda: not any(w.title.endswith(self.title) or "HomeBank" in w.title for w in windows.list()),
             f"{self.name}'s windows to close", 10.0)  # fmt: skip
        self.app = self._launch()

    def state(self) -> dict[str, Any]:
        files = sorted(p for p in self.folder.glob("*") if p.suffix in (".txt", ".xhb"))
        return {p.name: p.read_text(errors="replace") for p in files}

    def stop(self) -> None:
        self.app.stop()


def start(app: str, folder: Path, seed: int | None = None) -> ZooApp | RealApp:
    """Start ``app`` (a zoo toolkit, on the form of ``seed`` or its default seed, or a real
    application) with its files in ``folder``."""
    from tests.bench.task_set import seed_of

    if app in ZOO_TOOLKITS:
        return ZooApp(app, seed if seed is not None else seed_of(app), folder, folder.parent / "cache")
    return RealApp(app, folder)
