"""Global hotkeys through a pynput keyboard listener (the X RECORD extension).

The listener hears every key on the display and ``Chords`` picks out the bound
combinations. Nothing is grabbed: the application in front still gets the keys
(pynput's ``suppress=True`` would grab the whole keyboard), which is why the
defaults are combinations no common window manager or application uses.
Deskhand's own synthesized keys are not filtered out (the own-input log cannot split
keys pressed at the same moment, and the abort hotkey matters most while Deskhand types).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from automation.backends.pynput_hook import keyboard_listener, keysym_names, require_record, start_all
from automation.errors import EnvironmentProblem
from automation.hotkeys import Binding, Chords, HotkeyListener
from automation.protocols import HookEvent
from automation.registry import register


@register(HotkeyListener, "pynput")
class PynputHotkeys:
    def __init__(self, display_name: str | None = None) -> None:
        self.display_name = display_name or os.environ.get("DISPLAY", "")
        require_record(self.display_name, "listening for global hotkeys")
        self.names = keysym_names()

    def listen(self, bindings: Sequence[Binding]) -> Callable[[], None]:
        try:
            import pynput.keyboard  # noqa: F401  (connects to the display at import)
        except Exception as err:  # pynput raises several types when it cannot connect
            raise EnvironmentProblem(
                f"cannot listen for hotkeys on {self.display_name}: {err}", "run `deskhand doctor`"
            ) from err
        chords = Chords(bindings)

        def sink(event: HookEvent) -> None:
            _, kind, name, keycode = event
            for callback in chords.down(name, keycode) if kind == "down" else chords.up(name, keycode):
                callback()

        return start_all(self.display_name, [keyboard_listener(sink, self.names, None)])
