"""A form made of plain data that answers actions the way a real one does, for loop tests
without a display: typing shows in the field (appending, as keys do), a field with a list
(a combo box) opens it when clicked and holds the item clicked next, its button opens a
confirmation, the dialog's yes saves the record (the status line says so, the fields
clear) and its no closes it. The goal check reads it like any observation."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from automation.actuation.actor import Outcome
from automation.actuation.verify import Effect
from automation.types import Action, Box, Click, Observation, TextSpan, TypeText, Window

FORM = Window(1, "Expense form", "Tk", Box(0, 0, 500, 400))
DIALOG = Window(2, "Confirm", "Tk", Box(150, 150, 200, 100))


def form_observation(
    values: dict[str, str] | None = None,
    *,
    status: str = "Ready",
    dialog: bool = False,
    above: bool = False,
    labels: tuple[str, ...] = ("Employee", "Amount", "Attendees"),
    button: str = "Submit",
) -> Observation:
    """A form with a field per label (right of it, or below it with ``above``), a button and a status line."""
    values = values or {}
    spans: list[TextSpan] = []
    outlines: list[Box] = []
    for row, name in enumerate(labels):
        if above:
            label, box = Box(20, 20 + 60 * row, 60, 14), Box(20, 38 + 60 * row, 200, 24)
        else:
            label, box = Box(20, 20 + 40 * row, 60, 14), Box(120, 15 + 40 * row, 200, 24)
        spans.append(TextSpan(name, label, 95, FORM.title))
        outlines.append(box)
        if values.get(name):
            spans.append(TextSpan(values[name], Box(box.x + 4, box.y + 5, 60, 14), 90, FORM.title))
    spans.append(TextSpan(button, Box(200, 300, 40, 14), 95, FORM.title))
    outlines.append(Box(190, 295, 60, 24))
    spans.append(TextSpan(status, Box(10, 370, 120, 14), 95, FORM.title))
    windows: tuple[Window, ...] = (FORM,)
    if dialog:
        windows = (DIALOG, FORM)
        spans.append(TextSpan("Submit this claim?", Box(170, 170, 150, 14), 95, DIALOG.title))
        spans.append(TextSpan("Yes", Box(180, 210, 30, 14), 95, DIALOG.title))
        spans.append(TextSpan("No", Box(260, 210, 30, 14), 95, DIALOG.title))
        outlines += [Box(175, 205, 40, 24), Box(255, 205, 40, 24)]
    return Observation(Image.new("RGB", (1, 1)), windows, windows[0], tuple(spans), 0.0, tuple(outlines))


class BlankScreen:
    """A display with nothing drawn on it: the loop's closer look at a field's crop (goal.check's
    ``closer``) reads nothing there, so the observations alone decide, as the form draws them."""

    bounds = FORM.box

    def grab(self, region: Box | None = None) -> Image.Image:
        box = region or self.bounds
        return Image.new("RGB", (box.w, box.h), "white")


@dataclass
class LiveForm:
    """Observer and actor in one: ``observe`` shows the state ``perform`` changed."""

    labels: tuple[str, ...] = ("Employee", "Amount", "Attendees")
    button: str = "Submit"
    values: dict[str, str] = field(default_factory=dict)
    saved: list[dict[str, str]] = field(default_factory=list)
    dialog: bool = False
    status: str = "Ready"
    done: list[Action] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a combo box's field -> its items
    opened: str | None = None  # the field whose list is open
    ocr: object = None  # the observer's OCR: a blank crop is never read

    def clear_tooltips(self) -> bool:  # a form drawn as data shows no tooltip
        return False

    def observe(self, window: object = None) -> Observation:
        return form_observation(
            self.values, status=self.status, dialog=self.dialog, labels=self.labels, button=self.button
        )

    def perform(self, action: Action, expect: str | None = None) -> Outcome:
        if self.failures:
            raise self.failures.pop(0)
        self.done.append(action)
        if isinstance(action, Click) and action.target.field and action.target.label in self.lists:
            self.opened = action.target.label
        elif isinstance(action, Click) and self.opened and action.target.label in self.lists[self.opened]:
            self.values[self.opened], self.opened = action.target.label, None
        elif isinstance(action, TypeText) and action.into is not None and action.into.label in self.labels:
            name = action.into.label
            # keys append at the caret, unless the field's text was selected first (``over``)
            self.values[name] = ("" if action.over else self.values.get(name, "")) + action.text
        elif isinstance(action, Click) and action.target.label == self.button and not self.dialog:
            self.dialog = True
        elif isinstance(action, Click) and self.dialog and action.target.label in ("Yes", "No"):
            self.dialog = False
            if action.target.label == "Yes":
                self.saved.append(dict(self.values))
                self.status = f"Saved claim {len(self.saved)}"
                self.values = {}
        return Outcome(action, (DIALOG if self.dialog else FORM).title, Effect.CHANGED)
