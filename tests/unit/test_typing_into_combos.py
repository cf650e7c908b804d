"""Typing into a combo clicks its text part, and a list the typing drops from the field is told apart.

HomeBank's payee is a combo-entry: clicked on its arrow, its list opened and the keys went into
the list's search box; typed into, it dropped a completion list that took the next click ("Add")
only to close.
"""

from __future__ import annotations

from automation.actuation.popups import drops_from
from automation.grounding.fields import click_point, typing_point
from automation.types import Box, Element

PAYEE = Element("combo", Box(427, 362, 200, 32), "Payee:")


def test_a_combo_is_typed_into_on_its_text_part_and_clicked_on_its_arrow() -> None:
    x, y = typing_point(PAYEE)
    assert PAYEE.box.x < x < PAYEE.box.x + PAYEE.box.w // 4 and y == PAYEE.box.center[1]
    assert click_point(PAYEE)[0] > PAYEE.box.right - PAYEE.box.h  # a click still opens its list
    entry = Element("text", Box(427, 494, 247, 32), "Memo:")
    assert typing_point(entry) == click_point(entry)


def test_a_list_hanging_from_the_field_is_its_completion_and_a_popup_elsewhere_is_not() -> None:
    field = PAYEE.box
    assert drops_from(Box(427, 394, 175, 40), field)  # under it (HomeBank's)
    assert drops_from(Box(430, 300, 190, 62), field)  # over it, opened upwards
    assert not drops_from(Box(700, 394, 175, 40), field)  # beside: not under the field
    assert not drops_from(Box(427, 450, 175, 40), field)  # lower down: another field's
