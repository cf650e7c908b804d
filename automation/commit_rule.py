"""Which actions commit something (submit, save, pay, delete, send) and need the user's yes.

The one rule the agent loop, replay, bulk replay and the panel all use. An action
commits when, read by its meaning:

- a click's label holds a committing word or phrase anywhere in it, as whole words
  ("Place order", "Don't Save", "Permanently delete", "Send for approval"), or a
  Chinese one anywhere in it (提交, 确定, 保存, 删除, 支付, ...), or is one of the
  short answers of a confirmation dialog as the whole label ("OK", "Yes", "是");
- a click with no label (grounded by position or picture) unless what its recorded
  picture shows says it does not commit, and a click whose recorded picture shows a
  committing label whatever the step's label says (a decoy label cannot hide "Pay");
- a key that commits once normalised (``control+s`` is ``Ctrl+S`` is ``ctrl+s``),
  and a plain Return or Enter: in a form or a dialog it presses the default button;
- typed text holding a newline: the newline is a Return.

Clicking into an entry (``Target.field``) and typing plain text can be undone and do
not commit. The words are data (``COMMIT_WORDS``, ``COMMIT_KEYS``); settings extend or
trim them (``commit_words``, ``commit_keys``: see ``CommitRule.from_settings``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from automation.key_names import COMBO_ORDER, IGNORED, MODIFIERS, key_name
from automation.types import Action, Click, Key, TypeText

# Words and phrases that commit wherever they stand in a label. English ones match whole
# words (so "Post" commits and "Postal code" does not); CJK ones match anywhere.
COMMIT_WORDS: tuple[str, ...] = (
    # English
    "submit",
    "save",
    "send",
    "pay",
    "payment",
    "delete",
    "remove",
    "confirm",
    "approve",
    "post",
    "transfer",
    "apply",
    "finish",
    "buy",
    "purchase",
    "checkout",
    "check out",
    "place order",
    "order now",
    "discard",
    "overwrite",
    "replace",
    "book",
    "reserve",
    "publish",
    "sign",
    "execute",
    "commit",
    "accept",
    "erase",
    "wipe",
    "purge",
    "destroy",
    "empty trash",
    "ok",
    "yes",
    # Chinese (simplified and traditional)
    "提交",
    "确定",
    "確定",
    "确认",
    "確認",
    "保存",
    "儲存",
    "删除",
    "刪除",
    "移除",
    "支付",
    "付款",
    "发送",
    "發送",
    "审批",
    "審批",
    "批准",
    "购买",
    "購買",
    "下单",
    "下單",
    "转账",
    "轉帳",
    "发布",
    "發佈",
    "签署",
    "覆盖",
    "替换",
    "放弃",
    "清空",
    "同意",
    "结算",
    "预订",
    "申请",
)
# Short answers that commit only as the whole label: "是" inside a longer label means little.
COMMIT_WHOLE: tuple[str, ...] = ("y", "0k", "是", "好", "好的", "行")
# Committing keys, written normalised (see ``normal_combo``).
COMMIT_KEYS: tuple[str, ...] = (
    "Return",
    "ctrl+Return",
    "alt+Return",
    "shift+Return",
    "ctrl+s",
    "ctrl+shift+s",
    "ctrl+p",
    "ctrl+d",
    "shift+Delete",
)
# Labels that back out of a form or dialog without committing it, and the key that does. A window
# they close was dismissed, not submitted. "Don't Save" holds "save" and saves nothing.
DISMISS_WORDS: tuple[str, ...] = (
    "cancel",
    "close",
    "no",
    "abort",
    "dismiss",
    "quit",
    "exit",
    "取消",
    "关闭",
    "關閉",
    "否",
    "退出",
)
DISMISS_PHRASES: tuple[str, ...] = ("don't save", "do not save", "不保存")
DISMISS_KEYS: tuple[str, ...] = ("Escape",)
CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class CommitRule:
    words: tuple[str, ...] = COMMIT_WORDS
    whole: tuple[str, ...] = COMMIT_WHOLE
    keys: tuple[str, ...] = COMMIT_KEYS

    @classmethod
    def from_settings(cls, words: Iterable[str] = (), keys: Iterable[str] = ()) -> CommitRule:
        """The defaults with the user's additions; an entry written ``-word`` takes a default out."""
        return cls(
            tuple(merge(COMMIT_WORDS, (w.casefold() for w in words))),
            COMMIT_WHOLE,
            tuple(merge(COMMIT_KEYS, (("-" if k.startswith("-") else "") + normal_combo(k.lstrip("-")) for k in keys))),
        )


