"""`deskhand do` in words, with the default model pack, over the Tk legacy client.

The client's own files are the verdict: its claims file after a submit, its JSON
export after a menu command. None of these requests is in the golden set (tests/eval).
"""

import json
from pathlib import Path

import pytest

from tests.support.apps import RunningApp
from tests.support.default_pack import needs_default_pack
from tests.support.do_command import do

pytestmark = [pytest.mark.e2e, needs_default_pack]


def test_enter_an_amount_and_submit(legacy: RunningApp, claims: Path) -> None:
    report = do("enter 42.50 as the amount and submit", "--yes")
    assert report["status"] == "done"
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert record["amount"] == "42.50"


def test_pick_a_category_then_export_from_the_menu(legacy: RunningApp, claims: Path) -> None:
    do("choose Lodging as the category and export it as JSON", "--yes")
    export = claims.with_suffix(".export.json")
    assert json.loads(export.read_text())["category"] == "Lodging"


def test_a_value_the_request_leaves_out_is_asked_and_the_answer_typed(legacy: RunningApp, claims: Path) -> None:
    report = do("enter 42.50 as the amount, fill in the attendees and submit", "--answer", "Zhang San", "--yes")
    assert report["status"] == "done"
    assert any(step["stage"] == "answer" for step in report["steps"]), "no question was asked"
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert (record["amount"], record["attendees"]) == ("42.50", "Zhang San")
