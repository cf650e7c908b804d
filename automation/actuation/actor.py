"""Ground, act, verify: one action from a named target to a checked result.

The same road serves the CLI's ``act`` commands now and the agent loop and skill
replay later. Every synthesized event passes the safety gate first.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image, ImageChops

from automation.actuation.icons import named_icon
from automation.actuation.menus import NOT_MENUS, click_in_menu, click_watching_menus, menu_under
from automation.actuation.popups import drops_from, list_opened, new_popups, raise_list_opened
from automation.actuation.readback import ReadBack, inner_box, read_field
from automation.actuation.safety import SafetyGate
from automation.actuation.tooltips import wait_out_tooltips
from automation.actuation.verify import Effect, changed, settle, wait_for_change
from automation.audit import Audit
from automation.desktop import Desktop
from automation.errors import ActionFailed, DeskhandError, MisreadSuspected, Refused, TargetNotFound, WindowClosed
from automation.grounding.fields import (
    FIELD_KINDS,
    TYPED_KINDS,
    click_point,
    hint_box,
    named_mark,
    naming_fields,
    paired_field,
    spot_beside,
    typing_point,
)
from automation.grounding.match import Match, candidates, lookalike, resolve_pressable
from automation.perception.controls import INSET, second_look
from automation.perception.observe import Observer, ms_since, observe_after
from automation.perception.widgets import displays
from automation.protocols import IconNames, OcrEngine
from automation.timings import DEFAULT_TIMINGS, Timings, WaitTimeout, wait_until
from automation.types import Action, Box, Click, Element, Key, Observation, Target, TextSpan, TypeText, Window

SURE_TO_CLICK = 70.0  # OCR confidence under which a label is read again before it is clicked
MARGIN = 3  # pixels around a word read again
FOCUS_REACH = (80, 14)  # half width and height around a clicked field where its caret or focus ring shows
RING = 3  # pixels around a field where its focus ring is drawn
HOVER_WAIT = 0.15  # seconds a field may take to draw itself under the pointer (Chromium: one frame)
TYPED_INTO = ("text", "combo")  # controls whose content is read back after typing
MENU_BAR_ROW = 48  # pixels below a window's top where its menu bar's titles stand
SELECT_LINE = ("End", "shift+Home")  # selects a single-line entry's text in every toolkit tried
COMMIT_CELL = "Tab"  # ends a grid cell's edit (the grid keeps the value) and moves to the next cell
MARK_REACH = 6  # pixels around a check box or radio button where its hover and focus ring are drawn


@dataclass(frozen=True)
class Outcome:
    """What was done and what the screen showed afterwards."""

    action: Action
    window: str
    verdict: Effect
    element: str | None = None
    point: tuple[int, int] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    # The window acted in closed on the action (a dialog's Save): the titles of the windows open
    # afterwards, where what it did may show (the main window titled with the saved file's name).
    closed: tuple[str, ...] | None = None


Grounding = tuple[str | None, tuple[int, int] | None, Window, Element | None]  # label, point, window, control
BeforeAct = Callable[[tuple[int, int] | None, Window], None]  # (the point about to be acted on, its window)


def field_spot(crop: Image.Image, label: Box, area: Box, outlines: list[Box]) -> tuple[tuple[int, int], Box] | None:
    """``spot_beside`` on a window's picture ``crop`` (of ``area``) for a label no recognised
    control took. A multi-line field is taller than any outlined control: its light panel, set
    off all round, counts as an outline, since on a window as white as the field (a web page)
    only its border shows where it is."""
    panels = [p.shifted(area.x, area.y) for p in displays(crop)]
    return spot_beside(np.asarray(crop), label, area, [*outlines, *panels])


class Actor:
    def __init__(
        self,
        desktop: Desktop,
        observer: Observer,
        gate: SafetyGate,
        timings: Timings = DEFAULT_TIMINGS,
        before_act: BeforeAct = lambda point, window: None,
        audit: Audit | None = None,
        icons: IconNames | None = None,
    ) -> None:
        self.desktop = desktop
        self.icons = icons  # pictures named by their tooltips, kept for the next look
        self.audit = audit or Audit()  # every action sent or refused is told to it
        self.observer = observer
        self.gate = gate
        self.timings = timings
        # Told once the target is found and before anything is sent (the panel rings it);
        # it returns before the screen is grabbed for verifying, so nothing it shows is read.
        self.before_act = before_act

    def perform(self, action: Action, expect: str | None = None) -> Outcome:
        """Do ``action``; with ``expect``, succeed only once that text is on screen."""
        clock: dict[str, float] = {}
        t = time.perf_counter()
        window_name = action.target.window if isinstance(action, Click) else action.window
        if isinstance(action, TypeText) and action.into is not None:
            # a field named in a window is looked for there (a run reads only its own windows otherwise)
            window_name = action.into.window or window_name
        # A run that named its window reads that window, by id, whatever the action calls it.
        looked_at = self.gate.targets.held or window_name
        obs = look(self.observer, looked_at, lambda hidden: self.bring_forward(hidden, action), self.clear_tooltips)
        clock["observe_ms"] = ms_since(t)

        t = time.perf_counter()
        element, point, window, field = self._ground(action, obs)
        clock["ground_ms"] = ms_since(t)
        self.admissible(action, window)  # before anything, raising it included: it may not be ours to touch
        self.before_act(point, window)

        t = time.perf_counter()
        self.focus(window)
        if isinstance(action, Click) and point is not None and field is not None and field.checked is not None:
            # A mark's click is judged by what else changed too (``toggled``): the pointer rests
            # on the mark first, and the window settles, so that a widget the pointer leaves (its
            # hover) or the window's repaint on being raised are over before the picture.
            self.desktop.input.move(*point)
            settle(self.desktop.screen, window.box.intersect(self.desktop.screen.bounds) or window.box, self.timings)
        before = self.desktop.screen.grab()
        # A field not seen focused must show the click before the first key: under load Chromium
        # drew a grid cell's focus after 0.5 s, and the first key went into the cell before it.
        wait = self.timings.unfocused_timeout if field is not None and not field.focused else None
        self.send(action, point, window, field, isinstance(action, TypeText) and action.over, wait)
        clock["act_ms"] = ms_since(t)

        t = time.perf_counter()
        already = expect is not None and bool(candidates(expect, list(obs.spans)))
        if isinstance(action, TypeText) and action.text and field is not None and field.kind in TYPED_INTO:
            # The field's own content is the verdict: a window that changed somewhere proves nothing.
            ReadBack(self, field, window, obs).check(action.text)
            self._dismiss_completion(obs.windows, field, window, action.text, obs)
            if field.cell:
                self.commit_cell(field, window, obs, action.text)
            clock["read_back_ms"] = ms_since(t)
            verdict = self.verify(expect, already, before) if expect is not None else Effect.SEEN
            clock["verify_ms"] = ms_since(t)
            return Outcome(action, window.title, verdict, element, point, clock, self.closed_since(window))
        verdict = self.verify(expect, already, before)
        clock["verify_ms"] = ms_since(t)
        if isinstance(action, TypeText) and action.into is None and element is None:
            element = focused_label(obs, window)
        if isinstance(action, TypeText) and verdict is Effect.UNCHANGED and action.text:
            raise ActionFailed(
                f"typed {len(action.text)} characters into {window.title!r} but nothing changed on screen",
                "check that the field accepts input and is not disabled",
            )
        if isinstance(action, Click) and field is not None and field.checked is not None and expect is None:
            try:
                verdict = self.toggled(field, window, verdict, before)
            except WindowClosed as err:
                # No check box closes its window: what was taken for one was something else (the
                # icon on a dialog's Save button), and the click did what that button does. The
                # window was gone when its mark was looked at again, after the click: a change.
                return Outcome(action, window.title, Effect.CHANGED, element, point, clock, tuple(err.open_now or ()))
        elif isinstance(action, Click) and action.target.field and field is not None:
            self._await_list(obs.windows)
        return Outcome(action, window.title, verdict, element, point, clock, self.closed_since(window))

    def closed_since(self, window: Window) -> tuple[str, ...] | None:
        """The titles of the windows open now if ``window`` is gone (the action closed it), else None."""
        listed = self.desktop.windows.list()
        if any(w.id == window.id for w in listed):
            return None
        return tuple(self.gate.others(listed))

    def _dismiss_completion(
        self, before: Sequence[Window], field: Element, window: Window, text: str, obs: Observation
    ) -> None:
        """Close a list the typing dropped from the field (a completion of what was typed), as a
        person does before going on: left open, it takes the next click outside it only to close
        (HomeBank's payee: "Add" was clicked, the list closed, nothing was added, and the run went
        on). Escape goes to the list, which has the keys while open; the field must still show the
        text afterwards."""
        dropped = [p for p in new_popups(before, self.desktop.windows.list()) if drops_from(p.box, field.box)]
        if not dropped:
            return
        self.gate.check(window, done=f"typed {len(text)} characters; then the focus left the window")
        self.desktop.input.key("Escape")
        gone = {p.id for p in dropped}
        try:
            wait_until(
                lambda: not any(p.id in gone for w in self.desktop.windows.list() for p in w.popups),
                name="the completion list to close",
                timeout=self.timings.popup_timeout,
            )
        except WaitTimeout as err:
            raise ActionFailed(
                f"typed {len(text)} characters into {field.label!r}, and the list it dropped stays open",
                "choose from the list or close it, then go on",
            ) from err
        if not ReadBack(self, field, window, obs).holds(text):
            raise ActionFailed(
                f"typed {len(text)} characters into {field.label!r}, but once the list it dropped was closed "
                "the field no longer shows them",
                "check the field",
            )

    def _await_list(self, before: Sequence[Window]) -> None:
        """Wait a little for the list a click on a field opens to map. GTK's combo list came after
        the combo drew itself pressed, and after the next look: the run went on without choosing
        and posted the form with the combo's old item (CI, under load). A list drawn inside its
        window (Swing's) maps no pop-up: then the wait ends at its timeout. Once mapped, the list
        is waited on until it is still: its items are painted after it maps."""
        try:
            opened = wait_until(
                lambda: new_popups(before, self.desktop.windows.list()),
                name="the field's list to open",
                timeout=self.timings.popup_timeout,
            )
        except WaitTimeout:
            return
        # mapped is not drawn: a loaded machine maps the list first and paints its items after
        screen = self.desktop.screen
        settle(screen, opened[0].box.intersect(screen.bounds) or screen.bounds, self.timings)

    def commit_cell(self, cell: Element, window: Window, before: Observation, text: str) -> None:
        """Commit what was typed into a grid's cell, and check the grid kept it.

        Typing goes into an editor laid over the cell; the grid takes the value only when
        the edit ends. Tab ends it in every grid tried (Qt's table, Swing's JTable) and
        moves on to the next cell, as a person filling a row does; the cell must still
        show the text afterwards, drawn by the grid itself (read once the editor has gone:
        read before that, it shows the editor's text).
        """
        screen = self.desktop.screen
        region = window.box.intersect(screen.bounds) or screen.bounds
        shown = screen.grab(region)
        self.send(Key(COMMIT_CELL, window.title), None, window)
        wait_for_change(screen, region, shown, self.timings)
        check = ReadBack(self, cell, window, before)
        if not check.holds(text):
            raise ActionFailed(
                f"typed {len(text)} characters into the cell {cell.label!r} in {window.title!r}, but after "
                f"{COMMIT_CELL} ended the edit it shows {check.seen!r}",
                "the grid refused the value or did not keep it: check the cell's format",
            )

    def toggled(self, mark: Element, window: Window, verdict: Effect, before: Image.Image) -> Effect:
        """A check box must show the other state after its click, a radio button the ticked one.

        Seen in the old state after the wait, with nothing else in the window changed: the
        click did not take (exit 1). Not seen at all (a tick can hide the box's outline from
        the shape finder), or something else in the window changed (what looked like a mark
        was an icon: jEdit's tab shows a small square before the file's name, and a click on
        it selects the tab): the change verdict stands.
        """
        wanted = True if mark.kind == "radio" else not mark.checked
        states: list[bool | None] = []

        def shows_it() -> bool:
            now = observe_after(self.observer, window, f"clicked {mark.label!r}").elements
            states[:] = [e.checked for e in now if e.kind == mark.kind and e.box.intersect(mark.box)]
            return wanted in states

        try:
            wait_until(shows_it, name=f"{mark.label!r} to show it was clicked", timeout=self.timings.verify_timeout)
        except WaitTimeout as err:
            if (not wanted) in states and not self._changed_apart(before, window, mark.box):
                state = "ticked" if wanted else "cleared"
                raise ActionFailed(f"clicked {mark.label!r} but it does not show {state}", "click it yourself") from err
            return verdict
        return Effect.SEEN

    def _changed_apart(self, before: Image.Image, window: Window, mark: Box) -> bool:
        """Whether ``window`` changed since ``before`` (a whole-screen grab) away from ``mark``:
        its own hover and focus ring are drawn within a few pixels of it."""
        screen = self.desktop.screen
        region = window.box.intersect(screen.bounds)
        if region is None:
            return False
        local = region.shifted(-screen.bounds.x, -screen.bounds.y)
        was = before.crop((local.x, local.y, local.right, local.bottom))
        now = screen.grab(region)
        around = mark.grown(MARK_REACH).shifted(-region.x, -region.y)
        for picture in (was, now):
            picture.paste((0, 0, 0), (around.x, around.y, around.right, around.bottom))
        return changed(was, now)

    def _ground(self, action: Action, obs: Observation) -> Grounding:
        target = action.target if isinstance(action, Click) else action.into if isinstance(action, TypeText) else None
        if target is None:
            named = action.window if isinstance(action, (Key, TypeText)) else None
            held = self.gate.targets.held
            if held is not None:
                window = next((w for w in obs.windows if w.id == held.id), None)
            else:
                window = obs.window_named(named) if named else self._untargeted(obs)
            if window is None:
                raise Refused("no active window to send input to", "name one with --window TITLE")
            return None, None, window, None
        if self.gate.targets.held is not None:
            target = replace(target, window=None)  # only the held window was read, whatever it is called now
        spans = list(obs.spans)
        kinds = TYPED_KINDS if isinstance(action, TypeText) else FIELD_KINDS
        if isinstance(action, TypeText) or target.field:
            spans = naming_fields(target.label, spans, obs.elements, kinds)
        clicked = isinstance(action, Click) and not target.field
        buttons = [e.box for e in obs.elements if e.kind == "button"] if clicked else []
        try:
            match = resolve_pressable(target, spans, buttons)
        except TargetNotFound as err:
            if not clicked:
                raise
            return self._icon_named(target, obs, err)
        window = obs.window_of(match.span)
        if isinstance(action, Click) and not target.field:
            self.look_again_at(target.label, match, obs)
            mark = named_mark([e for e in obs.elements if e.window == window.title], match.box)
            if mark is not None:
                # The label of a check box or radio button: its mark is clicked, as a person does,
                # and must then show the new state. A web page's text beside a box is no <label>:
                # clicking it left the box as it was, and the click passed because the pointer's
                # move changed a pixel somewhere.
                return match.span.text, self.desktop.to_input(*click_point(mark)), window, mark
            if greyed_out(obs, window, match.box):
                self._until_enabled(match, window)
            return match.span.text, self.desktop.to_input(*match.box.center), window, None
        # The control this label names, wherever the label stands (left, above, inside, right).
        field = paired_field([e for e in obs.elements if e.window == window.title], match.box, kinds)
        if field is not None:
            point = typing_point(field) if isinstance(action, TypeText) else click_point(field)
            return match.span.text, self.desktop.to_input(*point), window, field
        crop = obs.image.crop(window.box.crop_in(self.desktop.screen.bounds))
        outlines = [b for b in obs.outlines if window.box.contains(*b.center)]
        hinted = hint_box(np.asarray(crop.convert("RGB")), match.box, window.box, outlines)
        if hinted is not None:
            # the label is the grey hint an empty box shows: that box is the field (no read of it: the hint is no value)
            cell = Element("text", hinted, label=match.span.text, label_box=match.box, window=window.title)
            return match.span.text, self.desktop.to_input(*typing_point(cell)), window, cell
        found = field_spot(crop, match.box, window.box, outlines)
        if found is None:
            raise TargetNotFound(
                f"field for {target.label}",
                [match.span.text],
                where=f"{window.title!r} (no entry right of or below the label)",
            )
        # No control was recognised there: the stretch found beside the label stands in for
        # one, so what it holds is typed over and what is typed is read back, never taken on
        # trust because the window changed (a prefilled name once took typing in its middle).
        spot, box = found
        holds = " ".join(s.text for s in obs.spans if s.window == window.title and box.contains(*s.box.center))
        if not holds:
            # The window's reading may miss what such a field holds (NEdit's Save As name, "note.txt"
            # inside a thick focus border): read on its own crop, so that it is typed over. Taken
            # for empty, it was typed into at the click, after its first letter: "nrenamed.txtote.txt"
            # in 7 of 7 traced runs, mended only by the read-back's retry (which failed once under load).
            inner = inner_box(Element("text", box))
            holds = read_field(obs.image.crop(inner.crop_in(self.desktop.screen.bounds)), self.observer.ocr)
        guessed = Element("text", box, label=match.span.text, text=holds, label_box=match.box, window=window.title)
        return match.span.text, self.desktop.to_input(*spot), window, guessed

    def _icon_named(self, target: Target, obs: Observation, err: TargetNotFound) -> Grounding:
        """No word names the click's target: a picture whose tooltip does (a toolbar's icon), else ``err``."""
        held = self.gate.targets.held
        if held is not None:
            window = next((w for w in obs.windows if w.id == held.id), None)
        else:
            window = obs.window_named(target.window) if target.window else self._untargeted(obs)
        if window is None or obs.active is None or obs.active.id != window.id or self.gate.own(window):
            raise err  # hovering over a window that another covers would ask that one
        answer = named_icon(self, window, obs, target.label)
        if self.icons is not None:  # the next look names them with no pointer moved
            self.icons.learn(window.app, [(i.likeness, i.name) for i in answer.asked])
        if answer.found is None:
            if not answer.asked:
                raise err
            raise TargetNotFound(
                target.label,
                [*err.candidates, *(i.name for i in answer.asked)],
                where=f"{window.title!r} (nor in the tooltips of its {len(answer.asked)} pictures that show one)",
            ) from err
        return answer.found.name, self.desktop.to_input(*answer.found.box.center), window, None

    def _untargeted(self, obs: Observation) -> Window | None:
        """Where keys and typing with no window named go: the active window, unless that is
        Deskhand's own or its terminal (the command was just typed there): then the run's target."""
        active, targets = obs.active, self.gate.targets
        if active is not None and targets.own(active) and targets.target is not None:
            return next((w for w in obs.windows if w.id == targets.target.id), active)
        return active

    def _until_enabled(self, match: Match, window: Window) -> None:
        """Wait a moment for a greyed-out button to be enabled, then refuse its click: it does
        nothing, and a click that changed nothing was "unchanged", exit 0 (Wine notepad's
        Replace All before anything was typed)."""
        try:
            wait_until(
                lambda: not greyed_out(self.observer.observe(window=window), window, match.box),
                name=f"{match.span.text!r} to be enabled",
                timeout=self.timings.enabled_timeout,
            )
        except WaitTimeout as err:
            raise ActionFailed(
                f"{match.span.text!r} is greyed out (disabled) in {window.title!r}: a click on it does nothing",
                "fill in what it needs first; it is enabled once the window allows it",
            ) from err

    def look_again_at(self, query: str, match: Match, obs: Observation) -> None:
        """The misread guard (``look_again``) for a matched label about to be clicked."""
        if not needs_second_look(match.span):
            return
        box = match.span.box
        if box in obs.outlines:  # a button: read inside its border, which OCR reads as "|" or "I"
            region = Box(box.x + INSET, box.y + INSET, box.w - 2 * INSET, box.h - 2 * INSET)
        else:  # a word: with a margin, so its first and last letters are whole
            region = Box(box.x - MARGIN, box.y - MARGIN, box.w + 2 * MARGIN, box.h + 2 * MARGIN)
        region = region.intersect(self.desktop.screen.bounds) or box
        region = beside_marks(region, [e.box for e in obs.elements if e.kind in ("check", "radio")])
        look_again(query, match.span, self.desktop.screen.grab(region), self.observer.ocr)

    def clear_tooltips(self) -> bool:
        """Move the pointer off a tooltip left open and wait it out; whether one was (what was read
        while it showed is stale)."""
        return wait_out_tooltips(self.desktop, self.timings)

    def bring_forward(self, window: Window, action: Action | None = None) -> None:
        """Raise ``window`` (for ``action``: never another application's window for an action refused
        anyway), and wait until its picture is still: raised is not yet repainted, and a look taken
        before the repaint still sees the other window's pixels there (CI: exit 4 once)."""
        if action is not None:
            self.admissible(action, window)
        self.focus(window)
        screen = self.desktop.screen
        settle(screen, window.box.intersect(screen.bounds) or window.box, self.timings)

    def focus(self, window: Window) -> None:
        """Bring ``window`` to the front and wait until the window manager says it is active."""
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

    def send(
        self,
        action: Action,
        point: tuple[int, int] | None,
        window: Window,
        field: Element | None = None,
        select: bool = False,
        focus_wait: float | None = None,
    ) -> None:
        """Send ``action`` (at ``point``) through the safety gate, into the audit trail; verifying is the caller's.

        With ``select``, typing first selects what ``field`` holds, to type over it (a retry).
        ``focus_wait`` is how long typing after its click may wait for the field to show focus,
        when the caller knows the field did not have it (then it must show a change).
        """
        try:
            self._send(action, point, window, field, select, focus_wait)
        except DeskhandError as err:
            self.audit.record(action, window.title, window.app, f"refused: {err.message}")
            raise
        self.audit.record(action, window.title, window.app, "sent")

    def admissible(self, action: Action, window: Window) -> None:
        """The gate's application check, before the window is even raised: a window of another
        application (or Deskhand's own) is not brought to the front for an action refused anyway."""
        try:
            if self.gate.own(window) or self.gate.targets.own(window):
                self.gate.check(window)  # says why, in the gate's words
            self.gate.targets.check(window)
        except DeskhandError as err:
            self.audit.record(action, window.title, window.app, f"refused: {err.message}")
            raise

    def scroll(self, dy: int, point: tuple[int, int], window: Window) -> None:
        """Scroll by ``dy`` notches at ``point`` (input pixels) through the safety gate, into the audit trail."""
        try:
            self.gate.check(window)
            self.desktop.input.scroll(dy, *point)
        except DeskhandError as err:
            self.audit.record_scroll(dy, window.title, window.app, f"refused: {err.message}")
            raise
        self.audit.record_scroll(dy, window.title, window.app, "sent")

    def _send(
        self,
        action: Action,
        point: tuple[int, int] | None,
        window: Window,
        field: Element | None,
        select: bool,
        focus_wait: float | None = None,
    ) -> None:
        gate, input = self.gate, self.desktop.input
        if isinstance(action, Click):
            assert point is not None
            gate.check(window, point=point)
            scale = self.desktop.scale
            shown = (round(point[0] * scale), round(point[1] * scale))
            menus, to_input = (lambda: self.menus_of(window)), self.desktop.to_input
            check = lambda at: gate.check(window, point=at)  # noqa: E731 - the gate, before each press or release
            if action.clicks == 1 and menu_under(window, shown) is not None:
                # an item of an open menu: the release must land on it, not in a sub-menu it posts
                click_in_menu(input, window, point, shown, menus, check, action.button, to_input)
            elif action.clicks == 1 and self._in_menu_bar(shown, window, self._on_title(action, shown, window, field)):
                # a menu's title: where its menu cannot open below, it may open under the pointer;
                # and a menu open only while the button is held closes as it comes up
                click_watching_menus(input, window, point, shown, menus, check, action.button, to_input)
            else:
                input.click(*point, button=action.button, clicks=action.clicks)
        elif isinstance(action, TypeText):
            bad = input.typeable(action.text)
            if bad:
                raise Refused(f"cannot type {bad!r} with the current keyboard layout; nothing was typed")
            if point is not None:
                # a combo box may be a drop-down list (a text field's click may show its completions)
                drop_down = field is not None and field.kind == "combo"
                had = self.desktop.windows.list() if drop_down else []
                self._click_to_focus(point, window, field.box if field is not None else None, focus_wait)
                if drop_down and field is not None:
                    self._no_list_opened(had, field, window)
            if field is not None and field.kind in TYPED_INTO and (select or field.text.strip()):
                # A field that already shows something (a prefilled 0.00) is filled, not appended to.
                for combo in SELECT_LINE:
                    gate.check(window, done="selecting the field's text before typing")
                    input.key(combo)
            for i, char in enumerate(action.text):
                gate.check(window, done=f"typed {i} of {len(action.text)} characters")
                input.type(char)
        else:
            gate.check(window)
            try:
                input.key(action.combo)
            except ValueError as err:
                raise Refused(str(err), "use names such as ctrl+s, alt+f, Return, Escape, Tab, F5") from err

    def _no_list_opened(self, before: Sequence[Window], field: Element, window: Window) -> None:
        """A field whose click opened a list is chosen from: keys typed now would pick in the list
        (type-ahead), not fill a field. zenity's combo, typed "Train" into, kept "Bus", and the
        list's own item drawn over the combo read back as typed."""
        if list_opened(before, self.desktop.windows.list(), field.box) is not None:
            raise_list_opened(self.gate, self.desktop.input, field, window)

    def _in_menu_bar(self, shown: tuple[int, int], window: Window, title: bool) -> bool:
        """Whether ``shown`` is in ``window``'s first row (where its menu bar is), and either in the
        screen's lower half, where a menu too tall to open below its title opens over it, or on
        what may be a menu's ``title``, whose Athena menu closes as the button comes up. Elsewhere
        a click pays nothing for the watch (up to 0.15 s each: a bulk replay clicks Submit and Yes
        low on the screen for every row), and a field is clicked at once: GTK's combo opens its list
        on the press, and a release 0.15 s later picks the item under the pointer."""
        bounds = self.desktop.screen.bounds
        in_row = 0 <= shown[1] - window.box.y <= MENU_BAR_ROW
        return in_row and (title or shown[1] >= bounds.y + bounds.h // 2)

    @staticmethod
    def _on_title(action: Click, shown: tuple[int, int], window: Window, field: Element | None) -> bool:
        """Whether a click may be on a menu's title: on a label, no field's and no open pop-up's."""
        return not action.target.field and field is None and not any(p.box.contains(*shown) for p in window.popups)

    def menus_of(self, window: Window) -> list[Window]:
        """``window``'s open menus as they are now (the window list's pop-up scan)."""
        now = next((w for w in self.desktop.windows.list() if w.id == window.id), None)
        return [p for p in now.popups if p.kind not in NOT_MENUS] if now is not None else []

    def _click_to_focus(
        self, point: tuple[int, int], window: Window, box: Box | None = None, wait: float | None = None
    ) -> None:
        """Click a field, then wait until it shows focus before the first key goes out.

        A window manager that focuses on click holds the click until it has handled it,
        while a key sent right after goes straight to the application: under load the
        first character arrived before the click and was lost ("2.50" for "42.50").
        A field already focused shows nothing new; then the wait ends at its timeout.
        """
        screen = self.desktop.screen
        x, y = point
        near = Box(x - FOCUS_REACH[0], y - FOCUS_REACH[1], 2 * FOCUS_REACH[0], 2 * FOCUS_REACH[1])
        if box is not None:  # the field itself and its focus ring around it
            near = Box(box.x - RING, box.y - RING, box.w + 2 * RING, box.h + 2 * RING)
        region = near.intersect(screen.bounds) or near
        before = screen.grab(region)
        self.gate.check(window, point=point)
        if wait is not None:  # a field seen without the focus, whose click must show
            before = self._under_pointer(point, region, before)
            self.gate.check(window, point=point)
        self.desktop.input.click(x, y)
        with contextlib.suppress(WaitTimeout):
            wait_until(
                lambda: focus_shown(before, screen.grab(region)),
                name="the clicked field to show focus",
                timeout=self.timings.focus_timeout if wait is None else wait,
            )

    def _under_pointer(self, point: tuple[int, int], region: Box, before: Image.Image) -> Image.Image:
        """The field's picture once the pointer rests on it. A web page's field darkens its border
        under the pointer (GTK's, Qt's and Tk's show nothing): taken for the click's focus, that
        change let the keys out before a loaded browser took the click, and they went into the
        field before. A field that reacts to the pointer does so at once; the rest pay
        ``HOVER_WAIT``."""
        screen = self.desktop.screen
        self.desktop.input.move(*point)
        try:
            wait_until(
                lambda: focus_shown(before, screen.grab(region)),
                name="the field to react to the pointer",
                timeout=HOVER_WAIT,
            )
        except WaitTimeout:
            return before
        settle(screen, region, self.timings)
        return screen.grab(region)

    def verify(self, expect: str | None, already: bool, before: Image.Image) -> Effect:
        """Wait for a change, or for ``expect`` to show.

        Text that was on screen before the action ("Ready", "Saved claim 1") proves
        nothing by being there after it: then the screen must also have changed.
        """
        screen = self.desktop.screen
        if expect is None or already:
            verdict = wait_for_change(screen, screen.bounds, before, self.timings)
            if expect is None:
                return verdict
            if verdict is Effect.UNCHANGED:
                raise ActionFailed(f"{expect!r} was already on screen before the action, and nothing changed")
        try:
            wait_until(
                lambda: candidates(expect, list(self.observer.observe().spans)),
                name=f"{expect!r} to appear",
                timeout=self.timings.verify_timeout,
            )
        except WaitTimeout as err:
            raise ActionFailed(f"{err}; the action was sent but the screen does not show it") from err
        return Effect.SEEN


def greyed_out(obs: Observation, window: Window, label: Box) -> bool:
    """Whether the label at ``label`` is that of a button drawn greyed out (disabled)."""
    x, y = label.center
    return any(
        e.kind == "button" and not e.enabled and e.box.contains(x, y) for e in obs.elements if e.window == window.title
    )


def look(
    observer: Observer,
    window: str | Window | None,
    bring_forward: Callable[[Window], None],
    clear_tooltips: Callable[[], bool],
) -> Observation:
    """What ``window`` shows as a person would look at it: raised when another application's window
    covers it (``observe_in_front``), and with no tooltip left over it (galculator's "Save to
    memory", opened under the pointer where it rested, hid five keys, and the run saw no keypad)."""
    clear_tooltips()
    obs = observe_in_front(observer, window, bring_forward)
    if clear_tooltips():
        obs = observer.observe(window=window)  # one opened while the screen was read
    return obs


def observe_in_front(
    observer: Observer, looked_at: str | Window | None, bring_forward: Callable[[Window], None]
) -> Observation:
    """What the window looked at shows, brought forward first when another application's window
    covers part of it: its words under the other are not on screen, and a person raises the
    window they mean before working in it (jEdit, named with --window behind another program's
    window, ended exit 4: "no element labelled ...")."""
    obs = observer.observe(window=looked_at)
    hidden = covered(obs) if looked_at is not None else None
    if hidden is None:
        return obs
    try:
        bring_forward(hidden)
    except ActionFailed:
        return obs  # the window manager kept it under: what shows of it is all there is, as before
    return observer.observe(window=looked_at)


def covered(obs: Observation) -> Window | None:
    """The one window read (``obs.read``) when a window of another application stands over
    part of it. Its own dialogs and pop-ups over it are its state, never raised past."""
    if len(obs.read) != 1:
        return None
    for i, window in enumerate(obs.windows):  # top-most first
        if window.id == obs.read[0]:
            over = [w for w in obs.windows[:i] if w.box.intersect(window.box) and not w.same_application(window)]
            return window if over else None
    return None


def focused_label(obs: Observation, window: Window) -> str | None:
    """The label of the field that had the keyboard focus: where typing without a click went."""
    field = next((e for e in obs.elements if e.window == window.title and e.focused), None)
    return field.label or None if field is not None else None


def beside_marks(region: Box, marks: list[Box]) -> Box:
    """``region`` without a check box or radio button at its left: read again, the mark's
    frame would be a glyph of the label ("(Send copy") and the label would not hold up."""
    for mark in marks:
        if mark.intersect(region) and mark.x <= region.x + MARGIN and mark.right < region.right - MARGIN:
            region = Box(mark.right + 1, region.y, region.right - mark.right - 1, region.h)
    return region


def needs_second_look(span: TextSpan) -> bool:
    return len(span.text) <= 1 or span.conf < SURE_TO_CLICK


def look_again(query: str, span: TextSpan, crop: Image.Image, ocr: OcrEngine) -> None:
    """The misread guard: read the element about to be clicked (``crop`` of ``span``) once
    more, on its own; it must still read as ``query``, the label the user asked for.

    OCR has read "÷" as "7" more surely than a real "9"; a wrong key pressed in a
    legacy form may not be undoable, so a label that does not hold up is not clicked.
    """
    seen = second_look(crop, ocr)

    def names_it(text: str) -> bool:
        return lookalike(text) == lookalike(span.text) or bool(candidates(query, [TextSpan(text, span.box, 100.0)]))

    # Most readings must still name the target: one rendering may stumble on an icon.
    if sum(map(names_it, seen)) * 2 <= len(seen) or not seen:
        raise MisreadSuspected(span.text, seen[0] if seen else None, span.box.center)


def focus_shown(before: Image.Image, after: Image.Image) -> bool:
    """Any difference at all: a caret is a thin change, and here it is the one we want."""
    return ImageChops.difference(before, after).getbbox() is not None
