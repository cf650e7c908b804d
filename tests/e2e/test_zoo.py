"""The toolkit zoo end to end, through the CLI: the generated form in every toolkit, and three
Debian applications. The forms' own state and output files, and the applications' saved files,
are the judge (docs/zoo.md).

Each form is started once per toolkit (a module-scoped fixture; pytest runs one toolkit's
cases together) and reset before each case. What fails on today's perception is in one
table, GAPS: a strict xfail turns red the moment its gap is closed, so the entry must then go.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from automation.backends.x11_windows import X11Windows
from automation.timings import WaitTimeout, wait_until
from tests.support import zoo, zoo_apps, zoo_heavy, zoo_steps
from tests.support.zoo import ZooForm
from tests.support.zoo_apps import RealApp
from tests.support.zoo_steps import ok

pytestmark = pytest.mark.e2e
SEED = 101  # the e2e seed: from the development range (tests/bench/zoo.py)
TOOLKITS = ["tk", "gtk", "qt", "html", "swing", "win32", "vnc"]
# The whole flow reads every field back as it goes, so one case names the kind of field that
# failed (labels left or above, combo, check box, note, grid) without filling the form once per
# kind: that repetition cost CI minutes per toolkit.
STEPS: dict[str, Callable[[ZooForm], None]] = {
    "every_label_observed": zoo_steps.every_label_observed,
    "fill_submit_confirm_and_read_status": zoo_steps.submit_confirm_and_read_status,
    "wrong_field_is_exit_1": zoo_steps.wrong_field_is_exit_1,
}

# (toolkit or application, case) -> (strict, the gap as measured). Issue 13.
GAPS: dict[tuple[str, str], tuple[bool, str]] = {
    ("featherpad", "save_as_dialog"): (
        False,
        "round 13: CI's exit 4 'closed while Deskhand was acting on it' was Deskhand's (the Save button's icon"
        " taken for a check box, the dialog gone when the mark was looked at again; 8 of 8 runs, copy.txt saved,"
        " fixed); since, 6 of 6 runs beside two busy loops (load 6-7), and with FeatherPad at nice 19 beside them"
        " (load 5.7-10.5) copy.txt saved in 57 of 73; in the other 16 'Save' was clicked (exit 0, the button took the"
        " focus) and the dialog stayed open, its field holding the whole path, FeatherPad idle: neither a second"
        " click, a 0.2 s press nor Return saved then, while a letter typed and erased in the name before Save did"
        " (1 of 1); the cause inside the dialog not confirmed (docs/zoo.md)",
    ),
}


def gap_of(subject: str, name: str) -> Callable[[Callable[..., None]], Any]:
    """A real application's test, marked from GAPS."""

    def mark(test: Callable[..., None]) -> Any:
        gap = GAPS.get((subject, name))
        return pytest.mark.xfail(strict=gap[0], reason=gap[1])(test) if gap else test

    return mark


@pytest.fixture(scope="module", params=TOOLKITS)
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZooForm]:
    """One toolkit's form for all its cases (pytest groups the cases by this parameter)."""
    toolkit = str(request.param)
    folder = tmp_path_factory.mktemp(f"zoo-{toolkit}")
    if toolkit == "vnc":
        yield from zoo_heavy.running_vnc(SEED, folder)
        return
    # The built exe and the booted Wine prefix are kept for the session (docs/zoo.md).
    cache = tmp_path_factory.getbasetemp() / f"zoo-{toolkit}-cache"
    yield from zoo.running(toolkit, SEED, folder, cache)


@pytest.fixture
def known_gap(request: pytest.FixtureRequest, form: ZooForm) -> None:
    """This toolkit's case marked from GAPS (a marker per pair cannot be given at collection:
    the toolkit is the module fixture's parameter, so that each form starts once)."""
    gap = GAPS.get((form.toolkit, request.node.callspec.params["step"]))
    if gap is not None:
        request.applymarker(pytest.mark.xfail(strict=gap[0], reason=gap[1]))


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.usefixtures("known_gap")
def test_zoo_form(form: ZooForm, step: str) -> None:
    STEPS[step](form)


# Real applications from Debian: NEdit (Motif), FeatherPad (Qt 5), HomeBank (GTK 3).


@pytest.fixture(scope="module")
def featherpad(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealApp]:
    folder = tmp_path_factory.mktemp("featherpad")
    yield from zoo_apps.featherpad(folder, zoo_apps.document(folder, "draft.txt", ""))


@pytest.fixture(scope="module")
def nedit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealApp]:
    folder = tmp_path_factory.mktemp("nedit")
    yield from zoo_apps.nedit(folder, zoo_apps.document(folder, "note.txt", "first line\n"))


@pytest.fixture(scope="module")
def homebank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealApp]:
    folder = tmp_path_factory.mktemp("homebank")
    yield from zoo_apps.homebank(folder, zoo_apps.document(folder, "books.xhb", zoo_apps.BOOKS))


