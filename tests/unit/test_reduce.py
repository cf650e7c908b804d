"""Raw events -> tokens -> a Skill, table by table. Screenshots are drawn, not grabbed."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from automation.errors import ActionFailed
from automation.recording.events import ClickEvent, Drag, EndShot, KeyDown, KeyUp, RawEvent, Scroll, Secret, WindowRef
from automation.skills.anchors import ShotReading, new_label, redrawn, relative, window_match
from automation.skills.keys import Combo, Pointer, Typed, tokenize
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, TypeStep, param_name
from automation.skills.reduce import Draft, kind_of, reduce_events, settled_fields
from automation.types import Box, TextSpan
from tests.support.drawn_shots import GREY, ROWS, form_shot

FORM = WindowRef(7, "Expense Form", "Tk", Box(100, 50, 400, 300))
DIALOG = WindowRef(9, "Confirm", "Toplevel", Box(200, 150, 220, 90))
OTHER = WindowRef(8, "Notes - Editor", "Gedit", Box(600, 50, 300, 300))


def keys(t: float, text: str, window: WindowRef = FORM) -> list[RawEvent]:
    """Keystrokes the way xdotool sends them: shifted characters press 'B' and release 'b'."""
    out: list[RawEvent] = []
    for i, ch in enumerate(text):
        at = t + i * 0.01
        shifted = ch.isupper() or ch in '~!@#$%^&*()_+{}|:"<>?'
        if shifted:
            out.append(KeyDown(at, "shift", window))
        out += [KeyDown(at, ch, window), KeyUp(at, ch.lower(), window)]
        if shifted:
            out.append(KeyUp(at, "shift", window))
    return out


def press(t: float, *names: str, window: WindowRef = FORM) -> list[RawEvent]:
    """One combination: modifiers down in order, the last key down and up, modifiers up."""
    downs = [KeyDown(t, n, window) for n in names]
    ups = [KeyUp(t, n, window) for n in reversed(names)]
    return [*downs, *ups]


def typed(tokens: list) -> list[str]:
    return [t.text for t in tokens if isinstance(t, Typed)]


def combos(tokens: list) -> list[str]:
    return [t.combo for t in tokens if isinstance(t, Combo)]


@pytest.mark.parametrize(
    ("events", "texts", "keys_pressed"),
    [
        # xdotool's shifted-key quirk: 'B' pressed, 'b' released; nothing stays held or doubles
        (keys(0, "Bob"), ["Bob"], []),
        (keys(0, "Li Si") + press(1, "ctrl", "s") + keys(2, "ok"), ["Li Si", "ok"], ["ctrl+s"]),
        # backspace inside typed text, Left/Right/Home/End, Delete
        (keys(0, "42.5O") + press(1, "BackSpace") + keys(2, "0"), ["42.50"], []),
        (keys(0, "4250") + press(1, "Left") + press(1.1, "Left") + keys(2, "."), ["42.50"], []),
        (keys(0, "ang") + press(1, "Home") + keys(2, "Zh") + press(3, "End") + keys(4, "!"), ["Zhang!"], []),
        (keys(0, "abXc") + press(1, "Left") + press(1.1, "Left") + press(1.2, "Delete"), ["abc"], []),
        (keys(0, "ab") + press(1, "Left") + press(1.1, "Right") + keys(2, "c"), ["abc"], []),
        (keys(0, "ab") + press(1, "Right") + keys(2, "c"), ["ab", "c"], ["Right"]),
        # a key that acts outside the typed text is sent as a key
        (press(0, "BackSpace") + press(0.1, "BackSpace") + keys(1, "7"), ["7"], ["BackSpace", "BackSpace"]),
        (keys(0, "ab") + press(1, "Left") + press(1.1, "Left") + press(1.2, "Left"), ["ab"], ["Left"]),
        # Tab and Return are keys and end the field's text
        (keys(0, "Li") + press(1, "Tab") + keys(2, "42"), ["Li", "42"], ["Tab"]),
        (keys(0, "x") + press(1, "shift", "Tab") + press(2, "Return"), ["x"], ["shift+Tab", "Return"]),
        # shortcuts: modifiers first in a fixed order, the key unshifted
        (
            press(0, "ctrl", "shift", "S") + press(1, "alt", "f") + press(2, "super", "e"),
            [],
            ["ctrl+shift+s", "alt+f", "super+e"],
        ),
        (keys(0, "ab") + press(1, "shift", "Left"), ["ab"], ["shift+Left"]),
        # pynput and keysym spellings fold to one name
        (
            press(0, "shift_r", "a") + press(1, "space") + press(2, "ctrl_l", "c") + press(3, "enter"),
            ["a "],
            ["ctrl+c", "Return"],
        ),
        (press(0, "alt_gr", "@") + press(1, "caps_lock") + press(2, "f5"), ["@"], ["F5"]),
        # the recorder hides a password field's keys: only how many
        ([Secret(0, 8, FORM)], [""], []),
    ],
)
def test_keystrokes_merge_into_texts_and_combos(
    events: list[RawEvent], texts: list[str], keys_pressed: list[str]
) -> None:
    tokens = tokenize(events)
    assert typed(tokens) == texts
    assert combos(tokens) == keys_pressed


def test_a_release_with_another_case_leaves_no_modifier_held() -> None:
    events = [KeyDown(0, "ctrl", FORM), KeyDown(0.1, "a", FORM), KeyUp(0.2, "A", FORM), KeyUp(0.3, "Ctrl", FORM)]
    assert combos(tokenize([*events, *keys(1, "x")])) == ["ctrl+a"]
    assert typed(tokenize([*events, *keys(1, "x")])) == ["x"]


def test_focus_changes_mid_typing_split_the_text() -> None:
    click = ClickEvent(1.0, 300, 150, "left", 1, FORM)
    tokens = tokenize([*keys(0, "Zhang"), click, *keys(2, "San")])
    assert typed(tokens) == ["Zhang", "San"]
    first, pointer, second = tokens
    assert isinstance(pointer, Pointer) and first.focus != second.focus


def test_keys_going_to_another_window_split_the_text() -> None:
    tokens = tokenize([*keys(0, "abc"), *keys(1, "def", OTHER)])
    assert [(t.text, t.window.id) for t in tokens if isinstance(t, Typed)] == [("abc", 7), ("def", 8)]


def test_events_are_taken_in_time_order() -> None:
    late_click = ClickEvent(5.0, 300, 150, "left", 1, FORM)
    assert typed(tokenize([late_click, *keys(0, "ab"), *keys(9, "cd")])) == ["ab", "cd"]


# --- whole demonstrations -------------------------------------------------------------


def dialog_shot() -> ShotReading:
    pixels = np.full((90, 220, 3), GREY, dtype=np.uint8)
    pixels[55:75, 20:70] = 60
    pixels[58:72, 30:60:4] = 0
    spans = (
        TextSpan("Submit this claim?", Box(40, 15, 130, 12), 95.0),
        TextSpan("Yes", Box(35, 60, 24, 10), 96.0),
        TextSpan("No", Box(150, 60, 17, 10), 97.0),
    )
    return ShotReading(spans, (Box(20, 55, 50, 20),), Image.fromarray(pixels))


def entry_click(t: float, label: str, shot: str, count: int = 1) -> ClickEvent:
    return ClickEvent(t, FORM.box.x + 200, FORM.box.y + ROWS[label] + 10, "left", count, FORM, shot)


SUBMIT = (FORM.box.x + 190, FORM.box.y + 212)


def demonstration() -> tuple[list[RawEvent], dict[str, ShotReading]]:
    shots = {
        "1.png": form_shot(),
        "2.png": form_shot(values={"Employee": "Zhang San"}),
        "3.png": form_shot(values={"Employee": "Zhang San", "Amount": "42.50"}),
        "4.png": dialog_shot(),
        "5.png": form_shot(status="Saved claim 1"),
    }
    events: list[RawEvent] = [
        entry_click(1.0, "Employee", "1.png"),
        *keys(2.0, "Zhang San"),
        entry_click(4.0, "Amount", "2.png"),
        *keys(5.0, "42.5O"),
        *press(5.5, "BackSpace"),
        *keys(5.6, "0"),
        ClickEvent(7.0, *SUBMIT, "left", 1, FORM, "3.png"),
        ClickEvent(9.0, DIALOG.box.x + 47, DIALOG.box.y + 65, "left", 1, DIALOG, "4.png"),
        ClickEvent(11.5, FORM.box.x + 200, FORM.box.y + 30, "left", 1, FORM, "5.png"),
    ]
    return events, shots


def test_a_demonstration_becomes_typed_parameters_clicks_and_expectations() -> None:
    events, shots = demonstration()
    skill = reduce_events(events, shots.__getitem__, "file-expense", "file an expense claim")
    employee, amount, submit, yes, last = skill.steps
    assert isinstance(employee, TypeStep) and employee.text == "{employee}"
    assert employee.into is not None and (employee.into.label, employee.into.field) == ("Employee", True)
    assert employee.into.window.app == "Tk" and employee.into.window.title == "Expense Form"
    assert isinstance(amount, TypeStep) and amount.text == "{amount}"
    assert [(p.name, p.example, p.secret) for p in skill.params] == [
        ("employee", "Zhang San", False),
        ("amount", "42.50", False),
    ]
    assert skill.params[1].description == "Amount in 'Expense Form'"
    assert isinstance(submit, ClickStep) and submit.anchor.label == "Submit" and not submit.anchor.field
    assert submit.anchor.offset == (0, 0) and submit.anchor.crop in skill.crops
    assert submit.expect == "Submit this claim?"  # everything in the dialog is new; its first label
    assert isinstance(yes, ClickStep) and yes.anchor.label == "Yes" and yes.anchor.window.app == "Toplevel"
    assert yes.expect == "Saved claim 1"  # new against the form's last screenshot, not the dialog's
    assert employee.expect is None and amount.expect is None  # only typed values appeared
    assert isinstance(last, ClickStep) and last.expect is None  # no screenshot after it
    assert skill.demo_seconds == pytest.approx(10.5)
    fx, fy = submit.anchor.relative
    assert (round(fx * 400) + 100, round(fy * 300) + 50) == SUBMIT


@pytest.mark.parametrize(
    ("clicks", "expected"),
    [
        ([(1.0, 1), (1.2, 2)], [2]),  # the recorder's first press, then the double: one step
        ([(1.0, 2)], [2]),
        ([(1.0, 1), (3.0, 2)], [1, 2]),  # too far apart in time: two steps
        ([(1.0, 1), (1.3, 1)], [1, 1]),
    ],
)
def test_double_clicks_are_one_step(clicks: list[tuple[float, int]], expected: list[int]) -> None:
    events = [ClickEvent(t, *SUBMIT, "left", n, FORM, "s.png") for t, n in clicks]
    skill = reduce_events(events, {"s.png": form_shot()}.__getitem__, "d")
    assert [s.clicks for s in skill.steps if isinstance(s, ClickStep)] == expected


@pytest.mark.parametrize(
    ("label", "events", "secret"),
    [
        ("PIN", keys(2.0, "7319"), True),  # the label says so
        ("Code", [Secret(2.0, 4, FORM)], True),  # the recorder saw masking
        ("Code", keys(2.0, "7319"), False),
    ],
)
def test_secret_fields_keep_no_value(label: str, events: list[RawEvent], secret: bool) -> None:
    demo = [entry_click(1.0, label, "1.png"), *events]
    skill = reduce_events(demo, {"1.png": form_shot()}.__getitem__, "s")
    (param,) = skill.params
    assert (param.name, param.secret) == (param_name(label), secret)
    assert param.example == ("" if secret else "7319")
    if secret:
        assert "7319" not in repr(skill)


@pytest.mark.parametrize(
    ("label", "names"),
    [
        ("Amount", ["amount"]),
        ("Unit Price:", ["unit_price"]),
        (None, ["value_1"]),  # typed after Tab: no label to name it by
    ],
)
def test_parameters_are_named_from_their_field(label: str | None, names: list[str]) -> None:
    start = [entry_click(1.0, label, "1.png")] if label else [*press(1.0, "Tab")]
    skill = reduce_events([*start, *keys(2.0, "9.99")], {"1.png": form_shot()}.__getitem__, "p")
    assert [p.name for p in skill.params] == names


def test_the_same_field_twice_gets_numbered_names_and_text_after_a_shortcut_keeps_its_label() -> None:
    events = [
        entry_click(1.0, "Amount", "1.png"),
        *keys(2.0, "12"),
        *press(3.0, "ctrl", "a"),
        *keys(4.0, "13"),
        entry_click(5.0, "Amount", "1.png"),
        *keys(6.0, "14"),
    ]
    skill = reduce_events(events, {"1.png": form_shot()}.__getitem__, "twice")
    assert [p.name for p in skill.params] == ["amount", "amount_2", "amount_3"]
    kinds = [type(s).__name__ for s in skill.steps]
    assert kinds == ["TypeStep", "KeyStep", "TypeStep", "TypeStep"]
    second = skill.steps[2]
    assert isinstance(second, TypeStep) and second.into is None  # no click: typed where the caret was


def test_a_click_without_a_label_near_keeps_its_position_and_picture() -> None:
    events = [ClickEvent(1.0, FORM.box.x + 165 + 30, FORM.box.y + 212, "left", 1, FORM, "1.png")]
    (step,) = reduce_events(events, {"1.png": form_shot()}.__getitem__, "c").steps
    assert isinstance(step, ClickStep) and step.anchor.label == "Submit"  # under the pointer
    far = [ClickEvent(1.0, FORM.box.x + 370, FORM.box.y + 250, "left", 1, FORM, "1.png")]
    skill = reduce_events(far, {"1.png": form_shot()}.__getitem__, "c")
    (step,) = skill.steps
    assert isinstance(step, ClickStep) and step.anchor.label is None
    assert step.anchor.crop is None and skill.crops == {}  # flat grey: a picture would match anywhere


def test_keys_become_key_steps_and_scrolls_merge() -> None:
    events: list[RawEvent] = [
        *press(0.5, "ctrl", "s"),
        Scroll(1.0, 300, 200, 0, -1, FORM),
        Scroll(1.1, 302, 201, 0, -1, FORM),
        Scroll(1.2, 300, 200, 0, -1, OTHER),
    ]
    steps = reduce_events(events, {}.__getitem__, "k").steps
    assert steps[0] == KeyStep("ctrl+s", steps[0].window)
    assert [(s.dy, s.at.window.app) for s in steps[1:] if isinstance(s, ScrollStep)] == [(-2, "Tk"), (-1, "Gedit")]


def test_drags_are_refused_unless_they_are_a_shaky_click() -> None:
    shaky = Drag(1.0, *SUBMIT, SUBMIT[0] + 2, SUBMIT[1] + 1, "left", FORM)
    (step,) = reduce_events([shaky], {}.__getitem__, "d").steps
    assert isinstance(step, ClickStep)
    with pytest.raises(ActionFailed, match="drags"):
        reduce_events([Drag(1.0, 10, 10, 200, 200, "left", FORM)], {}.__getitem__, "d")


def test_clicks_outside_any_window_are_left_out() -> None:
    assert reduce_events([ClickEvent(1.0, 5, 5, "left", 1, None)], {}.__getitem__, "n").steps == ()


@pytest.mark.parametrize(
    ("before", "after", "values", "expected"),
    [
        ([("Ready", 39)], [("Saved claim 1", 42)], [], "Saved claim 1"),  # a status line reads unsure
        ([], [("42.50", 90), ("Total 42.50", 90), ("Saved", 90)], ["42.50"], "Saved"),  # values change each run
        ([("Submit", 96)], [("Subrnit", 90)], [], None),  # an OCR slip of a known label is not new
        ([], [("|=", 28), ("(EL", 34), ("IEE", 38), ("Saved", 90)], [], "Saved"),  # noise and a sure label
        ([], [("|=", 28), ("(EL", 34)], [], None),  # noise alone
    ],
)
def test_the_expected_label_is_the_first_new_one(
    before: list[tuple[str, float]], after: list[tuple[str, float]], values: list[str], expected: str | None
) -> None:
    def spans(texts: list[tuple[str, float]]) -> list[TextSpan]:
        return [TextSpan(t, Box(10, 20 * i, 50, 12), conf) for i, (t, conf) in enumerate(texts)]

    assert new_label(spans(after), spans(before), values) == expected


def test_fields_below_their_label_and_outlined_grey_fields_are_fields_too() -> None:
    pixels = np.full((300, 400, 3), GREY, dtype=np.uint8)
    pixels[118:140, 18:300] = 255  # an entry under its label
    pixels[200:222, 110:300] = 60  # a read-only combo box: outlined, grey inside
    pixels[202:220, 112:298] = 190
    spans = (TextSpan("Comments", Box(20, 100, 64, 12), 95.0), TextSpan("Category", Box(20, 205, 64, 12), 95.0))
    shot = ShotReading(spans, (Box(110, 200, 190, 22),), Image.fromarray(pixels))
    events = [
        ClickEvent(1.0, FORM.box.x + 150, FORM.box.y + 129, "left", 1, FORM, "s.png"),
        ClickEvent(2.0, FORM.box.x + 200, FORM.box.y + 211, "left", 1, FORM, "s.png"),
    ]
    below, combo = reduce_events(events, {"s.png": shot}.__getitem__, "f").steps
    assert isinstance(below, ClickStep) and (below.anchor.label, below.anchor.field) == ("Comments", True)
    assert isinstance(combo, ClickStep) and (combo.anchor.label, combo.anchor.field) == ("Category", True)


def test_a_button_beside_another_button_is_clicked_by_its_own_caption() -> None:
    pixels = np.full((300, 400, 3), GREY, dtype=np.uint8)
    for x in (150, 250):  # Submit and Clear: outlined buttons side by side
        pixels[200:224, x : x + 80] = 60
        pixels[202:222, x + 2 : x + 78] = 200
    spans = (TextSpan("Submit", Box(165, 206, 50, 12), 96.0), TextSpan("Clear", Box(272, 206, 36, 12), 96.0))
    shot = ShotReading(spans, (Box(150, 200, 80, 24), Box(250, 200, 80, 24)), Image.fromarray(pixels))
    events = [ClickEvent(1.0, FORM.box.x + 292, FORM.box.y + 212, "left", 1, FORM, "s.png")]
    (clear,) = reduce_events(events, {"s.png": shot}.__getitem__, "f").steps
    assert isinstance(clear, ClickStep) and (clear.anchor.label, clear.anchor.field) == ("Clear", False)


def test_a_label_read_another_way_where_nothing_was_drawn_is_not_expected() -> None:
    """Between two pictures of the form a header read "Qty" then "Oty" (and one OCR missed) is no
    effect of the step: the pixels under it are unchanged. The status line drawn anew is."""
    before, after = form_shot(), form_shot(status="Saved claim 1")
    noise = (TextSpan("Oty", Box(10, 20, 30, 12), 92.0), TextSpan("Item", Box(10, 50, 30, 12), 92.0))
    after_noisy = ShotReading(noise + after.spans, after.outlines, after.image)
    drawn = redrawn(before, FORM.box, after_noisy, FORM.box)
    assert new_label(after_noisy.spans, before.spans, [], drawn) == "Saved claim 1"
    assert new_label(after_noisy.spans, before.spans, []) == "Oty"  # without the pixels it looked new
    unchanged = ShotReading(noise + before.spans, before.outlines, before.image)
    assert new_label(unchanged.spans, before.spans, [], redrawn(before, FORM.box, unchanged, FORM.box)) is None


def test_a_larger_picture_of_the_window_is_placed_by_its_screen_box() -> None:
    """A picture taken with a pop-up open takes in the pop-up: its pixels are compared where they lie."""
    before = form_shot()
    pixels = np.full((400, 400, 3), GREY, dtype=np.uint8)
    pixels[100:400] = np.asarray(before.image)  # the same window, 100 px lower in a taller picture
    pixels[10:30, 20:120] = 0  # a list drawn above it
    after = ShotReading((), (), Image.fromarray(pixels))
    drawn = redrawn(before, FORM.box, after, Box(FORM.box.x, FORM.box.y - 100, 400, 400))
    assert not drawn(Box(10, 124, 64, 12))  # "Employee", where it was
    assert drawn(Box(20, 12, 100, 16))  # in the list, outside the earlier picture
    assert drawn(Box(4, 380, 40, 14)) is False  # the status line, unchanged


def test_typing_expects_nothing_even_when_a_label_appears_after_it() -> None:
    """Typing's effect is its value in its field (read back on replay), never a word near it."""
    shots = {"1.png": form_shot(), "2.png": form_shot(status="Saved claim 1")}
    events: list[RawEvent] = [
        entry_click(1.0, "Employee", "1.png"),
        *keys(2.0, "Zhang San"),
        ClickEvent(7.0, *SUBMIT, "left", 1, FORM, "2.png"),
    ]
    employee, submit = reduce_events(events, shots.__getitem__, "t").steps
    assert isinstance(employee, TypeStep) and employee.expect is None
    assert isinstance(submit, ClickStep) and submit.expect is None


