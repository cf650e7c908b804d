"""The zoo benchmark's merged view starts its session bus on its own display (no screen needed)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench import zoo
from tests.support import session_bus


def test_the_merged_views_session_bus_starts_once_display_names_the_runs_own_x_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bus activates the accessibility bus launcher, which names its socket after $DISPLAY
    (~/.cache/at-spi/bus_N); started with no display it took the one shared name, and two merged
    runs on one machine had their clients connect to each other's accessibility bus, or to none."""
    seen: list[str | None] = []

    class Session:
        def stop(self) -> None:
            pass

    def start(prefix: str) -> tuple[Path, Session]:
        os.environ["DISPLAY"] = ":321"
        return tmp_path, Session()

    @contextlib.contextmanager
    def bus() -> Iterator[str]:
        seen.append(os.environ.get("DISPLAY"))
        yield "unix:path=/nowhere"

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path))
    for key in ("DBUS_SESSION_BUS_ADDRESS", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(zoo.xserver, "start_for_benchmark", start)
    monkeypatch.setattr(session_bus, "session_bus", bus)
    monkeypatch.setattr(zoo, "publish", lambda report, path, table: None)
    monkeypatch.setattr(zoo, "launch", lambda *a: (_ for _ in ()).throw(RuntimeError("no form here")))
    monkeypatch.setattr("sys.argv", ["zoo", "--merged", "--toolkits", "gtk", "--count", "1"])
    zoo.main()
    assert seen == [":321"]
