"""Shown once on each toolkit, done again with new values on a moved and resized window.

xdotool plays the person while `deskhand record` runs: it chooses in the combo, clicks
into a field and types, Tabs into the next one and types with no click (the focused
field), ticks the check box, presses the primary button and answers the confirmation
dialog. The skill's parameters must be named by the fields' labels (never value_N);
the form is then reset, its window moved and resized, and `deskhand replay --set` must
make the form write the new values. The form's own output file is the judge.
"""

from __future__ import annotations

import functools
import json
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from app.services.compose import build_eyes
from automation.actuation.verify import settle
from automation.backends.mss_screen import MssScreen
from automation.skills.model import param_name
from automation.timings import DEFAULT_TIMINGS
from tests.support import zoo
from tests.support.apps import deskhand
from tests.support.demonstration import Demonstrator
from tests.support.record_process import Recording, record
from tests.support.zoo import ZooForm

pytestmark = pytest.mark.e2e
SEED = 101  # the e2e seed (tests/bench/zoo.py's development range)
# Seconds without input that end the recording. The person waits for the combo's list and reads
# it; on a loaded machine that took more than 4 s (3 recordings ended after the opening click).
IDLE = "8"
NEW = {"text": "Quinn Ross", "number": "31.75", "date": "2027-02-14"}
# Toolkits where the demonstrated task does not replay reliably, with the measured cause. None since
# round 9 (replay-stable), html aside: every toolkit passed 10 of 10 whole-module runs after the recorder looked
# windows up as of each event and the anchors told
# buttons and in-frame lists from fields (busy 2-core machine, load 1.9-7.4). Causes measured before:
# the dialog's Yes/OK recorded in the main window (GTK, Win32, Swing), the keys sent before a
# Chromium field took its click (html), Qt's field below a label anchored on a grid cell far right.
GAPS: dict[str, str] = {}
# Gaps that show in some runs only.
PASSES_AT_TIMES: set[str] = set()
# Gaps that show in some runs only, as measured.
# gtk left FLAKY in round 13. Its keys for 'Project' lost after 'Finance' was chosen fit what was measured
# in the zoo's `act` flow under load (never caught in a replay itself): the combo's opening click closed
# its list at once, its release choosing the item under the pointer (pyautogui moved the pointer between
# press and release; a click is one batch now, backends/xtest_input.py), so the item's click found the
# item in the closed combo and opened the list again, and the list took the next click. Since: 6 of 6
# runs alone beside two busy loops (load 6.9-9.6); confirm in the next clean-clone runs.
FLAKY: dict[str, str] = {}
TOOLKITS = ["tk", "gtk", "qt", "html", "swing", "win32"]


@functools.cache
def screen() -> MssScreen:
    return MssScreen()  # on the suite's display, which exists only once the tests run


def xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, capture_output=True, timeout=30)


def marked(toolkit: str) -> object:
    if toolkit in GAPS:
        # Since the check-box frame and pop-up fixes these pass in some runs and not others.
        strict = toolkit not in PASSES_AT_TIMES
        return pytest.param(toolkit, marks=pytest.mark.xfail(strict=strict, reason=GAPS[toolkit]))
    if toolkit in FLAKY:
        return pytest.param(toolkit, marks=pytest.mark.xfail(strict=False, reason=FLAKY[toolkit]))
    return toolkit


@pytest.fixture(scope="module", params=[marked(t) for t in TOOLKITS])
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZooForm]:
    toolkit = str(request.param)
    cache = tmp_path_factory.getbasetemp() / f"zoo-{toolkit}-cache"  # test_zoo's Win32 exe and Wine prefix
    yield from zoo.running(toolkit, SEED, tmp_path_factory.mktemp(f"replay-{toolkit}"), cache)


def box_of(form: ZooForm, label: str) -> tuple[int, int]:
    """The centre of ``label``'s field (or the primary button) in the form's own geometry dump."""
    for item in form.request("dump")["items"]:
        if (item["role"] == "field" and item.get("label") == label) or (
            item["role"] == "button" and item.get("text") == label
        ):
            x, y, w, h = item["box"]
            return x + w // 2, y + h // 2
    raise AssertionError(f"{label!r} is not in the {form.toolkit} form's dump")