def test_a_label_half_covered_by_a_modal_drawn_in_its_window_is_not_expected() -> None:
    """A web page's modal dims the page and covers half of "Account holder": "Acco" is drawn anew
    (every pixel dimmed) but it is a piece of a known label where that label was; the modal's
    question is what the click did."""
    before = (TextSpan("Account holder", Box(16, 110, 110, 12), 96.0), TextSpan("Submit", Box(600, 500, 50, 12), 97.0))
    after = (
        TextSpan("Acco", Box(16, 110, 35, 12), 97.0),
        TextSpan("Submit this entry?", Box(82, 127, 136, 15), 96.0),
        TextSpan("Submit", Box(600, 500, 50, 12), 97.0),
    )
    assert new_label(after, before, [], shift=(0, 0)) == "Submit this entry?"
    assert new_label(after, before, [], shift=(0, 200)) == "Acco"  # the known label lay elsewhere
    assert new_label(after, before, []) == "Acco"  # pictures of two windows: places say nothing


def end_of(status: str) -> tuple[list[RawEvent], dict[str, ShotReading]]:
    events, shots = demonstration()
    shots["end.png"] = form_shot(status=status)
    return [*events[:-1], EndShot(12.0, FORM, "end.png")], shots


def test_the_last_step_expects_the_kind_of_read_out_the_demonstration_ended_with() -> None:
    """Issue 14: a replay's end must match the demonstration's. The end picture's status line,
    drawn anew since the form's last picture, is the last step's expectation, without its count."""
    events, shots = end_of("Saved claim 1")
    *_, yes = reduce_events(events, shots.__getitem__, "file").steps
    assert isinstance(yes, ClickStep) and yes.anchor.label == "Yes" and yes.expect == "Saved claim"


