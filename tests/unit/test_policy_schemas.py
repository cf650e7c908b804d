"""The JSON schemas of both passes, and that llama.cpp's own converter makes grammars of them."""

import json
import re

import pytest

from automation.numbers.written import normalize_number
from models.policy.schemas import choice_schema, fill_schema, fill_tokens, parse_choice, parse_fill, slot_key
from models.policy.values import NUMBER_PATTERN, Slot

AMOUNT = Slot("Amount", "What is the amount?", numeric=True)
ATTENDEES = Slot("attendees", "Who did you eat with?")
FIRST_NAME = Slot("First name", "What is the first name?")


def test_choice_is_a_bare_option_number() -> None:
    assert choice_schema(3) == {"type": "integer", "enum": [1, 2, 3]}
    assert parse_choice("2") == 2
    assert parse_choice(" 3 ") == 3
    assert parse_choice('{"option": 2}') is None
    assert parse_choice("true") is None
    assert parse_choice("two") is None


def test_fill_has_fixed_keys_bounded_strings_and_number_patterns() -> None:
    schema = fill_schema([AMOUNT, ATTENDEES, FIRST_NAME])
    assert schema["required"] == ["amount", "attendees", "first_name"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["amount"] == {"type": "string", "pattern": NUMBER_PATTERN}
    assert schema["properties"]["attendees"]["maxLength"] == 80
    assert fill_tokens([AMOUNT, ATTENDEES]) > 80 + 16  # never cut off mid-value


def test_two_slots_with_one_key_are_refused() -> None:
    with pytest.raises(ValueError, match="share a key"):
        fill_schema([Slot("First name", "?"), Slot("first_name", "?")])


def test_parse_fill_reads_values_by_slot_name() -> None:
    text = json.dumps({"amount": "42.50", "attendees": "Li Wei", "first_name": ""})
    assert parse_fill(text, [AMOUNT, ATTENDEES, FIRST_NAME]) == {
        "Amount": "42.50",
        "attendees": "Li Wei",
        "First name": "",
    }
    assert slot_key(Slot("E-mail address", "?")) == "e_mail_address"


@pytest.mark.parametrize("text", ["42.50", "17", "1200.00", "0.5", "", "123456789"])
def test_the_number_pattern_lets_through_what_a_normalized_number_looks_like(text: str) -> None:
    assert re.fullmatch(NUMBER_PATTERN, text)
    assert text == "" or normalize_number(text) == text


@pytest.mark.parametrize("text", ["42,50", "$42", "forty", "1.2.3", "12345678901"])
def test_the_number_pattern_refuses_anything_else(text: str) -> None:
    assert not re.fullmatch(NUMBER_PATTERN, text)


@pytest.mark.parametrize(
    "schema", [choice_schema(7), fill_schema([AMOUNT]), fill_schema([AMOUNT, ATTENDEES, FIRST_NAME])]
)
def test_llama_cpp_turns_every_schema_into_a_grammar(schema: dict) -> None:
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    gbnf = json_schema_to_gbnf(json.dumps(schema))
    assert "root ::=" in gbnf
    if "properties" in schema and "amount" in schema["properties"]:
        assert "[0-9]" in gbnf  # the pattern became a rule, not a free string
