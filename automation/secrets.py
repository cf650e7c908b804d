"""What counts as a secret on screen: one rule for the recorder, the skill reducers, the
policy and progress messages, so a PIN is hidden everywhere or nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterable

# "Password" (and German "Passwort", "passwd", "pwd"), "PIN", "PIN code", "Passcode",
# "passphrase", "Secret", and Chinese 密码 / 密碼 / 口令.
SECRET_LABEL = re.compile(
    r"pass\s*wor[dt]|passwd|\bpwd\b|pass\s*code|passphrase|\bpin(\s*code)?\b|\bsecret\b|密码|密碼|口令",
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


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of a secret value replaced: a last guard for messages and reports."""
    for value in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(value, "<secret>")
    return text
