"""The microphone through the real sounddevice and PortAudio, on a machine without one
(CI's and the test machine's: `sounddevice.query_devices()` is empty there)."""

import threading

import pytest
import sounddevice

from automation import registry
from automation.audio import AudioSource
from automation.backends import register_all
from automation.backends.microphone import Microphone, microphone_problem
from automation.errors import EnvironmentProblem

pytestmark = pytest.mark.skipif(
    any(d["max_input_channels"] > 0 for d in sounddevice.query_devices()),
    reason="this machine has a microphone: the no-device path cannot be exercised",
)


def test_recording_without_a_microphone_is_an_environment_problem_with_a_fix() -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(EnvironmentProblem) as caught:
        Microphone(stop, max_seconds=0.1).record()
    assert caught.value.message.startswith("no microphone")
    assert caught.value.exit_code == 7
    assert "typing still works" in caught.value.fix


def test_the_panel_can_ask_before_anyone_presses_talk() -> None:
    why = microphone_problem()
    assert why is not None and why.startswith("no microphone")


def test_the_microphone_is_registered_as_an_audio_source() -> None:
    register_all()
    source = registry.create(AudioSource, "sounddevice", threading.Event())
    assert isinstance(source, Microphone)
