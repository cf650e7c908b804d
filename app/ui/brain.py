"""The real agent behind the panel: the chosen model, a session that never reads or clicks
Deskhand's own windows, the pause watch, and the warm-up that makes the first request quick."""

from __future__ import annotations

from app.settings import Settings
from app.ui.worker import Brain, BrainFactory, Hooks
from automation.decisions import Act
from automation.errors import DeskhandError, EnvironmentProblem
from automation.types import Box, Click, TypeText


def model_brain(settings: Settings) -> BrainFactory:
    """The real agent: the chosen model, the session that never reads or clicks our own windows."""

    def build(hooks: Hooks) -> Brain:
        from app.compose import build_input_hook, build_session, is_ours
        from app.do_command import open_chosen_model
        from app.skill_runner import SkillRunner, skill_cards
        from automation.agent.loop import Agent
        from models.policy.policy import ModelPolicy

        model = open_chosen_model(settings.model, settings.server or None, quiet=True)
        session = build_session(own=is_ours, before_act=hooks.before_act)
        session.actor.gate.abort = hooks.abort
        policy = ModelPolicy(model)
        session.actor.gate.hold = hooks.hold
        agent = Agent(
            session.observer,
            session.actor,
            policy,
            confirm=hooks.confirm,  # the worker approves every one itself under confirm = "always"
            report=hooks.report,
            answer=hooks.answer,
            skills=skill_cards(),
            run_skill=SkillRunner(session, hooks.confirm, say=hooks.say),
        )

        def warm() -> None:
            # The first request then neither evaluates the prompt's fixed prefix nor reads
            # every window whole: its observation is incremental (docs/overlay.md, "Latency").
            policy.warm()
            session.observer.observe()

        try:
            hook = build_input_hook()
        except EnvironmentProblem as err:  # runs still work, only without the pause: say so
            hook = None
            hooks.say(f"pausing when you use the mouse or keys is off: {err.message}; fix: {err.fix}")
        close = getattr(model, "close", lambda: None)
        return Brain(agent, locate=lambda act: locate(session.observer, act), warm=warm, close=close, hook=hook)

    return build


def locate(observer: object, act: Act) -> Box | None:
    """Where ``act``'s target is on screen now, to ring it while the user is asked."""
    from automation.grounding.match import resolve
    from automation.perception.observe import Observer

    action = act.action
    target = action.target if isinstance(action, Click) else action.into if isinstance(action, TypeText) else None
    if target is None or not isinstance(observer, Observer):
        return None
    try:
        return resolve(target, list(observer.observe().spans)).box
    except DeskhandError:
        return None  # the ring is a courtesy; the question is still asked
