"""Ground, act, verify: one action from a named target to a checked result.

The same road serves the CLI's ``act`` commands now and the agent loop and skill
replay later. Every synthesized event passes the safety gate first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from automation.actuation.safety import SafetyGate
from automation.actuation.verify import Verdict, wait_for_change
from automation.desktop import Desktop
from automation.errors import ActionFailed, Refused, TargetNotFound
from automation.grounding.fields import field_beside
from automation.grounding.match import candidates, resolve
from automation.perception.observe import Observer, ms_since
from automation.timings import DEFAULT_TIMINGS, Timings, WaitTimeout, wait_until
from automation.types import Action, Click, Key, Observation, TypeText, Window


@dataclass(frozen=True)
class Outcome:
    """What was done and what the screen showed afterwards."""

    action: Action
    window: str
    verdict: Verdict
    element: str | None = None
    point: tuple[int, int] | None = None
    timings: dict[str, float] = field(default_factory=dict)


class Actor:
    def __init__(
        self, desktop: Desktop, observer: Observer, gate: SafetyGate, timings: Timings = DEFAULT_TIMINGS
    ) -> None:
        self.desktop = desktop
        self.observer = observer
        self.gate = gate
        self.timings = timings

    def perform(self, action: Action, expect: str | None = None) -> Outcome:
        """Do ``action``; with ``expect``, succeed only once that text is on screen."""
        clock: dict[str, float] = {}
        t = time.perf_counter()
        window_name = action.target.window if isinstance(action, Click) else action.window
        obs = self.observer.observe(window=window_name)
        clock["observe_ms"] = ms_since(t)

        t = time.perf_counter()
        element, point, window = self._ground(action, obs)
        clock["ground_ms"] = ms_since(t)

        t = time.perf_counter()
        self._focus(window)
        before = self.desktop.screen.grab()
        self._send(action, point, window)
        clock["act_ms"] = ms_since(t)

        t = time.perf_counter()
        already = expect is not None and bool(candidates(expect, list(obs.spans)))
        verdict = self._verify(expect, already, before)
        clock["verify_ms"] = ms_since(t)
        if isinstance(action, TypeText) and verdict is Verdict.UNCHANGED and action.text:
            raise ActionFailed(
                f"typed {len(action.text)} characters into {window.title!r} but nothing changed on screen",
                "check that the field accepts input and is not disabled",
            )
        return Outcome(action, window.title, verdict, element, point, clock)

    def _ground(self, action: Action, obs: Observation) -> tuple[str | None, tuple[int, int] | None, Window]:
        target = action.target if isinstance(action, Click) else action.into if isinstance(action, TypeText) else None
        if target is None:
            named = action.window if isinstance(action, (Key, TypeText)) else None
            window = obs.window_named(named) if named else obs.active
            if window is None:
                raise Refused("no active window to send input to", "name one with --window TITLE")
            return None, None, window
        match = resolve(target, list(obs.spans))
        window = next(w for w in obs.windows if w.title == match.span.window)
        if isinstance(action, Click) and not target.field:
            return match.span.text, self.desktop.to_input(*match.box.center), window
        crop = obs.image.crop(window.box.crop_in(self.desktop.screen.bounds))
        outlines = [b for b in obs.outlines if window.box.contains(*b.center)]
        spot = field_beside(np.asarray(crop), match.box, window.box, outlines)
        if spot is None:
            raise TargetNotFound(
                f"field for {target.label}",
                [match.span.text],
                where=f"{window.title!r} (no entry right of or below the label)",
            )
        return match.span.text, self.desktop.to_input(*spot), window

    def _focus(self, window: Window) -> None:
        active = self.desktop.windows.active()
        if active is not None and active.id == window.id:
            return
        self.desktop.windows.activate(window)
        try:
            wait_until(
                lambda: (a := self.desktop.windows.active()) is not None and a.id == window.id,
                name=f"window {window.title!r} to become active",
                timeout=self.timings.window_timeout,
            )
        except WaitTimeout as err:
            self.gate.check(window)  # says "closed" when it is gone
            raise ActionFailed(str(err), "the window manager refused to raise it; click it once yourself") from err

    def _send(self, action: Action, point: tuple[int, int] | None, window: Window) -> None:
        gate, input = self.gate, self.desktop.input
        if isinstance(action, Click):
            assert point is not None
            gate.check(window)
            input.click(*point, button=action.button, clicks=action.clicks)
        elif isinstance(action, TypeText):
            bad = input.typeable(action.text)
            if bad:
                raise Refused(f"cannot type {bad!r} with the current keyboard layout; nothing was typed")
            if point is not None:
                gate.check(window)
                input.click(*point)
            for i, char in enumerate(action.text):
                gate.check(window, done=f"typed {i} of {len(action.text)} characters")
                input.type(char)
        else:
            gate.check(window)
            try:
                input.key(action.combo)
            except ValueError as err:
                raise Refused(str(err), "use names such as ctrl+s, alt+f, Return, Escape, Tab, F5") from err

    def _verify(self, expect: str | None, already: bool, before: Image.Image) -> Verdict:
        """Wait for a change, or for ``expect`` to show.

        Text that was on screen before the action ("Ready", "Saved claim 1") proves
        nothing by being there after it: then the screen must also have changed.
        """
        screen = self.desktop.screen
        if expect is None or already:
            verdict = wait_for_change(screen, screen.bounds, before, self.timings)
            if expect is None:
                return verdict
            if verdict is Verdict.UNCHANGED:
                raise ActionFailed(f"{expect!r} was already on screen before the action, and nothing changed")
        try:
            wait_until(
                lambda: candidates(expect, list(self.observer.observe().spans)),
                name=f"{expect!r} to appear",
                timeout=self.timings.verify_timeout,
            )
        except WaitTimeout as err:
            raise ActionFailed(f"{err}; the action was sent but the screen does not show it") from err
        return Verdict.SEEN
