"""A button the accessibility tree gives no name is named by its description (round 17).

Swing's toolbar buttons that are only pictures (JabRef's) have an empty accessible name and their
tooltip as description: read from the bus, each was a nameless push button."""

from __future__ import annotations

import time
from types import SimpleNamespace

from automation.backends.atspi_tree import _Walk
from automation.types import Box


def node(name: str, description: str) -> SimpleNamespace:
    rect = SimpleNamespace(x=66, y=48, width=30, height=33)
    return SimpleNamespace(
        get_name=lambda: name,
        get_description=lambda: description,
        get_extents=lambda coords: rect,
        get_interfaces=lambda: [],
        get_relation_set=lambda: [],
    )


ATSPI = SimpleNamespace(CoordType=SimpleNamespace(SCREEN=0))
SHOWING = frozenset({"showing", "enabled"})


def test_a_nameless_button_takes_its_description_and_says_it_is_one() -> None:
    walk = _Walk(ATSPI, time.monotonic() + 5)
    found = walk._element(node("", "Save  database"), "push button", SHOWING)
    assert found is not None and found.box == Box(66, 48, 30, 33)
    assert (found.name, found.described) == ("Save database", True)
    named = walk._element(node("OK", "Close the dialog"), "push button", SHOWING)
    assert named is not None and (named.name, named.described) == ("OK", False)
    label = walk._element(node("", "a hint"), "label", SHOWING)  # only buttons: a label's description is no name
    assert label is None
