from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.services.settings import Settings, load_settings, save_settings, settings_file
from app.ui.highlight import GAP, RING, HighlightLayer
from automation.errors import EnvironmentProblem


def test_the_layer_is_click_through_on_top_and_masked_to_the_ring(qtbot: QtBot) -> None:
    layer = HighlightLayer()
    qtbot.addWidget(layer)
    flags = layer.windowFlags()
    for flag in (
        Qt.WindowType.WindowTransparentForInput,
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.FramelessWindowHint,
    ):
        assert flags & flag
    layer.ring(100, 200, 60, 20)
    assert layer.isVisible()
    mask = layer.mask()
    assert mask.contains(QPoint(100 - GAP - RING // 2, 210))  # on the ring
    assert not mask.contains(QPoint(130, 210))  # the target itself shows through
    assert not mask.contains(QPoint(10, 10))  # and so does the rest of the screen
    layer.clear()
    assert not layer.isVisible()


def test_settings_round_trip_through_toml() -> None:
    assert load_settings() == Settings()  # nothing saved yet: the defaults
    chosen = Settings(model='/models/a "quoted" \\ path.gguf', server="", confirm="always", hotkey_show="<f9>")
    path = save_settings(chosen)
    assert path == settings_file() and path.read_text().startswith("[deskhand]\n")
    assert load_settings() == chosen


def test_a_bad_confirm_setting_says_how_to_fix_it() -> None:
    settings_file().write_text('[deskhand]\nconfirm = "never"\n')
    with pytest.raises(EnvironmentProblem) as err:
        load_settings()
    assert 'confirm = "ask"' in err.value.fix
