"""The one rule for what is secret, and that progress lines never show a secret."""

import pytest

from automation.agent.describe import describe
from automation.decisions import Act, RunSkill
from automation.secrets import is_masked, is_secret_label, secret_token, unseal
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


@pytest.mark.parametrize(
    "label",
    [
        "CVV",
        "CVC",
        "CVV2",
        "Security code",
        "OTP",
        "One-time code",
        "Verification code",
        "Token",
        "API key",
        "api_key",
        "TAN",
        "PIN",
        "Passcode",
        "Account number",
        "IBAN",
        "Card number",
        "access_code",
        "验证码",
        "密码",
        "口令",
        "卡号",
        "安全码",
    ],
)
def test_the_secret_label_list_covers_codes_keys_and_accounts(label: str) -> None:
    assert is_secret_label(label)


@pytest.mark.parametrize("label", ["Amount", "Attendees", "Tanks", "Pinned", "Account", "Category", "金额"])
def test_ordinary_labels_stay_plain(label: str) -> None:
    assert not is_secret_label(label)


def test_secret_placeholders_carry_no_digits_and_are_put_back() -> None:
    tokens = [secret_token(n) for n in range(30)]
    assert len(set(tokens)) == 30 and not any(c.isdigit() for t in tokens for c in t)
    assert unseal(f"pin {tokens[0]}!", {tokens[0]: "1234"}) == "pin 1234!"
