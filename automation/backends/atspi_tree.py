"""The Linux accessibility bus (AT-SPI) as an AccessibilityTree: GTK, Qt, Chromium, Java Swing.

Reached through libatspi's GObject bindings (Debian's gir1.2-atspi-2.0 and PyGObject).
Every property read is a D-Bus call into the application, so the walk is bounded in
nodes, depth and time, skips what is not showing (closed menus sit at -2^31), and a
hung application costs at most the call timeout. Applications that expose no tree (Tk,
Athena/Motif, Wine, VNC viewers) answer None and perception reads their pixels.
"""

from __future__ import annotations

import os
import time
from typing import Any

from automation import registry
from automation.errors import EnvironmentProblem
from automation.protocols import AccessibilityTree
from automation.types import Accessible, Box, Window

MAX_NODES = 3000
MAX_DEPTH = 60
BUDGET_S = 2.0  # one window's walk; Swing trees are large and each node is a round trip
CALL_TIMEOUT_MS = 800

# Containers whose own box and name say nothing a user would point at.
STRUCTURE = frozenset(
    {
        "application",
        "filler",
        "frame",
        "glass pane",
        "layered pane",
        "option pane",
        "panel",
        "root pane",
        "scroll bar",
        "scroll pane",
        "section",
        "separator",
        "split pane",
        "tool bar",
        "viewport",
        "window",
        "document frame",
        "document web",
        "redundant object",
        "unknown",
    }
)


def load_atspi() -> Any:
    """The Atspi module, or an EnvironmentProblem saying what to install or start."""
    try:
        import gi

        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
    except (ImportError, ValueError) as err:
        raise EnvironmentProblem(
            f"the accessibility bindings are missing ({err})",
            "apt-get install gir1.2-atspi-2.0 at-spi2-core, and pip install pygobject in Deskhand's venv",
        ) from err
    return Atspi


@registry.register(AccessibilityTree, "atspi")
class AtspiTree:
    def __init__(self) -> None:
        self.atspi = load_atspi()
        address = accessibility_bus()
        if address is not None and not reachable(address):
            # libatspi ends the process (a GLib error: SIGTRAP, exit 133) when it cannot connect
            raise EnvironmentProblem(
                f"the accessibility bus at {address.split(',')[0]} does not answer (its socket is gone)",
                "restart the session's accessibility bus (at-spi-bus-launcher); windows are read from pixels",
            )
        self.atspi.init()
        self.atspi.set_timeout(CALL_TIMEOUT_MS, CALL_TIMEOUT_MS)
        announce_assistive_technology()
        self.truncated = 0  # walks cut short by MAX_NODES or BUDGET_S: reported by doctor and benches

    def applications(self) -> list[tuple[str, int]]:
        """(name, pid) of every application registered on the bus: what doctor reports."""
        desktop = self.atspi.get_desktop(0)
        found = []
        for i in range(desktop.get_child_count()):
            app = _quiet(lambda i=i: desktop.get_child_at_index(i))
            if app is not None:
                found.append((_quiet(app.get_name) or "", _quiet(app.get_process_id) or 0))
        return found

    def read(self, window: Window) -> list[Accessible] | None:
        top = self._top_level(window)
        if top is None:
            return None
        walk = _Walk(self.atspi, time.monotonic() + BUDGET_S)
        for i in range(_quiet(top.get_child_count) or 0):
            child = _quiet(lambda i=i: top.get_child_at_index(i))
            if child is not None:
                walk.visit(child, 1)
        self.truncated += walk.truncated
        return walk.found

    def _top_level(self, window: Window) -> Any:
        """The application's frame or dialog that is this window: by title, else by the best overlap."""
        if window.pid is None:
            return None
        desktop = self.atspi.get_desktop(0)
        candidates = []
        for i in range(_quiet(desktop.get_child_count) or 0):
            app = _quiet(lambda i=i: desktop.get_child_at_index(i))
            if app is None or _quiet(app.get_process_id) != window.pid:
                continue
            for j in range(_quiet(app.get_child_count) or 0):
                top = _quiet(lambda app=app, j=j: app.get_child_at_index(j))
                if top is not None:  # a frame or dialog, or a bare widget's "filler" (Qt)
                    candidates.append(top)
        if not candidates:
            return None
        titled = [t for t in candidates if (_quiet(t.get_name) or "") == window.title]
        if len(titled) == 1:
            return titled[0]
        scored = [(overlap(self._box(t), window.box), t) for t in (titled or candidates)]
        best, top = max(scored, key=lambda s: s[0])
        return top if best > 0.5 else None

    def _box(self, acc: Any) -> Box | None:
        rect = _quiet(lambda: acc.get_extents(self.atspi.CoordType.SCREEN))
        return None if rect is None else Box(rect.x, rect.y, rect.width, rect.height)


