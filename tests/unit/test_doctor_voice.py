"""`deskhand doctor` reports voice, which is optional: no microphone warns, never fails."""

from app.services import doctor
from automation.backends.microphone import microphone_problem


def test_voice_checks_are_reported_and_never_make_deskhand_unready() -> None:
    voice = [c for c in doctor.diagnose() if c.name.startswith("voice: ")]
    assert [c.name for c in voice] == ["voice: microphone", "voice: speech model", "voice: espeak-ng"]
    assert not any(c.required for c in voice)
    microphone = voice[0]
    problem = microphone_problem()  # this machine's truth, asked the way the panel asks it
    assert microphone.ok is (problem is None)
    if problem is not None:
        assert microphone.detail == problem and "typing still works" in microphone.fix
    assert doctor.healthy([*voice]) is True
