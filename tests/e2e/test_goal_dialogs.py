"""A filled zoo form committed with its own button and its confirmation, through `deskhand do`,
on Tk, GTK 3 and the web page (whose confirmation is drawn inside the page, no window of its
own: the case that ended "finished" before the confirmation was answered). Exit 0 only when
the file the form writes on confirming holds every value; the model is a script taking the
first option (tests/support/chooser.py), so what is tested is Deskhand's reading of the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.task_apps import prefill
from tests.bench.task_set import prefilled_output
from tests.support import zoo
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import ZOO_SEED, run, steps
from tests.support.zoo import ZooForm

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["tk", "gtk", "html"])
def filled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ZooForm]:
    form = zoo.launch(request.param, ZOO_SEED, tmp_path / f"zoo-{request.param}")
    prefill(form)
    yield form
    form.stop()


def test_committed_and_confirmed_or_not_finished(filled: ZooForm) -> None:
    report = run(f"{filled.spec.primary.lower()} this entry", Script(first_with(), copy({})), "--max-steps", "6")
    stored = filled.output()
    wanted = prefilled_output(filled.spec)
    holds = stored is not None and all(stored.get(k) == v for k, v in wanted.items())
    assert (report["exit_code"] == 0) == holds, f"{stored}\n{steps(report)}"
    assert holds, steps(report)  # the confirmation is answered in every toolkit here


def test_a_confirmation_left_unanswered_is_not_finished(filled: ZooForm) -> None:
    """The script answers the confirmation's question with "ask the user": nothing is stored and
    the run does not say it finished."""
    report = run(
        f"{filled.spec.primary.lower()} this entry", Script(first_with("ask the user"), copy({})), "--max-steps", "4"
    )
    assert filled.output() is None, steps(report)
    assert report["exit_code"] != 0 and not report["finished"], steps(report)
