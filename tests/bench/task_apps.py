"""The applications of the task evaluation: zoo forms (reset between tasks) and real Debian programs.

A zoo form's state is its own dump of values and its output file; a real application's
state is the text of the files in its folder. A zoo form is ``resettable``: the
evaluation starts it once and resets it before each task; a real application is started
again for each condition. ``stop`` ends what was started, by PID.
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
        self.form.reset()
        if task.prefill:
            prefill(self.form)

    def state(self) -> dict[str, Any]:
        return {"values": self.form.values(), "output": self.form.output()}

    def stop(self) -> None:
        self.form.stop()


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
    """A Debian application: its state is the text of the files in its folder."""

    resettable = False

    def __init__(self, name: str, folder: Path) -> None:
        from tests.support import zoo_apps

        self.name, self.folder = name, folder
        folder.mkdir(parents=True, exist_ok=True)
        if name == "featherpad":
            document = folder / "draft.txt"
            document.write_text("")
            self.app = zoo_apps.launch(["featherpad", str(document)], document.name, folder)
            self.title = document.name
        else:
            document = zoo_apps.document(folder, "books.xhb", zoo_apps.BOOKS)
            self.app = zoo_apps.launch(["homebank", str(document)], "HomeBank", folder)
            self.title = "Zoo books"

    def reset(self, task: Task) -> None:
        """Real applications are not reset: their tasks run once, in order, under one condition each."""

    def state(self) -> dict[str, Any]:
        files = sorted(p for p in self.folder.glob("*") if p.suffix in (".txt", ".xhb"))
        return {p.name: p.read_text(errors="replace") for p in files}

    def stop(self) -> None:
        self.app.stop()


def start(app: str, folder: Path) -> ZooApp | RealApp:
    """Start ``app`` (a zoo toolkit or a real application) with its files in ``folder``."""
    from tests.bench.task_set import seed_of

    if app in ZOO_TOOLKITS:
        return ZooApp(app, seed_of(app), folder, folder.parent / "cache")
    return RealApp(app, folder)
