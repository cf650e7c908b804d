"""Spoken numbers become digits by the rules in automation/numbers/spoken.py, and nothing else changes."""

import pytest

from app.services.voice.request import request_from_transcript
from automation.numbers.spoken import spoken_numbers_to_digits

CASES = [
    # prices said the short way, and the long way
    ("enter forty two fifty as the amount", "enter 42.50 as the amount"),
    ("Enter forty-two fifty as the amount.", "Enter 42.50 as the amount."),
    ("twelve ninety nine", "12.99"),
    ("five fifty", "5.50"),
    ("forty two dollars and fifty cents", "42.50"),
    ("forty two dollars fifty", "42.50"),
    ("42 dollars and 50 cents", "42.50"),
    ("fifty cents", "0.50"),
    ("forty two dollars", "42 dollars"),
    ("$42.50 for lunch", "42.50 for lunch"),
    # decimals
    ("forty two point five", "42.5"),
    ("three point one four", "3.14"),
    ("zero point seven five", "0.75"),
    # cardinals
    ("one hundred twenty", "120"),
    ("one hundred and twenty", "120"),
    ("a hundred", "100"),
    ("two thousand and five", "2005"),
    ("twelve hundred", "1200"),
    ("three thousand four hundred fifty six", "3456"),
    ("forty two", "42"),
    ("three copies", "3 copies"),
    ("zero", "0"),
    # digit strings (codes, phone numbers)
    ("employee five five five one two", "employee 55512"),
    ("room two three", "room 2 3"),
    # "one" as a pronoun, ordinals as positions
    ("click the one on the left", "click the one on the left"),
    ("one of them", "one of them"),
    ("one dollar", "1 dollar"),
    ("the third row", "the third row"),
    ("wait a second", "wait a second"),
    # dates and years
    ("march fifth nineteen ninety nine", "march 5 1999"),
    ("since nineteen ninety nine", "since 1999"),
    ("in twenty twenty four", "in 2024"),
    ("the twenty first of June", "the 21st of June"),
    ("the first of May", "the 1st of May"),
    ("two thousand twenty four", "2024"),
    ("june twenty first", "june 21"),
    # what Whisper writes when the prompt asks for numbers in words: commas where the voice rests
    ("Enter forty two, fifty has the amount.", "Enter 42.50 has the amount."),
    ("Type, seventeen, twenty-five, into a mound.", "Type, 17.25, into a mound."),
    ("Enter five, five, five, one, two as the code.", "Enter 55512 as the code."),
    ("set the year to nineteen ninety nine", "set the year to 1999"),
    ("the year is twenty twenty four", "the year is 2024"),
    # separate numbers stay separate: a list goes on, or came before
    ("five, six", "5, 6"),
    ("one, two", "one, 2"),
    ("ten, twenty, thirty", "10, 20, 30"),
    ("ten, twenty and thirty", "10, 20 and 30"),
    ("rows 5, twenty, thirty", "rows 5, 20, 30"),
    ("twenty three, sixty eight forty", "23, 68.40"),
    ("forty two fifty, and thirty", "42.50, and 30"),
    # what Whisper writes for "forty two fifty" and for "four thousand two hundred fifty"
    ("Enter 4250 at the Amount, and Submit.", "Enter 42.50 at the Amount, and Submit."),
    ("Enter 4,250 as the amount", "Enter 4,250 as the amount"),
    ("Type 1725 into Amount.", "Type 17.25 into Amount."),
    ("1999 and 2050 and 5500 and 750", "19.99 and 20.50 and 5500 and 750"),
    ("since 2150", "since 2150"),
    ("the year 1999", "the year 1999"),
    ("march 5 1999", "march 5 1999"),
    ("1005 and 1200", "1005 and 1200"),
    # names and other words are left alone
    ("lunch with Zhang San", "lunch with Zhang San"),
    ("Jean-Luc sent an e-mail", "Jean-Luc sent an e-mail"),
    ("", ""),
]


@pytest.mark.parametrize(("heard", "expected"), CASES)
def test_spoken_numbers_become_digits(heard: str, expected: str) -> None:
    assert spoken_numbers_to_digits(heard) == expected


@pytest.mark.parametrize(
    ("heard", "tidied"),
    [
        (" Enter forty two fifty as the amount and submit. ", "Enter 42.50 as the amount and submit"),
        ("Zhang San.", "Zhang San"),
        ("Enter 42.50 as the amount...", "Enter 42.50 as the amount"),
        ("[BLANK_AUDIO]", ""),
        (" . ", ""),
        ("(music) ", ""),
        ("Is it done?", "Is it done?"),
    ],
)
def test_a_transcript_is_tidied_into_a_request(heard: str, tidied: str) -> None:
    assert request_from_transcript(heard) == tidied