def click(x: int, y: int) -> None:
    """A person's click: once the screen has stopped changing (they see where they click).

    xdotool clicked into the field under Swing's combo list 0.13 s after the item's click, while
    the list was still drawn (the recording's picture of that click shows it): no person does."""
    settle(screen(), screen().bounds, DEFAULT_TIMINGS)
    xdo("mousemove", "--sync", str(x), str(y), "click", "--delay", "80", "1")


def typed(text: str) -> None:
    xdo("type", "--delay", "60", "--", text)


def tab_pair(form: ZooForm, texts: list[str]) -> tuple[str, str]:
    """A field and the text field Tab moves to from it, in this toolkit's own focus order."""
    for start in texts:
        form.reset()
        click(*box_of(form, start))
        xdo("key", "--delay", "80", "Tab")
        typed("7")
        reached = [label for label in texts if form.values().get(label) == "7"]
        if reached:
            form.reset()
            return start, reached[0]
    form.reset()
    raise AssertionError(f"Tab from no text field of the {form.toolkit} form reaches another one")


def demonstrate(form: ZooForm) -> tuple[Recording, list[str], str]:
    """Fill and submit the form as a person would; return the text fields typed into and the
    one reached by Tab alone (no click before its typing)."""
    spec = form.spec
    demo = Demonstrator(form.out.parent / "eyes", build_eyes()[2])
    texts = [f.label for f in spec.fields if f.kind in ("text", "number", "date")]
    start, tabbed = tab_pair(form, texts)
    order = [start, tabbed, *(label for label in texts if label not in (start, tabbed))]
    recording = record(f"zoo-{form.toolkit}", "--until-idle", IDLE)
    combo = next(f for f in spec.fields if f.kind == "combo")
    click(*box_of(form, combo.label))
    demo.click_label(str(spec.answers[combo.label]), window=form.title, nudge=(0, 0))
    for label in order:
        if label == tabbed:
            xdo("key", "--delay", "80", "Tab")
        else:
            click(*box_of(form, label))
        typed(str(spec.answers[label]))
    check = next(f for f in spec.fields if f.kind == "check")
    click(*box_of(form, check.label))
    click(*box_of(form, spec.primary))
    demo.click_label(spec.confirm, window=form.confirm_window, nudge=(0, 0))
    return recording, texts, tabbed


def expected(form: ZooForm, values: dict[str, str]) -> dict[str, Any]:
    spec = form.spec
    combo = next(f for f in spec.fields if f.kind == "combo")
    check = next(f for f in spec.fields if f.kind == "check")
    return {**values, combo.label: spec.answers[combo.label], check.label: True}


def test_demonstrated_task_replays_with_new_values_on_a_moved_resized_window(form: ZooForm) -> None:
    spec = form.spec
    form.reset()
    name = f"zoo-{form.toolkit}"
    recording, texts, tabbed = demonstrate(form)
    code, stdout = recording.finish()
    assert code == 0 and f"Saved skill '{name}'" in stdout, stdout + "".join(recording.stderr)
    written = form.output()
    assert written is not None, "the demonstration did not submit the form"
    first = {label: str(spec.answers[label]) for label in texts}
    assert {k: written[k] for k in expected(form, first)} == expected(form, first), written

    shown = deskhand("skills", "show", name, "--json")
    assert shown.returncode == 0, shown.stderr
    params = [p["name"] for p in json.loads(shown.stdout)["params"]]
    want = {param_name(label): label for label in texts}
    assert sorted(params) == sorted(want), f"parameters {params}, the fields' labels are {texts} ({tabbed} by Tab)"

    form.reset()
    xdo("windowsize", str(form.window.id), str(spec.width + 60), str(spec.height + 40))
    xdo("windowmove", str(form.window.id), "140", "70")
    new = {label: NEW[spec.field(label).kind] for label in texts}
    sets = [arg for label, value in new.items() for arg in ("--set", f"{param_name(label)}={value}")]
    replay = deskhand("replay", name, *sets, "--yes")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    written = form.output()
    assert written is not None, "the replay did not submit the form\n" + replay.stdout
    assert {k: written[k] for k in expected(form, new)} == expected(form, new), written
