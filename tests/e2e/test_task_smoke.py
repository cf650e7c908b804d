"""The task evaluation's smoke subset (tests/bench/tasks.py --smoke) on the suite's display.

It asserts only what must always hold, not a success rate: no run says "finished" while
the form's own state does not hold the goal, and the request about nothing on screen is
refused with the form left as it was.
"""

import os

import pytest

from app.services.paths import models_dir
from models.packs import DEFAULT_PACK, load_catalog, pack_path
from tests.bench.task_set import all_tasks
from tests.bench.tasks import evaluate

DEFAULT_MODEL = pack_path(load_catalog().get(DEFAULT_PACK), models_dir())
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not DEFAULT_MODEL.exists() and not os.environ.get("CI"),
        reason=f"the default pack is not installed: deskhand models install {DEFAULT_PACK}",
    ),
]


def test_smoke_tasks_never_claim_a_false_finish_and_refuse_what_is_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_ACCESSIBILITY", "off")
    tasks = all_tasks(smoke=True)
    assert any(t.refuse for t in tasks) and any(not t.refuse for t in tasks)
    report = evaluate(tasks, ["default"], None, say=lambda line: None)
    rows = report["rows"]["default"]
    assert all(r["status"] != "not run" for r in rows.values()), rows
    false = [r for r in rows.values() if r["false_finished"]]
    assert not false, f"'finished' while the form does not hold the goal: {false}"
    refusals = [rows[t.id] for t in tasks if t.refuse]
    assert all(r["success"] for r in refusals), f"a must-refuse task was not refused cleanly: {refusals}"