class _Walk:
    """One bounded depth-first walk of a window's subtree."""

    def __init__(self, atspi: Any, deadline: float) -> None:
        self.atspi = atspi
        self.deadline = deadline
        self.found: list[Accessible] = []
        self.nodes = 0
        self.truncated = 0

    def visit(self, acc: Any, depth: int, view: Box | None = None) -> None:
        """``view`` is the visible part of the list or table ``acc`` lies in, if any."""
        if self.nodes >= MAX_NODES or time.monotonic() > self.deadline:
            self.truncated = 1
            return
        self.nodes += 1
        states = _states(acc)
        if "showing" not in states or depth > MAX_DEPTH:
            return
        role = _quiet(acc.get_role_name) or ""
        element = self._element(acc, role, states, view)
        if element is not None:
            self.found.append(element)
        if role in ("combo box", "spin button"):
            return  # their children are the closed list and the arrows: read when the list opens
        if role in VIEWS:
            rect = _quiet(lambda: acc.get_extents(self.atspi.CoordType.SCREEN))
            if rect is not None and rect.width > 0 and rect.height > 0:
                view = Box(rect.x, rect.y, rect.width, rect.height)
        for i in range(_quiet(acc.get_child_count) or 0):
            child = _quiet(lambda i=i: acc.get_child_at_index(i))
            if child is not None:
                self.visit(child, depth + 1, view)

    def _element(self, acc: Any, role: str, states: frozenset[str], view: Box | None = None) -> Accessible | None:
        name = (_quiet(acc.get_name) or "").strip()
        described = False
        if not name and role in PICTURE_BUTTONS:
            # A button that is only a picture has no name; its tooltip is its description (Swing's
            # toolbar), what a screen reader says for it and what a person reads hovering.
            name = " ".join(str(_quiet(acc.get_description) or "").split())
            described = bool(name)
        editable = "editable" in states
        if role in STRUCTURE and not editable:
            return None
        rect = _quiet(lambda: acc.get_extents(self.atspi.CoordType.SCREEN))
        if rect is None or rect.width <= 0 or rect.height <= 0:
            return None
        box = Box(rect.x, rect.y, rect.width, rect.height)
        if view is not None and role in ROWS:
            shown = in_view(box, view)
            if shown is None:
                return None
            box = shown
        value = _value(self.atspi, acc, role)
        if not name and not editable and value is None and role not in INTERACTIVE:
            return None
        return Accessible(
            role=role,
            name=name,
            box=box,
            states=states,
            value=value,
            label=_label(self.atspi, acc),
            described=described,
        )


# A list's or a table's own box is the part of it that shows: GTK says "showing" for every row
# and cell, puts those scrolled out of view at -2^31 and those half out across the view's edge.
VIEWS = frozenset({"table", "tree table", "list", "list box", "tree"})
ROWS = frozenset({"table cell", "list item", "tree item", "table row"})
SHOWN_SHARE = 0.5  # of a row's height that must show inside its view for it to be on screen


def in_view(box: Box, view: Box) -> Box | None:
    """The part of a row or cell ``box`` its list's ``view`` shows, or None when too little of it does:
    GnuCash's New Account listed "Credit Card", one pixel of it above the list's bottom edge, as a
    row on screen, and a click on that name would land below the list."""
    part = box.intersect(view)
    if part is None or part.h < SHOWN_SHARE * box.h:
        return None
    return part


PICTURE_BUTTONS = frozenset({"push button", "toggle button"})  # named by their description when unnamed
INTERACTIVE = frozenset(
    {"push button", "toggle button", "check box", "radio button", "combo box", "text", "entry", "password text"}
)


def _states(acc: Any) -> frozenset[str]:
    state_set = _quiet(acc.get_state_set)
    if state_set is None:
        return frozenset()
    return frozenset(s.value_nick for s in state_set.get_states())


