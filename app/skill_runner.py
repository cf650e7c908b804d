"""Learned skills for the agent: the cards the policy chooses from, and running the one it
chose. Used by `deskhand do` and the terminal conversation; the loop only sees a callback."""

from __future__ import annotations

from collections.abc import Callable

from app.compose import Session
from app.paths import data_dir
from app.skills_command import open_store
from automation.decisions import RunSkill
from automation.protocols import Confirm
from automation.skill_card import SkillCard


def skill_cards() -> list[SkillCard]:
    """What the policy needs to offer every stored skill (no steps, no pictures)."""
    with open_store() as store:
        return [skill.card() for skill in store.list()]


class SkillRunner:
    def __init__(self, session: Session, confirm: Confirm, say: Callable[[str], None] = lambda line: None) -> None:
        self.session = session
        self.confirm = confirm
        self.say = say  # a line per replayed step
        self.request = ""  # the words the skill was asked for with, kept in its run history

    def __call__(self, decision: RunSkill) -> str:
        from app.replay_command import replay_and_record
        from automation.skills.replay import Replayer, missing_values

        with open_store() as store:
            skill = store.get(decision.name)
            values = dict(decision.args)
            missing_values(skill, values)  # the policy asks first; this is the last guard
            replayer = Replayer(
                self.session.desktop,
                self.session.observer,
                self.session.actor.gate,
                self.confirm,
                report=lambda r: self.say(f"     {r.n}/{r.total} {r.text}: {r.verdict}"),
                shots=data_dir() / "replays",
                before_act=self.session.actor.before_act,  # replayed steps are ringed like the agent's
            )
            result = replay_and_record(store, replayer, skill, values, self.request)
        return f"ran skill {skill.name!r}: {len(result.steps)} steps in {result.seconds:.1f} s"
