"""The X PRIMARY selection, read as text: what the focused field has selected, exactly.

Selecting a field's text with the keyboard (End, Shift+Home) makes Tk, GTK, Qt, Swing and
Chromium offer it as PRIMARY (measured on the zoo forms); Wine's programs do not. Whoever
held it before may offer the very same text again (a field selected twice), so the caller
clears the selection first: whoever holds it afterwards has offered it since. Cleared, not
taken: an owner that never answers would keep another program's paste waiting.
"""

from __future__ import annotations

import select
import threading
import time

from Xlib import X, Xatom
from Xlib.protocol import request

from automation.backends.x11_windows import open_display
from automation.protocols import Selection
from automation.registry import register

ANSWER_TIMEOUT = 1.0  # seconds the selection's owner gets to send it (a hung application never does)


@register(Selection, "x11")
class X11Selection:
    def __init__(self, display_name: str | None = None) -> None:
        self._display = open_display(display_name)
        self._lock = threading.Lock()  # one Xlib connection is not thread-safe
        # The selection is delivered as a property of a window: one unmapped window of our own.
        self._window = self._display.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        self._utf8 = self._display.intern_atom("UTF8_STRING")
        self._into = self._display.intern_atom("DESKHAND_SELECTION")

    def clear(self) -> None:
        with self._lock:
            request.SetSelectionOwner(
                display=self._display.display, window=X.NONE, selection=Xatom.PRIMARY, time=X.CurrentTime
            )
            self._display.sync()

    def selected_text(self) -> str | None:
        with self._lock:
            if self._display.get_selection_owner(Xatom.PRIMARY) == X.NONE:
                return None
            self._window.convert_selection(Xatom.PRIMARY, self._utf8, self._into, X.CurrentTime)
            self._display.flush()
            if not self._answered():
                return None
            reply = self._window.get_full_property(self._into, X.AnyPropertyType)
            self._window.delete_property(self._into)
            self._display.flush()
        if reply is None or reply.property_type not in (self._utf8, Xatom.STRING):
            return None  # refused, or too large to send at once (INCR): no field holds that much
        value = reply.value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

    def _answered(self) -> bool:
        """Wait for the owner's SelectionNotify to our window; False when refused or silent."""
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while True:
            while self._display.pending_events():
                ev = self._display.next_event()
                if ev.type == X.SelectionNotify and ev.requestor == self._window:
                    return bool(ev.property != X.NONE)
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            select.select([self._display.fileno()], [], [], left)
