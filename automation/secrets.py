"""What counts as a secret on screen: one rule for the recorder, the skill reducers, the
policy and progress messages, so a PIN is hidden everywhere or nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterable

# "Password" (and German "Passwort", "passwd", "pwd"), "PIN", "PIN code", "Passcode",
# "passphrase", "Secret", card codes (CVV, CVC, security code, card number), one-time
# codes (OTP, one-time, verification code, TAN), tokens and API keys, account numbers
# and IBANs, and Chinese 密码 / 密碼 / 口令 / 验证码 / 卡号 / 安全码.
SECRET_LABEL = re.compile(
    r"pass\s*wor[dt]|passwd|\bpwd\b|pass\s*code|passphrase|\bpin(\s*code)?\b|\bsecret\b"
    r"|\bcv[vc]2?\b|\bcid\b|security\s*code|card\s*(number|no\b)|\botp\b|one[-\s]*time"
    r"|verification\s*code|\btan\b|\btoken\b|api[-\s]*key|access\s*(code|key)|account\s*(number|no\b)|\biban\b"
    r"|密码|密碼|口令|验证码|驗證碼|卡号|卡號|安全码|安全碼|校验码",
    re.IGNORECASE,
)
MASKS = "*•●∗∙·"  # what a masked field shows instead of the characters


def is_secret_label(label: str | None) -> bool:
    """True for the label of a field whose value must never be stored or shown."""
    return bool(label and SECRET_LABEL.search(label.replace("_", " ")))


def is_masked(text: str) -> bool:
    """True for a field's text made only of masking characters ("****")."""
    stripped = text.strip()
    return bool(stripped) and all(c in MASKS for c in stripped)


SECRET_TOKEN = re.compile(r"⟨secret [a-z]+⟩")  # stands for a secret answer wherever a model could read it


def secret_token(n: int) -> str:
    """The placeholder for the ``n``-th secret answer (0-based): letters only, so no number is read from it."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"⟨secret {letters}⟩"


def unseal(text: str, vault: dict[str, str]) -> str:
    """``text`` with each placeholder replaced by its secret: done only at typing time."""
    return SECRET_TOKEN.sub(lambda m: vault.get(m.group(0), m.group(0)), text)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of a secret value replaced: a last guard for messages and reports."""
    for value in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(value, "<secret>")
    return text
