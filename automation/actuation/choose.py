"""Choose an item in a combo box by its text, and check that the closed combo shows it.

A combo's list is a pop-up that may reach past its window (and is no window of
the window manager's list). Where the X server maps it as a pop-up window of its
own, new since the click and hanging from the combo or drawn over it (GTK puts the
current item over the combo), that window is the list, read once its picture is
still; a list drawn inside its window (Swing's) is what changed on screen below or
above the combo. A long list is scrolled over; when the item
never shows, its text is typed (every toolkit's list selects by typing) and
Return pressed. Success is the closed combo showing the item, read on its own
crop: a window that changed somewhere is never enough.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PIL import Image, ImageChops

from automation.actuation.popups import list_opened
from automation.actuation.readback import inner_box, read_field
from automation.actuation.verify import Effect, changed, settle
from automation.errors import ActionFailed, TargetNotFound
from automation.grounding.fields import click_point, paired_field
from automation.grounding.match import CLEAR_WIN, FUZZY, candidates, every_word, resolve
from automation.perception.controls import render
from automation.perception.observe import unscaled
from automation.protocols import Screen
from automation.timings import WaitTimeout, wait_until
from automation.types import Box, Click, Element, Key, Target, TextSpan, TypeText, Window

if TYPE_CHECKING:
    from collections.abc import Sequence

    from automation.actuation.actor import Actor, Outcome

SCROLLS = 8  # times a long list is scrolled down before typing the item instead
SCALE = 2
POPUP_MIN = 12  # pixels: a pop-up is at least this tall and wide


def choose(actor: Actor, combo_label: Target, item: str) -> Outcome:
    """Open the combo named ``combo_label``, pick ``item``, and confirm the combo shows it."""
    from automation.actuation.actor import Outcome, observe_in_front

    held = actor.gate.targets.held  # a run that named its window reads it alone, whatever it is called now
    looked_at = held or combo_label.window
    obs = observe_in_front(actor.observer, looked_at, lambda hidden: actor.bring_forward(hidden, Click(combo_label)))
    match = resolve(replace(combo_label, window=None) if held else combo_label, list(obs.spans))
    window = obs.window_of(match.span)
    combo = paired_field([e for e in obs.elements if e.window == window.title], match.box)
    if combo is None or combo.kind not in ("combo", "text"):
        raise TargetNotFound(f"combo box for {combo_label.label}", [match.span.text], where=repr(window.title))
    actor.focus(window)
    screen = actor.desktop.screen
    if shown_in(actor, combo, item):
        return Outcome(Click(Target(item)), window.title, Effect.SEEN, item, None, {})
    had = actor.desktop.windows.list()
    before = screen.grab()
    point = actor.desktop.to_input(*click_point(combo))
    actor.before_act(point, window)
    # Every event goes through the actor's one send path: the safety gate, then the audit trail.
    opener = Click(Target(combo.label or match.span.text, window.title, field=True))
    actor.send(opener, point, window)
    try:
        spot = find_in_popup(actor, before, combo, item, window, had)
        if spot is None and window.id not in actor.gate.popups:
            # Nothing opened: a busy application can miss a click, as it can a person's. Once more.
            actor.send(opener, point, window)
            spot = find_in_popup(actor, before, combo, item, window, had)
        listed = window.id in actor.gate.popups or list_opened(had, actor.desktop.windows.list(), combo.box)
        if spot is not None:
            actor.send(Click(Target(item, window.title)), actor.desktop.to_input(*spot), window)
        elif not listed and combo.kind == "combo":
            # No list showed for two clicks, so where the keyboard is is unknown: typed there, a
            # space presses a focused button and Return the dialog's default one (winecfg closed
            # on its OK, CI of round 15's stop). Nothing is typed.
            raise ActionFailed(
                f"clicked {combo.label or 'the combo'!r} twice and no list opened; nothing was chosen",
                "open the combo yourself to see whether it is enabled, then run the action again",
            )
        else:  # type-to-select, the way a keyboard user picks from any toolkit's list
            field = Target(combo.label or match.span.text, window.title, field=True)
            actor.send(TypeText(item, field), None, window)
            if listed:  # Return picks the row an open list highlights
                actor.send(Key("Return", window.title), None, window)
    finally:
        actor.gate.popups.pop(window.id, None)
    # The combo is read once closed: a list still drawn over it showed one of its rows there, and
    # a choice that kept another item passed (GTK, under load: exit 0 with 'Legal' for 'Sales').
    with contextlib.suppress(WaitTimeout):
        wait_until(
            lambda: list_opened(had, actor.desktop.windows.list(), combo.box) is None,
            name="the combo's list to close",
            timeout=actor.timings.verify_timeout,
        )
    try:
        wait_until(
            lambda: shown_in(actor, combo, item),
            name=f"the combo {combo.label!r} to show {item!r}",
            timeout=actor.timings.verify_timeout,
        )
    except WaitTimeout as err:
        actor.gate.check(window, done="chose in the combo; then the focus left the window")
        seen = read_field(screen.grab(inner_box(combo)), actor.observer.ocr)
        raise ActionFailed(
            f"chose {item!r} in {combo.label or 'the combo'!r} but the closed combo shows {seen!r}",
            "open the combo yourself and check the item's spelling",
        ) from err
    return Outcome(Click(Target(item)), window.title, Effect.SEEN, item, point, {})


def shown_in(actor: Actor, combo: Element, item: str) -> bool:
    """Whether the closed combo reads as ``item`` (case and spacing aside, OCR slips allowed)."""
    inner = inner_box(combo)

    def names(seen: str) -> bool:
        # Every word of the item, too: one rendering of a selected "Windows 8" read "Windows",
        # a fuzzy match for "Windows XP", and the choice was "seen" made with nothing done.
        return bool(candidates(item, [TextSpan(seen, inner, 100.0)])) and every_word(item, seen)

    seen = read_field(actor.desktop.screen.grab(inner), actor.observer.ocr, names)
    return bool(seen) and names(seen)


def find_in_popup(
    actor: Actor,
    before: Image.Image,
    combo: Element,
    item: str,
    window: Window,
    had: Sequence[Window] = (),
) -> tuple[int, int] | None:
    """Where ``item`` shows in the list the click opened, scrolling a long list; None when it never shows.
    ``had`` is the window list from before the click: a pop-up new since then that hangs from the
    combo or lies over it is the list (the X server says so), else the list is what changed."""
    screen = actor.desktop.screen
    popup: list[Box] = []
    mapped: list[bool] = [False]
    looks: list[Box] = []  # the changed region the last look found, for a list seen only in pixels

    def opened() -> bool:
        # The picture first, then the window list: a pop-up mapped between the two is listed.
        after = screen.grab()
        now = actor.desktop.windows.list() if had else []
        region, mapped[0] = list_region(had, now, before, after, combo.box, screen.bounds)
        if region is not None and not mapped[0]:
            # A list seen only in the pixels is taken once two looks find it alike: a loaded
            # machine showed half a Motif list, or the form redrawn after the last choice, before
            # the list's own window was listed, and the click went by a region cut from it.
            steady, looks[:] = looks == [region], [region]
            if not steady:
                return False
        popup[:] = [region] if region is not None else []
        return region is not None

    try:
        wait_until(opened, name="the combo's list to open", timeout=actor.timings.verify_timeout)
    except WaitTimeout:
        return None
    # The list our click opened belongs to the window, even where it hangs below its edge.
    actor.gate.popups[window.id] = popup[0]
    region = popup[0]
    if mapped[0]:
        drawn(actor, before, region)
    else:  # seen changed twice alike: read once still too
        settle(screen, region, actor.timings)
    spans = read_region(actor, screen.grab(region), region)
    # Up first: a list opened at the combo's current item may hide the items before it (GTK's,
    # opened near the screen's top, scrolls them away behind an arrow); then down to its end.
    for dy in (3, -3):
        for _ in range(SCROLLS):
            spot = where_in(item, spans)
            if spot is not None:
                return spot
            shown = screen.grab(region)
            actor.scroll(dy, actor.desktop.to_input(*region.center), window)
            try:
                wait_until(
                    moved(screen, shown, region), name="the list to scroll", timeout=actor.timings.verify_timeout / 3
                )
            except WaitTimeout:
                break  # nothing moved: the list's end this way
            settle(screen, region, actor.timings)
            again = read_region(actor, screen.grab(region), region)
            if [s.text for s in again] == [s.text for s in spans]:
                break  # only the pointer's hover moved: the list's end this way
            spans = again
    return where_in(item, spans)


def where_in(item: str, spans: list[TextSpan]) -> tuple[int, int] | None:
    """The centre of ``item`` among a list's lines: exact matches first, then the likest; None
    when it is not there, or when two lines are about as like it. The first of two loose matches
    was taken: Motif's "Y axis" read "Y¥ axis", and "X axis" above it, the combo's current item,
    was clicked (the list closed on it, exit 1)."""
    found = candidates(item, spans)
    if not found:
        return None
    best = min(found, key=lambda m: (m.tier, -m.score))
    if best.tier == FUZZY and any(
        m is not best and m.tier == FUZZY and m.score > best.score - CLEAR_WIN for m in found
    ):
        return None
    return best.box.center


def drawn(actor: Actor, before: Image.Image, region: Box) -> None:
    """Wait until the pop-up at ``region`` shows something other than what lay there before the
    click and that picture is still: mapped is not drawn (a loaded machine maps a list first and
    paints its items after). A pop-up drawn just like what it covers ends the wait at its timeout."""
    screen = actor.desktop.screen
    under = before.crop((region.x, region.y, region.right, region.bottom))
    with contextlib.suppress(WaitTimeout):
        wait_until(
            lambda: changed(under, screen.grab(region)),
            name="the combo's list to be drawn",
            timeout=actor.timings.verify_timeout,
        )
    settle(screen, region, actor.timings)


def moved(screen: Screen, shown: Image.Image, region: Box) -> Callable[[], bool]:
    def differs() -> bool:
        return ImageChops.difference(shown, screen.grab(region)).getbbox() is not None

    return differs


def list_region(
    had: Sequence[Window], now: Sequence[Window], before: Image.Image, after: Image.Image, combo: Box, bounds: Box
) -> tuple[Box | None, bool]:
    """Where the combo's list is, and whether the X server mapped it as a pop-up: a pop-up new in
    ``now`` that hangs from the combo or lies over it is the list, whole (GTK's is drawn over the
    combo, its items above the combo's bottom too); else the pixels that changed below or above it."""
    shown = list_opened(had, now, combo)
    region = shown.box.intersect(bounds) if shown is not None else None
    if region is not None:
        return region, True
    return changed_region(before, after, combo), False


def changed_region(before: Image.Image, after: Image.Image, combo: Box) -> Box | None:
    """The pop-up list: the changed pixels below or above the combo, not the combo itself."""
    diff = (
        ImageChops.difference(before.convert("RGB"), after.convert("RGB"))
        .convert("L")
        .point(lambda v: 255 if v > 24 else 0)
    )
    below = diff.crop((0, combo.bottom, diff.width, diff.height)).getbbox()
    if below is not None and below[3] - below[1] >= POPUP_MIN and below[2] - below[0] >= POPUP_MIN:
        return Box(below[0], combo.bottom + below[1], below[2] - below[0], below[3] - below[1])
    above = diff.crop((0, 0, diff.width, combo.y)).getbbox()
    if above is not None and above[3] - above[1] >= POPUP_MIN and above[2] - above[0] >= POPUP_MIN:
        return Box(above[0], above[1], above[2] - above[0], above[3] - above[1])
    return None


def read_region(actor: Actor, picture: Image.Image, region: Box, blur: float = 0.0) -> list[TextSpan]:
    """The lines of text in a pop-up, in screen pixels (a selected row is light on dark: read both ways),
    its picture scaled SCALE times and blurred by ``blur`` pixels."""
    from PIL import ImageOps

    from automation.perception.grouping import group_words

    spans: list[TextSpan] = []
    for image in (picture, ImageOps.invert(picture.convert("RGB"))):
        words = [w for w in actor.observer.ocr.read(render(image, SCALE, blur, False)) if w.text.strip()]
        for span in group_words(words):
            box = unscaled(span.box, SCALE, 10).shifted(region.x, region.y)
            if not any(s.box.intersect(box) for s in spans):
                spans.append(TextSpan(span.text, box, span.conf))
    return spans
