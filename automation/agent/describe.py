"""Decisions and outcomes in words, for progress lines, confirmations and the history a
policy reads. Pure functions."""

from __future__ import annotations

from automation.actuation.actor import Outcome
from automation.decisions import Act, Ask, Decision, Done, Impossible, Reply, RunSkill
from automation.secrets import is_secret_label
from automation.types import Action, Click, Key, Target, TypeText


def describe(decision: Decision) -> str:
    if isinstance(decision, Act):
        return describe_action(decision.action)
    if isinstance(decision, RunSkill):
        args = ", ".join(f"{k}={'(secret)' if is_secret_label(k) else repr(v)}" for k, v in decision.args.items())
        return f"run skill {decision.name!r}" + (f" with {args}" if args else "")
    if isinstance(decision, Ask):
        return f"ask: {decision.question}"
    if isinstance(decision, Reply):
        return f"reply: {decision.text}"
    if isinstance(decision, Done):
        return f"done: {decision.summary}"
    assert isinstance(decision, Impossible)
    return f"not possible: {decision.reason}"


def describe_action(action: Action) -> str:
    if isinstance(action, Click):
        how = {1: "click", 2: "double-click"}.get(action.clicks, f"click {action.clicks} times")
        if action.button == "right":
            how = "right-click"
        return f"{how} {where(action.target)}"
    if isinstance(action, TypeText):
        into = f" into {where(action.into)}" if action.into else ""
        secret = action.into is not None and is_secret_label(action.into.label)
        return f"type {'a secret' if secret else repr(action.text)}{into}"
    assert isinstance(action, Key)
    return f"press {action.combo}" + (f" in {action.window!r}" if action.window else "")


def where(target: Target) -> str:
    text = f"the field {target.label!r}" if target.field else repr(target.label)
    if target.window:
        text += f" in {target.window!r}"
    return text


def describe_outcome(outcome: Outcome) -> str:
    done = describe_action(outcome.action)
    return f"{done}: {outcome.verdict.value} in {outcome.window!r}"
