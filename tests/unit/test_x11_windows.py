"""The X11 window list over a stand-in X server whose windows can close between two requests.

A click on a dialog's Yes closes the dialog while the recorder lists the windows under
the click; a window that went away half-read must not be listed with an empty title
(test_record_filing_a_claim once saw the Confirm dialog's title as "").
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from Xlib import X, error
from Xlib.ext import shape

from automation.backends import x11_windows
from automation.backends.x11_windows import X11Windows
from automation.types import Box

ROOT = 1
FORM, DIALOG, UNTITLED = 0x400001, 0x400101, 0x400201


@dataclass
class Shown:
    title: str | None
    app: str
    box: Box
    pid: int = 4242
    kind: str = ""  # a pop-up's window type (override-redirect, no title); "" for a managed window
    clicks: bool = True  # False: its input region is empty (a click-through overlay)


@dataclass
class FakeServer:
    """Windows by id; a request about a window that is not there fails with BadWindow."""

    windows: dict[int, Shown] = field(default_factory=dict)
    closes_after: dict[int, str] = field(default_factory=dict)  # window id -> the request it closes after
    active: int | None = None
    atoms: dict[str, int] = field(default_factory=dict)
    # The connection's setup as python-xlib keeps it: which id bits number one client's windows.
    display: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(info=SimpleNamespace(resource_id_mask=0x1FFFFF))
    )

    def intern_atom(self, name: str) -> int:
        return self.atoms.setdefault(name, len(self.atoms) + 1)

    def atom_name(self, atom: int) -> str:
        return next(name for name, value in self.atoms.items() if value == atom)

    def get_atom_name(self, atom: int) -> str:
        return self.atom_name(atom)

    def has_extension(self, name: str) -> bool:
        return name == "SHAPE"

    def get_resource_class(self, name: str) -> None:
        return None  # error replies name windows by number

    def screen(self) -> SimpleNamespace:
        return SimpleNamespace(root=FakeWindow(self, ROOT))

    def create_resource_object(self, kind: str, wid: int) -> FakeWindow:
        return FakeWindow(self, wid)


@dataclass
class FakeWindow:
    server: FakeServer
    wid: int

    def _answer(self, request: str) -> Shown | None:
        if self.wid == ROOT:
            return None
        shown = self.server.windows.get(self.wid)
        if shown is None:
            reply = struct.pack("=BBHLHB21x", 0, X.BadWindow, 1, self.wid, 0, 20)
            raise error.BadWindow(self.server, reply)
        if self.server.closes_after.get(self.wid) == request:
            del self.server.windows[self.wid]
        return shown

    def get_attributes(self) -> SimpleNamespace:
        shown = self._answer("get_attributes")
        return SimpleNamespace(map_state=X.IsViewable, override_redirect=bool(shown and shown.kind))

    def get_geometry(self) -> SimpleNamespace:
        shown = self._answer("get_geometry")
        assert shown is not None
        b = shown.box
        return SimpleNamespace(x=b.x, y=b.y, width=b.w, height=b.h, border_width=0)

    @property
    def id(self) -> int:
        return self.wid

    def shape_get_rectangles(self, kind: int) -> SimpleNamespace:
        shown = self._answer("shape_get_rectangles")
        assert shown is not None and kind == shape.SK.Input
        whole = SimpleNamespace(x=0, y=0, width=shown.box.w, height=shown.box.h)
        return SimpleNamespace(rectangles=[whole] if shown.clicks else [])

    def query_tree(self) -> SimpleNamespace:
        """The root's children bottom to top: the managed windows, then the pop-ups over them."""
        ids = sorted(self.server.windows, key=lambda wid: bool(self.server.windows[wid].kind))
        return SimpleNamespace(children=[FakeWindow(self.server, wid) for wid in ids])

    def translate_coords(self, root: FakeWindow, x: int, y: int) -> SimpleNamespace:
        shown = self._answer("translate_coords")
        assert shown is not None
        return SimpleNamespace(x=-shown.box.x, y=-shown.box.y)

    def get_wm_class(self) -> tuple[str, str]:
        shown = self._answer("get_wm_class")
        assert shown is not None
        return (shown.app.lower(), shown.app)

    def get_full_property(self, atom: int, kind: int) -> SimpleNamespace | None:
        name = self.server.atom_name(atom)
        shown = self._answer(name)
        if self.wid == ROOT:
            managed = [wid for wid, w in self.server.windows.items() if not w.kind]
            roots = {"_NET_CLIENT_LIST_STACKING": managed, "_NET_ACTIVE_WINDOW": [self.server.active]}
            value: object = roots.get(name)
        elif name in ("_NET_WM_NAME", "WM_NAME") and shown is not None and shown.title is not None:
            value = shown.title.encode()
        elif name == "_NET_WM_PID" and shown is not None:
            value = [shown.pid]
        elif name == "_NET_WM_WINDOW_TYPE" and shown is not None and shown.kind:
            value = [self.server.intern_atom(f"_NET_WM_WINDOW_TYPE_{shown.kind.upper()}")]
        else:
            value = None
        return None if value is None else SimpleNamespace(value=value)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    made = FakeServer(
        windows={
            FORM: Shown("Legacy Expense System", "Tk", Box(80, 80, 500, 400)),
            DIALOG: Shown("Confirm", "Toplevel", Box(220, 240, 220, 100)),
        }
    )
    monkeypatch.setattr(x11_windows, "open_display", lambda name=None: made)
    # The real one sends protocol requests in a batch; the stand-in answers one at a time.
    monkeypatch.setattr(X11Windows, "_attributes", lambda self, windows: [Asked(w) for w in windows])
    return made


