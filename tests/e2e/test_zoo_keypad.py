"""Symbol-only keys in Tk, Qt and GTK: clicked by their label, the display read back.

The zoo keypad (tests/apps/zoo/keypad.py) is a calculator laid out from a seed; its keys
hold one symbol each (+ − × ÷ = √ ← C, digits). `deskhand act click LABEL` must press
the key whose face shows LABEL, and `deskhand observe` must read the result from the
display. The keypad's own dump (keys pressed, display text) is the judge. Qt and GTK
show a tooltip over the last key pressed; the next key must still be found.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.support import keypad as keypads
from tests.support.apps import deskhand
from tests.support.keypad import Keypad

pytestmark = pytest.mark.e2e
SEED = 104  # development range (tests/bench/keypad.py)
TOOLKITS = ["tk", "qt", "gtk"]
# 81 √ = 9, × 7 = 63: the three symbols the issue names, and digits.
PRESSES = ["8", "1", "\u221a", "\u00d7", "7", "="]
RESULT = "63"
TIP_TIMEOUT = 10.0  # seconds for a toolkit to show a tooltip under a still pointer


@pytest.fixture(scope="module", params=TOOLKITS)
def keypad(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Keypad]:
    toolkit = str(request.param)
    yield from keypads.running(toolkit, SEED, tmp_path_factory.mktemp(f"keypad-{toolkit}"))


def press(keypad: Keypad, label: str) -> None:
    result = deskhand("act", "click", label, "--window", keypad.title, "--json")
    if result.returncode != 0:
        seen = deskhand("observe", "--window", keypad.title).stdout
        raise AssertionError(f"click {label!r}: {result.stdout}{result.stderr}\nobserve now says:\n{seen}")


def display_observed(keypad: Keypad) -> list[str]:
    """What `observe` lists as read-outs over the keypad's display."""
    result = deskhand("observe", "--json", "--window", keypad.title)
    assert result.returncode == 0, result.stderr
    x, y, w, h = keypad.dump()["display"]["box"]
    return [
        e["text"]
        for e in json.loads(result.stdout)["controls"]
        if e["kind"] == "readout"
        and x <= e["box"]["x"] + e["box"]["w"] // 2 < x + w
        and y <= e["box"]["y"] + e["box"]["h"] // 2 < y + h
    ]


def test_symbol_keys_are_clicked_by_label_and_the_display_is_read_back(keypad: Keypad) -> None:
    keypad.request("reset")
    for label in PRESSES:
        press(keypad, label)
    dump = keypad.request("dump")
    assert dump["pressed"] == PRESSES, f"pressed {dump['pressed']}, meant {PRESSES}"
    assert dump["display"]["text"] == RESULT
    assert display_observed(keypad) == [RESULT]


def tooltip_shown() -> bool:
    from automation.backends.x11_windows import X11Windows

    return any(p.kind == "tooltip" for w in X11Windows().list() for p in w.popups)


def test_a_tooltip_left_over_one_key_does_not_hide_the_key_under_it(keypad: Keypad) -> None:
    if keypad.toolkit == "tk":
        pytest.skip("Tk shows no tooltips")
    keypad.request("reset")
    keys = {k["text"]: k["box"] for k in keypad.dump()["keys"]}
    # A key with another right below it: the tooltip opens under the pointer, over that key.
    above, below = next(
        (a, b)
        for a, (ax, ay, aw, ah) in keys.items()
        for b, (bx, by, bw, bh) in keys.items()
        if abs(bx - ax) < aw // 2 and 0 < by - (ay + ah) < ah
    )
    ax, ay, aw, ah = keys[above]
    subprocess.run(["xdotool", "mousemove", "--sync", str(ax + aw // 2), str(ay + ah - 4)], check=True)
    deadline = time.monotonic() + TIP_TIMEOUT
    while not tooltip_shown():
        assert time.monotonic() < deadline, f"no tooltip over {above!r} after {TIP_TIMEOUT}s"
        time.sleep(0.1)
    press(keypad, below)
    assert keypad.request("dump")["pressed"] == [below]
