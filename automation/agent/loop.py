"""The agent loop: observe, decide, ask or confirm, ground, act, verify, until it ends.

Qt-free and model-free: it is handed a Policy (built by app/ from models/) and a
Confirm callback (a terminal prompt, `--yes`, or the panel's dialog), and reports
progress through a callback, so a CLI prints it and the panel turns it into Qt
signals without the loop knowing either.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from automation.actuation.actor import Actor, Outcome, look
from automation.actuation.readback import BORDER
from automation.actuation.readback import read_field as read_crop
from automation.actuation.targets import OtherApplication, holds_pty, refuse
from automation.actuation.verify import settle
from automation.agent.describe import describe, describe_outcome
from automation.agent.goal import (
    Goal,
    GoalReading,
    Want,
    caret_hides,
    check,
    field_area,
    field_labels,
    goal_of,
    holds_words,
    mark_labels,
    marks_otherwise,
    never_entered,
    not_entered_yet,
    open_popups,
    plain,
    result_shown,
    same_value,
    shown_otherwise,
)
from automation.agent.places import Elsewhere, ElsewhereRequest, elsewhere
from automation.audit import Audit
from automation.commit_rule import CommitRule, commits, label_commits
from automation.decisions import (
    HELD_BACK,
    SCREEN_DISAGREES,
    Act,
    Ask,
    Done,
    Impossible,
    ModelCall,
    Reply,
    RunSkill,
    Situation,
    Turn,
)
from automation.errors import ActionFailed, MisreadSuspected, TargetAmbiguous, TargetNotFound, WindowClosed
from automation.perception.observe import Observer, ms_since
from automation.protocols import Confirm, Policy
from automation.secrets import redact, secret_token, unseal
from automation.skill_card import SkillCard
from automation.timings import DEFAULT_TIMINGS, WaitTimeout, wait_until
from automation.types import Action, Box, Click, Key, Observation, Target, TypeText, Window

Stage = Literal["observe", "decide", "answer", "confirm", "act", "retry", "check", "finish"]
Answer = Callable[[Ask], str | None]  # a question -> the user's answer, or None: stop and report it
RunSkillFn = Callable[[RunSkill], str]  # runs a learned skill with its values; returns what it did, in words
ELLIPSIS = ("...", "\u2026")  # a command's label ending so opens a dialog for more input (every toolkit's convention)


def opens_a_dialog(action: Action) -> bool:
    """Whether ``action`` clicks a command whose label ends in an ellipsis ("Save As...")."""
    return isinstance(action, Click) and action.target.label.rstrip().endswith(ELLIPSIS)


@dataclass(frozen=True)
class AgentReport:
    """One thing the loop did, in words for a person and in data for a program."""

    step: int
    stage: Stage
    text: str
    data: dict[str, Any] = field(default_factory=dict)


class Status(StrEnum):
    DONE = "done"
    REPLIED = "replied"  # the request was not about the screen: answered, nothing done
    ASKED = "asked"  # a value is missing and no answer was given
    DECLINED = "declined"  # the user said no to a confirmation
    IMPOSSIBLE = "impossible"
    FAILED = "failed"  # targets kept missing or actions kept failing
    STEP_LIMIT = "step_limit"
    UNFINISHED = "unfinished"  # the agent said it was done, but the screen does not show the goal


KEY_SETTLE = 1.0  # seconds a pressed key's dialog may take to close before the next look
UNDONE_TRIES = 1  # times a "finished" the screen contradicts is sent back to the policy before the run stops
HELD_TRIES = 2  # times a commit is held back for one field showing another value before the run stops
CARET_LOOKS = 3  # whole reads of the screen while a typed value's last character is under the caret
CARET_BLINK = 0.3  # seconds between them: part of a caret's blink (Qt, GTK: 0.5 s on, 0.5 s off)
# seconds a window that opened with the last step must stay unchanged before "not possible" is taken
# from a look at it: Wine's Save As maps, then paints its parts up to half a second apart, and its name
# box was not on the first look (round 17)
OPENED_STILL = 0.6


@dataclass(frozen=True)
class Result:
    status: Status
    message: str
    turns: tuple[Turn, ...]
    calls: tuple[ModelCall, ...]
    steps: int
    unmet: tuple[str, ...] = ()  # what the screen does not show: "Amount: '42.50' not shown", "not submitted"

    @property
    def finished(self) -> bool:
        """The task is done (checked on screen), or the request only wanted a reply."""
        return self.status in (Status.DONE, Status.REPLIED)


RECOVERABLE = (TargetNotFound, TargetAmbiguous, MisreadSuspected, ActionFailed)


class Agent:
    def __init__(
        self,
        observer: Observer,
        actor: Actor,
        policy: Policy,
        confirm: Confirm,
        report: Callable[[AgentReport], None] = lambda p: None,
        *,
        answer: Answer = lambda question: None,
        run_skill: RunSkillFn | None = None,
        window: str | None = None,
        max_steps: int = 12,
        max_failures: int = 2,
        commit_rule: CommitRule | None = None,
        skills: Sequence[SkillCard] = (),
        audit: Audit | None = None,
        admit: Confirm | None = None,
    ) -> None:
        self.observer = observer
        # The actor's trail by default, so a skill the agent runs is logged under the agent's request.
        self.audit = audit or getattr(actor, "audit", None) or Audit()
        self.actor = actor
        self.policy = policy
        self.confirm = confirm
        # Asked before input goes to an application the run did not choose; never answered by
        # --yes or confirm = "always" (a person says yes, or allowed_apps lists it). None: refused.
        self.admit = admit or refuse
        self.report = report
        self.answer = answer  # asked only when the answers given up front have run out
        self.run_skill = run_skill  # replays a learned skill (app/ builds it over the skill store)
        self.window = window
        self.max_steps = max_steps
        self.max_failures = max_failures  # consecutive failed steps before giving up
        self.commit_rule = commit_rule or CommitRule()
        self.skills = tuple(skills)

    def run(
        self,
        request: str,
        answers: Sequence[str] = (),
        documents: Sequence[str] = (),
        facts: Sequence[tuple[str, str]] = (),
    ) -> Result:
        """Work on ``request`` until done, a question without an answer, or a limit (each action audited).

        ``answers`` are used in the order questions are asked; ``documents`` are the
        text of attached files and ``facts`` the values read from them (a receipt's). Aborted (the abort flag,
        the fail-safe corner) propagates as the exception it is.
        """
        with (
            self.audit.run("agent", request),
            self.actor.gate.targets.run(self.actor.desktop.windows.list, self.window),
        ):
            return self._run(request, answers, documents, facts)

    def _run(
        self, request: str, answers: Sequence[str], documents: Sequence[str], facts: Sequence[tuple[str, str]]
    ) -> Result:
        audit = self.audit
        waiting = deque(answers)
        given: list[str] = []
        vault: dict[str, str] = {}  # placeholder -> secret answer
        history: list[Turn] = []
        calls: list[ModelCall] = []
        failures = 0
        seen: list[Observation] = []  # one per step: what the screen showed before deciding
        labels: dict[str, None] = {}  # field labels seen during the run, in order
        checks: dict[str, None] = {}  # check boxes' labels seen during the run
        undone = 0
        held: dict[str, int] = {}  # field -> times a commit was held back for what it showed
        looked_again = -1  # the history's length when a window that had just opened was looked at again

        def end(status: Status, message: str, step: int, unmet: tuple[str, ...] = ()) -> Result:
            data: dict[str, Any] = {"status": status.value, "finished": status in (Status.DONE, Status.REPLIED)}
            shown = result_shown(goal_now(), seen) if status is Status.DONE else None
            if shown is not None:  # a calculation: its answer is what the user asked for
                message, data["result"] = f"{message} (the display shows {shown})", shown
            self.report(AgentReport(step, "finish", f"{status.value}: {message}", data | {"unmet": list(unmet)}))
            return Result(status, message, tuple(history), tuple(calls), step, unmet)

        def goal_now() -> Goal:
            return goal_of(request, history, given, facts, list(labels), documents, list(checks))

        def on_screen() -> list[Turn]:
            # the steps on screen (actions and skills): ``seen`` pairs with them, plus the screen now
            return [t for t in history if isinstance(t.decision, (Act, RunSkill))]

        def verdict(goal: Goal | None = None) -> GoalReading:
            return check(goal or goal_now(), seen, on_screen(), list(labels), self._closer_look)

        for step in range(1, self.max_steps + 1):
            audit.step(str(step))
            acted = bool(history) and history[-1].ok and isinstance(history[-1].decision, (Act, RunSkill))
            obs = self._observe(step, closing_ok=acted)
            seen.append(obs)
            labels |= dict.fromkeys(field_labels(obs))
            checks |= dict.fromkeys(mark_labels(obs))
            did = [describe(t.decision) for t in history if t.ok and isinstance(t.decision, (Act, RunSkill))]
            if did and (self._application_gone(obs) or self._named_window_gone(obs)):
                # The application closed (a form that exits on OK: yad, zenity, a script's dialog), or the
                # window the run was named to act in did (a dialog's OK: osmo's "Add contact" saved the
                # contact and closed, and the model, asked about the main window, asked "What should I
                # type?"): there is nothing left to act in, so the screen as it was is the judge.
                as_it_was = verdict()
                if as_it_was.finished:
                    return end(Status.DONE, "Finished: " + "; ".join(did), step)
                missing = "; ".join(as_it_was.unmet)
                return end(Status.UNFINISHED, f"not finished: {missing} (its window closed)", step, as_it_was.unmet)
            started = time.perf_counter()
            decision = self.policy.decide(
                Situation(request, obs, tuple(history), self.skills, tuple(given), tuple(documents), tuple(facts))
            )
            calls += decision.calls
            self.report(
                AgentReport(
                    step,
                    "decide",
                    describe(decision),
                    {"decision": type(decision).__name__, "ms": ms_since(started), "calls": decision.calls},
                )
            )
            place = None if isinstance(decision, Impossible) else self._elsewhere(request, obs)
            if place is not None:
                # Whatever the model chose, it would be done here, not where the request asks:
                # a person may let the run act in that window too (then look again); else refused.
                if not self._admit_place(place, decision):
                    raise ElsewhereRequest(place, self.actor.gate.targets.target)
                assert place.window is not None
                history.append(Turn(decision, False, f"the user allowed acting in {place.window.title!r} too"))
                seen.pop()  # nothing was done: the next observation, with that window, takes its place
                continue
            if isinstance(decision, Done):
                judged = self._past_the_caret(step, seen, verdict, goal_now(), history)
                if judged.finished:
                    return end(Status.DONE, decision.summary, step)
                missing = "; ".join(judged.unmet)
                self.report(AgentReport(step, "check", f"not done yet: {missing}", {"unmet": list(judged.unmet)}))
                if undone >= UNDONE_TRIES:
                    return end(Status.UNFINISHED, f"not finished: {missing}", step, judged.unmet)
                history.append(Turn(decision, False, f"{SCREEN_DISAGREES}{missing}"))
                seen.pop()  # the step was not acted on: the next observation takes its place
                if not self._window_change(obs):
                    undone += 1  # a window that opened or closed since is a new screen to decide on, not a retry
                continue
            if isinstance(decision, (Reply, Impossible)):
                # After its last step (a commit, a value typed), the request's words ("post this entry",
                # "do not tick Urgent, only ...") often match nothing left to do on the new screen and
                # the model says not possible, or not about the screen: the screen, not that, says
                # whether it is done.
                did = [describe(t.decision) for t in history if t.ok and isinstance(t.decision, (Act, RunSkill))]
                goal = goal_now()
                reading = verdict(goal) if not goal.empty else None
                if did and reading is not None and reading.finished:
                    return end(Status.DONE, "Finished: " + "; ".join(did), step)
                opened = opened_since(seen)
                if isinstance(decision, Impossible) and opened and looked_again < len(history):
                    # the window may still be painting: once it is still, it is decided on again
                    looked_again = len(history)
                    self._until_still(opened)
                    titles = ", ".join(repr(w.title) for w in opened)
                    self.report(
                        AgentReport(step, "observe", f"{titles} had just opened: looking again once it is still", {})
                    )
                    seen.pop()
                    continue
                if isinstance(decision, Impossible):
                    return end(Status.IMPOSSIBLE, decision.reason, step)
                if reading is None:
                    return end(Status.REPLIED, decision.text, step)
                # a request that gives values or asks for a commit is about the screen: a reply does not do it
                return end(Status.UNFINISHED, f"not done: {decision.text}", step, reading.unmet)
            if isinstance(decision, RunSkill) and self.run_skill is None:
                return end(Status.IMPOSSIBLE, f"no skills can run here ({decision.name})", step)
            if isinstance(decision, Ask):
                seen.pop()  # a question is no step on screen
                answer = waiting.popleft() if waiting else self.answer(decision)
                if answer is None:
                    return end(Status.ASKED, decision.question, step)
                if decision.is_secret:
                    # The policy (and any model behind it) sees a placeholder; the value is put back
                    # only when it is typed (``_carry_out``), so no prompt, history or report holds it.
                    audit.secret(answer)  # nor the audit log, which sees what is typed
                    token = secret_token(len(vault))
                    vault[token] = answer
                    answer = token
                given.append(answer)
                shown = "a secret" if decision.is_secret else repr(answer)
                history.append(Turn(decision, True, f"the user answered {shown}"))
                self.report(AgentReport(step, "answer", f"{decision.question} {shown}", {"param": decision.param}))
                continue
            if isinstance(decision, Act) and commits(decision.action, self.commit_rule):
                # A field showing another value than the request gives would be stored so, and a value
                # never put in would be missing: the commit is held back (nothing sent) and the step
                # that sets the field is to be done (again).
                goal = goal_now()
                wrong = shown_otherwise(goal, seen, on_screen(), list(labels), self._closer_look)
                # a box the request sets, showing the other state: unless this very click sets it (a box whose
                # label holds a commit word, "Send welcome mail", is held like a commit)
                clicked = plain(decision.action.target.label) if isinstance(decision.action, Click) else None
                ticks = [t for t in marks_otherwise(goal, seen[-1:]) if plain(t.split(":")[0]) != clicked]
                # a name that is itself a committing button ("press OK", "then Yes") is pressed, not entered
                absent = [
                    w
                    for w in never_entered(goal, seen, on_screen(), list(labels))
                    if w not in {c.want for c in wrong} and not label_commits(w.value, self.commit_rule)
                ]
                if wrong or absent or ticks:
                    reasons = [*map(str, wrong), *map(not_entered_yet, absent), *ticks]
                    said = "; ".join(reasons)
                    self.report(
                        AgentReport(step, "check", f"not sent: {describe(decision)}: {said}", {"unmet": reasons})
                    )
                    names = {plain(want.field or "") for want in [c.want for c in wrong] + absent}
                    for name in names | {plain(t.split(":")[0]) for t in ticks}:
                        held[name] = held.get(name, 0) + 1
                    if max(held.values()) >= HELD_TRIES:
                        unmet = tuple(dict.fromkeys([*reasons, *verdict().unmet]))
                        return end(
                            Status.UNFINISHED, f"not finished: {said} ({describe(decision)} was not sent)", step, unmet
                        )
                    history.append(Turn(decision, False, f"{HELD_BACK}{SCREEN_DISAGREES}{said}"))
                    continue  # ``seen`` keeps this step's observation: a step not carried out, like a failed one
                question = f"{describe(decision)}?"
                self.report(AgentReport(step, "confirm", question))
                if not self.confirm(question, decision):
                    history.append(Turn(decision, False, "the user declined"))
                    return end(Status.DECLINED, f"not done: {describe(decision)}", step)
                audit.confirmed()
            try:
                text, data = self._admitted(decision, vault, history)
            except RECOVERABLE as err:
                failures += 1
                said = redact(str(err), vault.values())  # an error may quote what was typed
                history.append(Turn(decision, False, said.splitlines()[0]))
                self.report(AgentReport(step, "retry", said.splitlines()[0], {"error": type(err).__name__}))
                if failures > self.max_failures:
                    return end(Status.FAILED, f"{said}; last seen: {seen_summary(obs)}", step)
                continue
            failures = 0
            history.append(Turn(decision, True, text))
            self.report(AgentReport(step, "act", text, data))
            in_dialog = obs.active is not None and any(obs.active.lies_over(w) for w in obs.windows)
            if isinstance(decision, Act) and isinstance(decision.action, Key) and in_dialog:
                # a key that answers a dialog closes it a moment after the screen first changed;
                # deciding on a screen that still shows it sent a second Return to the window behind
                self._window_change(obs, KEY_SETTLE)
            elif isinstance(decision, Act) and opens_a_dialog(decision.action):
                # "Save As..." says a dialog follows: a "finished" judged before it mapped passed
                # with nothing saved (HomeBank, round 9's task evaluation)
                self._window_change(obs, self.actor.timings.window_timeout)
        return end(Status.STEP_LIMIT, f"stopped after {self.max_steps} steps", self.max_steps, verdict().unmet)

    def _admitted(
        self, decision: Act | RunSkill, vault: dict[str, str], history: Sequence[Turn] = ()
    ) -> tuple[str, dict[str, Any]]:
        """Carry out ``decision``; input for another application than the run's asks the user once."""
        try:
            return self._carry_out(decision, vault, history)
        except OtherApplication as err:
            other = err.window.app or err.window.title
            question = f"{describe(decision)}: that is in {other!r}, not the application this run acts in. Go on?"
            if not isinstance(decision, Act) or not self.admit(question, decision):
                raise
            self.actor.gate.targets.admit(err.window)
            return self._carry_out(decision, vault, history)

    def _application_gone(self, obs: Observation) -> bool:
        """Whether the run's application has no window left on screen (it closed, or exited on a commit):
        none of its process or X connection. Another process of the same class (a second yad dialog)
        is another program's window, not this one's."""
        target = self.actor.gate.targets.target
        if target is None:
            return False
        return not any(
            w.id == target.id
            or (target.pid is not None and w.pid == target.pid)
            or (target.client is not None and w.client == target.client)
            for w in obs.windows
        )

    def _named_window_gone(self, obs: Observation) -> bool:
        """Whether the window the run was named to act in (``--window``) is no longer on screen."""
        held = self.actor.gate.targets.held
        return held is not None and all(w.id != held.id for w in obs.windows)

    def _elsewhere(self, request: str, obs: Observation) -> Elsewhere | None:
        """A place the request names that this run does not act in (another application's
        window, Deskhand's own, a terminal when the target is none), from what is on screen."""
        targets = self.actor.gate.targets
        target = targets.target
        # Minimised or hidden windows too, where the desktop can list them: a request can name one.
        hidden = getattr(self.actor.desktop.windows, "hidden", None)
        return elsewhere(
            request,
            [*obs.windows, *(hidden() if callable(hidden) else [])],
            targets.allows,
            targets.own,
            target,
            [s.text for s in obs.spans],
            target is not None and holds_pty(target.pid),
            Box(0, 0, *obs.image.size),
        )

    def _admit_place(self, place: Elsewhere, decision: object) -> bool:
        """Another application's window the request names: a person may say yes to acting there
        (never --yes); Deskhand's own window or terminal is never admitted."""
        if place.own or place.window is None:
            return False
        window = place.window
        question = (
            f"The request is about {window.title!r} ({window.app or 'no class'}), not the application "
            "this run acts in. Act there too?"
        )
        act = decision if isinstance(decision, Act) else Act(Click(Target(place.named, window.title)))
        if not self.admit(question, act):
            return False
        self.actor.gate.targets.admit(window)
        return True

    def _carry_out(
        self, decision: Act | RunSkill, vault: dict[str, str], history: Sequence[Turn] = ()
    ) -> tuple[str, dict[str, Any]]:
        """Act, or run a skill (its committing steps are confirmed by the skill's replay).

        Secrets are put in place of their placeholders here, and only in what is sent:
        the description keeps the placeholder."""
        if isinstance(decision, RunSkill):
            assert self.run_skill is not None
            args = {k: unseal(v, vault) for k, v in decision.args.items()}
            return self.run_skill(replace(decision, args=args)), {"skill": decision.name}
        action = decision.action
        if isinstance(action, TypeText) and action.into is not None and typed_into(history, action.into.label):
            # typing again into a field typed into before: over its text, never after it ("8852.7752.77")
            action = replace(action, over=True)
        if isinstance(action, TypeText) and vault:
            outcome = self.actor.perform(replace(action, text=unseal(action.text, vault)), expect=decision.expect)
            outcome = replace(outcome, action=action)
        else:
            outcome = self.actor.perform(action, expect=decision.expect)
        return describe_outcome(outcome), outcome_data(outcome)

    def _window_change(self, obs: Observation, timeout: float = DEFAULT_TIMINGS.verify_timeout) -> bool:
        """Wait a little for a window to open or close after ``obs``: a dialog the last click
        opens can take seconds to map (Qt's file dialog on a busy machine), and a verdict
        read before it shows would send the agent on without it. No change is fine too."""
        before = {w.id for w in obs.windows}

        def changed() -> bool:
            # the observation leaves Deskhand's own windows out: so must the comparison, or
            # the panel alone reads as a window that opened and the finish is retried forever
            now = {w.id for w in self.actor.desktop.windows.list() if not self.observer.ignore(w)}
            return bool(now) and now != before  # an empty list is no desktop to compare with

        try:
            return wait_until(
                changed,
                name="a window to open or close",
                timeout=timeout,
            )
        except WaitTimeout:
            return False

    def _until_still(self, windows: Sequence[Window]) -> None:
        """Wait (up to the verify timeout) until ``windows`` stay unchanged for OPENED_STILL."""
        area = windows[0].box
        for window in windows[1:]:
            area = area.union(window.box)
        region = area.intersect(self.actor.desktop.screen.bounds)
        if region is not None:
            settle(self.actor.desktop.screen, region, replace(DEFAULT_TIMINGS, settle=OPENED_STILL))

    def _past_the_caret(
        self,
        step: int,
        seen: list[Observation],
        verdict: Callable[[Goal | None], GoalReading],
        goal: Goal,
        history: Sequence[Turn],
    ) -> GoalReading:
        """The verdict once more while a value typed into an empty field reads with its last character
        under the caret ("322.3)" for "322.37"): the screen is read whole again (the observer keeps a
        caret's blink out of its changes, so an incremental read shows the same words), a moment
        apart, and the screen now is the last of those reads."""
        acts = [t for t in history if isinstance(t.decision, (Act, RunSkill))]
        judged = verdict(goal)
        for _ in range(CARET_LOOKS):
            if judged.finished or not caret_hides(goal, seen, acts):
                break
            time.sleep(CARET_BLINK)
            for window in seen[-1].windows:
                self.observer.forget(window)
            seen[-1] = self._observe(step)
            judged = verdict(goal)
        return judged

    def _closer_look(self, obs: Observation, want: Want) -> bool:
        """Whether ``want``'s field, on the screen now, shows its value read on its own crop: the caret
        painted out and several renderings read, as the read-back after typing does (a misread rarely
        turns into the very value wanted). Only for a field ``obs`` shows with its entry box."""
        assert want.field is not None
        box = field_area(obs, want.field)
        if box is None or box.w < 2 * BORDER + 4 or box.h < 2 * BORDER + 4:
            return False
        if any(p.intersect(box) is not None for p in open_popups(obs)):
            return False  # a list or menu open over the field: its crop shows the pop-up's item, not the field's
        region = box.grown(-BORDER).intersect(self.actor.desktop.screen.bounds)  # its text, inside its border
        if region is None:
            return False

        def wanted(text: str) -> bool:
            return holds_words(text, want.value) if want.within else same_value(text, want.value)

        return wanted(read_crop(self.actor.desktop.screen.grab(region), self.observer.ocr, wanted))

    def _observe(self, step: int, closing_ok: bool = False) -> Observation:
        """The screen now. ``closing_ok``: the last step was done, so the run's window closing is
        its effect (a dialog's OK files what it holds and closes it), and what is left is observed
        for the policy and the goal check to judge; before any step it is an error, as it was."""
        started = time.perf_counter()
        # The named window as chosen when the run started, by its id (its title may change).
        held = self.actor.gate.targets.held
        try:
            actor = self.actor
            obs = look(
                self.observer, held or self.window, lambda hidden: actor.bring_forward(hidden), actor.clear_tooltips
            )
        except WindowClosed:
            if not closing_ok or held is None:
                raise
            self.report(AgentReport(step, "observe", f"{held.title!r} closed after the last step", {}))
            obs = self.observer.observe(window=None)
        windows = sorted({s.window for s in obs.spans})
        self.report(
            AgentReport(
                step,
                "observe",
                f"saw {len(obs.spans)} labels in {', '.join(repr(w) for w in windows) or 'no window'}",
                {"labels": len(obs.spans), "windows": windows, "ms": ms_since(started)},
            )
        )
        return obs


def opened_since(seen: Sequence[Observation]) -> list[Window]:
    """The windows the last observation shows that the one before it did not."""
    if len(seen) < 2:
        return []
    before = {w.id for w in seen[-2].windows}
    return [w for w in seen[-1].windows if w.id not in before]


def typed_into(history: Sequence[Turn], label: str) -> bool:
    """Whether an earlier step of the run typed into the field labelled ``label``."""
    for turn in history:
        action = turn.decision.action if isinstance(turn.decision, Act) else None
        if turn.ok and isinstance(action, TypeText) and action.into is not None and action.into.label == label:
            return True
    return False


def outcome_data(outcome: Outcome) -> dict[str, Any]:
    return {"window": outcome.window, "verdict": outcome.verdict.value, "element": outcome.element, **outcome.timings}


def seen_summary(obs: Observation, limit: int = 12) -> str:
    labels = [s.text for s in obs.spans][:limit]
    return ", ".join(repr(t) for t in labels) or "no text"
