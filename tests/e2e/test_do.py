"""`deskhand do` in words, with the default model pack, over the Tk legacy client.

The client's own files are the verdict: its claims file after a submit, its JSON
export after a menu command. None of these requests is in the golden set (tests/eval).
"""

import json
import os
from pathlib import Path

import pytest

from app.services.paths import models_dir
from models.packs import DEFAULT_PACK, load_catalog, pack_path
from tests.support.apps import RunningApp, deskhand

DEFAULT_MODEL = pack_path(load_catalog().get(DEFAULT_PACK), models_dir())
pytestmark = [
    pytest.mark.e2e,
    # CI installs the default pack (setup.sh): there a missing pack is a failure, not a skip.
    pytest.mark.skipif(
        not DEFAULT_MODEL.exists() and not os.environ.get("CI"),
        reason=f"the default pack is not installed: deskhand models install {DEFAULT_PACK}",
    ),
]


def do(*args: str) -> dict:
    result = deskhand("do", *args, "--json", timeout=600)
    assert result.returncode == 0, f"deskhand do {args} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout)
    assert report["model_calls"], "the request was decided without the model"
    return report


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