def folder_listing(app: RealApp) -> list[str]:
    return sorted(p.name for p in app.folder.iterdir())


@gap_of("featherpad", "word_count_read_and_saved")
def test_featherpad_word_count_read_and_saved(featherpad: RealApp) -> None:
    """FeatherPad counts words only when its status bar's refresh button (an icon right of
    "Words:") is pressed: the person presses it, and Deskhand must then read the count."""
    window = ("--window", "draft.txt")
    ok("act", "type", "alpha beta gamma", *window)
    elements = json.loads(ok("observe", "--json", *window))["elements"]
    label = next(e for e in elements if e["text"].startswith("Words:"))
    beside = [e for e in elements if e["x"] > label["x"] + label["w"] and same_row(e, label)]
    assert beside, f"nothing observed right of 'Words:' (the refresh button): {[e['text'] for e in elements]}"
    button = min(beside, key=lambda box: box["x"])
    subprocess.run(
        [
            "xdotool",
            "mousemove",
            str(button["x"] + button["w"] // 2),
            str(button["y"] + button["h"] // 2),
            "click",
            "1",
        ],
        check=True,
    )
    texts: list[str] = []

    def word_count() -> str | None:
        texts[:] = [e["text"] for e in json.loads(ok("observe", "--json", *window))["elements"]]
        found = re.search(r"Words:\s*(\d+)", " ".join(texts))
        return found.group(1) if found else None

    try:
        count = wait_until(word_count, name="the word count", timeout=20)
    except WaitTimeout:
        count = None
    assert count == "3", f"the status bar's word count is not read as 3: {texts}"
    ok("act", "key", "ctrl+s", *window)
    assert (featherpad.folder / "draft.txt").read_text().strip() == "alpha beta gamma"


def same_row(box: dict[str, Any], other: dict[str, Any]) -> bool:
    return abs((box["y"] + box["h"] / 2) - (other["y"] + other["h"] / 2)) < other["h"]


@gap_of("featherpad", "save_as_dialog")
def test_featherpad_save_as_dialog(featherpad: RealApp) -> None:
    ok("act", "key", "ctrl+shift+s", "--window", "draft.txt")
    target = featherpad.folder / "copy.txt"
    ok("act", "type", str(target), "--into", "File name:", "--window", "Save as")
    ok("act", "click", "Save", "--window", "Save as")
    # the windows say whether the dialog closed (and under which name the main window now is)
    windows = [w.title for w in X11Windows().list()]
    assert target.exists(), f"no copy.txt; the folder holds {folder_listing(featherpad)}; windows open: {windows}"


@gap_of("nedit", "type_and_save_through_the_file_menu")
def test_nedit_type_and_save_through_the_file_menu(nedit: RealApp) -> None:
    window = ("--window", "note.txt")
    ok("act", "type", "zoo was here ", *window)
    ok("act", "click", "File", *window)
    ok("act", "click", "Save", *window)
    assert "zoo was here" in (nedit.folder / "note.txt").read_text()


def test_nedit_save_as_dialog_label_above(nedit: RealApp) -> None:
    ok("act", "click", "File", "--window", "note.txt")
    ok("act", "click", "Save As...", "--window", "note.txt")
    dialog = ("--window", "Save File As")
    ok("act", "type", "renamed.txt", "--into", "New File Name:", *dialog)
    ok("act", "click", "OK", *dialog)
    saved: Path = nedit.folder / "renamed.txt"
    assert saved.exists(), f"NEdit saved no renamed.txt; the folder holds {folder_listing(nedit)}"
    assert saved.read_text() == (nedit.folder / "note.txt").read_text(), "the copy differs from the document"


def operations(books: Path) -> list[dict[str, str]]:
    return [dict(op.attrib) for op in ET.parse(books).getroot().iter("ope")]


@gap_of("homebank", "toolbar_button_observed")
def test_homebank_toolbar_button_observed(homebank: RealApp) -> None:
    data = json.loads(ok("observe", "--json", "--window", "Zoo books"))
    assert "Add" in {e["text"] for e in data["elements"]}


def test_homebank_add_a_transaction_in_the_form_and_save(homebank: RealApp) -> None:
    main = ("--window", "Zoo books")
    ok("act", "click", "Transactions", *main)
    ok("act", "click", "Add...", *main)
    dialog = ("--window", "Add transaction")
    ok("act", "type", "12.50", "--into", "Amount:", *dialog)
    ok("act", "type", "Lunch with Li", "--into", "Memo:", *dialog)
    ok("act", "click", "Add", *dialog)  # adds, and keeps the dialog open for the next one
    ok("act", "click", "Close", *dialog)
    ok("act", "key", "ctrl+s", *main)
    ops = operations(homebank.folder / "books.xhb")
    saved = [op for op in ops if "Lunch with Li" in op.values()]
    assert [float(op["amount"]) for op in saved] == [-12.5], f"HomeBank saved {ops}"
