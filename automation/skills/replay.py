"""Replay a learned skill with new values: find the window, ground the anchor afresh, act, verify.

No model on the healthy path. For each step: find the window (class, then title) and
bring it to the front; ground the anchor (automation.skills.ground); confirm committing
actions (agent.risk, the same Confirm callback as ``deskhand do``); act through the
safety gate (Actor.send); then wait for the step's expected text, or for a change that
settles, with named timeouts: as soon as the application shows it, up to
``Timings.expect_timeout`` when it is slow.

An anchor that is missing or ambiguous is never clicked blindly: the screen is let
settle and observed once more, then the Policy (when one is given) is asked for a
repair with the failed step in its history; else the replay stops with the step, the
reason and a screenshot path. A failure after input was sent is never repaired: the
application may have taken it, so repeating it is the user's call.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar, cast

from PIL import Image, ImageDraw

from automation.actuation.actor import Actor, BeforeAct
from automation.actuation.readback import TYPED_INTO, ReadBack, end_piece, shows
from automation.actuation.safety import SafetyGate
from automation.actuation.targets import OtherApplication, refuse
from automation.actuation.verify import Effect, settle, wait_for_change
from automation.agent.describe import describe, describe_action
from automation.agent.goal import dialogs_opened, new_texts, question
from automation.audit import Audit
from automation.commit_rule import CommitRule, commits
from automation.decisions import Act, ModelCall, Situation, Turn
from automation.desktop import Desktop
from automation.errors import (
    Aborted,
    ActionFailed,
    DeskhandError,
    NeedsAnswer,
    Refused,
    TargetAmbiguous,
    TargetNotFound,
    WindowNotFound,
)
from automation.grounding.match import candidates
from automation.perception.observe import Observer, ms_since
from automation.protocols import Confirm, Policy
from automation.skills.from_recording import pictured_text
from automation.skills.ground import Grounded, decode_crop, find_window, ground_anchor
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep, WindowMatch
from automation.skills.trust import acts_in, check_app, check_runnable
from automation.timings import DEFAULT_TIMINGS, Timings, WaitTimeout, wait_until
from automation.types import Action, Box, Click, Element, Key, MouseButton, Observation, Target, TypeText, Window

PLACEHOLDER = re.compile(r"\{(\w+)\}")
T = TypeVar("T")
UNGROUNDED = (TargetNotFound, TargetAmbiguous)
CARET_MARKS = "|[]"  # what a caret or a field's edge reads as at the ends of a field's text
SECRET_REACH = (160, 16)  # half width and height painted around the point a secret value was typed at

MARK_SLACK = 3  # pixels round a mark a click on it may land (its focus ring)


@dataclass(frozen=True)
class StepReport:
    """One replayed step, in words (never a secret value) and figures."""

    n: int
    total: int
    text: str  # "click 'Submit' in 'Legacy Expense System'"
    how: str  # label, field, relative, crop, repair, or window (keys and typing where the caret is)
    verdict: str  # seen, changed, unchanged
    ms: float
    point: tuple[int, int] | None = None


@dataclass(frozen=True)
class ReplayResult:
    skill: str
    steps: tuple[StepReport, ...]
    seconds: float
    calls: tuple[ModelCall, ...] = ()
    consults: int = 0  # times the policy was asked for a repair


class StepFailed(DeskhandError):
    """A step could not be done; carries its cause's exit code and a screenshot of the moment."""

    def __init__(self, n: int, total: int, what: str, cause: DeskhandError, screenshot: Path | None) -> None:
        shot = f"; screenshot: {screenshot}" if screenshot else ""
        super().__init__(f"step {n} of {total} ({what}) failed: {cause.message}{shot}", cause.fix)
        self.exit_code = cause.exit_code
        self.cause = cause
        self.screenshot = screenshot


