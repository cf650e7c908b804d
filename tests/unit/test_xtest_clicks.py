"""A click's press and release leave together: nothing, and no wait for the X server, between them.

pyautogui's click waits for the server after the press, then moves the pointer to where it
already is and waits again before the release. On a loaded machine GTK drew its combo's list
in between, the pointer's "move" reached the list, and the release then chose the item under
the pointer and closed the list (the zoo's combo flow: 3 of 40 opening clicks under load).
The fake pyautogui here does what pyautogui's X11 backend does, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from Xlib import X

from automation.backends.xtest_input import CLICK_INTERVAL, XTestInput, send_clicks

NAMES = {X.ButtonPress: "press", X.ButtonRelease: "release", X.MotionNotify: "motion"}


class Server:
    """What reaches the X server, in order: requests, and each round trip ("sync")."""

    def __init__(self) -> None:
        self.log: list[str] = []

    def sync(self) -> None:
        self.log.append("sync")

    def fake_input(self, display: Any, event_type: int, detail: int = 0, **where: int) -> None:
        assert display is self
        self.log.append(f"{NAMES[event_type]} {detail}" if event_type != X.MotionNotify else "motion")


class PyAutoGui:
    """pyautogui's X11 calls as they reach the server (pyautogui/_pyautogui_x11.py)."""

    def __init__(self, server: Server) -> None:
        self.server = server

    def _move(self, x: int, y: int) -> None:
        self.server.fake_input(self.server, X.MotionNotify, x=x, y=y)
        self.server.sync()

    def moveTo(self, x: int, y: int) -> None:
        self._move(x, y)

    def click(self, x: int, y: int, button: str = "left", clicks: int = 1, interval: float = 0.0) -> None:
        self._move(x, y)
        for _ in range(clicks):
            self._move(x, y)  # _mouseDown moves first
            self.server.fake_input(self.server, X.ButtonPress, {"left": 1, "middle": 2, "right": 3}[button])
            self.server.sync()
            self._move(x, y)  # and so does _mouseUp
            self.server.fake_input(self.server, X.ButtonRelease, {"left": 1, "middle": 2, "right": 3}[button])
            self.server.sync()


class Own:
    @contextmanager
    def sending(self, kind: str = "any") -> Iterator[None]:
        yield


def xtest_input(server: Server) -> XTestInput:
    keys = XTestInput.__new__(XTestInput)  # no display connection: the server is the fake
    attributes = {"_gui": PyAutoGui(server), "_display": server, "_fake_input": server.fake_input, "own": Own()}
    for name, value in attributes.items():
        setattr(keys, name, value)
    return keys


def between_press_and_release(log: list[str]) -> list[str]:
    press = next(i for i, entry in enumerate(log) if entry.startswith("press"))
    release = next(i for i, entry in enumerate(log) if entry.startswith("release"))
    return log[press + 1 : release]


def test_a_click_moves_there_first_then_sends_press_and_release_in_one_round_trip() -> None:
    server = Server()
    xtest_input(server).click(298, 93)
    assert server.log[0] == "motion"  # the pointer arrives (a hover the application sees) ...
    assert between_press_and_release(server.log) == []  # ... and nothing comes between press and release
    assert server.log[-3:] == ["press 1", "release 1", "sync"]


def test_a_right_click_presses_button_3() -> None:
    server = Server()
    xtest_input(server).click(10, 10, button="right")
    assert server.log[-3:] == ["press 3", "release 3", "sync"]


def test_a_double_click_is_two_batches_a_short_pause_apart() -> None:
    server = Server()
    pauses: list[float] = []
    send_clicks(server, server.fake_input, 1, clicks=2, sleep=pauses.append)
    assert server.log == ["press 1", "release 1", "sync", "press 1", "release 1", "sync"]
    assert pauses == [CLICK_INTERVAL]
