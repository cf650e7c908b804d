"""A named window another application's window covers is raised before it is read
(automation/actuation/actor.py: ``covered``)."""

from __future__ import annotations

from PIL import Image

from automation.actuation.actor import covered
from automation.types import Box, Observation, Window

FORM = Window(1, "Expense form", "Tk", Box(100, 100, 400, 300), pid=10, client=0x1000000)
OTHER_APP = Window(2, "Calculator", "XCalc", Box(50, 50, 200, 250), pid=20, client=0x2000000)
ITS_DIALOG = Window(3, "Confirm", "Toplevel", Box(200, 150, 200, 100), pid=None, client=0x1000000)
FAR_AWAY = Window(4, "Editor", "Edit", Box(700, 100, 300, 300), pid=30, client=0x3000000)


def seen(*windows: Window, read: tuple[int, ...] = (FORM.id,)) -> Observation:
    return Observation(Image.new("RGB", (4, 4)), windows, windows[0], (), 0.0, read=read)


def test_a_window_under_another_application_s_window_is_covered() -> None:
    assert covered(seen(OTHER_APP, FORM)) == FORM


def test_a_window_over_it_is_not_a_cover_when_it_is_below() -> None:
    assert covered(seen(FORM, OTHER_APP)) is None


def test_its_own_dialog_over_it_is_not_a_cover() -> None:
    assert covered(seen(ITS_DIALOG, FORM)) is None


def test_a_window_above_that_does_not_overlap_is_not_a_cover() -> None:
    assert covered(seen(FAR_AWAY, FORM)) is None


def test_only_a_window_read_alone_is_raised() -> None:
    assert covered(seen(OTHER_APP, FORM, read=(OTHER_APP.id, FORM.id))) is None
    assert covered(seen(OTHER_APP, FORM, read=())) is None


class Reads:
    """An observer counting its looks."""

    def __init__(self) -> None:
        self.looks = 0

    def observe(self, window: object = None) -> Observation:
        self.looks += 1
        return seen(FORM)


def test_a_look_waits_out_a_tooltip_first_and_reads_again_when_one_opened_while_reading() -> None:
    """galculator's tooltip, opened under the pointer where it rested, hid five keys from the run's
    looks: the actor waited tooltips out before its own look, the agent loop's looks did not."""
    from automation.actuation.actor import look

    for opened_meanwhile, looks in ((False, 1), (True, 2)):
        cleared: list[bool] = []
        reads = Reads()

        def clear(cleared: list[bool] = cleared, late: bool = opened_meanwhile) -> bool:
            cleared.append(late and len(cleared) == 1)  # the first wait before the look, the second after
            return cleared[-1]

        look(reads, FORM.title, lambda window: None, clear)  # type: ignore[arg-type]
        assert (len(cleared), reads.looks) == (2, looks)
