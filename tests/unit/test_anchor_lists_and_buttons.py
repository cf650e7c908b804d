"""Anchors of clicks the Swing zoo demonstration recorded wrongly, on drawn pictures.

- Swing's Metal combo draws its list inside the frame, over the field below the combo; the
  picture's reading had no word in it, and the click on an item was recorded as a click
  into that field ("click the field 'Reference'").
- A light button under a dialog's question was taken for a field below that question
  ("click the field 'Register this entry?'"); its caption names it.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from automation.recording.events import ClickEvent, WindowRef
from automation.skills.anchors import ShotReading, anchor_for
from automation.skills.model import ClickStep
from automation.skills.reduce import reduce_events
from automation.types import Box, TextSpan

FORM = WindowRef(7, "Zoo Form", "Java", Box(40, 40, 450, 250))
DIALOG = WindowRef(9, "Confirm", "Java", Box(300, 300, 262, 90))
BACKGROUND, LIGHT = (238, 232, 218), (240, 240, 240)
LIST = Box(129, 50, 145, 78)  # where the list is drawn, in the window's pixels
ITEM = TextSpan("Finance", Box(131, 72, 56, 13), 90.0)


def form(with_list: bool) -> Image.Image:
    image = Image.new("RGB", (FORM.box.w, FORM.box.h), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((130, 17, 273, 49), fill=(230, 230, 230), outline=(120, 120, 120))  # the combo
    draw.rectangle((17, 89, 230, 120), fill=(255, 255, 255), outline=(120, 120, 120))  # Reference's field
    draw.text((18, 66), "Reference", fill=(0, 0, 0))
    if with_list:
        draw.rectangle((LIST.x, LIST.y, LIST.right - 1, LIST.bottom - 1), fill=LIGHT, outline=(60, 60, 60))
        for n, item in enumerate(["Sales", "Finance", "Legal", "Support"]):
            draw.text((132, 55 + 19 * n), item, fill=(0, 0, 0))
    return image


LABELS = (TextSpan("Department", Box(17, 27, 85, 14), 95.0), TextSpan("Reference", Box(17, 65, 72, 12), 96.0))


def read_part(image: Image.Image, box: Box) -> list[TextSpan]:
    """The list read on its own crop: its items, when the crop holds them."""
    return [ITEM] if box.contains(*ITEM.box.center) else []


def test_a_click_on_an_item_of_a_list_drawn_inside_the_window_names_the_item() -> None:
    shots = {
        "1.png": ShotReading(LABELS, (), form(with_list=False)),
        "2.png": ShotReading(LABELS, (), form(with_list=True)),  # the page reading found no word in the list
    }
    x, y = FORM.box.x + ITEM.box.center[0], FORM.box.y + ITEM.box.center[1]
    events = [
        ClickEvent(0.0, FORM.box.x + 240, FORM.box.y + 33, "left", 1, FORM, "1.png"),  # opens the list
        ClickEvent(1.0, x, y, "left", 1, FORM, "2.png"),  # its item, over the field below
    ]
    steps = reduce_events(events, shots.__getitem__, "choose", read_part=read_part).steps
    chosen = steps[1]
    assert isinstance(chosen, ClickStep)
    assert (chosen.anchor.label, chosen.anchor.field) == ("Finance", False)


@pytest.mark.parametrize("focus_ring", [False, True], ids=["Swing's", "Win32's, with a dotted focus ring"])
def test_a_button_under_a_question_is_named_by_its_caption(focus_ring: bool) -> None:
    image = Image.new("RGB", (DIALOG.box.w, DIALOG.box.h), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((58, 19), "Register this entry?", fill=(0, 0, 0))
    button = Box(84, 52, 42, 23)
    draw.rectangle((button.x, button.y, button.right - 1, button.bottom - 1), fill=LIGHT, outline=(170, 170, 170))
    draw.text((96, 57), "Yes", fill=(0, 0, 0))
    if focus_ring:  # every other pixel, just inside the border, all round
        for x in range(button.x + 2, button.right - 2, 2):
            draw.point([(x, button.y + 2), (x, button.bottom - 3)], fill=(0, 0, 0))
        for y in range(button.y + 2, button.bottom - 2, 2):
            draw.point([(button.x + 2, y), (button.right - 3, y)], fill=(0, 0, 0))
    spans = (TextSpan("Register this entry?", Box(58, 19, 138, 14), 96.0), TextSpan("Yes", button, 96.0))
    reading = ShotReading(spans, (button,), image)
    x, y = DIALOG.box.x + button.center[0], DIALOG.box.y + button.center[1]
    anchor, _ = anchor_for(x, y, DIALOG, reading, "crop-1.png")
    assert (anchor.label, anchor.field) == ("Yes", False)
