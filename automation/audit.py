"""The audit trail: one entry for every action Deskhand sends, through a port app/ fills in.

The Actor tells the trail what it sent (or was refused) at the one place input goes
out; the agent and the replayer tell it who they are, which request and step, and who
confirmed. Where entries go is the sink's business (app/ appends JSON lines to a file),
so automation stays free of paths and settings.

A typed value is written only when the sink wants values, and never when it is a
secret: a secret parameter's value, an answer to a secret question, or text typed into
a password-like field is written as "[secret]".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from automation.secrets import is_secret_label
from automation.types import Action, Click, Key, TypeText

SECRET = "[secret]"


@dataclass(frozen=True)
class AuditEntry:
    time: float
    who: str  # agent, replay, bulk, act
    request: str  # the user's words, or "skill NAME"
    step: str  # "3" for the agent; "skill NAME 2/5" inside a replay
    action: str  # click, type, key, scroll
    window: str
    app: str
    target: str  # the label clicked or typed into, the key pressed; empty when none
    value: str | None  # what was typed (None when values are not logged), or SECRET
    confirmed: str  # user, --yes, 'confirm = "always"', policy (the commit rule asked nobody)
    result: str  # sent, or refused: why
    via: str = "cli"  # the face the request came through: cli, panel


class AuditSink(Protocol):
    def write(self, entry: AuditEntry) -> None: ...


class NoAudit:
    def write(self, entry: AuditEntry) -> None:
        pass


@dataclass
class Audit:
    """What is going on when an action goes out; ``record`` turns it into an entry for the sink."""

    sink: AuditSink = field(default_factory=NoAudit)
    log_values: bool = True
    # Who says yes to committing actions: "user", "--yes" when given; a callable when it can change
    # while Deskhand runs (the panel's confirm = "always" setting).
    approver: str | Callable[[], str] = "user"
    via: str = "cli"
    _who: list[str] = field(default_factory=list)
    _request: list[str] = field(default_factory=list)
    _step: list[str] = field(default_factory=list)
    _secrets: set[str] = field(default_factory=set)
    _confirmed: str | None = None

    @contextmanager
    def run(self, who: str, request: str, secrets: Iterable[str] = ()) -> Iterator[None]:
        """Actions inside are ``who``'s, for ``request``; nested runs (a skill the agent runs) keep the outer's."""
        self._who.append(who)
        self._request.append(request)
        added = {s for s in secrets if s} - self._secrets
        self._secrets |= added
        try:
            yield
        finally:
            self._who.pop()
            self._request.pop()
            self._secrets -= added

    def step(self, label: str) -> None:
        """The current step's name; replaced by the next one."""
        if self._step:
            self._step[-1] = label
        else:
            self._step.append(label)

    def secret(self, value: str) -> None:
        """A value never to be written (an answer to a secret question)."""
        if value:
            self._secrets.add(value)

    def confirmed(self) -> None:
        """The next action was approved by ``approver``."""
        self._confirmed = self.approver() if callable(self.approver) else self.approver

    def record(self, action: Action, window: str, app: str, result: str) -> None:
        self._write(kind(action), target(action), self._value(action), window, app, result)

    def record_scroll(self, dy: int, window: str, app: str, result: str) -> None:
        self._write("scroll", str(dy), None, window, app, result)

    def _write(self, action: str, target: str, value: str | None, window: str, app: str, result: str) -> None:
        confirmed, self._confirmed = self._confirmed or "policy", None
        self.sink.write(
            AuditEntry(
                time=time.time(),
                who=self._who[0] if self._who else "act",
                request=self._request[0] if self._request else "",
                step=self._step[-1] if self._step else "",
                action=action,
                window=window,
                app=app,
                target=target,
                value=value,
                confirmed=confirmed,
                result=result,
                via=self.via,
            )
        )

    def _value(self, action: Action) -> str | None:
        if not isinstance(action, TypeText):
            return None
        into = action.into.label if action.into else None
        if is_secret_label(into) or any(s in action.text for s in self._secrets):
            return SECRET
        return action.text if self.log_values else None


def kind(action: Action) -> str:
    return {Click: "click", TypeText: "type", Key: "key"}.get(type(action), type(action).__name__.casefold())


def target(action: Action) -> str:
    if isinstance(action, Click):
        return action.target.label
    if isinstance(action, TypeText):
        return action.into.label if action.into else ""
    if isinstance(action, Key):
        return action.combo
    return ""
