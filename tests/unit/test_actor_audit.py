"""Every event the actor's helpers send (read-back's retry, a combo list's scrolling) reaches the audit trail."""

from __future__ import annotations

from dataclasses import replace

from automation.actuation.actor import Actor, beside_marks
from automation.actuation.popups import new_popups
from automation.actuation.readback import ReadBack
from automation.actuation.safety import SafetyGate
from automation.audit import SECRET, Audit, AuditEntry
from automation.desktop import Desktop
from automation.types import Box, Element, Window
from tests.support.drawn_desktop import (
    FAST,
    FORM,
    SCREEN,
    FakeInput,
    FakeObserver,
    FakeScreen,
    FakeWindows,
    World,
    observation,
)


class Entries:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def write(self, entry: AuditEntry) -> None:
        self.entries.append(entry)


def actor_on(world: World) -> tuple[Actor, Entries]:
    sink = Entries()
    input = FakeInput(world)
    desktop = Desktop(FakeScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, FakeWindows(world), SCREEN)  # type: ignore[arg-type]
    return Actor(desktop, FakeObserver(world), gate, FAST, audit=Audit(sink)), sink  # type: ignore[arg-type]


def test_read_back_retry_types_through_the_audited_send_path() -> None:
    world = World()
    actor, sink = actor_on(world)
    field = Element("text", Box(400, 250, 120, 24), "Password", "", Box(330, 254, 60, 14), window=FORM.title)
    ReadBack(actor, field, FORM, observation(world)).retype("hunter2")
    assert [s[0] for s in world.sent][:3] == ["click", "key", "key"]
    assert "".join(s[1] for s in world.sent if s[0] == "type") == "hunter2"
    # One entry, and a secret label's value is never written.
    assert [(e.action, e.target, e.value, e.result) for e in sink.entries] == [("type", "Password", SECRET, "sent")]


def test_scrolling_a_list_is_audited() -> None:
    world = World()
    actor, sink = actor_on(world)
    actor.scroll(-3, (450, 300), FORM)
    assert world.sent == [("scroll", -3, 450, 300)]
    assert [(e.action, e.target, e.result) for e in sink.entries] == [("scroll", "-3", "sent")]


def test_a_label_read_again_leaves_its_check_box_out() -> None:
    region = Box(57, 368, 96, 20)  # "Send copy" with a margin that reaches into its box
    assert beside_marks(region, [Box(60, 372, 12, 12)]) == Box(73, 368, 80, 20)
    assert beside_marks(region, [Box(300, 372, 12, 12)]) == region  # a mark elsewhere changes nothing


def test_a_new_list_or_menu_is_a_new_popup_and_a_tooltip_is_not() -> None:
    listed = Window(98, "", "Tk", Box(300, 240, 150, 90), kind="combo")
    tip = Window(97, "", "Tk", Box(300, 240, 80, 20), kind="tooltip")
    menu = Window(96, "", "Tk", Box(300, 220, 120, 90), kind="")
    assert new_popups([FORM], [replace(FORM, popups=(listed,))]) == [listed]
    assert new_popups([FORM], [replace(FORM, popups=(tip,))]) == []
    assert new_popups([replace(FORM, popups=(menu,))], [replace(FORM, popups=(menu,))]) == []  # open before


def test_a_click_that_opens_a_field_s_list_waits_for_it_to_map() -> None:
    """GTK's combo list mapped after the next look: its items were missed and the form posted unchosen."""
    world = World()
    actor, _ = actor_on(world)
    listed = Window(98, "", "Tk", Box(300, 240, 150, 90), kind="combo")
    looks: list[int] = []
    windows = actor.desktop.windows

    def listing() -> list[Window]:
        looks.append(1)
        return [replace(FORM, popups=(listed,))] if len(looks) >= 3 else [FORM]  # it maps on the third look

    windows.list = listing  # type: ignore[method-assign]
    actor._await_list([FORM])
    assert len(looks) == 3
