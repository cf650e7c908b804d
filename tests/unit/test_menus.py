"""A click in an open menu, or on a menu's title: the release lands on what was meant, never
in a menu the press posted under the pointer."""

from __future__ import annotations

from dataclasses import replace

import pytest

from automation.actuation.menus import (
    RELEASE_REACH,
    click_in_menu,
    click_watching_menus,
    menu_under,
    off_menus,
    uncovered_point,
)
from automation.errors import ActionFailed
from automation.types import Box, Window

WINDOW = Window(1, "Edge menus", "Tk", Box(900, 500, 380, 300))
MENU = Window(2, "Edge menus", "Tk", Box(1100, 420, 180, 120), kind="dropdown_menu")
ITEM = (1150, 500)  # "Guides", the menu's last item
OVER_ITEM = Window(3, "Edge menus", "Tk", Box(1100, 480, 180, 80), kind="dropdown_menu")  # posted over it
BESIDE = Window(4, "Edge menus", "Tk", Box(920, 480, 180, 80), kind="dropdown_menu")  # posted to its left


class Menus:
    """The window's open menus; ``opens`` (a sub-menu) appears after the pointer rests or the press."""

    def __init__(self, opens: Window | None = None, on: str = "") -> None:
        self.open = [MENU]
        self.opens, self.on = opens, on
        self.sent: list[tuple[str, int, int]] = []

    def __call__(self) -> list[Window]:
        return list(self.open)

    def event(self, kind: str, x: int, y: int) -> None:
        self.sent.append((kind, x, y))
        if kind == self.on and self.opens is not None:
            self.open.append(self.opens)


class Input:
    def __init__(self, menus: Menus) -> None:
        self.menus = menus

    def move(self, x: int, y: int) -> None:
        self.menus.event("move", x, y)

    def press(self, x: int, y: int, button: str = "left") -> None:
        self.menus.event("press", x, y)

    def release(self, x: int, y: int, button: str = "left") -> None:
        self.menus.event("release", x, y)


def click(menus: Menus, checked: list[tuple[int, int]] | None = None) -> bool:
    window = replace(WINDOW, popups=(MENU,))
    return click_in_menu(
        Input(menus),  # type: ignore[arg-type]
        window,
        ITEM,
        ITEM,
        menus,
        (checked if checked is not None else []).append,
    )


def test_a_plain_item_is_pressed_and_released_on_itself() -> None:
    menus = Menus()
    assert click(menus) is True
    assert menus.sent == [("move", *ITEM), ("press", *ITEM), ("release", *ITEM)]


@pytest.mark.parametrize("sub", [OVER_ITEM, BESIDE])
def test_a_sub_menu_opened_by_resting_on_its_item_is_not_clicked_into(sub: Window) -> None:
    menus = Menus(sub, on="move")
    assert click(menus) is False
    assert menus.sent == [("move", *ITEM)]  # nothing pressed: a release there would run the sub-menu's item


def test_a_sub_menu_the_press_posts_under_the_pointer_takes_no_release_and_the_click_fails() -> None:
    menus, checked = Menus(OVER_ITEM, on="press"), []
    with pytest.raises(ActionFailed, match="none of its items ran"):
        click(menus, checked)
    kind, x, y = menus.sent[-1]
    assert kind == "release" and not MENU.box.contains(x, y) and not OVER_ITEM.box.contains(x, y)
    assert WINDOW.box.contains(x, y) and checked[-1] == (x, y)  # the gate saw where it was let go


def test_a_sub_menu_the_press_opens_beside_the_item_is_the_clicks_work() -> None:
    menus = Menus(BESIDE, on="press")
    assert click(menus) is True
    assert menus.sent[-1] == ("release", *ITEM)


def test_only_menus_count_not_a_combos_list_or_a_tooltip() -> None:
    combo = replace(MENU, kind="combo")
    assert menu_under(replace(WINDOW, popups=(MENU,)), ITEM) == MENU
    assert menu_under(replace(WINDOW, popups=(combo,)), ITEM) is None
    assert menu_under(replace(WINDOW, popups=(MENU,)), (10, 10)) is None


def test_the_release_spot_is_a_corner_of_the_window_no_menu_covers() -> None:
    spot = off_menus(WINDOW, [MENU, OVER_ITEM])
    assert spot is not None and WINDOW.box.contains(*spot)
    assert not any(m.box.contains(*spot) for m in (MENU, OVER_ITEM))
    assert off_menus(WINDOW, [replace(MENU, box=WINDOW.box)]) is None


TITLE = (980, 695)  # "Document" in the menu bar of a window against the screen's bottom
SHIFTED_UP = Window(5, "Edge menus", "Tk", Box(936, 688, 89, 112), kind="popup_menu")  # over the title's lower part


