"""The confirmation rule by meaning (automation.commit_rule): table tests for every way past it."""

from __future__ import annotations

import pytest

from automation.commit_rule import CommitRule, commits, label_commits, normal_combo
from automation.types import Action, Click, Key, Target, TypeText

RULE = CommitRule()


@pytest.mark.parametrize(
    "label",
    [
        "Submit",
        "Save As...",
        "Place order",
        "Buy",
        "Buy now",
        "Purchase",
        "Don't Save",
        "Don’t Save",
        "Discard",
        "Discard changes",
        "Permanently delete",
        "Overwrite",
        "Send for approval",
        "Post",
        "Book",
        "OK",
        "Yes",
        "Yes, delete it",
        "Pay 42.50",
        "Checkout",
        "提交",
        "提 交",
        "确定",
        "保存",
        "删除",
        "支付",
        "发送",
        "审批",
        "付款",
        "购买",
        "立即下单",
        "提交审批",
        "是",
        "SUBMIT",
    ],
)
def test_committing_labels(label: str) -> None:
    assert label_commits(label, RULE)
    assert commits(Click(Target(label)), RULE)


@pytest.mark.parametrize(
    "label",
    ["Amount", "Postal code", "Export", "Category", "Notes", "Cancel", "Look up", "Booking date ", "金额", "备注"],
)
def test_labels_that_do_not_commit(label: str) -> None:
    assert not label_commits(label, RULE)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("control+s", "ctrl+s"),
        ("Ctrl+S", "ctrl+s"),
        ("ctrl + s", "ctrl+s"),
        ("Control_L+s", "ctrl+s"),
        ("shift+ctrl+S", "ctrl+shift+s"),
        ("KP_Enter", "Return"),
        ("enter", "Return"),
        ("Return", "Return"),
        ("ctrl+enter", "ctrl+Return"),
        ("Tab", "Tab"),
        ("f5", "F5"),
    ],
)
def test_key_combos_are_normalised_before_the_check(written: str, normal: str) -> None:
    assert normal_combo(written) == normal


@pytest.mark.parametrize(
    ("action", "risky"),
    [
        (Key("control+s"), True),
        (Key("Ctrl+S"), True),
        (Key("Return"), True),
        (Key("KP_Enter"), True),
        (Key("shift+Delete"), True),
        (Key("Tab"), False),
        (Key("ctrl+a"), False),
        (TypeText("42.50"), False),
        (TypeText("42.50\n"), True),
        (TypeText("42.50\r"), True),
        (TypeText("delete", into=Target("Notes")), False),
        (Click(Target("")), True),  # no label: grounded by position or picture
        (Click(Target("Amount", field=True)), False),  # into an entry
        (Click(Target("Submit", field=True)), False),
    ],
)
def test_risk_of_keys_typing_and_unlabelled_clicks(action: Action, risky: bool) -> None:
    assert commits(action, RULE) is risky


@pytest.mark.parametrize(
    ("label", "pictured", "risky"),
    [
        ("Notes", ["Pay"], True),  # a decoy label over a recorded picture of the Pay button
        ("", ["Pay"], True),
        ("", ["Amount"], False),  # the picture shows a harmless label
        ("", [], True),  # a picture with no text says nothing
        ("", None, True),  # no picture at all
        ("Amount", ["Amount"], False),
        ("Submit", ["Amount"], True),
        ("Amount", ["提交"], True),
    ],
)
def test_a_clicks_recorded_picture_counts(label: str, pictured: list[str] | None, risky: bool) -> None:
    assert commits(Click(Target(label)), RULE, pictured) is risky


def test_settings_extend_and_trim_the_keys() -> None:
    rule = CommitRule.from_settings(keys=["Control+D", "-ctrl+p", "-Return"])
    assert commits(Key("ctrl+d"), rule)
    assert not commits(Key("ctrl+p"), rule)
    assert not commits(Key("Return"), rule)
    assert commits(Key("ctrl+s"), rule)


@pytest.mark.parametrize(
    ("action", "backs_out"),
    [
        (Click(Target("Cancel")), True),
        (Click(Target("Close")), True),
        (Click(Target("No")), True),
        (Click(Target("Don't Save")), True),  # "save" in it, and it saves nothing
        (Click(Target("取消")), True),
        (Key("Escape"), True),
        (Click(Target("Save and Close")), False),  # commits first
        (Click(Target("OK")), False),
        (Click(Target("Closed accounts")), False),  # a word, not "close"
        (Click(Target("Cancel", field=True)), False),  # a field, not a button
        (Key("Return"), False),
    ],
)
def test_what_backs_out_without_committing(action: Action, backs_out: bool) -> None:
    from automation.commit_rule import dismisses

    assert dismisses(action) is backs_out
