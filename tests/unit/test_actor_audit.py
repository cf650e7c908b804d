"""Every event the actor's helpers send (read-back's retry, a combo list's scrolling) reaches the audit trail."""

from __future__ import annotations

from automation.actuation.actor import Actor, beside_marks
from automation.actuation.readback import ReadBack
from automation.actuation.safety import SafetyGate
from automation.audit import SECRET, Audit, AuditEntry
from automation.desktop import Desktop
from automation.types import Box, Element
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
