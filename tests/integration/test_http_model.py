"""The HTTP backend against a real llama_cpp.server on loopback, and its failures."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from automation.errors import ModelUnavailable
from models.language import Message, Prompt
from models.open_model import open_model
from models.openai_http import HttpModel
from tests.support.json_check import violations
from tests.support.model_server import (
    LlamaServer,
    error_body,
    free_port,
    scripted_server,
    silent_server,
    start_llama_server,
)

API_KEY = "test-key-7f3a"  # the server's, made up for this run
SYSTEM = Message("system", "Answer with the number of the option that does what the user asked.")
OPTION = {
    "type": "object",
    "properties": {"option": {"type": "integer", "enum": [1, 2, 3, 4]}, "note": {"type": "string", "maxLength": 12}},
    "required": ["option", "note"],
}


@pytest.fixture(scope="module")
def server(tiny_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    running = start_llama_server(tiny_gguf, tmp_path_factory.mktemp("server") / "server.log", api_key=API_KEY)
    yield running
    running.stop()


@pytest.fixture
def with_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_API_KEY", API_KEY)


def ask(request: str, schema: dict[str, object] | None = None, max_tokens: int = 64) -> Prompt:
    return Prompt((SYSTEM, Message("user", request)), schema=schema, max_tokens=max_tokens)


@pytest.mark.usefixtures("with_key")
def test_constrained_answers_parse_and_fit_the_schema(server: LlamaServer) -> None:
    model = open_model(server.url)
    for request in ["save the claim", "open the File menu", "tell me a joke", "enter 42.50 as the amount"]:
        completion = model.complete(ask(request, OPTION))
        assert violations(json.loads(completion.text), OPTION) == [], completion.text
        assert completion.prompt_tokens > 10
        assert completion.completion_tokens > 0
        assert completion.seconds > 0
        assert completion.model == server.url


@pytest.mark.usefixtures("with_key")
def test_an_unconstrained_answer(server: LlamaServer) -> None:
    completion = HttpModel(server.url + "/v1", "tiny").complete(ask("say hello", max_tokens=5))
    assert 0 < completion.completion_tokens <= 6  # this server counts the token that hit the limit
    assert completion.extra["finish_reason"] in ("stop", "length")
    assert completion.model == f"{server.url}/v1#tiny"


def test_a_missing_api_key_is_named_without_showing_any_key(
    server: LlamaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEAM_MODEL_KEY", "wrong-key-c41d")
    with pytest.raises(ModelUnavailable, match="HTTP 401") as caught:
        HttpModel(server.url, api_key_env="TEAM_MODEL_KEY").complete(ask("save"))
    assert caught.value.exit_code == 6
    assert "set TEAM_MODEL_KEY" in caught.value.fix
    assert "wrong-key-c41d" not in str(caught.value) and API_KEY not in str(caught.value)


@pytest.mark.usefixtures("with_key")
def test_the_openai_schema_shape_is_refused_by_this_server_with_its_reason(server: LlamaServer) -> None:
    model = HttpModel(server.url, schema_format="json_schema")
    with pytest.raises(ModelUnavailable, match="HTTP 500") as caught:
        model.complete(ask("save", OPTION))
    assert caught.value.exit_code == 6
    assert len(caught.value.reason) > len("the server answered HTTP 500 Internal Server Error: ")  # its body
    assert "'json_object'" in caught.value.fix


@pytest.mark.usefixtures("with_key")
def test_a_wrong_path_is_a_404_that_says_where_models_are_listed(server: LlamaServer) -> None:
    with pytest.raises(ModelUnavailable, match="HTTP 404") as caught:
        HttpModel(server.url + "/api").complete(ask("save"))
    assert f"GET {server.url}/api/v1/models" in caught.value.fix


def test_a_server_that_is_down() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ModelUnavailable, match="connection refused") as caught:
        HttpModel(url).complete(ask("save"))
    assert caught.value.exit_code == 6
    assert caught.value.fix.startswith(f"is the server running at {url}?")


def test_a_server_that_never_answers_times_out() -> None:
    with silent_server() as url, pytest.raises(ModelUnavailable, match=r"within the 0.5 s timeout") as caught:
        HttpModel(url, timeout=0.5).complete(ask("save"))
    assert caught.value.exit_code == 6


def test_an_http_error_carries_the_servers_words() -> None:
    body = error_body("model exploded: out of memory " + "x" * 1000)
    with scripted_server(500, body) as url, pytest.raises(ModelUnavailable, match="HTTP 500") as caught:
        HttpModel(url).complete(ask("save"))
    assert "model exploded: out of memory" in caught.value.reason
    assert caught.value.reason.endswith("...") and len(caught.value.reason) < 400  # trimmed


def test_a_reply_that_is_not_json() -> None:
    with (
        scripted_server(200, b"<html>proxy login</html>", "text/html") as url,
        pytest.raises(ModelUnavailable, match=r"reply is not JSON: '<html>proxy login</html>'"),
    ):
        HttpModel(url).complete(ask("save"))


def test_a_reply_without_choices() -> None:
    with (
        scripted_server(200, json.dumps({"object": "list", "data": []}).encode()) as url,
        pytest.raises(ModelUnavailable, match=r"reply has no answer") as caught,
    ):
        HttpModel(url).complete(ask("save"))
    assert "OpenAI-compatible" in caught.value.fix


def test_a_server_that_ignores_the_schema() -> None:
    reply = {"choices": [{"message": {"role": "assistant", "content": "Sure, option 2!"}, "finish_reason": "stop"}]}
    with (
        scripted_server(200, json.dumps(reply).encode()) as url,
        pytest.raises(ModelUnavailable, match=r"its answer is not JSON"),
    ):
        HttpModel(url).complete(ask("save", OPTION))


def test_usage_and_cached_tokens_are_read_when_the_server_gives_them() -> None:
    reply = {
        "model": "served",
        "choices": [{"message": {"content": '{"option": 2, "note": "a\tb"}'}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 9, "prompt_tokens_details": {"cached_tokens": 96}},
    }
    with scripted_server(200, json.dumps(reply).encode()) as url:
        completion = HttpModel(url).complete(ask("save", OPTION))
    assert (completion.prompt_tokens, completion.completion_tokens, completion.cached_tokens) == (120, 9, 96)
    assert json.loads(completion.text) == {"option": 2, "note": "a\tb"}  # a raw tab, re-encoded
    assert completion.extra["served_by"] == "served"


@contextmanager
def header_server(status: int, location: str = "") -> Iterator[tuple[str, list[str]]]:
    """A loopback server answering every POST with ``status`` (and a Location, for a redirect);
    yields its URL and the Authorization header of each request it got ("" when none came)."""
    seen: list[str] = []
    reply = {"choices": [{"message": {"content": "hello"}, "finish_reason": "stop"}]}
    body = json.dumps(reply).encode() if status == 200 else b""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.headers.get("Authorization", ""))
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.usefixtures("with_key")
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_refused_and_the_key_never_reaches_the_other_port(status: int) -> None:
    with header_server(200) as (other, seen_by_other):
        with (
            header_server(status, location=other + "/v1/chat/completions") as (url, seen),
            pytest.raises(ModelUnavailable, match="does not follow redirects") as caught,
        ):
            HttpModel(url).complete(ask("save"))
        assert seen == [f"Bearer {API_KEY}"]  # the key went only to the address the user gave
        assert seen_by_other == []  # nothing at all reached the other port
    assert caught.value.exit_code == 6 and other in caught.value.reason
    assert API_KEY not in str(caught.value)


@pytest.mark.usefixtures("with_key")
def test_the_key_reaches_the_server_the_user_named() -> None:
    """The check above is not vacuous: without a redirect the same server gets the key and answers."""
    with header_server(200) as (url, seen):
        assert HttpModel(url).complete(ask("say hello")).text == "hello"
    assert seen == [f"Bearer {API_KEY}"]
