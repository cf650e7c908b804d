"""Fields found by shape in three toolkits: labels above their fields, read-back, combos.

Each form writes what it holds when its button is pressed; that file is the verdict.
A faulty form (focus on one field jumps to another) must end in exit 1 naming both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.apps import REPO, RunningApp, deskhand, launch
from tests.support.default_pack import needs_default_pack
from tests.support.do_command import do

pytestmark = pytest.mark.e2e
QUICK = REPO / "tests" / "apps" / "quick"


def ok(*args: str) -> str:
    result = deskhand(*args)
    assert result.returncode == 0, f"deskhand {' '.join(args)} -> {result.returncode}\n{result.stderr}"
    return result.stdout


def submitted(path: Path) -> dict[str, object]:
    return json.loads(path.read_text())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "values.json"


def start_qt(out: Path, *extra: str, title: str = "Quick Qt Form") -> RunningApp:
    return launch([sys.executable, str(QUICK / "qt_form.py"), "--out", str(out), "--title", title, *extra], title)


def start_tk(out: Path, *extra: str) -> RunningApp:
    return launch([sys.executable, str(QUICK / "tk_form.py"), "--out", str(out), *extra], "Quick Tk Form")


@pytest.fixture(scope="session")
def swing_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("javac") is None:
        pytest.skip("no JDK (openjdk-17-jdk) on this machine")
    classes = tmp_path_factory.mktemp("swing")
    subprocess.run(["javac", "-d", str(classes), str(QUICK / "SwingForm.java")], check=True, timeout=180)
    return classes


def start_swing(classes: Path, out: Path, *extra: str) -> RunningApp:
    return launch(["java", "-cp", str(classes), "SwingForm", str(out), *extra], "Quick Swing Form")


@pytest.fixture
def qt(out: Path) -> Iterator[RunningApp]:
    app = start_qt(out)
    yield app
    app.stop()


@pytest.fixture
def tk_form(out: Path) -> Iterator[RunningApp]:
    app = start_tk(out)
    yield app
    app.stop()


@pytest.fixture
def swing(swing_classes: Path, out: Path) -> Iterator[RunningApp]:
    app = start_swing(swing_classes, out)
    yield app
    app.stop()


def test_qt_labels_above_combo_and_check_box(qt: RunningApp, out: Path) -> None:
    w = ("--window", "Quick Qt Form")
    ok("act", "type", "Acme Ltd", "--into", "Customer", *w)
    ok("act", "type", "1234.50", "--into", "Invoice Total", *w)
    ok("act", "type", "Ref 9", "--into", "Reference", *w)
    ok("act", "choose", "Freight", "--in", "Shipping", *w)
    ok("act", "click", "Urgent", "--field", *w)
    ok("act", "click", "Submit", *w, "--expect", "Saved")
    values = submitted(out)
    assert values == {
        "Customer": "Acme Ltd",
        "Invoice Total": "1234.50",
        "Due Date": "",
        "Reference": "Ref 9",
        "Shipping": "Freight",
        "Urgent": True,
    }
    data = json.loads(ok("observe", "--json", *w))
    controls = {(c["kind"], c["label"]): c for c in data["controls"]}
    assert controls[("text", "Customer")]["text"] == "Acme Ltd"
    assert controls[("combo", "Shipping")]["text"] == "Freight"
    assert controls[("check", "Urgent")]["checked"] is True
    assert any(c["kind"] == "readout" and c["text"] == "Saved" for c in data["controls"])


def test_qt_choice_far_down_a_long_list(qt: RunningApp, out: Path) -> None:
    w = ("--window", "Quick Qt Form")
    ok("act", "choose", "Mule", "--in", "Shipping", *w)
    ok("act", "click", "Submit", *w, "--expect", "Saved")
    assert submitted(out)["Shipping"] == "Mule"


def test_tk_labels_above_and_check_box(tk_form: RunningApp, out: Path) -> None:
    w = ("--window", "Quick Tk Form")
    ok("act", "type", "Bolt Co", "--into", "Supplier", *w)
    ok("act", "type", "77.10", "--into", "Order Amount", *w)
    ok("act", "type", "2026-12-24", "--into", "Delivery Date", *w)
    ok("act", "click", "Rush order", "--field", *w)
    ok("act", "click", "Submit", *w, "--expect", "Saved")
    values = submitted(out)
    assert values == {
        "Supplier": "Bolt Co",
        "Order Amount": "77.10",
        "Delivery Date": "2026-12-24",
        "Contact": "",
        "Rush order": True,
    }


def test_tk_read_only_combo_choice_is_read_back(legacy: RunningApp, claims: Path) -> None:
    w = ("--window", "Legacy Expense")
    ok("act", "type", "Li Si", "--into", "Employee", *w)
    ok("act", "choose", "Lodging", "--in", "Category", *w)
    ok("act", "click", "Submit", *w)
    ok("act", "click", "Yes", "--window", "Confirm", "--expect", "Saved claim 1")
    record = json.loads(claims.read_text().splitlines()[0])
    assert (record["employee"], record["category"]) == ("Li Si", "Lodging")


def test_swing_labels_above_combo_and_check_box(swing: RunningApp, out: Path) -> None:
    w = ("--window", "Quick Swing Form")
    ok("act", "type", "Globex", "--into", "Vendor", *w)
    ok("act", "type", "88.25", "--into", "Net Amount", *w)
    ok("act", "type", "Q4 close", "--into", "Memo", *w)
    ok("act", "choose", "Transfer", "--in", "Payment", *w)
    ok("act", "click", "Approved", "--field", *w)
    ok("act", "click", "Post", *w, "--expect", "Posted")
    values = submitted(out)
    assert values == {
        "Vendor": "Globex",
        "Net Amount": "88.25",
        "Posting Date": "",
        "Memo": "Q4 close",
        "Payment": "Transfer",
        "Approved": True,
    }


def wrong_field(window: str, typed: str, target: str, thief: str) -> None:
    result = deskhand("act", "type", typed, "--into", target, "--window", window)
    assert result.returncode == 1, result.stdout + result.stderr
    assert repr(target) in result.stderr and repr(thief) in result.stderr, result.stderr


def test_typing_that_lands_in_another_field_is_caught_in_qt(out: Path) -> None:
    app = start_qt(out, "--redirect", "Reference=Due Date", title="Faulty Qt Form")
    try:
        wrong_field("Faulty Qt Form", "REF-77", "Reference", "Due Date")
    finally:
        app.stop()


def test_typing_that_lands_in_another_field_is_caught_in_tk(out: Path) -> None:
    app = start_tk(out, "--redirect", "Contact=Order Amount")
    try:
        wrong_field("Quick Tk Form", "Dana", "Contact", "Order Amount")
    finally:
        app.stop()


def test_typing_that_lands_in_another_field_is_caught_in_swing(swing_classes: Path, out: Path) -> None:
    app = start_swing(swing_classes, out, "Memo=Posting Date")
    try:
        wrong_field("Quick Swing Form", "late fee", "Memo", "Posting Date")
    finally:
        app.stop()


# A text wider than its field: only its ends can be seen, so it is judged by the selection it offers.
LONG = "Quarterly review of the northern depots and the coastal warehouses, second draft for the board of directors"


def test_a_long_text_that_fits_no_field_is_read_back_whole(out: Path) -> None:
    app = start_qt(out)
    try:
        ok("act", "type", LONG, "--into", "Reference", "--window", "Quick Qt Form")
        ok("act", "click", "Submit", "--window", "Quick Qt Form", "--expect", "Saved")
    finally:
        app.stop()
    assert submitted(out)["Reference"] == LONG


def test_a_character_lost_in_the_middle_of_a_long_text_is_exit_1(out: Path) -> None:
    """The field drops commas: both ends of the text read right, the middle does not."""
    app = start_qt(out, "--refuse", "Reference=,", title="Strict Qt Form")
    try:
        result = deskhand("act", "type", LONG, "--into", "Reference", "--window", "Strict Qt Form")
        ok("act", "click", "Submit", "--window", "Strict Qt Form", "--expect", "Saved")
    finally:
        app.stop()
    assert result.returncode == 1, result.stdout + result.stderr
    assert repr(LONG.replace(",", "")) in result.stderr, result.stderr
    assert submitted(out)["Reference"] == LONG.replace(",", "")  # the form's own value: the comma is gone


def test_typing_into_a_drop_down_list_is_exit_1_and_leaves_its_item(out: Path) -> None:
    """Qt's combo box opens its list over itself when clicked: keys would pick in the list, and
    the list's item drawn over the combo read back as typed. Exit 1, and the form keeps its item."""
    app = start_qt(out)
    try:
        result = deskhand("act", "type", "Express", "--into", "Shipping", "--window", "Quick Qt Form")
        ok("act", "click", "Submit", "--window", "Quick Qt Form", "--expect", "Saved")
    finally:
        app.stop()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "opens a list when clicked" in result.stderr, result.stderr
    assert submitted(out)["Shipping"] == "Standard"