def click_title(menus: Menus, checked: list[tuple[int, int]] | None = None) -> None:
    menus.open = []
    click_watching_menus(
        Input(menus),  # type: ignore[arg-type]
        WINDOW,
        TITLE,
        TITLE,
        menus,
        (checked if checked is not None else []).append,
    )


def test_a_title_whose_press_posts_no_menu_under_the_pointer_is_released_where_pressed() -> None:
    for opens in (None, BESIDE):
        menus = Menus(opens, on="press")
        click_title(menus)
        assert menus.sent == [("press", *TITLE), ("release", *TITLE)]


def test_a_menu_posted_over_its_title_takes_no_release_it_comes_up_on_the_title_above_it() -> None:
    menus, checked = Menus(SHIFTED_UP, on="press"), []
    click_title(menus, checked)
    kind, x, y = menus.sent[-1]
    assert kind == "release" and not SHIFTED_UP.box.contains(x, y)
    assert (x, y) == (TITLE[0], SHIFTED_UP.box.y - 1)  # straight up, the nearest free pixel
    assert checked[-1] == (x, y)


def test_a_menu_over_all_the_reach_of_the_press_closes_and_the_click_fails() -> None:
    covering = replace(SHIFTED_UP, box=Box(TITLE[0] - 50, TITLE[1] - 50, 100, 100))
    menus = Menus(covering, on="press")
    with pytest.raises(ActionFailed, match="none of its items ran"):
        click_title(menus)
    kind, x, y = menus.sent[-1]
    assert kind == "release" and not covering.box.contains(x, y) and WINDOW.box.contains(x, y)


def test_the_free_point_is_the_nearest_one_within_reach() -> None:
    reach = Box(TITLE[0], TITLE[1], 1, 1).grown(RELEASE_REACH)
    assert uncovered_point(reach, TITLE, []) == TITLE
    assert uncovered_point(reach, TITLE, [SHIFTED_UP]) == (TITLE[0], 687)
    left_free = replace(SHIFTED_UP, box=Box(TITLE[0] - 3, TITLE[1] - 20, 100, 100))
    assert uncovered_point(reach, TITLE, [left_free]) == (TITLE[0] - 4, TITLE[1])


class HeldMenus(Menus):
    """An Athena menu: the press posts it below its title, the release closes it wherever it lands."""

    def event(self, kind: str, x: int, y: int) -> None:
        super().event(kind, x, y)
        if kind == "release":
            self.open = []


def test_a_menu_open_only_while_the_button_is_held_fails_the_click() -> None:
    """xfig's "Edit" (Athena): the click posted its menu and closed it; the title's hover hint
    changed, and the click was "changed", exit 0, with no menu open (round 16)."""
    menus = HeldMenus(BESIDE, on="press")
    with pytest.raises(ActionFailed, match="only while the button is held"):
        click_title(menus)
    assert menus.sent == [("press", *TITLE), ("release", *TITLE)]  # released where pressed: no item ran
    assert menus() == []


def test_a_menu_that_stays_open_after_the_release_is_the_clicks_work() -> None:
    menus = Menus(BESIDE, on="press")
    click_title(menus)
    assert menus() == [BESIDE]


def test_only_a_label_in_the_menu_bar_row_high_on_the_screen_is_watched_as_a_title() -> None:
    """GTK's combo opens its list on the press; held 0.15 s for the watch, its release picked the
    item under the pointer and closed the list (the zoo's GTK "Department", in a window's first
    row): a field, a mark and a pop-up's item are clicked at once there."""
    from types import SimpleNamespace

    from automation.actuation.actor import Actor
    from automation.types import Click, Element, Target

    actor = SimpleNamespace(desktop=SimpleNamespace(screen=SimpleNamespace(bounds=Box(0, 0, 1280, 800))))
    window = Window(1, "Form", "App", Box(40, 60, 800, 600))
    high = (300, 90)
    label = Click(Target("Edit", "Form"))
    combo = Element("combo", Box(170, 77, 145, 33), label="Department")
    assert Actor._on_title(label, high, window, None)
    assert not Actor._on_title(Click(Target("Department", "Form", field=True)), high, window, None)
    assert not Actor._on_title(label, high, window, combo)
    listed = replace(window, popups=(Window(9, "Form", "App", Box(170, 80, 145, 200), kind="combo"),))
    assert not Actor._on_title(label, high, listed, None)
    assert Actor._in_menu_bar(actor, high, window, True)  # type: ignore[arg-type]
    assert not Actor._in_menu_bar(actor, high, window, False)  # type: ignore[arg-type]
    assert Actor._in_menu_bar(actor, (300, 700), replace(window, box=Box(40, 670, 800, 100)), False)  # type: ignore[arg-type]
    assert not Actor._in_menu_bar(actor, (300, 200), window, True)  # type: ignore[arg-type]
