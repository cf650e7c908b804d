"""xcalc: lone-character keys found by OCR; the answer is read from xcalc's own selection."""

import json
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.apps import RunningApp, deskhand, launch
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import run, steps
from tests.support.zoo_apps import require

pytestmark = pytest.mark.e2e


@pytest.fixture
def xcalc() -> Iterator[RunningApp]:
    require("xcalc", "xcalc")
    app = launch(["xcalc"], "Calculator")
    yield app
    app.stop()


def xcalc_display(app: RunningApp) -> str:
    """Click xcalc's display, which makes xcalc own the PRIMARY selection, and read it."""
    box = app.window.box
    subprocess.run(["xdotool", "mousemove", str(box.x + box.w // 2), str(box.y + 20), "click", "1"], check=True)
    result = subprocess.run(["xclip", "-o", "-selection", "primary"], capture_output=True, text=True, timeout=10)
    return result.stdout.strip()


def typed(app: RunningApp, keys: str) -> None:
    """Press ``keys`` (xdotool's names) with xcalc's window active."""
    subprocess.run(["xdotool", "windowactivate", "--sync", str(app.window.id)], check=True)
    subprocess.run(["xdotool", "key", "--delay", "40", *keys.split()], check=True)


def display_read_outs(app: RunningApp) -> list[str]:
    """The read-outs `observe` lists over xcalc's display, a band across the window's top."""
    result = deskhand("observe", "--json", "--window", "Calculator")
    assert result.returncode == 0, result.stderr
    top = app.window.box.y + DISPLAY_BAND
    controls = json.loads(result.stdout)["controls"]
    return [c["text"] for c in controls if c["kind"] == "readout" and c["box"]["y"] + c["box"]["h"] // 2 < top]


DISPLAY_BAND = 60  # pixels: xcalc's display and its mode letters, under the window's top
# What is typed (xcalc's keys: "space" clears, "n" negates, Return is "=") and what xcalc shows.
NUMBERS = [
    ("space", "0"),
    ("space 7", "7"),
    ("space 1 2", "12"),
    ("space 4 0 8", "408"),
    ("space 3 period 1 4 1 5 9", "3.14159"),
    ("space 5 n", "-5"),
    ("space 1 0 0 0 0 0 0 0 0 0 0 asterisk 1 0 0 0 0 0 0 0 0 0 0 Return", "1e+20"),
    ("space 1 2 asterisk 3 4 Return", "408"),  # worked out by xcalc
]


def test_the_display_s_read_out_is_the_number_xcalc_shows(xcalc: RunningApp) -> None:
    """The display is a field's height with the mode letters under the value: before round 16 its
    read-out was one text in the order of its words across ("DEG 408 DEC"), and a lone character
    ("0", "7", "-5") was not read at all ("DEG DEC")."""
    wrong = []
    for keys, number in NUMBERS:
        typed(xcalc, keys)
        read = display_read_outs(xcalc)
        shown = xcalc_display(xcalc)
        xcalc_display(xcalc)  # clicked again: the selection let go, the display drawn plain again
        assert shown == number, f"typed {keys!r}: xcalc shows {shown!r}"
        if read[:1] != [shown]:
            wrong.append(f"{number}: read {read}")
    assert wrong == [], wrong


def test_twelve_times_thirty_four(xcalc: RunningApp) -> None:
    for key in ["1", "2", "*", "3", "4", "="]:
        result = deskhand("act", "click", key, "--window", "Calculator")
        assert result.returncode == 0, f"key {key!r}: {result.stderr}"
    assert xcalc_display(xcalc) == "408"


def test_a_calculation_asked_in_words_is_done_when_the_display_shows_its_result(xcalc: RunningApp) -> None:
    """`do` with a first-option script: the keypad's keys in turn, then "=". Before round 14 it could
    never finish on xcalc: its display's small "12" is not read, and each operand had to show."""
    report = run("compute 12 times 34", Script(first_with(), copy({})), "--window", "Calculator", "--max-steps", "10")
    assert xcalc_display(xcalc) == "408", steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)
    assert report["message"].endswith("(the display shows 408)"), steps(report)  # the answer asked for
