"""The one rule for what is secret, and that progress lines never show a secret."""

import pytest

from automation.agent.describe import describe
from automation.decisions import Act, RunSkill
from automation.secrets import is_masked, is_secret_label
from automation.types import Target, TypeText


@pytest.mark.parametrize(
    ("label", "secret"),
    [
        ("Password", True),
        ("PIN", True),
        ("Pass code:", True),
        ("new_passphrase", True),
        ("PIN code", True),
        ("Passwort", True),
        ("密碼", True),
        ("登录密码", True),
        ("Spinner", False),
        ("Amount", False),
        (None, False),
    ],
)
def test_secret_labels(label: str | None, secret: bool) -> None:
    assert is_secret_label(label) is secret


@pytest.mark.parametrize(("text", "masked"), [("****", True), ("•••", True), ("12*4", False), ("", False)])
def test_masked_fields(text: str, masked: bool) -> None:
    assert is_masked(text) is masked


def test_progress_never_shows_what_is_typed_into_a_secret_field() -> None:
    line = describe(Act(TypeText("4711", into=Target("PIN", field=True))))
    assert "4711" not in line and "secret" in line
    assert "42.50" in describe(Act(TypeText("42.50", into=Target("Amount", field=True))))
    line = describe(RunSkill("file-expense", {"amount": "77.10", "pin": "2468"}))
    assert "77.10" in line and "2468" not in line
