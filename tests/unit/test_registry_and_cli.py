from typing import Protocol

import pytest

from app import __version__
from app.cli import parser
from app.main import main
from automation import registry
from automation.backends.xtest_input import parse_combo
from automation.perception.controls import clean, vote
from automation.types import Click, Target, TypeText


class Greeter(Protocol):
    def greet(self) -> str: ...


def test_a_backend_missing_a_method_fails_at_registration() -> None:
    with pytest.raises(TypeError, match="greet"):

        @registry.register(Greeter, "broken")
        class Broken:
            pass


def test_registered_backends_are_created_by_name() -> None:
    @registry.register(Greeter, "hello")
    class Hello:
        def greet(self) -> str:
            return "hello"

    assert registry.create(Greeter, "hello").greet() == "hello"
    with pytest.raises(LookupError, match="known: \\['hello'\\]"):
        registry.create(Greeter, "nope")


def test_every_shipped_backend_satisfies_its_protocol() -> None:
    from automation.backends import register_all
    from automation.protocols import Input, InputHook, OcrEngine, Screen, Windows

    register_all()  # registration is the check
    assert registry.names(OcrEngine) == ["pytesseract", "tesserocr"]
    assert registry.names(Screen) == ["mss"] and registry.names(Windows) == ["x11"]
    assert registry.names(Input) == ["xtest"] and registry.names(InputHook) == ["pynput"]


@pytest.mark.parametrize(
    ("combo", "keys"),
    [
        ("ctrl+s", ["ctrl", "s"]),
        ("Return", ["enter"]),
        ("Ctrl+Shift+Escape", ["ctrl", "shift", "esc"]),
        ("ctrl++", ["ctrl", "+"]),
    ],
)
def test_key_combos(combo: str, keys: list[str]) -> None:
    assert parse_combo(combo, {"ctrl", "s", "enter", "shift", "esc", "+"}) == keys


def test_unknown_key_names_are_refused() -> None:
    with pytest.raises(ValueError, match="hyper"):
        parse_combo("hyper+x", {"x"})


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ([("7", 90), ("7", 80), ("?", 60)], ("7", 90)),
        ([("*", 91), ("", 0), ("", 0)], ("*", 91)),
        ([("*", 60), ("", 0), ("", 0)], None),
        ([("4", 41), ("+", 90), ("7", 70)], None),
        ([("", 0), ("", 0), ("", 0)], None),
    ],
)
def test_button_readings_vote(readings: list[tuple[str, float]], expected: tuple[str, float] | None) -> None:
    assert vote(readings) == expected


def test_border_bits_are_cleaned() -> None:
    assert clean("RCL]}") == "RCL" and clean("|]") == "" and clean("+/-") == "+/-"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as err:
        main(["--version"])
    assert err.value.code == 0 and __version__ in capsys.readouterr().out


def test_bad_usage_exits_2() -> None:
    with pytest.raises(SystemExit) as err:
        main(["act", "click"])
    assert err.value.code == 2


def test_act_click_arguments_become_a_target() -> None:
    from app.cli.act import action_from

    args = parser().parse_args(["act", "click", "OK", "--window", "Confirm", "--index", "2", "--double"])
    assert action_from(args) == Click(Target("OK", window="Confirm", index=2), clicks=2)


def test_act_type_takes_the_advice_an_ambiguous_label_gives() -> None:
    """Two group boxes' spin boxes with one caption ("Enter a value between -20 and 20:", Qt's
    spinboxes example): the refusal says --near or --index, and `act type` took neither (exit 2)."""
    from app.cli.act import action_from

    args = parser().parse_args(["act", "type", "5", "--into", "Enter a value", "--index", "2", "--near", "Price"])
    assert action_from(args) == TypeText("5", into=Target("Enter a value", near="Price", index=2))
    chosen = parser().parse_args(["act", "choose", "Fall", "--in", "Season", "--index", "1"])
    assert (chosen.combo, chosen.index, chosen.near) == ("Season", 1, None)
