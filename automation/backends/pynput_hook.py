"""The user's mouse and keyboard, as the X server's RECORD extension reports them, via pynput.

Callbacks run on pynput's hook threads and only build a small tuple (see
``automation.protocols.HookEvent``) for the sink: anything slower there delays
every later event. Key releases carry their keycode because the name alone cannot
pair them with their press: xdotool's shifted keys press "B" and release "b",
shift+8 presses "*" and releases "8".

Stopping: pynput's ``Listener.stop()`` takes effect only at the next input event;
disabling the RECORD context from another connection ends the listener at once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from automation.backends.x11_windows import open_display
from automation.errors import EnvironmentProblem
from automation.protocols import HookEvent, InputHook
from automation.registry import register

STOP_TIMEOUT = 2.0  # seconds for a listener thread to end once its context is disabled

# X keysym names for the keys a recording names; modifiers by role, not by side.
RENAMED = {
    "Shift_L": "shift",
    "Shift_R": "shift",
    "Control_L": "ctrl",
    "Control_R": "ctrl",
    "Alt_L": "alt",
    "Alt_R": "alt",
    "Meta_L": "alt",
    "Meta_R": "alt",
    "Super_L": "super",
    "Super_R": "super",
    "Hyper_L": "super",
    "Hyper_R": "super",
    "ISO_Level3_Shift": "altgr",
    "Mode_switch": "altgr",
    "ISO_Left_Tab": "Tab",  # shift+Tab presses ISO_Left_Tab and releases Tab
    "KP_Enter": "Return",
    "Prior": "Page_Up",
    "Next": "Page_Down",
    "space": " ",
}


def keysym_names() -> dict[int, str]:
    from Xlib import XK

    XK.load_keysym_group("xkb")  # ISO_Left_Tab, ISO_Level3_Shift: not in the groups loaded by default
    names: dict[int, str] = {}
    for attr, value in vars(XK).items():
        if attr.startswith("XK_") and isinstance(value, int):
            names.setdefault(value, attr[3:])
    return {sym: RENAMED.get(name, name) for sym, name in names.items()}


@register(InputHook, "pynput")
class PynputHook:
    """``measure=True`` keeps each callback's own duration in ``costs`` (kind, seconds), for the benchmark."""

    def __init__(self, display_name: str | None = None, measure: bool = False) -> None:
        self.display_name = display_name or os.environ.get("DISPLAY", "")
        require_record(self.display_name, "recording")
        self.names = keysym_names()
        self.costs: list[tuple[str, float]] | None = [] if measure else None

    def listen(self, sink: Callable[[HookEvent], None]) -> Callable[[], None]:
        try:
            from pynput import mouse
        except Exception as err:  # pynput connects at import and raises several types
            raise EnvironmentProblem(
                f"cannot listen to input on {self.display_name}: {err}", "run `deskhand doctor`"
            ) from err
        keyboard = keyboard_listener(sink, self.names, self.costs)
        pointer = mouse.Listener(**pointer_callbacks(sink, self.costs))
        return start_all(self.display_name, [keyboard, pointer])


def require_record(display_name: str, needed_by: str) -> None:
    """Raise EnvironmentProblem when the X server cannot report input to a listener."""
    probe = open_display(display_name)
    try:
        has_record = probe.has_extension("RECORD")
    finally:
        probe.close()
    if not has_record:
        # Without RECORD pynput's listener thread dies and wait() blocks forever.
        raise EnvironmentProblem(
            f"the X server on {display_name} lacks the RECORD extension, which {needed_by} needs",
            "start Xvfb with `+extension RECORD` (Xorg enables it by default), then run `deskhand doctor`",
        )


def start_all(display_name: str, listeners: list[Any]) -> Callable[[], None]:
    """Start pynput listeners; the function returned stops them at once (not at the next event)."""
    for listener in listeners:
        listener.start()
        listener.wait()

    def stop() -> None:
        control = open_display(display_name)
        try:
            for listener in listeners:
                control.record_disable_context(listener._context)
            control.sync()
        finally:
            control.close()
        for listener in listeners:
            listener.join(STOP_TIMEOUT)
            if listener.is_alive():
                raise EnvironmentProblem(
                    "the input hook did not stop", "report this with the output of `deskhand doctor`"
                )

    return stop


def timed(kind: str, costs: list[tuple[str, float]] | None, callback: Callable[..., None]) -> Callable[..., None]:
    if costs is None:
        return callback

    def measured(*args: Any) -> None:
        started = time.perf_counter()
        callback(*args)
        costs.append((kind, time.perf_counter() - started))

    return measured


def pointer_callbacks(sink: Callable[[HookEvent], None], costs: list[tuple[str, float]] | None) -> dict[str, Any]:
    now = time.monotonic

    def on_move(x: int, y: int, injected: bool = False) -> None:
        sink((now(), "move", x, y))

    def on_click(x: int, y: int, button: Any, pressed: bool, injected: bool = False) -> None:
        sink((now(), "press" if pressed else "release", x, y, button.name))

    def on_scroll(x: int, y: int, dx: int, dy: int, injected: bool = False) -> None:
        sink((now(), "scroll", x, y, dx, dy))

    return {
        "on_move": timed("move", costs, on_move),
        "on_click": timed("click", costs, on_click),
        "on_scroll": timed("scroll", costs, on_scroll),
    }


def keyboard_listener(
    sink: Callable[[HookEvent], None], names: dict[int, str], costs: list[tuple[str, float]] | None
) -> Any:
    """A pynput keyboard listener whose events carry the X keycode, which pynput's callbacks drop."""
    from pynput import keyboard
    from Xlib import X

    if not hasattr(keyboard.Listener, "_handle_message"):  # renamed in pynput 1.8
        raise EnvironmentProblem("the input hook needs pynput 1.8 or newer", "pip install 'pynput>=1.8'")
    now = time.monotonic

    def name_of(key: Any) -> str:
        char = getattr(key, "char", None)
        if char:
            return str(char)
        keysym = getattr(getattr(key, "value", key), "vk", None)
        return names.get(keysym, f"keysym-{keysym}") if keysym is not None else "unknown"

    def handle(display: Any, event: Any) -> None:
        try:
            key = listener._event_to_key(display, event)
        except IndexError:
            key = None
        sink((now(), "down" if event.type == X.KeyPress else "up", name_of(key), event.detail))

    measured = timed("key", costs, handle)

    class KeycodeListener(keyboard.Listener):
        def _handle_message(self, display: Any, event: Any, injected: bool) -> None:
            measured(display, event)

    listener = KeycodeListener()
    return listener
