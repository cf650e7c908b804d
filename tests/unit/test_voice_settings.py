"""The voice settings: the engine's name, and spoken replies as a TOML boolean, off by default."""

import pytest

from app.services.settings import Settings, load_settings, save_settings, settings_file
from automation.errors import EnvironmentProblem


def test_voice_is_off_and_the_engine_the_default_until_set() -> None:
    assert (load_settings().speech, load_settings().speak_replies) == ("", False)


def test_the_voice_settings_are_saved_and_read_back() -> None:
    save_settings(Settings(speech="whisper-base", speak_replies=True))
    assert "speak_replies = true\n" in settings_file().read_text()
    assert (load_settings().speech, load_settings().speak_replies) == ("whisper-base", True)


@pytest.mark.parametrize(("written", "expected"), [("false", False), ('"true"', True), ('"False"', False)])
def test_speak_replies_takes_a_boolean_or_its_name(written: str, expected: bool) -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(f"[deskhand]\nspeak_replies = {written}\n")
    assert load_settings().speak_replies is expected


def test_anything_else_is_refused_with_the_line_to_write() -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text('[deskhand]\nspeak_replies = "loud"\n')
    with pytest.raises(EnvironmentProblem, match="not true or false") as caught:
        load_settings()
    assert "speak_replies = false" in caught.value.fix
