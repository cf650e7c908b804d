"""Run a menu's item in one gesture: press on the menu's title, move onto each item of the path
while the button is held, and let go on the last, as a person drags through a menu.

Athena's menus stay open only while the button is held (xfig's): a click on the title and then
one on its item cannot work there, and since round 16 that click fails, pointing to the
keyboard. Press, drag and release is what those menus are made for, and every other toolkit's
menu bar takes it too (GTK, Qt, Tk, Motif, Win32). Each menu is read once its picture is still,
its item found among its lines as a combo's item is (the likest line; two about as like it
pick neither); an item leading to a sub-menu posts it when the pointer rests on it. Anything
that goes wrong while the button is down lets it go where no menu is, so no item runs.
The gesture is done when the menus are gone after the release and the screen changed.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PIL import Image

from automation.actuation.choose import drawn, read_region, where_in
from automation.actuation.menus import closes, let_go_off_menus
from automation.errors import ActionFailed, DeskhandError
from automation.grounding.match import resolve_pressable
from automation.perception.observe import ms_since
from automation.timings import WaitTimeout, wait_until
from automation.types import Click, Target, Window

if TYPE_CHECKING:
    from automation.actuation.actor import Actor, Outcome

# a menu's picture is read sharp, then smoothed: xfig's bitmap courier items read whole only
# smoothed, its "(Meta-N)" column only sharp
BLURS = (0.0, 1.0)
MENU_WAIT = 1.0  # seconds a pressed title, or a rested-on item, may take to post its menu
POLL = 0.02


def run_menu_item(actor: Actor, title: Target, items: Sequence[str]) -> Outcome:
    """Press on the menu ``title``, drag through ``items`` (a sub-menu's item after the item
    that posts it) and release on the last one; the menus must then be gone."""
    from automation.actuation.actor import Outcome, look

    if not items:
        raise ValueError("a menu path needs an item after its title")
    started = time.perf_counter()
    held = actor.gate.targets.held  # a run that named its window reads it alone, whatever it is called now
    obs = look(actor.observer, held or title.window, lambda hidden: actor.bring_forward(hidden), actor.clear_tooltips)
    buttons = [e.box for e in obs.elements if e.kind == "button"]
    match = resolve_pressable(replace(title, window=None) if held else title, list(obs.spans), buttons)
    window = obs.window_of(match.span)
    path = " > ".join([match.span.text, *items])
    gesture = Click(Target(path, window.title))
    actor.admissible(gesture, window)
    point = actor.desktop.to_input(*match.box.center)
    actor.before_act(point, window)
    actor.focus(window)
    clock = {"observe_ms": ms_since(started)}
    started = time.perf_counter()
    before = actor.desktop.screen.grab()
    try:
        spot, posted = drag_through(actor, window, point, match.span.text, items, before)
    except DeskhandError as err:
        actor.audit.record(gesture, window.title, window.app, f"refused: {err.message}")
        raise
    finally:
        actor.gate.popups.pop(window.id, None)
    actor.audit.record(gesture, window.title, window.app, "sent")
    clock["act_ms"] = ms_since(started)
    started = time.perf_counter()
    if not closes(posted, lambda: actor.menus_of(window)):
        raise ActionFailed(
            f"let go on {items[-1]!r} and the menu stayed open: the item did not run",
            "look at the menu: the item may be greyed out, or lead to a sub-menu to name too",
        )
    verdict = actor.verify(None, False, before)
    clock["verify_ms"] = ms_since(started)
    return Outcome(gesture, window.title, verdict, path, spot, clock, actor.closed_since(window))


def drag_through(
    actor: Actor,
    window: Window,
    point: tuple[int, int],
    title: str,
    items: Sequence[str],
    before: Image.Image,
) -> tuple[tuple[int, int], list[Window]]:
    """Press at ``point``, move onto each of ``items`` in the menu that posts, release on the
    last: where it let go and the menus it posted. Lets go off the menus and raises when a menu
    does not post or shows no such item."""
    gate, input, screen = actor.gate, actor.desktop.input, actor.desktop.screen
    seen = {m.id for m in actor.menus_of(window)}
    posted: list[Window] = []
    at = point
    gate.check(window, point=at)
    input.press(*at)
    try:
        for depth, item in enumerate(items):
            menu = posted_menu(lambda: actor.menus_of(window), seen)
            opener = title if depth == 0 else items[depth - 1]
            if menu is None:
                raise ActionFailed(
                    f"{opener!r} posted no menu while the button was held",
                    "check that it is a menu's title (or an item with a sub-menu) and that it is enabled",
                )
            seen.add(menu.id)
            posted.append(menu)
            region = menu.box.intersect(screen.bounds) or menu.box
            gate.popups[window.id] = region  # the menu may hang past the window: clicks may land there
            drawn(actor, before, region)
            picture = screen.grab(region)
            found, lines = None, []
            for blur in BLURS:
                lines = read_region(actor, picture, region, blur)
                found = where_in(item, lines)
                if found is not None:
                    break
            if found is None:
                shown = ", ".join(repr(s.text) for s in lines[:12]) or "nothing readable"
                raise ActionFailed(
                    f"the menu {opener!r} posted shows no item {item!r} (it shows {shown})",
                    "name the item as the menu writes it",
                )
            at = actor.desktop.to_input(*found)
            gate.check(window, point=at, done=f"holding the button in the menu {opener!r}")
            input.move(*at)
        gate.check(window, point=at, done="holding the button on the menu's item")
        input.release(*at)
    except DeskhandError:
        # the button must come up whatever the gate says now: held, it would drag whatever comes next
        let_go_off_menus(
            input, window, [*actor.menus_of(window), *posted], at, lambda p: None, "left", actor.desktop.to_input
        )
        raise
    return at, posted


def posted_menu(menus_now: Callable[[], Sequence[Window]], seen: set[int]) -> Window | None:
    """The first menu not among ``seen`` to show within MENU_WAIT, or None."""
    with contextlib.suppress(WaitTimeout):
        return wait_until(
            lambda: next((m for m in menus_now() if m.id not in seen), None),
            name="a menu to post",
            timeout=MENU_WAIT,
            interval=POLL,
        )
    return None