def test_an_end_that_shows_nothing_new_expects_nothing() -> None:
    events, shots = end_of("Ready")
    *_, yes = reduce_events(events, shots.__getitem__, "file").steps
    assert isinstance(yes, ClickStep) and yes.expect is None


@pytest.mark.parametrize(
    ("readout", "kind"),
    [("Stored entry 1", "Stored entry"), ("Total 42.50", "Total"), ("Saved: 3 rows", "Saved"),
     ("已保存 第1条", "已保存"), ("Submit this entry?", "Submit this entry?"), ("42.50", "42.50")],
)  # fmt: skip
def test_a_read_out_s_kind_is_its_words_before_the_first_number(readout: str, kind: str) -> None:
    assert kind_of(readout) == kind


def test_a_label_the_dialog_had_covered_is_no_read_out_of_the_end() -> None:
    """The last picture of the form before the end had a label covered (a page's modal): uncovered
    at the end it is drawn anew, but an earlier picture had it, so the task did not make it."""
    events, shots = end_of("Ready")
    covered = form_shot()
    pixels = np.asarray(covered.image).copy()
    pixels[20:40, 0:120] = 90  # the modal's corner over "Employee" in the last picture
    spans = tuple(s for s in covered.spans if s.text != "Employee")
    shots["3.png"] = ShotReading(spans, covered.outlines, Image.fromarray(pixels))
    *_, yes = reduce_events(events, shots.__getitem__, "file").steps
    assert isinstance(yes, ClickStep) and yes.expect is None