def missing_values(skill: Skill, values: Mapping[str, str]) -> None:
    """NeedsAnswer (exit 3) naming every parameter without a value; secrets are never defaulted."""
    missing = [p for p in skill.params if p.name not in values]
    if not missing:
        return
    listed = "; ".join(
        f"{p.name} ({p.description}" + (", secret" if p.secret else f", e.g. {p.example!r}" if p.example else "") + ")"
        for p in missing
    )
    sets = " ".join(f"--set {p.name}=..." for p in missing)
    raise NeedsAnswer(f"skill {skill.name!r} needs values for: {listed}", f"deskhand replay {skill.name} {sets}")


def fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def secret_typed(step: TypeStep, skill: Skill) -> bool:
    secret = {p.name for p in skill.params if p.secret}
    return any(name in secret for name in PLACEHOLDER.findall(step.text))


def window_of(step: Step) -> WindowMatch:
    return (
        step.at.window
        if isinstance(step, ScrollStep)
        else step.anchor.window
        if isinstance(step, ClickStep)
        else step.window
    )


def anchor_of(step: Step) -> Anchor | None:
    if isinstance(step, ClickStep):
        return step.anchor
    if isinstance(step, TypeStep):
        return step.into
    if isinstance(step, ScrollStep):
        return step.at
    return None


def clicked_mark(grounded: Grounded | None, obs: Observation | None, window: Window) -> Element | None:
    """The check box or radio button a click step's point lands on, or on whose own label."""
    if grounded is None or obs is None:
        return None
    x, y = grounded.point
    return next(
        (
            e
            for e in obs.elements
            if e.window == window.title
            and e.kind in ("check", "radio")
            and (e.box.grown(MARK_SLACK).contains(x, y) or (e.label_box is not None and e.label_box.contains(x, y)))
        ),
        None,
    )


def typed_into(step: Step, grounded: Grounded | None, obs: Observation | None, window: Window) -> Element | None:
    """The control a typing step's click landed in, as the observation before it shows it; None when
    the step types where the caret is or no control was recognised there (its change is the check then)."""
    if not isinstance(step, TypeStep) or grounded is None or obs is None:
        return None
    x, y = grounded.point
    holding = [e for e in obs.elements if e.window == window.title and e.kind in TYPED_INTO and e.box.contains(x, y)]
    return min(holding, key=lambda e: e.box.w * e.box.h) if holding else None


