"""app/services/config.py: every DESKHAND_* variable is read there and handed down as an argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import config
from app.services.models import open_chosen_model
from app.services.paths import models_dir
from app.services.voice.engine import open_engine
from automation.errors import ModelUnavailable
from models.openai_http import HttpModel
from models.speech.sphinx import SphinxSpeech


def test_unset_variables_mean_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (config.MODELS, config.PACK_WHEELS, config.OCR, config.SPEECH, config.THREADS, config.SCHEMA_FORMAT):
        monkeypatch.delenv(name, raising=False)
    assert (config.models_folder(), config.pack_wheels(), config.speech(), config.schema_format()) == (
        None,
        None,
        None,
        None,
    )
    assert config.ocr_backend() == "tesserocr"
    assert config.threads("m") is None


def test_set_variables_are_read_when_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(config.MODELS, str(tmp_path / "packs"))
    monkeypatch.setenv(config.OCR, "pytesseract")
    monkeypatch.setenv(config.THREADS, " 3 ")
    assert models_dir() == tmp_path / "packs" and models_dir().is_dir()
    assert config.ocr_backend() == "pytesseract"
    assert config.threads("m") == 3


@pytest.mark.parametrize("bad", ["two", "0", "-1", "1.5"])
def test_a_bad_thread_count_names_the_variable_and_the_model(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv(config.THREADS, bad)
    with pytest.raises(ModelUnavailable, match="not a positive whole number") as caught:
        config.threads("qwen")
    assert caught.value.path == "qwen" and caught.value.exit_code == 6
    assert config.THREADS in caught.value.fix


def test_the_speech_variable_picks_the_engine_when_nothing_else_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.SPEECH, "pocketsphinx")
    assert isinstance(open_engine(""), SphinxSpeech)
    with pytest.raises(ModelUnavailable, match="whisper-base"):  # a name given wins over the variable
        open_engine("whisper-base")


def test_the_schema_format_variable_reaches_a_server_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.SCHEMA_FORMAT, "json_schema")
    model = open_chosen_model(None, "http://127.0.0.1:9")  # nothing is sent until a request
    assert isinstance(model, HttpModel) and model.schema_format == "json_schema"
    monkeypatch.setenv(config.SCHEMA_FORMAT, "xml")
    with pytest.raises(ModelUnavailable, match="unknown schema format 'xml'"):
        open_chosen_model(None, "http://127.0.0.1:9")
