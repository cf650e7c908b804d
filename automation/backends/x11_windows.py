"""Windows on X11 through python-xlib and the EWMH hints every modern window manager sets.

Geometry is the client area in absolute coordinates (translate_coords), which is
what OCR crops and clicks need; `xdotool getwindowgeometry` and `wmctrl -lG` are
off by the frame decoration under openbox.
"""

from __future__ import annotations

import os
import select
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from Xlib import X, Xatom, display, error
from Xlib.ext import shape
from Xlib.protocol import event, request

from automation.errors import EnvironmentProblem
from automation.protocols import Windows
from automation.registry import register
from automation.types import Box, Window

WATCH_POLL = 0.2  # seconds the watcher waits for X events before checking whether it should stop
POPUP_REACH = 48  # pixels: a pop-up this close to a window of its own application pops from it
Popups = list[tuple[int, Box, str]]  # id, box, window type of each pop-up, top-most first


def open_display(name: str | None = None) -> display.Display:
    """Connect to the X server, or explain what is missing."""
    name = name or os.environ.get("DISPLAY")
    if not name:
        raise EnvironmentProblem(
            "no X display: DISPLAY is not set",
            "run Deskhand inside your desktop session, or start Xvfb and export DISPLAY",
        )
    try:
        return display.Display(name)
    except (error.DisplayError, error.DisplayNameError, ConnectionError, OSError) as err:
        raise EnvironmentProblem(
            f"cannot open X display {name!r}: {err}",
            "check that the X server is running and DISPLAY is right",
        ) from err


