"""xcalc: lone-character keys found by OCR; the answer is read from xcalc's own selection."""

import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.apps import RunningApp, deskhand, launch
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import run, steps

pytestmark = pytest.mark.e2e


@pytest.fixture
def xcalc() -> Iterator[RunningApp]:
    if shutil.which("xcalc") is None:
        pytest.fail("xcalc is not installed: run the README's test command (packaging/setup.sh test)")
    app = launch(["xcalc"], "Calculator")
    yield app
    app.stop()


def xcalc_display(app: RunningApp) -> str:
    """Click xcalc's display, which makes xcalc own the PRIMARY selection, and read it."""
    box = app.window.box
    subprocess.run(["xdotool", "mousemove", str(box.x + box.w // 2), str(box.y + 20), "click", "1"], check=True)
    result = subprocess.run(["xclip", "-o", "-selection", "primary"], capture_output=True, text=True, timeout=10)
    return result.stdout.strip()


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
