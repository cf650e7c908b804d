"""The panel says what `deskhand record` notes: values kept secret, and why, and the recorder's problems."""

from __future__ import annotations

from app.ui.record import recording_notes
from automation.recording.recorder import RecorderStats


def test_values_kept_secret_and_the_recorders_problems_are_said_after_the_save() -> None:
    stats = RecorderStats(
        fields=[
            "field 'Employee' at Box(...): plain, label 'Employee'",
            "field 'PIN' at Box(...): secret, label 'PIN'",
        ],
        secrets=["field 'PIN' at Box(...): secret, label 'PIN'"],
        problems=["1 field(s) not classified in time: their keys were kept secret"],
    )
    assert recording_notes(stats) == [
        "kept secret: field 'PIN' at Box(...): secret, label 'PIN'",
        "note: 1 field(s) not classified in time: their keys were kept secret",
    ]
    assert recording_notes(RecorderStats(fields=["field 'Employee' at Box(...): plain, label 'Employee'"])) == []
