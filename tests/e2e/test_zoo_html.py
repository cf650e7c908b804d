"""The zoo form as a web page in Chromium's app mode, filled through the CLI; the page's posts are the judge."""

from collections.abc import Iterator

import pytest

from tests.support import zoo, zoo_steps
from tests.support.zoo import ZooForm

pytestmark = pytest.mark.e2e
# Perception gaps these tests show today (issue 13); each xfail turns into a failure once fixed.
FLOW = "submit, confirm and status read-back still fail once the combo and check box pass (cause not yet examined)"
SEED = 101  # the e2e seed: from the development range (tests/bench/zoo.py)


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZooForm]:
    yield from zoo.running("html", SEED, tmp_path_factory.mktemp("zoo-html"))


def test_observe_lists_every_label(form: ZooForm) -> None:
    zoo_steps.every_label_observed(form)


def test_type_into_fields_labelled_left(form: ZooForm) -> None:
    zoo_steps.type_into(form, zoo_steps.text_fields(form, "left"))


def test_type_into_fields_labelled_above(form: ZooForm) -> None:
    zoo_steps.type_into(form, zoo_steps.text_fields(form, "above"))


def test_choose_in_combo(form: ZooForm) -> None:
    zoo_steps.choose_in_combo(form)


def test_tick_check_box(form: ZooForm) -> None:
    zoo_steps.tick_check_box(form)


def test_type_multi_line_note(form: ZooForm) -> None:
    zoo_steps.type_note(form)


def test_fill_grid_row(form: ZooForm) -> None:
    zoo_steps.fill_grid_row(form)


@pytest.mark.xfail(strict=False, reason=FLOW)  # passes in some runs: the flow is not yet reliable
def test_submit_confirm_and_read_status(form: ZooForm) -> None:
    zoo_steps.submit_confirm_and_read_status(form)


def test_wrong_field_ends_in_exit_1(form: ZooForm) -> None:
    zoo_steps.wrong_field_is_exit_1(form)
