"""The AT-SPI walk keeps a list's rows only where its view shows them (a fake bus, no D-Bus).

GTK says "showing" for every row of a list: rows scrolled out of view sit at -2^31, and a
row one pixel of which shows above the list's bottom edge was listed ("Credit Card" in
GnuCash's New Account), so a click on its name would have landed below the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from automation.backends.atspi_tree import _Walk, in_view
from automation.types import Box

ATSPI = SimpleNamespace(CoordType=SimpleNamespace(SCREEN=0))


@dataclass
class Node:
    role: str
    name: str
    box: tuple[int, int, int, int]
    children: list[Node] = field(default_factory=list)

    def get_state_set(self) -> Any:
        states = [SimpleNamespace(value_nick=s) for s in ("showing", "visible")]
        return SimpleNamespace(get_states=lambda: states)

    def get_role_name(self) -> str:
        return self.role

    def get_name(self) -> str:
        return self.name

    def get_extents(self, _kind: int) -> Any:
        x, y, w, h = self.box
        return SimpleNamespace(x=x, y=y, width=w, height=h)

    def get_child_count(self) -> int:
        return len(self.children)

    def get_child_at_index(self, i: int) -> Node:
        return self.children[i]

    def get_interfaces(self) -> list[str]:
        return []

    def get_relation_set(self) -> list[Any]:
        return []


def test_rows_outside_their_lists_view_are_left_out_and_rows_across_its_edge_cut() -> None:
    rows = [
        Node("table cell", "Bank", (217, 543, 89, 21)),
        Node("table cell", "Asset", (217, 589, 89, 21)),
        Node("table cell", "Credit Card", (217, 612, 89, 21)),  # 1 px of it above the view's bottom
        Node("table cell", "Liability", (-(2**31), -(2**31), 89, 21)),  # scrolled out of view
        Node("table cell", "Wide", (217, 566, 200, 21)),  # runs past the view's right edge
    ]
    table = Node("table", "", (215, 542, 93, 71), rows)
    walk = _Walk(ATSPI, deadline=float("inf"))
    walk.visit(Node("filler", "", (194, 20, 413, 654), [table, Node("push button", "OK", (513, 632, 86, 34))]), 1)
    found = {a.name: a.box for a in walk.found}
    assert set(found) == {"Bank", "Asset", "Wide", "OK"}
    assert found["Wide"] == Box(217, 566, 91, 21)
    assert found["OK"] == Box(513, 632, 86, 34)  # outside any list: as the tree gives it


def test_in_view_keeps_a_row_half_shown_or_more() -> None:
    view = Box(0, 0, 100, 100)
    assert in_view(Box(0, 91, 50, 20), view) is None
    assert in_view(Box(0, 85, 50, 20), view) == Box(0, 85, 50, 15)