def test_a_click_into_a_field_pictured_under_a_closing_list_is_anchored_on_the_field() -> None:
    """The click into Employee came just after choosing in a combo: its picture still shows the
    list, whose item 'Finance' lies over the field. The next picture of the window shows the
    field with the typed text in it: the typing's click is anchored on Employee's field."""
    listed = form_shot()
    pixels = np.asarray(listed.image).copy()
    pixels[15:45, 150:300] = (200, 215, 245)  # the list's highlighted item over the field ...
    spans = (*listed.spans, TextSpan("Finance", Box(170, 24, 56, 12), 96.0))  # ... and its item
    shots = {
        "1.png": ShotReading(spans, listed.outlines, Image.fromarray(pixels)),
        "2.png": form_shot(values={"Employee": "Zhang San"}),
    }
    events: list[RawEvent] = [
        entry_click(1.0, "Employee", "1.png"),
        *keys(2.0, "Zhang San"),
        ClickEvent(7.0, *SUBMIT, "left", 1, FORM, "2.png"),
    ]
    employee, _ = reduce_events(events, shots.__getitem__, "t").steps
    assert isinstance(employee, TypeStep) and employee.into is not None
    assert (employee.into.label, employee.into.field, employee.into.crop) == ("Employee", True, None)
    assert employee.text == "{employee}"


