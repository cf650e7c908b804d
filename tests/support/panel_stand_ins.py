"""Stand-ins for the panel's tests: a scripted agent (the real loop over a still screen and an
actor that records) and a hotkey listener the test presses from its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from types import SimpleNamespace

from PIL import Image

from app.services.agent import Hooks, ReadyAgent
from automation.actuation.actor import Outcome
from automation.actuation.targets import Targets
from automation.actuation.verify import Effect
from automation.agent.loop import Agent
from automation.decisions import Act, RunSkill
from automation.errors import Aborted
from automation.hotkeys import Binding
from automation.types import Action, Box, Click, Observation, Target, TextSpan, Window
from models.fakes import ScriptedPolicy

FORM = Window(1, "Expense form", "Tk", Box(0, 0, 400, 300))
OTHER = Window(2, "Ledger", "Ledger", Box(500, 0, 300, 300), pid=4321)  # another application beside the form
SCREEN = Observation(
    image=Image.new("RGB", (10, 10)),
    windows=(FORM, OTHER),  # what the desktop lists, as a real observation would
    active=FORM,
    spans=(
        TextSpan("Amount", Box(10, 10, 50, 12), 95, "Expense form"),
        TextSpan("Submit", Box(10, 40, 50, 12), 95, "Expense form"),
    ),
    taken_at=0.0,
)

SUBMIT = Act(Click(Target("Submit")))  # a decision to queue on the scripted policy


class StillScreen:
    def observe(self, window: object = None) -> Observation:
        return SCREEN

    def ignore(self, window: Window) -> bool:  # Deskhand's own windows: none stand in here
        return False


class RecordingActor:
    """Acts on nothing; tells the hook where it would act first, as the real Actor does."""

    def __init__(self, hooks: Hooks) -> None:
        self.hooks = hooks
        self.done: list[Action] = []
        # What the agent asks of the real Actor besides acting: the run's target is chosen from the windows.
        self.gate = SimpleNamespace(targets=Targets())
        self.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: [FORM, OTHER]))

    def clear_tooltips(self) -> bool:
        return False

    def perform(self, action: Action, expect: str | None = None) -> Outcome:
        named = action.target.window if isinstance(action, Click) else action.window
        if named == OTHER.title:
            self.gate.targets.check(OTHER)  # the real gate's application check: OtherApplication unless admitted
        self.hooks.before_act((35, 46), FORM)
        if self.hooks.abort.is_set():  # the real gate's first check
            raise Aborted("aborted by the user (nothing sent yet)")
        self.hooks.hold("nothing sent yet")  # and its pause, when the user touched the mouse or keys
        self.done.append(action)
        return Outcome(action, FORM.title, Effect.CHANGED)


class ScriptedAgent:
    """A AgentFactory over a ScriptedPolicy; keeps the actor so a test can see what was done."""

    def __init__(self, policy: ScriptedPolicy) -> None:
        self.policy = policy
        self.actor: RecordingActor | None = None
        self.skills_run: list[RunSkill] = []

    def __call__(self, hooks: Hooks) -> ReadyAgent:
        self.actor = RecordingActor(hooks)
        agent = Agent(
            StillScreen(),  # type: ignore[arg-type]
            self.actor,  # type: ignore[arg-type]
            self.policy,
            confirm=hooks.confirm,
            report=hooks.report,
            answer=hooks.answer,
            run_skill=self.run_skill,
            admit=hooks.admit,
        )
        return ReadyAgent(agent, locate=lambda act: Box(10, 40, 50, 12))

    def run_skill(self, decision: RunSkill) -> str:
        self.skills_run.append(decision)
        return f"ran skill {decision.name!r}"


class KeptBindings:
    """A hotkey listener that keeps its bindings, for the test to press from its own thread."""

    def __init__(self) -> None:
        self.bindings: list[Binding] = []

    def listen(self, bindings: Sequence[Binding]) -> Callable[[], None]:
        self.bindings = list(bindings)
        return lambda: None

    def press(self, text: str) -> None:
        self._call(text, lambda b: b.press)

    def release(self, text: str) -> None:
        self._call(text, lambda b: b.release)

    def _call(self, text: str, which: Callable[[Binding], Callable[[], None] | None]) -> None:
        (binding,) = [b for b in self.bindings if b.hotkey.text == text]
        callback = which(binding)
        assert callback is not None, f"{text} has no such callback"
        caller = threading.Thread(target=callback)  # pynput calls back on its own thread
        caller.start()
        caller.join()
