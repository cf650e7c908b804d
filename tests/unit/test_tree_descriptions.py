"""A button the accessibility tree gives no name is named by its description (round 17).

Swing's toolbar buttons that are only pictures (JabRef's) have an empty accessible name and their
tooltip as description: read from the bus, each was a nameless push button."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from automation.backends.atspi_tree import AtspiTree, _Walk, reachable
from automation.errors import EnvironmentProblem
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


def test_an_accessibility_bus_whose_socket_is_gone_is_no_tree_and_no_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Round 17: after a test's own accessibility bus stopped, the session's bus address named a
    # socket that bus had removed (both used ~/.cache/at-spi/bus); libatspi then ended every
    # `deskhand act` with SIGTRAP (exit 133). The tree is now refused, and the pixels read.
    gone = f"unix:path={tmp_path / 'bus'},guid=489693e17883b3f8d2c19c626b16fde1"
    assert not reachable(gone)
    monkeypatch.setenv("AT_SPI_BUS_ADDRESS", gone)
    with pytest.raises(EnvironmentProblem, match="does not answer"):
        AtspiTree()
