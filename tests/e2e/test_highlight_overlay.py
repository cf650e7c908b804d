"""The panel's highlight ring is no pop-up of the panel. The ring is a full-screen
override-redirect window of the panel's connection; counted as a pop-up it made the panel
hold the whole screen, so `deskhand observe --window Deskhand` read the client's Confirm
dialog as the panel's words and the panel's own confirmation was never answered."""

from __future__ import annotations

import sys
from pathlib import Path

from Xlib import X

from automation.backends.x11_windows import X11Windows, open_display
from automation.timings import wait_until
from tests.support.apps import launch

RINGED = Path(__file__).resolve().parents[1] / "apps" / "ringed.py"
RING = (200, 260, 60, 30)  # a box far from the window: the ring's layer covers the screen


def test_the_highlight_ring_over_another_window_is_no_popup_of_its_own_window() -> None:
    app = launch([sys.executable, str(RINGED), *map(str, RING)], "Ringed window")
    try:
        windows = X11Windows()
        ringed = wait_until(
            lambda: next((w for w in windows.list() if w.title.endswith("(ringed)")), None),
            name="the ring to be shown",
            timeout=20,
        )
        # The layer is there: a viewable override-redirect child of the root, the window's connection.
        assert ringed.client in overlays(), "the ring's layer is not mapped"
        assert ringed.popups == ()
        assert ringed.extent == ringed.box
    finally:
        app.stop()


def overlays() -> set[int]:
    """The connections (client bits of the ids) of the root's viewable override-redirect windows."""
    server = open_display()
    try:
        client_bits = ~int(server.display.info.resource_id_mask)
        found = set()
        for child in server.screen().root.query_tree().children:
            attributes = child.get_attributes()
            if attributes.override_redirect and attributes.map_state == X.IsViewable:
                found.add(int(child.id) & client_bits)
        return found
    finally:
        server.close()
