"""The golden set is well formed: every expected target is on its saved observation."""

from collections import Counter

import pytest

from automation.grounding.match import resolve
from automation.types import Target
from tests.eval import golden

CARDS, CASES = golden.load()


FIRST_DRAW = 94  # cases g001-g094: 20 % of them were held out before any tuning


def test_size_and_split() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
    splits = Counter(c.split for c in CASES)
    assert set(splits) == {"tune", "heldout"}
    drawn = [c for c in CASES if int(c.id[1:]) <= FIRST_DRAW]
    assert sum(c.split == "heldout" for c in drawn) == round(0.2 * FIRST_DRAW)
    # Cases added later were written after the policy had been tuned: they are never held out.
    assert all(c.split == "tune" for c in CASES if int(c.id[1:]) > FIRST_DRAW)


def test_every_kind_of_request_is_covered() -> None:
    kinds = Counter(c.expect["kind"] for c in CASES)
    assert {"click", "type", "key", "skill", "ask", "reply", "done", "impossible"} <= set(kinds)
    assert kinds["reply"] >= 8
    assert {c.observation.split("_")[0] for c in CASES} == {"tk", "xcalc", "gnumeric"}


@pytest.mark.parametrize("case", [c for c in CASES if c.expect.get("label")], ids=lambda c: c.id)
def test_expected_targets_are_on_screen(case: golden.Case) -> None:
    match = resolve(Target(case.expect["label"]), list(case.situation.observation.spans))
    assert golden.fold(match.span.text).startswith(golden.fold(case.expect["label"]))


@pytest.mark.parametrize("case", [c for c in CASES if c.expect["kind"] == "skill"], ids=lambda c: c.id)
def test_skill_cases_name_every_parameter(case: golden.Case) -> None:
    (card,) = [c for c in CARDS if c.name == case.expect["name"]]
    assert set(case.expect["args"]) == {p.name for p in card.params}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_decision_is_exact_right_against_itself(case: golden.Case) -> None:
    assert golden.exact_right(case.expect, golden.decision_from(case.expect))