def _value(atspi: Any, acc: Any, role: str) -> str | None:
    """What the element shows as its value: a field's text, a combo's chosen item, a number."""
    interfaces = set(_quiet(acc.get_interfaces) or ())
    if role == "combo box":
        # The chosen item first: some toolkits name a combo after its label, and give it a
        # text of one embedded-object character standing for the closed list.
        for i in range(_quiet(acc.get_child_count) or 0):
            child = _quiet(lambda i=i: acc.get_child_at_index(i))
            if child is None or "Selection" not in set(_quiet(child.get_interfaces) or ()):
                continue
            chosen = _quiet(lambda child=child: atspi.Selection.get_selected_child(child, 0))
            if chosen is not None and _quiet(chosen.get_name):
                return str(_quiet(chosen.get_name))
        text = _text(atspi, acc) if "Text" in interfaces else None
        return text or str(_quiet(acc.get_name) or "")
    if "Text" in interfaces and role not in (
        "label",
        "static",
        "push button",
        "check box",
        "radio button",
        "menu item",
    ):
        text = _text(atspi, acc)
        if text is not None:
            return text
    if "Value" in interfaces:
        number = _quiet(lambda: atspi.Value.get_current_value(acc))
        if number is not None:
            return f"{number:g}"
    return None


def _text(atspi: Any, acc: Any) -> str | None:
    count = _quiet(lambda: atspi.Text.get_character_count(acc))
    if count is None:
        return None
    text = _quiet(lambda: atspi.Text.get_text(acc, 0, count))
    return None if text is None else str(text).replace(EMBEDDED, "")


# Roles whose text is their name drawn on screen, not a value.
NAMED_BY_TEXT = frozenset({"label", "static", "push button", "check box", "radio button", "menu item"})
EMBEDDED = "\ufffc"  # stands for a child object inside a text


def _label(atspi: Any, acc: Any) -> str | None:
    for relation in _quiet(acc.get_relation_set) or ():
        if relation.get_relation_type() == atspi.RelationType.LABELLED_BY and relation.get_n_targets():
            target = relation.get_target(0)
            name = _quiet(target.get_name) if target is not None else None
            if name:
                return str(name).strip()
    return None


def accessibility_bus() -> str | None:
    """The accessibility bus's address, as libatspi finds it (its variable, else the session
    bus's org.a11y.Bus); None when it cannot be asked (libatspi then finds what it finds)."""
    if os.environ.get("AT_SPI_BUS_ADDRESS"):
        return os.environ["AT_SPI_BUS_ADDRESS"]
    try:
        from gi.repository import Gio, GLib

        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        reply = bus.call_sync(
            "org.a11y.Bus",
            "/org/a11y/bus",
            "org.a11y.Bus",
            "GetAddress",
            None,
            GLib.VariantType.new("(s)"),
            Gio.DBusCallFlags.NONE,
            CALL_TIMEOUT_MS,
            None,
        )
        return str(reply.unpack()[0]) or None
    except Exception:  # GLib.Error: no a11y bus service on this session
        return None


def reachable(address: str) -> bool:
    """Whether a D-Bus address takes a connection. Two accessibility buses on one machine (a test's
    and a session's) may share one socket name, and the first to stop removes the other's socket."""
    try:
        from gi.repository import Gio

        flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
        connection = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
    except Exception:  # GLib.Error: no such socket, refused, not a bus
        return False
    connection.close_sync(None)
    return True


def announce_assistive_technology() -> None:
    """Tell the session an assistive technology runs (org.a11y.Status.IsEnabled), as a screen
    reader does: Qt and Chromium build their trees only then. Best effort: a session without the
    a11y bus still has pixels."""
    try:
        from gi.repository import Gio, GLib

        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        bus.call_sync(
            "org.a11y.Bus",
            "/org/a11y/bus",
            "org.freedesktop.DBus.Properties",
            "Set",
            GLib.Variant("(ssv)", ("org.a11y.Status", "IsEnabled", GLib.Variant("b", True))),
            None,
            Gio.DBusCallFlags.NONE,
            CALL_TIMEOUT_MS,
            None,
        )
    except Exception:  # GLib.Error: no a11y bus on this session; the walk will find no applications
        return


def overlap(a: Box | None, b: Box) -> float:
    """Intersection over union of two boxes (0 when one is missing)."""
    if a is None:
        return 0.0
    inter = a.intersect(b)
    if inter is None:
        return 0.0
    shared = inter.w * inter.h
    return shared / (a.w * a.h + b.w * b.h - shared)


def _quiet(call: Any) -> Any:
    """A property read that may fail: the element died, or the application did not answer in time."""
    try:
        return call()
    except Exception:  # GLib.Error, and TypeErrors from half-built objects; either way: unknown
        return None