class Replayer:
    def __init__(
        self,
        desktop: Desktop,
        observer: Observer,
        gate: SafetyGate,
        confirm: Confirm,
        *,
        report: Callable[[StepReport], None] = lambda r: None,
        policy: Policy | None = None,
        timings: Timings = DEFAULT_TIMINGS,
        commit_rule: CommitRule | None = None,
        shots: Path | None = None,
        before_act: BeforeAct = lambda point, window: None,
        audit: Audit | None = None,
        confirm_repair: Confirm | None = None,
        admit: Confirm | None = None,
    ) -> None:
        self.desktop = desktop
        self.observer = observer
        # The same hook the agent's actions pass (the panel rings the target there).
        self.actor = Actor(desktop, observer, gate, timings, before_act=before_act, audit=audit)
        self.audit = self.actor.audit
        self.confirm = confirm
        # A repair is the model's action, not the recorded one: a yes given for the recorded
        # steps up front (bulk replay) does not cover it.
        self.confirm_repair = confirm_repair or confirm
        # Input for another application than the run's: a person's yes only (never --yes); None: refused.
        self.admit = admit or refuse
        self.report = report
        self.policy = policy
        self.timings = timings
        self.commit_rule = commit_rule or CommitRule()
        self.shots = shots  # where a failed step's screenshot goes
        self._calls: list[ModelCall] = []
        self._consults = 0
        self._pictures: dict[tuple[str, str], list[str] | None] = {}
        # The window of the step under way: a failure's screenshot shows it alone.
        self._window_now: Window | None = None
        self._secret_fields: list[Box] = []  # where secret values went this run: painted over in a screenshot
        self._filled: list[tuple[Element, str, int]] = []  # fields typed into this run: field, text, window id

    def run(self, skill: Skill, values: Mapping[str, str], who: str = "replay") -> ReplayResult:
        check_runnable(skill)  # an imported skill nobody reviewed: exit 8 before anything
        missing_values(skill, values)
        secrets = [values.get(p.name, "") for p in skill.params if p.secret]
        with (
            self.audit.run(who, f"skill {skill.name}", secrets),
            self.actor.gate.targets.run(self.desktop.windows.list),
        ):
            return self._run(skill, values)

    def _run(self, skill: Skill, values: Mapping[str, str]) -> ReplayResult:
        self._calls, self._consults = [], 0
        self._window_now, self._secret_fields = None, []
        self._filled = []
        started = time.perf_counter()
        done: list[StepReport] = []
        start = self._windows()
        opening = self.observer.observe()  # what the screen said before: a question drawn later is the replay's
        for n, step in enumerate(skill.steps, 1):
            t = time.perf_counter()
            self._window_now = None
            what = self.describe(step, skill, values)
            self.audit.step(f"skill {skill.name} {n}/{len(skill.steps)}")
            try:
                report = self._step(n, len(skill.steps), step, skill, values, what, t)
            except (Aborted, NeedsAnswer, Refused):
                raise  # the user stopped it, or must say yes: nothing to photograph
            except DeskhandError as err:
                raise StepFailed(n, len(skill.steps), what, err, self._screenshot(skill, n)) from err
            done.append(report)
            self.report(report)
        self._check_end(skill, start)
        self._check_questions(skill, opening, list(values.values()))
        return ReplayResult(skill.name, tuple(done), time.perf_counter() - started, tuple(self._calls), self._consults)

    def _windows(self) -> list[Window]:
        return [w for w in self.desktop.windows.list() if not self.observer.ignore(w)]

    def _check_end(self, skill: Skill, start: list[Window]) -> None:
        """The end must look like the demonstration's: every dialog the steps opened is closed again.

        A demonstration ends with its dialogs answered; a replay that leaves one open
        (its last key lost, a button that did not take) did not finish, whatever each
        step's own check said. The application gets ``window_timeout`` to close it."""
        total = len(skill.steps)

        def closed() -> bool:
            return not dialogs_opened(start, self._windows())

        try:
            wait_until(closed, name="the dialogs the replay opened to close", timeout=self.timings.window_timeout)
        except WaitTimeout:
            left = dialogs_opened(start, self._windows())
            if not left:
                return
            titles = ", ".join(repr(w.title) for w in left)
            cause = ActionFailed(
                f"the dialog {titles} is still open after the last step; the demonstration ended with it closed",
                "answer the dialog by hand, and record the skill again if its last step (a key or a click) is missing",
            )
            raise StepFailed(total, total, "the end of the skill", cause, self._screenshot(skill, total)) from None

    def _check_questions(self, skill: Skill, opening: Observation, typed: list[str]) -> None:
        """No question the steps made appear may still be on screen: a confirmation drawn inside
        its window (a web page's modal) has no window to close, and a replay that left it
        unanswered did not finish (a Web replay ended without error, the page's output unchanged)."""
        total = len(skill.steps)
        asked = sorted(t for t in new_texts(opening, self.observer.observe(), typed) if question(t))
        if asked:
            cause = ActionFailed(
                f"the question {asked[0]!r} is still on screen after the last step; the demonstration answered it",
                "answer it by hand, and record the skill again if its last step (a key or a click) is missing",
            )
            raise StepFailed(total, total, "the end of the skill", cause, self._screenshot(skill, total))

    def describe(self, step: Step, skill: Skill, values: Mapping[str, str]) -> str:
        title = window_of(step).title
        if isinstance(step, ClickStep):
            how = {1: "click", 2: "double-click"}.get(step.clicks, f"click {step.clicks} times")
            label = f"{step.anchor.label!r}" if step.anchor.label else "the recorded spot"
            return f"{how} {'the field ' if step.anchor.field else ''}{label} in {title!r}"
        if isinstance(step, TypeStep):
            secret = {p.name for p in skill.params if p.secret}
            names = PLACEHOLDER.findall(step.text)
            shown = step.text if any(n in secret for n in names) else repr(fill(step.text, values))
            into = f" into {step.into.label!r}" if step.into and step.into.label else ""
            return f"type {shown}{into} in {title!r}"
        if isinstance(step, KeyStep):
            return f"press {step.combo} in {title!r}"
        return f"scroll {step.dy} in {title!r}"

    # --- one step ------------------------------------------------------------------------

    def _step(
        self, n: int, total: int, step: Step, skill: Skill, values: Mapping[str, str], what: str, started: float
    ) -> StepReport:
        window, alone = self._window(window_of(step))
        self._window_now = window
        # A dialog of the run's target passes when the target is an application the skill acts in.
        target = self.actor.gate.targets.target
        own_dialog = target is not None and acts_in(skill, target) and self.actor.gate.targets.allows(window)
        if not own_dialog:
            check_app(skill, window, n)  # matched by title in another application: nothing is sent there
        self.actor.focus(window)
        anchor = anchor_of(step)
        expect = None if isinstance(step, ScrollStep) else step.expect
        # Keys and typing where the caret is need no look at the screen, unless to judge an expectation.
        obs = self.observer.observe(window=window) if anchor is not None or expect else None
        grounded: Grounded | None = None
        if anchor is not None:
            assert obs is not None
            try:
                grounded, obs = self._ground(anchor, window, alone, obs, skill)
            except UNGROUNDED as err:
                return self._repair(n, total, step, skill, values, what, err, window, started)
        action = None if isinstance(step, ScrollStep) else self._action(step, values, window, grounded)
        if action is not None:
            self._confirm(action, what, n, lambda: self.pictured(step, skill))
            self.actor.focus(window)  # answering may have brought another window (the panel) to the front
        if grounded and isinstance(step, TypeStep) and secret_typed(step, skill):
            gx, gy = grounded.point
            self._secret_fields.append(
                Box(gx - SECRET_REACH[0], gy - SECRET_REACH[1], 2 * SECRET_REACH[0], 2 * SECRET_REACH[1])
            )
        point = self.desktop.to_input(*grounded.point) if grounded else None
        self.actor.before_act(point, window)  # returns before the screen is grabbed: the ring is never read
        before_ids = {w.id for w in self.desktop.windows.list()}
        before = self.desktop.screen.grab()
        field = typed_into(step, grounded, obs, window)
        # A field seen without the focus must show it after its click before any key goes out.
        wait = self.timings.unfocused_timeout if field is not None and not field.focused else None
        if action is not None:
            self._admitted(lambda: self.actor.send(action, point, window, focus_wait=wait), action, what)
        else:
            assert isinstance(step, ScrollStep) and point is not None
            self.actor.gate.check(window, point=point)
            self.desktop.input.scroll(step.dy, *point)
            self.audit.record_scroll(step.dy, window.title, window.app, "sent")
        if field is not None and isinstance(action, TypeText) and action.text and obs is not None:
            # Typing's effect is the value in its field; a window that changed somewhere proves nothing.
            self._read_back(
                action.text, field, window, obs, secret=isinstance(step, TypeStep) and secret_typed(step, skill)
            )
            verdict = Effect.SEEN if expect is None else self._verify(expect, obs, before, window, before_ids, skill)
        else:
            verdict = self._verify(expect, obs, before, window, before_ids, skill, typed=isinstance(step, TypeStep))
            if isinstance(step, TypeStep) and isinstance(action, TypeText) and not secret_typed(step, skill):
                self._track(action.text, window)
            mark = clicked_mark(grounded, obs, window) if isinstance(step, ClickStep) else None
            if mark is not None:
                # A check box's click is done once the box shows it: a replay that "changed" the
                # window left the zoo's GTK "Send copy" unticked and ended exit 0 (CI run N).
                verdict = self.actor.toggled(mark, window, verdict, before)
        how = grounded.how if grounded else "window"
        return StepReport(n, total, what, how, verdict.value, ms_since(started), grounded.point if grounded else None)

    def _read_back(self, text: str, field: Element, window: Window, before: Observation, secret: bool) -> None:
        """The field shows ``text``: first as the window's own reading has it inside the field's box
        (OCR of the whole window reads a focused GTK entry's "531.11" right where a crop of the
        field read "83.11"), else read back on the field's crop and retried once, as `do` does
        (exit 1 naming what it shows and where the text went).

        Then every field typed into before in this window must still show its text: keys sent
        before a click on the next field took reach the last one ("Li Wei20" and "27-11-23", the
        typed "2027-11-23"'s end, which is typed again), and only the earlier field shows it.

        A text wider than its field shows only its end; then its start is read on the field's
        crop too, after Home (``ReadBack``), and an earlier field must still show its end."""

        def looked() -> str | None:
            seen = self._seen(field, window)
            if any(shows(text, reading) for reading in seen):
                return "whole"
            return "end" if any(end_piece(text, reading) for reading in seen) else None

        try:
            found = wait_until(looked, name="the typed text in its field", timeout=self.timings.verify_timeout)
        except WaitTimeout:
            found = None
        if found != "whole":
            ReadBack(self.actor, field, window, before).check(text)
        for earlier, typed, window_id in self._filled:
            if window_id != window.id or earlier.box.intersect(field.box) or self._shows(typed, earlier, window):
                continue
            check = ReadBack(self.actor, earlier, window, before)
            if not check.holds(typed):
                raise ActionFailed(
                    f"after typing into {field.label or 'a field'!r} in {window.title!r}, {check.name!r} no longer "
                    f"shows what was typed into it before (it shows {check.seen!r})",
                    "the keys reached the field before the click on the next one took; run the replay again",
                )
        if not secret:
            self._filled.append((field, text, window.id))

    def _track(self, text: str, window: Window) -> None:
        """Typing where the caret was (Tab moved it there): the one field that now shows the text is
        kept, so later steps check it still does (a key meant for the next field landed in it)."""
        elements = self.observer.observe(window=window).elements
        showing = [
            e
            for e in elements
            if e.window == window.title and e.kind in TYPED_INTO and shows(text, e.text.strip(CARET_MARKS).strip())
        ]
        if len(showing) == 1:
            self._filled.append((showing[0], text, window.id))

    def _shows(self, text: str, field: Element, window: Window) -> bool:
        """Whether the window's reading shows ``text`` inside ``field``'s box."""
        return any(shows(text, reading) for reading in self._seen(field, window))

    def _seen(self, field: Element, window: Window) -> list[str]:
        """The window's readings inside ``field``'s box: each span, and all of them joined."""
        now = self.observer.observe(window=window)
        inside = [s.text for s in now.spans if s.window == window.title and field.box.contains(*s.box.center)]
        # The caret or a focus ring's edge read at an end ("531.11|") is left out, never a letter.
        return [seen.strip(CARET_MARKS).strip() for seen in [*inside, " ".join(inside)]]

    def _window(self, match: WindowMatch) -> tuple[Window, bool]:
        def look() -> tuple[Window, bool] | None:
            windows = [w for w in self.desktop.windows.list() if not self.observer.ignore(w)]
            window, alone = find_window(match, windows)
            return (window, alone) if window is not None else None

        try:
            found = wait_until(look, name=f"window {match.title!r} to appear", timeout=self.timings.window_timeout)
        except WaitTimeout as err:
            titles = [w.title for w in self.desktop.windows.list() if not self.observer.ignore(w)]
            raise WindowNotFound(match.title, titles) from err
        assert found is not None
        return found

    def _ground(
        self, anchor: Anchor, window: Window, alone: bool, obs: Observation, skill: Skill
    ) -> tuple[Grounded, Observation]:
        crop = decode_crop(skill.crops.get(anchor.crop)) if anchor.crop else None
        screen = self.desktop.screen.bounds
        try:
            grounded = ground_anchor(anchor, window, obs, screen, crop, alone)
        except UNGROUNDED:
            # Once more after the window has stopped changing: a slow application may still be drawing.
            settle(self.desktop.screen, window.box, self.timings)
            self.observer.forget(window)
            obs = self.observer.observe(window=window)
            grounded = ground_anchor(anchor, window, obs, screen, crop, alone)
        if grounded.how == "label" and grounded.match is not None and anchor.label:
            self.actor.look_again_at(anchor.label, grounded.match, obs)
        return grounded, obs

    def _action(
        self, step: ClickStep | TypeStep | KeyStep, values: Mapping[str, str], window: Window, grounded: Grounded | None
    ) -> Action:
        """The step as an Action: what the safety gate, the commit rule and a repair understand."""
        if isinstance(step, ClickStep):
            label = grounded.element if grounded and grounded.element else step.anchor.label or ""
            button = cast(MouseButton, step.button if step.button in ("left", "right", "middle") else "left")
            return Click(Target(label, window.title, field=step.anchor.field), button, step.clicks)
        if isinstance(step, TypeStep):
            into = Target(step.into.label, window.title, field=True) if step.into and step.into.label else None
            return TypeText(fill(step.text, values), into, window.title)
        return Key(step.combo, window.title)

    def pictured(self, step: Step, skill: Skill) -> list[str] | None:
        """The text in a click step's recorded picture: what was under the pointer, whatever its label says."""
        if not isinstance(step, ClickStep) or not step.anchor.crop:
            return None
        png = skill.crops.get(step.anchor.crop)
        if png is None:
            return None
        key = (skill.name, step.anchor.crop)
        if key not in self._pictures:
            self._pictures[key] = pictured_text(png, self.observer.ocr)
        return self._pictures[key]

    def _admitted(self, send: Callable[[], T], action: Action, what: str) -> T:
        """``send``; when its window belongs to another application than the run's, ask once first."""
        try:
            return send()
        except OtherApplication as err:
            other = err.window.app or err.window.title
            if not self.admit(
                f"{what}: that is in {other!r}, not the application this run acts in. Go on?", Act(action)
            ):
                raise
            self.actor.gate.targets.admit(err.window)
            return send()

    def _confirm(
        self,
        action: Action,
        what: str,
        n: int,
        pictured: Callable[[], list[str] | None],
        confirm: Confirm | None = None,
    ) -> None:
        """Ask before a committing step; a click's picture is read only when its label does not
        already say it commits (reading it costs an OCR pass)."""
        ask = confirm or self.confirm
        committing = commits(action, self.commit_rule) and (not isinstance(action, Click) or bool(action.target.label))
        committing = committing or commits(action, self.commit_rule, pictured() if isinstance(action, Click) else None)
        if not committing:
            return
        if not ask(f"{what}?", Act(action)):
            raise Refused(
                f"declined: {what} (step {n}); the steps before it were done",
                "run the replay again and approve, or finish the task by hand",
            )
        self.audit.confirmed()

    def _verify(
        self,
        expect: str | None,
        obs: Observation | None,
        before: Image.Image,
        window: Window,
        before_ids: set[int],
        skill: Skill,
        typed: bool = False,
    ) -> Effect:
        """Wait for ``expect`` in the step's application (its windows and any new one), or for a settled change.

        The application's windows are those of the step's class or process and those of any
        class the skill's steps act in: the read-out the end waits for is on the form, while
        the last step answered its dialog (Tk's dialog is a "Toplevel", its form "Tk", and
        neither names a process). Text that was on screen before the step proves nothing
        unless the screen changed too.
        """
        screen = self.desktop.screen
        if expect is None:
            verdict = wait_for_change(screen, screen.bounds, before, self.timings)
            if typed and verdict is Effect.UNCHANGED:
                raise ActionFailed(
                    f"typed into {window.title!r} but nothing changed on screen", "check the field accepts input"
                )
            return verdict
        already = obs is not None and bool(candidates(expect, list(obs.spans)))
        if already and wait_for_change(screen, screen.bounds, before, self.timings) is Effect.UNCHANGED:
            raise ActionFailed(f"{expect!r} was already on screen before the step, and nothing changed")

        apps = {m.app for m in map(window_of, skill.steps) if m.app}

        def ours(w: Window) -> bool:
            # The application's own windows and any new one: a terminal printing this replay's progress must not count.
            return (
                w.app == window.app
                or (w.pid is not None and w.pid == window.pid)
                or w.id not in before_ids
                or w.app in apps
            )

        def seen() -> bool:
            now = self.observer.observe()
            titles = {w.title for w in now.windows if ours(w)}
            return bool(candidates(expect, [s for s in now.spans if s.window in titles]))

        try:
            wait_until(seen, name=f"{expect!r} to appear", timeout=self.timings.expect_timeout)
        except WaitTimeout as err:
            raise ActionFailed(f"{err}; the step was done but the application does not show it") from err
        return Effect.SEEN

    # --- when an anchor is gone ----------------------------------------------------------

    def _repair(
        self,
        n: int,
        total: int,
        step: Step,
        skill: Skill,
        values: Mapping[str, str],
        what: str,
        err: TargetNotFound | TargetAmbiguous,
        window: Window,
        started: float,
    ) -> StepReport:
        """Ask the policy for one action in place of the step; nothing was sent for the step yet."""
        if self.policy is None or not isinstance(step, (ClickStep, TypeStep)):
            raise err
        obs = self.observer.observe(window=window)
        # The policy sees "{pin}", never a value: the step as recorded, and why it failed.
        shown = self._action(step, {p.name: "{" + p.name + "}" for p in skill.params}, window, None)
        self._consults += 1
        request = f"replay the skill {skill.name!r}: step {n} of {total}, {what}"
        history = (Turn(Act(shown, step.expect), False, str(err).splitlines()[0]),)
        decision = self.policy.decide(Situation(request, obs, history))
        self._calls += decision.calls
        action = decision.action if isinstance(decision, Act) else None
        if isinstance(step, TypeStep) and isinstance(action, TypeText):
            action = replace(action, text=fill(step.text, values))  # the values are the user's, not the model's
        elif not (isinstance(step, ClickStep) and isinstance(action, Click)):
            err.message += f"; the model offered no repair ({describe(decision)})"
            raise err
        text = f"{what}, repaired: {describe_action(action)}"
        self._confirm(action, text, n, lambda: self.pictured(step, skill), self.confirm_repair)
        outcome = self._admitted(lambda: self.actor.perform(action, expect=step.expect), action, text)
        return StepReport(n, total, text, "repair", outcome.verdict.value, ms_since(started), outcome.point)

    def _screenshot(self, skill: Skill, n: int) -> Path | None:
        """The failing step's window alone (never the whole desktop), with the fields secrets went into painted.

        None when the step never found its window: there is nothing of the skill's to show.
        """
        window = self._window_now
        if self.shots is None or window is None:
            return None
        region = window.box.intersect(self.desktop.screen.bounds)
        if region is None:
            return None
        image = self.desktop.screen.grab(region).convert("RGB")
        draw = ImageDraw.Draw(image)
        for box in self._secret_fields:
            inside = box.intersect(region)
            if inside is not None:
                draw.rectangle(inside.crop_in(region), fill=(0, 0, 0))
        self.shots.mkdir(mode=0o700, parents=True, exist_ok=True)
        slug = re.sub(r"[^\w.-]+", "_", skill.name)
        path = self.shots / f"{time.strftime('%Y%m%d-%H%M%S')}-{slug}-step{n}.png"
        image.save(path)
        return path
