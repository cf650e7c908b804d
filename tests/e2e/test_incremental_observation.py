"""Incremental observation on a real Tk form: a blinking caret costs at most one re-read,
a typed character shows in the very next observation, and buttons a list covered keep
their outlines once it closes."""

import subprocess
import time

import pytest

from app.services.compose import build_observer
from automation.actuation.verify import changed
from automation.timings import wait_until
from tests.support.apps import RunningApp

pytestmark = pytest.mark.e2e
TITLE = "Legacy Expense"
OBSERVATIONS, OVER_SECONDS = 10, 3.0  # Tk blinks its caret every 0.3-0.6 s


def test_a_blinking_caret_is_read_at_most_once_and_typing_shows_at_once(legacy: RunningApp) -> None:
    observer = build_observer()
    first = observer.observe(window=TITLE)
    amount = next(s for s in first.spans if s.text == "Amount")
    field = next(b for b in first.outlines if b.x > amount.box.right and abs(b.center[1] - amount.box.center[1]) < 8)
    subprocess.run(["xdotool", "mousemove", str(field.center[0]), str(field.center[1]), "click", "1"], check=True)
    # Focus redraws the entry (caret, highlight): wait until the observer has read that change.
    wait_until(
        lambda: bool(observer.observe(window=TITLE)) and observer.counts.bands > 0, name="focus to show", timeout=5
    )

    before, blinks = observer.counts.windows + observer.counts.bands, observer.counts.blinks
    for _ in range(OBSERVATIONS):  # the scenario itself: observe at a steady pace while the caret blinks
        observer.observe(window=TITLE)
        time.sleep(OVER_SECONDS / OBSERVATIONS)
    assert observer.counts.blinks > blinks, "the caret never blinked: the scenario did not happen"
    assert observer.counts.windows + observer.counts.bands - before <= 1

    drawn = observer.screen.grab(field)
    subprocess.run(["xdotool", "type", "--delay", "0", "7"], check=True)
    # Tk draws the key a few ms later; a thin change (the caret) does not count as drawn.
    wait_until(lambda: changed(drawn, observer.screen.grab(field)), name="the key to be drawn", timeout=2)
    after = observer.observe(window=TITLE)
    assert any(s.text == "7" and field.contains(*s.box.center) for s in after.spans), [s.text for s in after.spans]


def test_buttons_keep_their_outlines_after_a_list_opened_over_them_closes(legacy: RunningApp) -> None:
    """The list of "Category" opens over the buttons; once it closes, the bands read again
    must find the buttons' outlines, not only their words (else "Submit" loses its role)."""
    observer = build_observer()
    first = observer.observe(window=TITLE)

    def outlined(observation: object, label: str) -> bool:
        span = next(s for s in observation.spans if s.text == label)  # type: ignore[attr-defined]
        return any(b.contains(*span.box.center) for b in observation.outlines)  # type: ignore[attr-defined]

    assert outlined(first, "Submit") and outlined(first, "Clear")
    category = next(s for s in first.spans if s.text == "Category")
    field = next(
        b for b in first.outlines if b.x > category.box.right and abs(b.center[1] - category.box.center[1]) < 8
    )
    subprocess.run(["xdotool", "mousemove", str(field.center[0]), str(field.center[1]), "click", "1"], check=True)
    wait_until(lambda: any(s.text == "Meals" for s in observer.observe(window=TITLE).spans), name="the list", timeout=5)
    subprocess.run(["xdotool", "key", "Escape"], check=True)
    wait_until(
        lambda: not any(s.text == "Meals" for s in observer.observe(window=TITLE).spans),
        name="the list gone",
        timeout=5,
    )
    after = observer.observe(window=TITLE)
    assert observer.counts.bands > 0, "nothing was read incrementally: the scenario did not happen"
    assert outlined(after, "Submit") and outlined(after, "Clear"), sorted(after.outlines, key=lambda b: b.y)
