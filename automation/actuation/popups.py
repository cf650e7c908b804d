"""A field's pop-ups: the list a click opened, the completions typing dropped from it.

Windows report each top-level window's pop-ups (override-redirect lists and menus); what a
field did is read from the ones that are new since it was looked at, and from where they
stand against the field: a drop-down's list hangs from it or is drawn over it (GTK's and
Qt's put the current item over the combo), a text field's completions hang from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

from automation.actuation.safety import SafetyGate
from automation.errors import ActionFailed
from automation.protocols import Input
from automation.types import Box, Element, Window

DROP_GAP = 8  # pixels: a list dropped from a field starts this close under (or over) its edge


def new_popups(before: Sequence[Window], now: Sequence[Window]) -> list[Window]:
    """The pop-ups (lists, menus; not tooltips) in ``now`` that ``before`` did not show."""
    had = {p.id for w in before for p in w.popups}
    return [p for w in now for p in w.popups if p.id not in had and p.kind != "tooltip"]


def drops_from(popup: Box, field: Box) -> bool:
    """Whether ``popup`` hangs from ``field``: starting at its bottom edge (or ending at its top:
    a list opened upwards), and running under it."""
    under = abs(popup.y - field.bottom) <= DROP_GAP or abs(popup.bottom - field.y) <= DROP_GAP
    overlap = min(popup.right, field.right) - max(popup.x, field.x)
    return under and overlap >= min(popup.w, field.w) // 2


def lies_over(popup: Box, field: Box) -> bool:
    """Whether ``popup`` is drawn over ``field``'s middle (a list that opened over its combo)."""
    return popup.contains(*field.center)


def list_opened(before: Sequence[Window], now: Sequence[Window], field: Box) -> Window | None:
    """The pop-up new in ``now`` that hangs from ``field`` or is drawn over it (a combo's list, as
    the X server maps it), None when there is none."""
    return next((p for p in new_popups(before, now) if drops_from(p.box, field) or lies_over(p.box, field)), None)


def raise_list_opened(gate: SafetyGate, keys: Input, field: Element, window: Window) -> NoReturn:
    """Close the list ``field`` opened (Escape) and say it is chosen from, not typed into."""
    gate.check(window, done="closing the list the field's click opened")
    keys.key("Escape")
    name = field.label or f"the field at {field.box.center}"
    raise ActionFailed(
        f"{name!r} in {window.title!r} opens a list when clicked: it is chosen from, not typed into",
        f"choose one of its items instead (deskhand act choose ITEM --in {name!r})",
    )
