"""open_model picks the backend; the JSON check both backends share."""

from __future__ import annotations

from pathlib import Path

import pytest

from automation.errors import ModelUnavailable
from models.json_reply import checked_json
from models.llama_local import LlamaModel
from models.open_model import open_model
from models.openai_http import HttpModel


def test_a_path_opens_llama_cpp_without_loading(tmp_path: Path) -> None:
    model = open_model(tmp_path / "m.gguf", threads=1, context=512)
    assert isinstance(model, LlamaModel)
    assert (model.threads, model.context, model.load_seconds) == (1, 512, None)
    assert model.name == str(tmp_path / "m.gguf")


def test_a_url_opens_a_server_and_a_fragment_names_its_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKHAND_SCHEMA_FORMAT", raising=False)
    plain = open_model("http://127.0.0.1:8080/")
    assert isinstance(plain, HttpModel)
    assert (plain.endpoint, plain.model, plain.name) == (
        "http://127.0.0.1:8080/v1/chat/completions",
        "",
        "http://127.0.0.1:8080",
    )
    named = open_model("https://gpu-box:8000/v1#qwen2.5-7b", timeout=5)
    assert isinstance(named, HttpModel)
    assert (named.endpoint, named.model, named.timeout) == ("https://gpu-box:8000/v1/chat/completions", "qwen2.5-7b", 5)
    assert named.response_format({"type": "integer"}) == {"type": "json_object", "schema": {"type": "integer"}}


def test_the_schema_format_comes_from_the_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_SCHEMA_FORMAT", "json_schema")  # read by app/, never by models/
    assert isinstance(default := open_model("http://127.0.0.1:8000"), HttpModel)
    assert default.schema_format == "json_object"
    model = open_model("http://127.0.0.1:8000", schema_format="json_schema")
    assert isinstance(model, HttpModel)
    assert model.response_format({"type": "integer"}) == {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": {"type": "integer"}, "strict": True},
    }
    assert isinstance(chosen := open_model("http://127.0.0.1:8000", schema_format="json_object"), HttpModel)
    assert chosen.schema_format == "json_object"
    with pytest.raises(ModelUnavailable, match="unknown schema format 'xml'"):
        open_model("http://127.0.0.1:8000", schema_format="xml")


def test_other_schemes_are_refused() -> None:
    with pytest.raises(ModelUnavailable, match="only http:// and https://") as caught:
        open_model("ftp://host/model.gguf")
    assert caught.value.exit_code == 6


def test_checked_json_keeps_json_and_re_encodes_raw_control_characters() -> None:
    assert checked_json('{"a": 1}', model="m", cut_off=False, max_tokens=9) == '{"a": 1}'
    assert checked_json('{"a": "x\ty"}', model="m", cut_off=False, max_tokens=9) == '{"a": "x\\ty"}'


def test_checked_json_says_why_an_answer_is_not_json() -> None:
    with pytest.raises(ModelUnavailable, match=r"cut off at max_tokens=9") as cut:
        checked_json('{"a": "xy', model="m", cut_off=True, max_tokens=9)
    assert cut.value.exit_code == 6
    with pytest.raises(ModelUnavailable, match=r"its answer is not JSON .*'Sure! Here is'"):
        checked_json("Sure! Here is", model="m", cut_off=False, max_tokens=9)
