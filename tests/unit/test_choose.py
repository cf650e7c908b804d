"""A combo's list: the pop-up the X server mapped over or under the combo once it was opened, else
what changed below (or above) the combo."""

from __future__ import annotations

from dataclasses import replace as dc_replace

import pytest
from PIL import Image, ImageDraw

from automation.actuation.actor import Actor
from automation.actuation.choose import changed_region, choose, list_region
from automation.actuation.safety import SafetyGate
from automation.desktop import Desktop
from automation.errors import ActionFailed
from automation.types import Box, Element, Observation, Target, Window
from tests.support.drawn_desktop import FAST, SCREEN, FakeInput, FakeObserver, FakeScreen, FakeWindows, World, span

COMBO = Box(100, 100, 160, 24)


def screen() -> Image.Image:
    image = Image.new("RGB", (600, 400), (217, 217, 217))
    ImageDraw.Draw(image).rectangle((100, 100, 259, 123), fill=(255, 255, 255), outline=(90, 90, 90))
    return image


def test_list_below_the_combo() -> None:
    before, after = screen(), screen()
    d = ImageDraw.Draw(after)
    d.rectangle((100, 102, 259, 121), fill=(200, 220, 255))  # the combo itself highlights: not the list
    d.rectangle((100, 124, 259, 300), fill=(255, 255, 255), outline=(0, 0, 0))
    assert changed_region(before, after, COMBO) == Box(100, 124, 160, 177)


def test_list_above_a_combo_near_the_screen_bottom() -> None:
    before, after = screen(), screen()
    ImageDraw.Draw(after).rectangle((100, 10, 259, 99), fill=(255, 255, 255), outline=(0, 0, 0))
    assert changed_region(before, after, COMBO) == Box(100, 10, 160, 90)


def test_nothing_opened() -> None:
    assert changed_region(screen(), screen(), COMBO) is None


FORM = Window(0x400005, "Form", "Zoo", Box(0, 0, 600, 400), pid=17, client=0x400000)
BOUNDS = Box(0, 0, 600, 400)


def with_list(box: Box, kind: str = "combo", pid: int = 0x400101) -> Window:
    return Window(
        FORM.id,
        FORM.title,
        FORM.app,
        FORM.box,
        FORM.pid,
        FORM.client,
        popups=(Window(pid, FORM.title, FORM.app, box, FORM.pid, FORM.client, kind=kind),),
    )


def test_a_list_mapped_over_the_combo_is_the_whole_pop_up() -> None:
    """GTK draws the current item over the combo, the items before it above: the pixels below the
    combo's bottom were half the list ("Sales", above, was never read)."""
    before, after = screen(), screen()
    over = Box(100, 40, 160, 124)  # from above the combo to below it
    ImageDraw.Draw(after).rectangle((100, 40, 259, 163), fill=(255, 255, 255), outline=(0, 0, 0))
    assert changed_region(before, after, COMBO) == Box(100, 124, 160, 40)  # cut at the combo's bottom
    assert list_region([FORM], [with_list(over)], before, after, COMBO, BOUNDS) == (over, True)


def test_a_list_hanging_below_past_the_screen_is_cut_to_the_screen() -> None:
    below = Box(100, 124, 160, 400)
    region, mapped = list_region([FORM], [with_list(below)], screen(), screen(), COMBO, BOUNDS)
    assert mapped and region == Box(100, 124, 160, 276)


def test_a_tooltip_or_a_pop_up_elsewhere_is_no_list_then_the_pixels_say() -> None:
    before, after = screen(), screen()
    ImageDraw.Draw(after).rectangle((100, 124, 259, 300), fill=(255, 255, 255), outline=(0, 0, 0))
    tooltip = with_list(Box(100, 124, 160, 30), kind="tooltip")
    elsewhere = with_list(Box(400, 300, 100, 50), kind="menu")
    for now in (tooltip, elsewhere):
        assert list_region([FORM], [now], before, after, COMBO, BOUNDS) == (Box(100, 124, 160, 177), False)


def test_a_pop_up_open_before_the_click_is_not_the_list_it_opened() -> None:
    before, after = screen(), screen()
    old = with_list(Box(100, 124, 160, 100))
    assert list_region([old], [old], before, after, COMBO, BOUNDS) == (None, False)


def test_a_combo_whose_list_never_opens_is_clicked_twice_and_nothing_is_typed() -> None:
    """Typed into a window whose keyboard focus is unknown, the item's space presses a focused button
    and Return the dialog's default one (winecfg closed on its OK in CI, the choice never made)."""
    world, actor, dialog = settings_with_a_combo("combo")
    with pytest.raises(ActionFailed, match="twice and no list opened"):
        choose(actor, Target("Version:", window=dialog.title), "Release 10")
    assert [s for s in world.sent if s[0] == "click"] == [("click", 348, 162)] * 2
    assert not [s for s in world.sent if s[0] in ("type", "key")] and dialog in world.windows


def test_an_editable_combo_whose_click_opens_no_list_takes_the_item_typed_without_return() -> None:
    world, actor, dialog = settings_with_a_combo("text")
    with pytest.raises(ActionFailed, match="closed combo shows"):  # the drawn field shows nothing typed
        choose(actor, Target("Version:", window=dialog.title), "Release 10")
    typed = "".join(s[1] for s in world.sent if s[0] == "type")
    assert typed == "Release 10" and ("key", "Return") not in world.sent and dialog in world.windows


def settings_with_a_combo(kind: str) -> tuple[World, Actor, Window]:
    """A dialog whose Return closes it, with a combo (``kind``) whose click opens nothing."""
    dialog = Window(2, "Settings", "cfg", Box(100, 100, 400, 200), pid=7)
    label = span("Version:", 120, 156, dialog.title)
    combo = Element(kind, Box(200, 150, 160, 24), "Version:", "", label.box, window=dialog.title)  # type: ignore[arg-type]
    world = World(windows=[dialog], spans=[label], active=dialog, after_key={"Return": dialog.title})
    world.image.paste((255, 255, 255), (200, 150, 360, 174))  # the combo's white inside, nothing shown
    input = FakeInput(world)
    desktop = Desktop(FakeScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, FakeWindows(world), SCREEN)  # type: ignore[arg-type]
    return world, Actor(desktop, WithElements(world, combo), gate, FAST), dialog  # type: ignore[arg-type]


class WithElements(FakeObserver):
    def __init__(self, world: World, *elements: Element) -> None:
        super().__init__(world)
        self.elements = elements

    def observe(self, window: str | Window | None = None) -> Observation:
        return dc_replace(super().observe(window), elements=self.elements)
