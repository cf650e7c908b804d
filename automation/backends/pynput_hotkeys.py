"""Global hotkeys through a pynput keyboard listener (the X RECORD extension).

The listener hears every key on the display and ``Chords`` picks out the bound
combinations. Nothing is grabbed: the application in front still gets the keys
(pynput's ``suppress=True`` would grab the whole keyboard), which is why the
defaults are combinations no common window manager or application uses.
Deskhand's own synthesized keys never fire a hotkey: they are in the own-input log.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from automation.backends.pynput_hook import keyboard_listener, keysym_names, require_record, start_all
from automation.errors import EnvironmentProblem
from automation.hotkeys import Binding, Chords, HotkeyListener
from automation.protocols import HookEvent
from automation.recording.own_input import OwnInput, process_log
from automation.registry import register


@register(HotkeyListener, "pynput")
class PynputHotkeys:
    def __init__(self, display_name: str | None = None, own: OwnInput | None = None) -> None:
        self.display_name = display_name or os.environ.get("DISPLAY", "")
        require_record(self.display_name, "listening for global hotkeys")
        self.names = keysym_names()
        self.own = own or process_log()

    def listen(self, bindings: Sequence[Binding]) -> Callable[[], None]:
        try:
            import pynput.keyboard  # noqa: F401  (connects to the display at import)
        except Exception as err:  # pynput raises several types when it cannot connect
            raise EnvironmentProblem(
                f"cannot listen for hotkeys on {self.display_name}: {err}", "run `deskhand doctor`"
            ) from err
        chords = Chords(bindings)

        def sink(event: HookEvent) -> None:
            t, kind, name, keycode = event
            if self.own.covers(t, "keys"):
                return
            for callback in chords.down(name, keycode) if kind == "down" else chords.up(name, keycode):
                callback()

        return start_all(self.display_name, [keyboard_listener(sink, self.names, None)])