@needs_default_pack
def test_tick_on_a_box_already_ticked_leaves_it_ticked(out: Path) -> None:
    """Found on yad's form (docs/trials.md): "tick Urgent" clicked a box that was ticked already,
    which cleared it, and the run was done. The form's own file is the judge: Urgent stays ticked."""
    app = start_qt(out, "--layout", "left", "--ticked")
    try:
        report = do(
            "enter Acme Ltd as the customer, tick Urgent and press Submit", "--yes", "--window", "Quick Qt Form"
        )
        values = submitted(out)
        assert values["Urgent"] is True and values["Customer"] == "Acme Ltd", report
        assert report["status"] == "done", report
    finally:
        app.stop()


def start_table(out: Path, *extra: str) -> RunningApp:
    return launch([sys.executable, str(QUICK / "table_form.py"), "--out", str(out), *extra], "Quick Table Form")


def test_a_click_on_a_marks_text_sets_the_mark_in_a_bordered_table(out: Path) -> None:
    """The texts beside the check box and the radio buttons are separate labels (a web page's text
    with no <label>): clicking them changed nothing and `act click` exited 0. The marks are clicked."""
    app = start_table(out)
    try:
        ok("act", "type", "Acme Tooling GmbH", "--into", "Vendor Name", "--window", "Quick Table Form")
        ok("act", "click", "Block payments", "--window", "Quick Table Form")
        ok("act", "click", "Net 60", "--window", "Quick Table Form")
        ok("act", "click", "Post Vendor", "--window", "Quick Table Form", "--expect", "Posted")
    finally:
        app.stop()
    assert submitted(out) == {"vendor": "Acme Tooling GmbH", "tax_id": "", "terms": "Net 60", "hold": True}


def test_a_check_box_that_takes_no_click_is_exit_1(out: Path) -> None:
    app = start_table(out, "--locked")
    try:
        result = deskhand("act", "click", "Block payments", "--window", "Quick Table Form")
        ok("act", "click", "Post Vendor", "--window", "Quick Table Form", "--expect", "Posted")
    finally:
        app.stop()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "does not show ticked" in result.stderr, result.stderr
    assert submitted(out)["hold"] is False
