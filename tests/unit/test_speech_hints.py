"""What engines make of the hints: Whisper's prompt, pocketsphinx's grammar and guessed pronunciations."""

from __future__ import annotations

import re

from automation.numbers.spoken import spoken_numbers_to_digits
from models.speech.grammar import COMMAND_WORDS, command_grammar, grammar_words, guess_phones
from models.speech.vocabulary import NUMBERS_IN_WORDS, hint_prompt, hint_words, unique_hints

HINTS = ["file a claim", "Zhang San", "Amount", "Category", "  Zhang   San ", "amount", "42.50", ""]


def test_unique_hints_tidies_spacing_and_drops_repeats_and_empties_in_order() -> None:
    assert unique_hints(HINTS) == ["file a claim", "Zhang San", "Amount", "Category", "42.50"]


NUMBERS = ", ".join(NUMBERS_IN_WORDS)


def test_prompt_gives_numbers_in_words_then_names_every_hint_once() -> None:
    assert hint_prompt(HINTS) == f"{NUMBERS}, file a claim, Zhang San, Amount, Category, 42.50."
    assert hint_prompt([]) == f"{NUMBERS}."
    assert hint_prompt(["", "  "]) == f"{NUMBERS}."


def test_the_numbers_in_the_prompt_are_words_the_number_reader_knows() -> None:
    """Whisper copies the prompt's style: its examples must be spoken patterns that become digits."""
    assert not any(c.isdigit() for c in NUMBERS)
    assert spoken_numbers_to_digits(NUMBERS) == "23, 68.40, 106"


def test_prompt_stops_at_a_whole_hint_within_the_limit() -> None:
    hints = [f"label number {n}" for n in range(100)]
    limit = 60 + len(NUMBERS) + 3
    prompt = hint_prompt(hints, limit=limit)
    assert len(prompt) <= limit and prompt.startswith(f"{NUMBERS}, ") and prompt.endswith(".")
    listed = prompt.removeprefix(f"{NUMBERS}, ").removesuffix(".")
    assert len(listed) <= 60 and listed.startswith("label number 0, label number 1")
    assert len(listed) > 60 - len("label number 99, "), "cut more than one hint short"
    assert all(re.fullmatch(r"label number \d+", part) for part in listed.split(", "))


def test_hint_words_are_lower_case_words_without_numbers_or_symbols() -> None:
    assert hint_words(["File a Claim!", "Zhang San", "42.50 USD", "don't"]) == [
        "file",
        "a",
        "claim",
        "zhang",
        "san",
        "usd",
        "don't",
    ]


def test_grammar_allows_the_command_words_and_the_hint_words() -> None:
    words = grammar_words(["Zhang San", "Lodging", "Deskhand"])
    assert words[: len(COMMAND_WORDS)] == list(COMMAND_WORDS)
    assert {"zhang", "san", "deskhand", "submit", "forty", "fifty", "lodging"} <= set(words)
    assert len(words) == len(set(words))


def test_grammar_is_a_jsgf_word_loop() -> None:
    text = command_grammar(["Zhang San"], name="command")
    lines = text.splitlines()
    assert lines[0] == "#JSGF V1.0;"
    assert lines[1] == "grammar command;"
    assert lines[2] == "public <utterance> = <word>+;"
    assert lines[3].startswith("<word> = ") and lines[3].endswith(";")
    alternatives = lines[3].removeprefix("<word> = ").removesuffix(";").split(" | ")
    assert alternatives == grammar_words(["Zhang San"])
    assert all(re.fullmatch(r"[a-z']+", word) for word in alternatives)


def test_guessed_pronunciations_use_only_cmu_phones() -> None:
    cmu = set(
        [
            "AA",
            "AE",
            "AH",
            "AO",
            "AW",
            "AY",
            "B",
            "CH",
            "D",
            "DH",
            "EH",
            "ER",
            "EY",
            "F",
            "G",
            "HH",
            "IH",
            "IY",
            "JH",
            "K",
            "L",
            "M",
            "N",
            "NG",
            "OW",
            "OY",
            "P",
            "R",
            "S",
            "SH",
            "T",
            "TH",
            "UH",
            "UW",
            "V",
            "W",
            "Y",
            "Z",
            "ZH",
        ]
    )
    for word in ("deskhand", "zhang", "xiaoming", "quick", "lodge", "tesseract", "wei"):
        phones = guess_phones(word).split()
        assert phones and set(phones) <= cmu, word
    assert guess_phones("deskhand") == "D EH S K HH AE N D"
    assert guess_phones("lodge") == "L AA D G"  # the silent final e dropped
    assert guess_phones("quick") == "K W IH K"
