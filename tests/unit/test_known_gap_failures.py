"""The suite's own report of known gaps that failed: kept with their output, tails only."""

from __future__ import annotations

from typing import Literal

import pytest

from tests.support.known_gap_failures import TAIL_LINES, KnownGapFailures, tail

Outcome = Literal["passed", "failed", "skipped"]
When = Literal["setup", "call", "teardown"]


def report(outcome: Outcome, wasxfail: bool, when: When = "call") -> pytest.TestReport:
    made = pytest.TestReport(
        "tests/e2e/test_x.py::test_y",
        ("x", 1, "y"),
        {},
        outcome,
        "E  AssertionError: Post held",
        when,
        [("Captured stdout call", "deskhand: not sent: click 'Post'")],
    )
    if wasxfail:
        made.wasxfail = "a known gap"
    return made


def test_a_failed_known_gap_is_kept_with_its_message_and_captured_output() -> None:
    kept = KnownGapFailures()
    kept.pytest_runtest_logreport(report("skipped", wasxfail=True))
    [(nodeid, text)] = kept.failures
    assert nodeid == "tests/e2e/test_x.py::test_y"
    assert "AssertionError: Post held" in text and "not sent: click 'Post'" in text


@pytest.mark.parametrize(
    ("outcome", "wasxfail", "when"),
    [("passed", True, "call"), ("skipped", False, "call"), ("skipped", True, "setup"), ("failed", False, "call")],
)
def test_passes_plain_skips_and_setup_are_not_kept(outcome: Outcome, wasxfail: bool, when: When) -> None:
    kept = KnownGapFailures()
    kept.pytest_runtest_logreport(report(outcome, wasxfail, when))
    assert kept.failures == []


def test_a_long_part_keeps_its_end_and_says_how_much_was_left_out() -> None:
    text = "\n".join(f"line {i}" for i in range(TAIL_LINES + 5))
    lines = tail(text).splitlines()
    assert lines[0] == "[5 lines above left out]"
    assert lines[-1] == f"line {TAIL_LINES + 4}" and len(lines) == TAIL_LINES + 1
    assert tail("short") == "short"
