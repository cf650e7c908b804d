"""xcalc: lone-character keys found by OCR; the answer is read from xcalc's own selection."""

import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.apps import RunningApp, deskhand, launch

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
