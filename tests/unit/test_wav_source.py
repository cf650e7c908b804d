"""The audio file source reads what sox writes, in every common layout, as 16 kHz mono float32;
a file it cannot use is a usage error naming the file and what is wrong."""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from automation.audio import RATE, Audio, AudioSource
from automation.audio.pcm import is_silent, resample
from automation.audio.wav import WavFile
from automation.errors import UsageError


def sox_tone(path: Path, *encoding: str, rate: int = 44_100, channels: int = 1, seconds: float = 0.5) -> Path:
    """A 440 Hz tone at half scale, written by sox in the layout asked for."""
    layout = ["-r", str(rate), "-c", str(channels), *encoding]
    subprocess.run(["sox", "-n", *layout, str(path), "synth", str(seconds), "sine", "440", "vol", "0.5"], check=True)
    return path


def dominant_hz(audio: Audio) -> float:
    spectrum = np.abs(np.fft.rfft(audio.samples))
    return float(np.argmax(spectrum) * audio.rate / len(audio.samples))


LAYOUTS = {
    "8-bit unsigned": ("-b", "8", "-e", "unsigned-integer"),
    "16-bit": ("-b", "16", "-e", "signed-integer"),
    "24-bit": ("-b", "24", "-e", "signed-integer"),
    "32-bit": ("-b", "32", "-e", "signed-integer"),
    "32-bit float": ("-b", "32", "-e", "floating-point"),
    "64-bit float": ("-b", "64", "-e", "floating-point"),
    "mu-law": ("-e", "mu-law"),  # telephone recordings; refused before the reader was libsndfile
    "A-law": ("-e", "a-law"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("rate", "channels"), [(8_000, 1), (22_050, 1), (44_100, 2), (48_000, 6)])
def test_any_pcm_layout_becomes_16k_mono_float(tmp_path: Path, layout: str, rate: int, channels: int) -> None:
    source: AudioSource = WavFile(sox_tone(tmp_path / "tone.wav", *LAYOUTS[layout], rate=rate, channels=channels))
    audio = source.record()
    assert audio.rate == RATE
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert audio.seconds == pytest.approx(0.5, abs=0.002)
    assert dominant_hz(audio) == pytest.approx(440, abs=3)
    assert float(np.abs(audio.samples).max()) == pytest.approx(0.5, abs=0.03)


def test_resampling_down_removes_what_16k_cannot_hold() -> None:
    t = np.arange(48_000) / 48_000
    tone = (0.5 * np.sin(2 * np.pi * 11_000 * t)).astype(np.float32)  # above the new 8 kHz Nyquist
    assert float(np.abs(resample(tone, 48_000)).max()) < 0.01  # gone, not folded down to 5 kHz


def test_silence_is_told_from_a_quiet_command(tmp_path: Path) -> None:
    quiet = WavFile(sox_tone(tmp_path / "quiet.wav", "-b", "16", seconds=3)).record()
    hush = Audio(quiet.samples * 0.001)  # -66 dBFS
    silence = WavFile(sox_tone(tmp_path / "silence.wav", "-b", "16", seconds=3)).record()
    assert not is_silent(quiet)
    assert is_silent(hush)
    assert is_silent(Audio(silence.samples * 0))
    one_word = np.zeros(RATE * 5, dtype=np.float32)
    one_word[RATE : RATE + RATE // 10] = quiet.samples[: RATE // 10]  # 0.1 s of sound in 5 s
    assert not is_silent(Audio(one_word))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    header_only = sox_tone(tmp / "full.wav", "-b", "16").read_bytes()[:44]
    return {
        "missing": (tmp / "nope.wav", "does not exist"),
        "folder": (tmp, "is a folder"),
        "empty": (write(tmp / "empty.wav", b""), "the file is empty"),
        "text": (write(tmp / "notes.wav", b"this is not a recording\n" * 4), "not a WAV file"),
        "mp3 renamed": (write(tmp / "song.wav", b"ID3\x03\x00" + bytes(200)), "not a WAV file"),
        "no samples": (write(tmp / "zero.wav", header_only), "holds no sound"),
        "cut format": (
            write(tmp / "cut.wav", b"RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00"),
            "No 'data' chunk",
        ),
        "no data": (write(tmp / "nodata.wav", header_only[:36]), "No 'data' chunk"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "folder", "empty", "text", "mp3 renamed", "no samples", "cut format", "no data"]
)
def test_a_file_that_cannot_be_used_is_a_usage_error_naming_it(tmp_path: Path, case: str) -> None:
    path, why = bad_files(tmp_path)[case]
    with pytest.raises(UsageError) as caught:
        WavFile(path).record()
    assert str(path) in caught.value.message
    assert why in caught.value.message
    assert caught.value.exit_code == 2 and caught.value.fix


def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    path = sox_tone(tmp_path / "locked.wav", "-b", "16")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: then there is nothing to test
        pytest.skip("running as root: permissions do not stop reading")
    with pytest.raises(UsageError, match="cannot be read"):
        WavFile(path).record()
