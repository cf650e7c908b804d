"""Saved observations read back equal to what was saved (minus the pixels)."""

from pathlib import Path

import pytest
from PIL import Image

from automation import snapshot
from automation.types import Box, Observation, TextSpan, Window


def sample() -> Observation:
    main = Window(7, "Legacy Expense System", "Tk", Box(80, 60, 390, 340), pid=None)
    dialog = Window(9, "Confirm", "Toplevel", Box(160, 200, 230, 90), pid=1234)
    return Observation(
        image=Image.new("RGB", (1280, 800)),
        windows=(dialog, main),
        active=dialog,
        spans=(
            TextSpan("Yes", Box(207, 265, 24, 10), 95.6, "Confirm"),
            TextSpan("Amount", Box(99, 164, 57, 11), 96.5, main.title),
        ),
        taken_at=1700000000.5,
        outlines=(Box(187, 161, 255, 20),),
    )


def test_round_trip_keeps_windows_labels_and_outlines(tmp_path: Path) -> None:
    obs = sample()
    path = tmp_path / "obs.json"
    snapshot.save(obs, path)
    back = snapshot.load(path)
    assert back.windows == obs.windows
    assert back.active == obs.active
    assert back.spans == obs.spans
    assert back.outlines == obs.outlines
    assert back.taken_at == obs.taken_at
    assert back.image.size == (1, 1)  # no pixels are kept


def test_no_active_window_survives_the_round_trip(tmp_path: Path) -> None:
    obs = sample()
    path = tmp_path / "obs.json"
    snapshot.save(Observation(obs.image, obs.windows, None, obs.spans, obs.taken_at), path)
    assert snapshot.load(path).active is None


def test_unknown_format_is_refused() -> None:
    data = snapshot.to_json(sample()) | {"format": 99}
    with pytest.raises(ValueError, match="format 99"):
        snapshot.from_json(data)