def merge(defaults: Sequence[str], changes: Iterable[str]) -> list[str]:
    out = list(defaults)
    for change in changes:
        change = change.strip()
        if change.startswith("-"):
            out = [w for w in out if w != change[1:].strip()]
        elif change and change not in out:
            out.append(change)
    return out


def squeeze(text: str) -> str:
    """Spaces between CJK characters dropped: OCR reads 提交 as "提 交"."""
    return re.sub(r"(?<=[\u3000-\u9fff])\s+(?=[\u3000-\u9fff])", "", text.casefold())


def label_commits(label: str, rule: CommitRule) -> bool:
    """Whether a button or menu item labelled ``label`` commits something."""
    text = squeeze(label)
    if text.strip(" .:!?…") in rule.whole:
        return True
    words = [w.replace("’", "'") for w in WORD.findall(text.replace("’", "'"))]
    joined = f" {' '.join(words)} "
    for phrase in rule.words:
        if CJK.search(phrase):
            if phrase in text:
                return True
        elif f" {phrase} " in joined:
            return True
    return False


def normal_combo(combo: str) -> str:
    """One spelling per combination: modifiers in a fixed order, keys named the recorder's way.

    ``control+s``, ``Ctrl+S`` and ``ctrl + s`` are all ``ctrl+s``; ``KP_Enter`` and
    ``enter`` are ``Return``.
    """
    text = combo.replace(" ", "")
    parts = text.split("+")
    if text.endswith("++"):
        parts = [*parts[:-2], "+"]
    mods: set[str] = set()
    keys: list[str] = []
    for part in parts:
        folded = part.casefold()
        if folded in MODIFIERS:
            mods.add(MODIFIERS[folded])
        elif folded in IGNORED or not part:
            continue
        else:
            name = key_name(part)
            keys.append(name.lower() if len(name) == 1 else name)
    return "+".join([*(m for m in COMBO_ORDER if m in mods), *keys])


def key_commits(combo: str, rule: CommitRule) -> bool:
    return normal_combo(combo) in rule.keys


def text_commits(text: str) -> bool:
    """Typed text with a newline presses Return on the way: in a form, it submits."""
    return "\n" in text or "\r" in text


def commits(action: Action, rule: CommitRule, pictured: Sequence[str] | None = None) -> bool:
    """Whether ``action`` needs the user's yes.

    ``pictured``: for a click replayed from a recording, the text read in its recorded
    picture ([] when the picture shows no text, None when there is no picture).
    """
    if isinstance(action, Click):
        if pictured and any(label_commits(t, rule) for t in pictured):
            return True  # the picture is what was clicked; the label may be a decoy
        if action.target.field:
            return False  # into an entry: typing there is not committing by itself
        if action.target.label.strip():
            return label_commits(action.target.label, rule)
        # No label: only a picture showing something else says it is harmless.
        return not pictured or not any(t.strip() for t in pictured)
    if isinstance(action, Key):
        return key_commits(action.combo, rule)
    if isinstance(action, TypeText):
        return text_commits(action.text)
    return False


def dismisses(action: Action) -> bool:
    """Whether ``action`` backs out without committing: a click on "Cancel", "Close", "No",
    "Don't Save" (a label with a word that commits beside it, "Save and Close", does not), or
    Escape."""
    if isinstance(action, Key):
        return normal_combo(action.combo) in DISMISS_KEYS
    if not isinstance(action, Click) or action.target.field or not action.target.label.strip():
        return False
    text = squeeze(action.target.label).replace("’", "'")
    joined = f" {' '.join(WORD.findall(text))} "
    if any((p in text) if CJK.search(p) else (f" {p} " in joined) for p in DISMISS_PHRASES):
        return True
    said = any((w in text) if CJK.search(w) else (f" {w} " in joined) for w in DISMISS_WORDS)
    return said and not label_commits(action.target.label, CommitRule())
