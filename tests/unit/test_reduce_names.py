"""Typing with no click before it is named by the field that shows it in the next screenshot."""

from __future__ import annotations

from PIL import Image, ImageDraw

from automation.recording.events import WindowRef
from automation.skills.anchors import ShotReading, window_match
from automation.skills.model import Anchor, ClickStep, TypeStep
from automation.skills.reduce import Draft, label_showing, named_from_screens, surest_labels
from automation.types import Box, TextSpan


def form() -> Image.Image:
    image = Image.new("RGB", (400, 200), (217, 217, 217))
    d = ImageDraw.Draw(image)
    for y in (40, 110):
        d.rectangle((20, y, 219, y + 21), fill=(255, 255, 255), outline=(100, 100, 100))
    return image


def test_the_field_showing_the_value_names_it_by_its_label_above() -> None:
    spans = (
        TextSpan("Amount", Box(20, 22, 50, 12), 96.0),
        TextSpan("42.50", Box(24, 45, 40, 12), 95.0),
        TextSpan("Payee", Box(20, 92, 45, 12), 96.0),
        TextSpan("Globex", Box(24, 115, 50, 12), 95.0),
    )
    shot = ShotReading(spans, (), form())
    assert label_showing(shot, "42.5") == "Amount"
    assert label_showing(shot, "globex") == "Payee"
    assert label_showing(shot, "99") is None


def test_without_a_picture_nothing_is_guessed() -> None:
    assert label_showing(ShotReading((TextSpan("42.50", Box(24, 45, 40, 12), 95.0),)), "42.50") is None


def test_a_misread_next_screenshot_is_passed_over_for_a_later_one() -> None:
    """The caret still touches the typed text in the next screenshot ("Graz" read "Graq"):
    the one after, where the focus has moved on, names the field."""
    window = WindowRef(1, "Form", "App", Box(0, 0, 400, 200))
    amount, payee = Box(20, 22, 50, 12), Box(20, 92, 45, 12)
    shots = {
        "1.png": ShotReading(
            (TextSpan("Amount", amount, 96.0), TextSpan("Graq", Box(24, 45, 40, 12), 90.0)), (), form()
        ),
        "2.png": ShotReading(
            (TextSpan("Amount", amount, 96.0), TextSpan("Graz", Box(24, 45, 40, 12), 95.0)), (), form()
        ),
    }
    shots["2.png"] = ShotReading((*shots["2.png"].spans, TextSpan("Payee", payee, 96.0)), (), form())
    typed = Draft(TypeStep("", None, window_match(window)), window, 1.0, value="Graz")
    click = ClickStep(Anchor(window_match(window), "Payee"))
    clicks = [Draft(click, window, 2.0, shot="1.png"), Draft(click, window, 3.0, shot="2.png")]
    named = named_from_screens([typed, *clicks], lambda name: shots[name])
    assert named[0].field == "Amount"


def test_typing_no_screenshot_shows_keeps_no_name() -> None:
    window = WindowRef(1, "Form", "App", Box(0, 0, 400, 200))
    shot = ShotReading((TextSpan("Amount", Box(20, 22, 50, 12), 96.0),), (), form())
    typed = Draft(TypeStep("", None, window_match(window)), window, 1.0, value="Graz")
    later = Draft(ClickStep(Anchor(window_match(window), "Amount")), window, 2.0, shot="1.png")
    assert named_from_screens([typed, later], lambda name: shot)[0].field is None


def test_a_click_on_an_unsure_reading_takes_the_surest_reading_of_that_spot() -> None:
    """A check box's square read into its label in one screenshot, not in a later one."""
    window = WindowRef(1, "Form", "App", Box(0, 0, 400, 200))
    shots = {
        "1.png": ShotReading((TextSpan("(Send copy", Box(20, 100, 90, 14), 66.0),), (), form()),
        "2.png": ShotReading((TextSpan("Send copy", Box(34, 100, 76, 14), 96.0),), (), form()),
    }
    clicked = ClickStep(Anchor(window_match(window), "(Send copy", offset=(-40, 0)))
    sure = ClickStep(Anchor(window_match(window), "Send copy"))
    drafts = [Draft(clicked, window, 1.0, shot="1.png"), Draft(sure, window, 2.0, shot="2.png")]
    fixed = surest_labels(drafts, lambda name: shots[name])
    assert isinstance(fixed[0].step, ClickStep) and fixed[0].step.anchor.label == "Send copy"
    assert fixed[0].step.anchor.offset == (-47, 0)  # still the same screen point: the box's centre moved 7 px
    assert fixed[1].step == sure