class Asked:
    """A batched attributes request: answered (or failed) when its reply is read."""

    def __init__(self, window: FakeWindow) -> None:
        self.window = window

    def reply(self) -> None:
        self.__dict__.update(vars(self.window.get_attributes()))


def test_a_window_that_closes_before_its_title_is_read_is_left_out(server: FakeServer) -> None:
    server.closes_after[DIALOG] = "get_wm_class"  # the dialog's Yes was clicked while the list was read
    assert [(w.title, w.app) for w in X11Windows().list()] == [("Legacy Expense System", "Tk")]


def test_the_active_window_closing_while_it_is_read_is_no_active_window(server: FakeServer) -> None:
    server.active, server.closes_after[DIALOG] = DIALOG, "get_wm_class"
    assert X11Windows().active() is None


@pytest.mark.parametrize(
    "closes_after",
    ["get_attributes", "_NET_WM_STATE", "get_geometry", "translate_coords", "get_wm_class", "_NET_WM_NAME"],
)
def test_a_window_is_listed_whole_or_not_at_all(server: FakeServer, closes_after: str) -> None:
    server.closes_after[DIALOG] = closes_after
    listed = X11Windows().list()
    assert listed[-1].title == "Legacy Expense System"
    assert all(w.title and w.app for w in listed), listed


def test_a_window_with_no_title_at_all_is_still_listed(server: FakeServer) -> None:
    server.windows[UNTITLED] = Shown(None, "Xterm", Box(0, 0, 100, 100))
    listed = {w.id: w for w in X11Windows().list()}
    assert listed[UNTITLED].title == "" and listed[FORM].title == "Legacy Expense System"
    assert listed[DIALOG].box == Box(220, 240, 220, 100) and listed[DIALOG].pid == 4242


def test_a_popup_of_the_forms_connection_is_listed_with_the_form(server: FakeServer) -> None:
    server.windows[0x400301] = Shown(None, "", Box(150, 470, 120, 90), kind="combo")  # hangs below the form
    form = next(w for w in X11Windows().list() if w.id == FORM)
    assert [(p.id, p.box, p.kind, p.title) for p in form.popups] == [
        (0x400301, Box(150, 470, 120, 90), "combo", "Legacy Expense System")
    ]


@pytest.mark.parametrize("closes_after", ["get_attributes", "get_geometry"])
def test_a_popup_that_closes_while_it_is_read_is_left_out(server: FakeServer, closes_after: str) -> None:
    server.windows[0x400301] = Shown(None, "", Box(150, 470, 120, 90), kind="combo")
    server.closes_after[0x400301] = closes_after
    assert all(not w.popups for w in X11Windows().list())


def test_a_click_through_overlay_of_the_forms_connection_is_no_popup(server: FakeServer) -> None:
    """The panel's highlight ring is a full-screen override-redirect window that takes no clicks;
    as a pop-up of the panel it made the panel hold the whole screen, and `observe --window
    Deskhand` read the client's Confirm dialog (its Yes and No) as the panel's own."""
    server.windows[0x400301] = Shown(None, "", Box(0, 0, 1280, 800), kind="utility", clicks=False)
    server.windows[0x400401] = Shown(None, "", Box(150, 470, 120, 90), kind="combo")  # a real pop-up still is one
    listed = X11Windows().list()
    assert [(w.id, p.id) for w in listed for p in w.popups] == [(FORM, 0x400401)]
    assert all(w.extent != Box(0, 0, 1280, 800) for w in listed)
