"""Values the model filled are checked against what the user said: table-driven."""

import pytest

from models.policy.values import (
    Missing,
    Slot,
    check,
    entangled,
    question_for,
    trim,
    used_elsewhere,
)

AMOUNT = Slot("Amount", "What is the amount?", numeric=True)
EMPLOYEE = Slot("Employee", "What is the employee?")
ATTENDEES = Slot("attendees", "Who did you eat with?")


@pytest.mark.parametrize(
    ("slot", "raw", "sources", "expected"),
    [
        # numbers: must be said, typed as said
        (AMOUNT, "42.50", ["type 42.50 into the amount"], "42.50"),
        (AMOUNT, "42.5", ["type 42.50 into the amount"], "42.50"),
        (AMOUNT, "1200.00", ["set the amount to $1,200.00"], "1200.00"),
        (AMOUNT, "38.20", ["enter the amount", "Total 38.20"], "38.20"),
        (AMOUNT, "50", ["type 42.50 into the amount"], None),
        (AMOUNT, "", ["enter the amount"], None),
        (AMOUNT, "lots", ["enter the amount"], None),
        # text: must occur, comes back in the source's spelling, command words trimmed
        (EMPLOYEE, "Zhang San", ["enter Zhang San as the employee"], "Zhang San"),
        (EMPLOYEE, "zhang san", ["enter Zhang San as the employee"], "Zhang San"),
        (EMPLOYEE, "Zhang San as the employee", ["enter Zhang San as the employee"], "Zhang San"),
        (EMPLOYEE, "enter Zhang San", ["enter Zhang San as the employee"], "Zhang San"),
        (EMPLOYEE, "Zhang Sam", ["enter Zhang San as the employee"], "Zhang San"),
        (EMPLOYEE, "John Smith", ["enter Zhang San as the employee"], None),
        (EMPLOYEE, "employee", ["fill in the employee name"], None),
        (EMPLOYEE, "the", ["fill in the employee name"], None),
        (EMPLOYEE, "null", ["fill in the employee name"], None),
        (ATTENDEES, "Li Wei and Wang Fang", ["the attendees were Li Wei and Wang Fang"], "Li Wei and Wang Fang"),
        (ATTENDEES, "Zhang San", ["file an expense", "Zhang San"], "Zhang San"),
    ],
)
def test_check(slot: Slot, raw: str, sources: list[str], expected: str | None) -> None:
    result = check(slot, raw, sources)
    if expected is None:
        assert isinstance(result, Missing)
        assert result.slot == slot and result.why
    else:
        assert result == expected


@pytest.mark.parametrize(
    ("value", "slot", "trimmed"),
    [
        ("as the employee", EMPLOYEE, ""),
        ("taxi from the airport", Slot("Notes", "?"), "taxi from the airport"),
        ("note: taxi from the airport", Slot("Notes", "?"), "taxi from the airport"),
        ('"Li Wei"', ATTENDEES, "Li Wei"),
    ],
)
def test_trim(value: str, slot: Slot, trimmed: str) -> None:
    assert trim(value, slot) == trimmed


def test_questions_use_the_description_when_it_is_one() -> None:
    assert question_for("attendees", "Who did you eat with?") == "Who did you eat with?"
    assert question_for("Amount") == "What is the amount?"
    assert question_for("Attendees") == "What are the attendees?"
    assert question_for("Address") == "What is the address?"
    assert question_for("PIN") == "What is the PIN?"
    assert question_for("Password:") == "What is the password?"  # a Qt caption's colon (KeePassXC) stays out

    assert question_for("first_name", "the first name") == "What is the first name?"


CATEGORY = Slot("category", "Which category?")
SKILL = [AMOUNT, CATEGORY, ATTENDEES]


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({"Amount": "42.50", "category": "meals", "attendees": "Zhang San"}, None),
        (
            {"Amount": "42.50", "category": "file a meals expense of 42.50 with Zhang San", "attendees": "Zhang San"},
            "category",
        ),
        ({"Amount": "120", "category": "120", "attendees": "Li Wei"}, "category"),
        ({"Amount": "42.50", "category": "meals", "attendees": "meals"}, "attendees"),
        ({"Amount": "42.50", "category": "Meals", "attendees": "meals"}, "attendees"),
        ({"Amount": "5", "category": "meals", "attendees": "Li Wei and 5 others"}, "attendees"),
    ],
)
def test_a_value_that_repeats_another_is_a_guess(values: dict[str, str], missing: str | None) -> None:
    found = entangled(SKILL, values)
    assert (found.slot.name if found else None) == missing


def test_where_to_type_is_not_part_of_what_to_type() -> None:
    assert trim("42 on the keyboard", Slot("text", "?")) == "42"


@pytest.mark.parametrize(
    ("value", "typed", "request_text", "reused"),
    [
        ("42.50", [("amount", "42.50")], "enter 42.50 as the amount, fill in the attendees", True),
        ("42.50", [("amount", "42.50")], "42.50 as the amount and 42.50 as the tip", False),  # said twice
        ("42.50", [("attendees", "42.50")], "type 42.50 into the attendees", False),  # the same field again
        ("Zhang San", [("amount", "42.50")], "42.50 with Zhang San", False),
    ],
)
def test_a_value_already_typed_into_another_field_is_a_guess(
    value: str, typed: list[tuple[str, str]], request_text: str, reused: bool
) -> None:
    missing = used_elsewhere(Slot("Attendees", "Who attended?"), value, typed, [request_text])
    assert (missing is not None) is reused
