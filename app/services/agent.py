"""The agent, built in one place for `deskhand do`, the terminal conversation and the panel:
a session, the chosen model's policy, the user's skills and the callbacks that reach the user.

Each run's request goes with the skills it runs (kept in their run history), passed per
call rather than stored on the runner.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from app.services import Say
from app.services.compose import Session, build_input_hook, build_session, is_ours
from app.services.models import open_chosen_model
from app.services.settings import Settings
from app.services.skills import SkillRunner, skill_cards
from automation.agent.loop import Agent, AgentReport, Answer, Result
from automation.decisions import Act, Ask, RunSkill
from automation.errors import DeskhandError, EnvironmentProblem
from automation.grounding.match import resolve
from automation.perception.observe import Observer
from automation.protocols import Confirm, InputHook
from automation.types import Box, Click, TypeText, Window
from models.language import LanguageModel

if TYPE_CHECKING:
    from models.policy.policy import ModelPolicy


class SkilledAgent:
    """The agent loop with the user's skills; ``run`` hands its request to every skill it runs."""

    def __init__(self, make: Callable[..., Agent], runner: Callable[..., str], policy: ModelPolicy) -> None:
        self._make = make  # Agent with everything but run_skill bound
        # A SkillRunner: (decision, request="") -> what it did, in words
        self.runner = runner
        self.policy = policy

    def run(
        self,
        request: str,
        answers: Sequence[str] = (),
        documents: Sequence[str] = (),
        facts: Sequence[tuple[str, str]] = (),
    ) -> Result:
        agent = self._make(run_skill=partial(self.runner, request=request))
        return agent.run(request, answers=answers, documents=documents, facts=facts)

    def run_skill(self, decision: RunSkill) -> str:
        """A skill chosen by name (the panel's list): no request in words goes with it."""
        return self.runner(decision)


def build_agent(
    session: Session,
    model: LanguageModel,
    *,
    confirm: Confirm,
    report: Callable[[AgentReport], None],
    answer: Answer = lambda question: None,
    say: Say = lambda line: None,
    window: str | None = None,
    max_steps: int = 12,
    admit: Confirm | None = None,
) -> SkilledAgent:
    """The agent over ``session`` deciding with ``model``; ``say`` gets a line per replayed skill step.
    ``admit`` asks a person before input goes to another application than the run's (None: refused)."""
    from models.policy.policy import ModelPolicy  # loaded on first use, not by `deskhand --help` (docs/architecture.md)

    policy = ModelPolicy(model)
    make = partial(
        Agent,
        session.observer,
        session.actor,
        policy,
        confirm=confirm,
        report=report,
        answer=answer,
        window=window,
        max_steps=max_steps,
        commit_rule=session.commit_rule,
        skills=skill_cards(),
        admit=admit,
    )
    return SkilledAgent(make, SkillRunner(session, confirm, say=say, admit=admit), policy)


@dataclass(frozen=True)
class Hooks:
    """What the panel's worker hands the agent it is given: the callbacks that reach the panel."""

    confirm: Callable[[str, Act], bool]
    answer: Callable[[Ask], str | None]
    report: Callable[[AgentReport], None]
    before_act: Callable[[tuple[int, int] | None, Window], None]
    say: Callable[[str], None]
    abort: threading.Event
    hold: Callable[[str], bool]  # the safety gate's pause: asks when the user touched the mouse or keys
    approver: Callable[[], str] = lambda: "user"  # who approves committing actions now, for the audit log
    admit: Callable[[str, Act], bool] | None = None  # a person's yes for another application (never "always")


@dataclass(frozen=True)
class ReadyAgent:
    """A loaded agent and, for confirmations, how to find the box an action targets."""

    agent: SkilledAgent | Agent
    locate: Callable[[Act], Box | None] = lambda act: None
    warm: Callable[[], None] = lambda: None  # slow work done once while idle, so the first request is quick
    close: Callable[[], None] = lambda: None  # free the model before another one loads
    hook: InputHook | None = None  # the user's input, watched while a run acts; None: no pausing


AgentFactory = Callable[[Hooks], ReadyAgent]  # slow: loads the model


def panel_agent(settings: Settings) -> AgentFactory:
    """The panel's agent: the chosen model, a session that never reads or clicks Deskhand's own
    windows, the pause watch, and the warm-up that makes the first request quick."""

    def build(hooks: Hooks) -> ReadyAgent:
        model = open_chosen_model(settings.model, settings.server or None)
        session = build_session(own=is_ours, before_act=hooks.before_act)
        session.actor.gate.abort = hooks.abort
        session.actor.gate.hold = hooks.hold
        session.actor.audit.approver, session.actor.audit.via = hooks.approver, "panel"
        agent = build_agent(
            session,
            model,
            confirm=hooks.confirm,  # the worker approves every one itself under confirm = "always"
            report=hooks.report,
            answer=hooks.answer,
            say=hooks.say,
            admit=hooks.admit,
        )

        def warm() -> None:
            # The first request then neither evaluates the prompt's fixed prefix nor reads
            # every window whole: its observation is incremental (docs/overlay.md, "Latency").
            agent.policy.warm()
            session.observer.observe()

        try:
            hook = build_input_hook()
        except EnvironmentProblem as err:  # runs still work, only without the pause: say so
            hook = None
            hooks.say(f"pausing when you use the mouse or keys is off: {err.message}; fix: {err.fix}")
        close = getattr(model, "close", lambda: None)
        return ReadyAgent(agent, locate=lambda act: locate(session.observer, act), warm=warm, close=close, hook=hook)

    return build


def locate(observer: Observer, act: Act) -> Box | None:
    """Where ``act``'s target is on screen now, to ring it while the user is asked."""
    action = act.action
    target = action.target if isinstance(action, Click) else action.into if isinstance(action, TypeText) else None
    if target is None:
        return None
    try:
        return resolve(target, list(observer.observe().spans)).box
    except DeskhandError:
        return None  # the ring is a courtesy; the question is still asked
