"""The result a calculation spelled out in a request should show, and whether a display shows it."""

from decimal import Decimal

import pytest

from automation.numbers.arithmetic import keypad, results_of, same_key, shows_result, unworked


@pytest.mark.parametrize(
    ("request_", "results"),
    [
        ("compute 12 times 7 plus 3", ["87"]),
        ("compute 45 divided by 9 plus 6", ["11"]),
        ("2 plus 3 times 4", ["20", "14"]),  # each key as it comes, or times first: calculators differ
        ("press 3 + 4 and =", ["7"]),
        ("what is 12x7", ["84"]),
        ("42.50 minus 2.50", ["40.00"]),
        ("1 + 2, then 3 + 4 + 5", ["12"]),  # the longest calculation
        ("compute the square root of 81", ["9"]),  # its key after the number, as calculators take it
        ("what is sqrt 16 plus 2", ["6"]),
        ("8 / 0 + 1", []),  # no result to show
        ("enter 3 as the nights and press OK", []),  # no operator: no calculation
        ("departure 2026-12-07, back 2026-12-09", []),  # a date's dashes are no minus
        ("meet at 12:30 plus", []),
    ],
)
def test_the_results_a_request_s_calculation_may_end_at(request_: str, results: list[str]) -> None:
    assert list(results_of(request_)) == [Decimal(r) for r in results]


@pytest.mark.parametrize(
    ("shown", "result", "ok"),
    [
        ("87", "87", True),
        ("87.", "87", True),  # xcalc's and galculator's trailing point
        ("3.3333333", str(Decimal(10) / Decimal(3)), True),  # to the places shown
        ("3.3", str(Decimal(10) / Decimal(3)), True),
        ("3.4", str(Decimal(10) / Decimal(3)), False),
        ("1,234", "1234", True),
        ("-5", "-5", True),
        ("3", "87", False),  # the last key pressed, no "="
        ("File", "1", False),
    ],
)
def test_a_display_shows_a_result_to_the_places_it_shows(shown: str, result: str, ok: bool) -> None:
    assert shows_result(shown, [Decimal(result)]) is ok


def test_an_operator_s_faces_are_one_key_and_a_keypad_is_most_digits_alone() -> None:
    assert same_key("/", "÷") and same_key("×", "*") and same_key("−", "-") and same_key("7", "7")
    assert same_key("sqrt", "√") and same_key("√x", "SQRT")
    assert not same_key("x", "*") and not same_key("/", "*")
    assert keypad(list("0123456789+=")) and not keypad(["12", "3", "4", "Amount"])


def test_the_keys_pressed_on_the_way_are_the_operands_the_root_s_number_among_them() -> None:
    from automation.numbers.arithmetic import calculation_in, operands_of

    assert operands_of(calculation_in("compute the square root of 81 plus 1")) == ["81", "1"]


@pytest.mark.parametrize(
    ("request_", "operation"),
    [
        ("compute 200 plus 10 percent", "percent"),
        ("compute 200 plus 10%", "%"),
        ("compute 12 times 7 then square it", "square"),
        ("what is 12 squared", "squared"),
        ("raise 2 to the power of 10", "power"),
        ("the cube root of 27", "cube"),
        ("compute 5!", "5!"),
        ("the sum of 3 and 4", "sum of"),
        ("the square root of 81", None),  # worked out
        ("compute 12 times 7 plus 3", None),
        ("file a lunch with a total 42.50", None),  # "total" names a field, no operation
        ("tick Square corners", None),  # no number: no calculation at all
    ],
)
def test_the_operations_deskhand_does_not_work_out_are_named(request_: str, operation: str | None) -> None:
    assert unworked(request_) == operation
