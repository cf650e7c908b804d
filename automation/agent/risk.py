"""Which actions commit something (submit, save, pay, delete) and need the user's yes.

Only these go through the Confirm callback; typing into a field or opening a menu can
be undone and does not. The list is configurable (settings, `CommitRule(labels=...)`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.types import Action, Click, Key

COMMITTING_LABELS = (
    "submit",
    "save",
    "send",
    "pay",
    "delete",
    "remove",
    "ok",
    "yes",
    "confirm",
    "approve",
    "post",
    "transfer",
    "apply",
    "finish",
)
COMMITTING_KEYS = ("ctrl+s", "ctrl+enter", "ctrl+return")


@dataclass(frozen=True)
class CommitRule:
    labels: tuple[str, ...] = COMMITTING_LABELS
    keys: tuple[str, ...] = COMMITTING_KEYS


def commits(action: Action, rule: CommitRule) -> bool:
    """True for a click on a committing label (its first word: "Save As..." commits too)
    and for committing key combinations."""
    if isinstance(action, Click):
        words = re.findall(r"\w+", action.target.label.casefold())
        return bool(words) and words[0] in rule.labels
    if isinstance(action, Key):
        return action.combo.casefold().replace(" ", "") in rule.keys
    return False