@register(Windows, "x11")
class X11Windows:
    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name
        self._display = open_display(display_name)
        self._root = self._display.screen().root
        self._lock = threading.Lock()  # one Xlib connection is not thread-safe
        self._atoms: dict[str, int] = {}
        self._names: dict[int, str] = {}  # atom -> name, for pop-ups' window types
        # Every client's windows get ids in its own range; the mask says which bits number them.
        self._client_bits = ~int(self._display.display.info.resource_id_mask)
        self._shapes = bool(self._display.has_extension("SHAPE"))  # input regions (click-through windows)

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self._display.intern_atom(name)
        return self._atoms[name]

    def _read(self, win: object, name: str, kind: int = X.AnyPropertyType) -> list[int] | bytes | None:
        """A property's value, None when it is not set; raises XError when the window is gone."""
        reply = win.get_full_property(self._atom(name), kind)  # type: ignore[attr-defined]
        return None if reply is None else reply.value

    def _prop(self, win: object, name: str, kind: int = X.AnyPropertyType) -> list[int] | bytes | None:
        try:
            return self._read(win, name, kind)
        except error.XError:
            return None

    def _window(self, wid: int, hidden: bool = False) -> Window | None:
        """The window ``wid`` if it is shown (or, with ``hidden``, only if it is not)."""
        win = self._display.create_resource_object("window", wid)
        # Every read is inside the try: a window can close between two of them (a click on
        # a dialog's Yes while the recorder looks the click up), and one that went away
        # before its title was read must not be listed with an empty title.
        try:
            state = self._read(win, "_NET_WM_STATE", Xatom.ATOM) or []
            shown = win.get_attributes().map_state == X.IsViewable and self._atom("_NET_WM_STATE_HIDDEN") not in state
            if shown == hidden:
                return None
            geom = win.get_geometry()
            origin = win.translate_coords(self._root, 0, 0)
            wm_class = win.get_wm_class()
            name = self._read(win, "_NET_WM_NAME", self._atom("UTF8_STRING")) or self._read(win, "WM_NAME")
            pid = self._read(win, "_NET_WM_PID", Xatom.CARDINAL)
        except error.XError:
            return None  # it closed while we looked
        title = bytes(name).decode("utf-8", "replace") if isinstance(name, (bytes, bytearray)) else ""
        return Window(
            id=wid,
            title=title,
            app=wm_class[1] if wm_class else "",
            # translate_coords gives the root position relative to the window: negate it.
            box=Box(-origin.x, -origin.y, geom.width, geom.height),
            pid=int(pid[0]) if pid else None,
            client=wid & self._client_bits,
        )

    def list(self) -> list[Window]:
        with self._lock:
            ids = self._prop(self._root, "_NET_CLIENT_LIST_STACKING", Xatom.WINDOW)
            if ids is None:
                raise EnvironmentProblem(
                    "the window manager publishes no window list (_NET_CLIENT_LIST_STACKING)",
                    "run an EWMH window manager such as openbox",
                )
            found = (self._window(int(wid)) for wid in reversed(list(ids)))  # top-most first
            windows = [w for w in found if w is not None]
            return with_popups(windows, self._popups(), self._client_bits)

    def hidden(self) -> Sequence[Window]:
        """The window manager's windows that are not shown (minimised, or hidden by "show the
        desktop"): not for reading or input, only to know what a request may be naming."""
        with self._lock:
            ids = self._prop(self._root, "_NET_CLIENT_LIST_STACKING", Xatom.WINDOW) or []
            found = (self._window(int(wid), hidden=True) for wid in reversed(list(ids)))
            return [w for w in found if w is not None]

    def _atom_name(self, atom: int) -> str:
        if atom not in self._names:
            self._names[atom] = str(self._display.get_atom_name(atom))
        return self._names[atom]

    def _kind(self, win: object) -> str:
        """A pop-up's EWMH window type, without its prefix, lower case ("tooltip"); "" when unset."""
        types = self._read(win, "_NET_WM_WINDOW_TYPE", Xatom.ATOM)
        if not types or isinstance(types, (bytes, bytearray)):
            return ""
        return self._atom_name(int(types[0])).removeprefix("_NET_WM_WINDOW_TYPE_").lower()

    def _attributes(self, windows: Sequence[Any]) -> Sequence[Any]:
        """Each window's attributes request, all sent before any reply is read: one round trip,
        where one request at a time cost ~0.3 ms each on a busy machine (Tk and openbox keep a
        dozen unmapped windows on top). Each answer's ``reply()`` raises XError for a closed window."""
        return [request.GetWindowAttributes(display=self._display.display, defer=True, window=w) for w in windows]

    def _click_through(self, win: Any) -> bool:
        """Whether ``win`` takes no clicks anywhere (its SHAPE input region is empty): an overlay
        drawn over other windows (Deskhand's own highlight ring, a screen recorder's frame),
        not a pop-up. Raises XError when the window is gone; a server without input shapes
        (SHAPE before 1.1) has none."""
        if not self._shapes:
            return False
        try:
            return not win.shape_get_rectangles(shape.SK.Input).rectangles
        except error.BadValue:  # no input kind on this server: every window takes clicks
            return False

    def _popups(self) -> Popups:
        """Viewable override-redirect windows (pop-up lists, menus, tooltips), top-most first.

        The window manager lists none of them. They are the root's children stacked above
        the top-most window it manages (a pop-up is mapped over everything); the scan stops
        at that window, since whatever lies below it is covered. A click-through overlay is
        none: the panel's full-screen highlight layer, taken for a pop-up of the panel, had
        the panel hold the whole screen (the client's dialog read as the panel's words).
        """
        try:
            children = self._root.query_tree().children
        except error.XError:
            return []
        found: Popups = []
        asked: Sequence[tuple[Any, Any]] = tuple(zip(children, self._attributes(children), strict=True))
        for child, attributes in reversed(asked):  # the reply lists them bottom to top
            try:
                attributes.reply()
                if attributes.map_state != X.IsViewable:
                    continue
                if not attributes.override_redirect:
                    break  # a managed window's frame
                if self._click_through(child):
                    continue
                geom = child.get_geometry()
                kind = self._kind(child)
            except error.XError:
                continue  # it closed while we looked
            edge = 2 * geom.border_width
            found.append((int(child.id), Box(geom.x, geom.y, geom.width + edge, geom.height + edge), kind))
        return found

    def active(self) -> Window | None:
        with self._lock:
            ids = self._prop(self._root, "_NET_ACTIVE_WINDOW", Xatom.WINDOW)
            if not ids or not ids[0]:
                return None
            return self._window(int(ids[0]))

    def activate(self, window: Window) -> None:
        with self._lock:
            target = self._display.create_resource_object("window", window.id)
            message = event.ClientMessage(
                window=target,
                client_type=self._atom("_NET_ACTIVE_WINDOW"),
                data=(32, [2, X.CurrentTime, 0, 0, 0]),  # 2: request from a pager-like tool
            )
            mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
            self._root.send_event(message, event_mask=mask)
            self._display.flush()

    def watch(self, changed: Callable[[], None]) -> Callable[[], None]:
        """WindowWatch: the root window's structure events (a top-level window or frame mapped,
        unmapped, moved, restacked; override-redirect pop-ups are the root's children too) and
        its property changes (the window manager's client list, the active window), read on a
        connection and a thread of their own. Events that arrived together make one call."""
        connection = open_display(self._display_name)
        connection.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask | X.PropertyChangeMask)
        connection.sync()
        stopping = threading.Event()

        def run() -> None:
            try:
                while not stopping.is_set():
                    select.select([connection.fileno()], [], [], WATCH_POLL)
                    if not connection.pending_events():
                        continue
                    while connection.pending_events():
                        connection.next_event()
                    changed()
            except (error.ConnectionClosedError, OSError, ValueError):
                return  # the connection closed under it: watching has ended

        thread = threading.Thread(target=run, name="deskhand-window-watch", daemon=True)
        thread.start()

        def stop() -> None:
            stopping.set()
            thread.join(2 * WATCH_POLL + 1.0)
            connection.close()

        return stop

    def has_extension(self, name: str) -> bool:
        with self._lock:
            return bool(self._display.has_extension(name))

    def window_manager(self) -> str | None:
        """The EWMH window manager's name, or None when none is running."""
        with self._lock:
            check = self._prop(self._root, "_NET_SUPPORTING_WM_CHECK", Xatom.WINDOW)
            if not check:
                return None
            wm = self._display.create_resource_object("window", int(check[0]))
            name = self._prop(wm, "_NET_WM_NAME", self._atom("UTF8_STRING"))
            return bytes(name).decode("utf-8", "replace") if name else "unnamed"


def with_popups(windows: list[Window], popups: Popups, client_bits: int) -> list[Window]:
    """``windows`` with each pop-up given to the window it pops from.

    That is the top-most window of the same X connection (the same application) that the
    pop-up lies over or within POPUP_REACH pixels of; a pop-up of no listed window (a
    tooltip of another program, the window manager's own) is left out.
    """
    owned: dict[int, list[Window]] = {}
    for pid, box, kind in popups:
        near = box.grown(POPUP_REACH)
        owner = next((w for w in windows if w.client == pid & client_bits and w.box.intersect(near)), None)
        if owner is not None:
            popup = Window(pid, owner.title, owner.app, box, owner.pid, owner.client, kind=kind)
            owned.setdefault(owner.id, []).append(popup)
    return [replace(w, popups=tuple(owned[w.id])) if w.id in owned else w for w in windows]