def test_a_click_whose_label_stays_where_it_was_keeps_its_anchor() -> None:
    """A field under its label (Tk's entries): the click is anchored on the label above with an
    offset; the next picture shows the typed value under the pointer, but the label stays: the
    anchor stays, and the typed value never becomes one."""
    click = entry_click(1.0, "Amount", "1.png")
    label = next(s for s in form_shot().spans if s.text == "Amount")
    px, py = click.x - FORM.box.x, click.y - FORM.box.y
    into = Anchor(window_match(FORM), "Amount", offset=(px - label.box.center[0], py - label.box.center[1]),
                  relative=relative(click.x, click.y, FORM.box))  # fmt: skip
    draft = Draft(TypeStep("", into, window_match(FORM)), FORM, 1.0, "1.png", value="42.50")
    after = Draft(ClickStep(Anchor(window_match(FORM), "Submit")), FORM, 7.0, "2.png")
    shots = {"1.png": form_shot(), "2.png": form_shot(values={"Amount": "42.50"})}
    settled_fields([draft, after], shots.__getitem__)
    assert draft.step == TypeStep("", into, window_match(FORM))


def test_an_item_chosen_in_a_list_is_expected_in_its_closed_combo() -> None:
    """The click on 'Finance' in a combo's open list: the next picture shows 'Finance' in the closed
    combo, not where the list had it. Replay must see it again (another item chosen ended 0)."""
    listed, closed = form_shot(), form_shot()
    item = TextSpan("Finance", Box(130, 180, 56, 12), 96.0)  # in the list, below the combo
    shown = TextSpan("Finance", Box(124, 144, 56, 12), 95.0)  # in the closed combo (the Code row)
    shots = {
        "1.png": ShotReading((*listed.spans, item), listed.outlines, listed.image),
        "2.png": ShotReading((*closed.spans, shown), closed.outlines, closed.image),
    }
    events: list[RawEvent] = [
        ClickEvent(1.0, FORM.box.x + 150, FORM.box.y + 186, "left", 1, FORM, "1.png"),
        ClickEvent(3.0, *SUBMIT, "left", 1, FORM, "2.png"),
    ]
    choose, submit = reduce_events(events, shots.__getitem__, "t").steps
    assert isinstance(choose, ClickStep) and choose.anchor.label == "Finance" and choose.expect == "Finance"
    assert isinstance(submit, ClickStep) and submit.expect is None


def test_a_word_read_another_way_under_a_dimming_veil_is_not_expected() -> None:
    """A web page's modal dims every pixel, so every label is drawn anew; "Oty" where "Qty" stood
    is that label read again, the modal's question is what the click did."""
    before = (TextSpan("Qty", Box(592, 51, 26, 15), 96.0), TextSpan("Ready", Box(93, 583, 45, 15), 95.0))
    after = (
        TextSpan("Oty", Box(592, 51, 26, 15), 91.0),
        TextSpan("Register this entry?", Box(82, 127, 150, 15), 96.0),
        TextSpan("Ready", Box(93, 583, 45, 15), 95.0),
    )
    assert new_label(after, before, [], shift=(0, 0)) == "Register this entry?"
    moved = (TextSpan("Oty", Box(300, 51, 26, 15), 91.0),)  # elsewhere: a word of its own
    assert new_label(moved, before, [], shift=(0, 0)) == "Oty"
