"""Word error rate by hand-counted cases, and the normalization both sides go through."""

from __future__ import annotations

import pytest

from tests.support.word_error import corpus_word_error_rate, edit_distance, normalize, word_error_rate


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Submit the claim now.", ["submit", "the", "claim", "now"]),
        ("forty two fifty", ["4250"]),
        ("$42.50", ["4250"]),
        ("42 50", ["4250"]),
        ("one hundred and twenty dollars", ["120"]),
        ("$120.", ["120"]),
        ("dollars and cents", ["dollars", "and", "cents"]),
        ("nine ninety-nine", ["999"]),
        ("two thousand twenty four", ["2024"]),
        ("the date is March fifth", ["the", "date", "is", "march", "5"]),
        ("March 5th", ["march", "5"]),
        ("Zhang San and Li Wei", ["zhang", "san", "and", "li", "wei"]),
        ("one and two", ["1", "and", "2"]),
        ("it's 1,200", ["its", "1200"]),
    ],
)
def test_normalize_puts_spoken_and_written_forms_in_one_shape(text: str, words: list[str]) -> None:
    assert normalize(text) == words


def test_edit_distance_counts_substitutions_insertions_and_deletions() -> None:
    assert edit_distance([], []) == 0
    assert edit_distance(["a", "b", "c"], ["a", "b", "c"]) == 0
    assert edit_distance(["a", "b", "c"], ["a", "x", "c"]) == 1
    assert edit_distance(["a", "b", "c"], ["a", "c"]) == 1
    assert edit_distance(["a", "c"], ["a", "b", "c"]) == 1
    assert edit_distance(["a", "b"], []) == 2
    assert edit_distance(["kitten", "sat"], ["sitting", "sat", "down"]) == 2


def test_word_error_rate_by_hand() -> None:
    reference = "choose lodging as the category"
    assert word_error_rate(reference, "Choose lodging as the category.") == 0.0
    assert word_error_rate(reference, "choose logging as the category") == pytest.approx(1 / 5)
    assert word_error_rate(reference, "choose lodging as category please") == pytest.approx(2 / 5)
    assert word_error_rate("enter forty two fifty", "Enter $42.50") == 0.0
    assert word_error_rate("enter forty two fifty", "enter 42.15") == pytest.approx(1 / 2)
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "thank you") == 1.0
    assert word_error_rate("yes", "") == 1.0


def test_corpus_rate_weighs_utterances_by_their_words() -> None:
    pairs = [("submit the claim now", "submit the claim now"), ("cancel", "council")]
    assert corpus_word_error_rate(pairs) == pytest.approx(1 / 5)
    assert corpus_word_error_rate([]) == 0.0
