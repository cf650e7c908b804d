"""Grounding a recorded anchor on today's screen: the order of evidence, and the refusals."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from automation.errors import TargetAmbiguous, TargetNotFound
from automation.skills.ground import decode_crop, find_picture, find_window, ground_anchor
from automation.skills.model import Anchor
from automation.types import Box, Window
from tests.support.drawn_desktop import (
    FORM,
    MATCH,
    SCREEN,
    World,
    draw_button,
    observation,
    png_of,
    span,
)


def test_a_label_is_found_where_it_moved_and_the_offset_kept() -> None:
    world = World(spans=[span("Submit", 500, 450)])
    anchor = Anchor(MATCH, "Submit", offset=(4, -1), relative=(0.1, 0.1))
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, None, alone=True)
    assert (got.how, got.point, got.element) == ("label", (500 + 24 + 4, 450 + 6 - 1), "Submit")


def test_a_field_is_the_entry_beside_its_label() -> None:
    world = World(spans=[span("Amount", 320, 250)])
    ImageDraw.Draw(world.image).rectangle((420, 246, 620, 266), fill=(255, 255, 255))
    anchor = Anchor(MATCH, "Amount", offset=(150, 0), field=True)
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, None, alone=True)
    assert got.how == "field" and 420 <= got.point[0] < 440 and got.point[1] == 256


def test_a_gone_label_with_no_picture_is_not_clicked_even_where_it_was() -> None:
    world = World(spans=[span("Clear", 500, 450)])
    anchor = Anchor(MATCH, "Submit", relative=(0.5, 0.85))
    with pytest.raises(TargetNotFound, match=r"'Submit'.*closest: 'Clear'"):
        ground_anchor(anchor, FORM, observation(world), SCREEN, None, alone=True)


def test_a_gone_label_is_found_by_its_picture() -> None:
    world = World()
    draw_button(world.image, Box(560, 440, 80, 24), mark=0b1011)
    draw_button(world.image, Box(400, 440, 80, 24), mark=0b0100)
    crop = decode_crop(png_of(world.image, Box(570, 442, 61, 21)))
    anchor = Anchor(MATCH, "Subrnlt?", relative=(0.1, 0.1), crop="c.png")  # OCR reads it wrong today
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, crop, alone=True)
    assert (got.how, got.point) == ("crop", (600, 452))


def test_the_relative_spot_is_used_only_where_its_picture_still_is() -> None:
    world = World()
    draw_button(world.image, Box(560, 440, 80, 24), mark=0b1011)
    crop = decode_crop(png_of(world.image, Box(570, 442, 61, 21)))
    anchor = Anchor(MATCH, "Send", relative=((603 - 300) / 400, (450 - 200) / 300), crop="c.png")
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, crop, alone=True)
    assert got.how == "relative" and got.point == (600, 452)  # snapped onto the picture, a few pixels off
    ImageDraw.Draw(world.image).rectangle((560, 440, 640, 464), fill=(217, 217, 217))  # the button went away
    with pytest.raises(TargetNotFound):
        ground_anchor(anchor, FORM, observation(world), SCREEN, crop, alone=True)


def test_an_unlabelled_spot_goes_by_position_only_in_the_one_window_of_its_class() -> None:
    anchor = Anchor(MATCH, None, relative=(0.5, 0.5))
    got = ground_anchor(anchor, FORM, observation(World()), SCREEN, None, alone=True)
    assert (got.how, got.point) == ("relative", (500, 350))
    with pytest.raises(TargetNotFound, match="recorded spot"):
        ground_anchor(anchor, FORM, observation(World()), SCREEN, None, alone=False)
    other_class = Window(1, "Expense Form", "Gtk", FORM.box)
    with pytest.raises(TargetNotFound):
        ground_anchor(anchor, other_class, observation(World()), SCREEN, None, alone=True)


def test_equal_labels_are_settled_only_by_one_being_clearly_nearest_the_recording() -> None:
    world = World(spans=[span("Clear", 320, 260), span("Clear", 520, 450)])
    near_button = Anchor(MATCH, "Clear", relative=((540 - 300) / 400, (456 - 200) / 300))
    got = ground_anchor(near_button, FORM, observation(world), SCREEN, None, alone=True)
    assert got.point == (540, 456)
    halfway = Anchor(MATCH, "Clear", relative=((430 - 300) / 400, (358 - 200) / 300))
    with pytest.raises(TargetAmbiguous):
        ground_anchor(halfway, FORM, observation(world), SCREEN, None, alone=True)


def test_a_picture_seen_twice_is_not_a_place_to_click() -> None:
    image = Image.new("RGB", (400, 300), (217, 217, 217))
    draw_button(image, Box(50, 50, 80, 24), mark=5)
    draw_button(image, Box(250, 150, 80, 24), mark=5)
    crop = decode_crop(png_of(image, Box(55, 52, 61, 21)))
    assert crop is not None
    assert find_picture(np.asarray(image), crop, Box(0, 0, 400, 300)) is None


@pytest.mark.parametrize(
    ("windows", "expected", "alone"),
    [
        ([FORM], FORM, True),
        ([Window(5, "Expense Form - claim 2", "Tk", FORM.box)], 5, True),  # a changed title, the same class
        ([Window(5, "Report", "Tk", FORM.box), Window(6, "Expense Form", "Tk", FORM.box)], 6, False),
        ([Window(5, "Report", "Tk", FORM.box), Window(6, "Other", "Tk", FORM.box)], None, False),
        ([Window(7, "Expense Form", "Qt", FORM.box)], 7, False),  # the class changed: the title alone
    ],
)
def test_windows_are_found_by_class_then_title(windows: list[Window], expected: object, alone: bool) -> None:
    window, unique = find_window(MATCH, windows)
    want = FORM if expected is FORM else None if expected is None else next(w for w in windows if w.id == expected)
    assert window == want and (window is None or unique == alone)
