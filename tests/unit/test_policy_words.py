"""Words of a request and words read on screen as the policy compares them."""

from __future__ import annotations

import pytest

from models.policy.words import same_word


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("scale", "seale", True),  # Grace's "Scale:" read "Seale:": the request's "the scale" named no field
        ("total", "tota1", True),
        ("amount", "amounts", True),
        ("claim", "clalm", True),
        ("cast", "east", False),  # four letters: a look-alike is a different word
        ("scale", "stale", False),
        ("notes", "names", False),
    ],
)
def test_words_one_ocr_slip_apart_are_the_same_word(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same
