"""A model behind an OpenAI-compatible server (llama.cpp's server, vLLM, Ollama), over HTTP.

One blocking POST to ``/v1/chat/completions`` per call, through httpx. The schema
travels as ``response_format`` in one of two shapes, because servers disagree:

- ``json_object`` (default): ``{"type": "json_object", "schema": S}``. llama-cpp-python's
  server honours it (and answers HTTP 500 to the other shape); so do llama.cpp's
  own server and Ollama's OpenAI endpoint.
- ``json_schema``: ``{"type": "json_schema", "json_schema": {"name": ..., "schema": S}}``,
  the OpenAI shape that vLLM and OpenAI expect.

The API key is read from an environment variable at each call and sent as a
Bearer token; it is never put in an error message or a log. Proxy variables are
ignored: Deskhand connects directly to the URL it was given. Redirects are not
followed: a redirect would carry the key to an address the user never gave, so
one is refused with the address it pointed to.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, Literal

import httpx

from automation.errors import ModelUnavailable
from models.json_reply import checked_json
from models.language import Completion, Prompt

SchemaFormat = Literal["json_object", "json_schema"]
SCHEMA_FORMATS: tuple[SchemaFormat, ...] = ("json_object", "json_schema")
BODY_SHOWN = 300  # characters of a server's error body kept in a message


class HttpModel:
    """The ``LanguageModel`` port over an OpenAI-compatible chat-completions endpoint."""

    def __init__(
        self,
        base_url: str,
        model: str = "",
        *,
        api_key_env: str = "DESKHAND_API_KEY",
        timeout: float = 30.0,
        schema_format: SchemaFormat = "json_object",
    ) -> None:
        if schema_format not in SCHEMA_FORMATS:
            raise ValueError(f"schema_format must be one of {SCHEMA_FORMATS}, not {schema_format!r}")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.schema_format = schema_format
        self.name = f"{self.base_url}#{model}" if model else self.base_url
        root = self.base_url if self.base_url.endswith("/v1") else self.base_url + "/v1"
        self.endpoint = root + "/chat/completions"
        self._client = httpx.Client(trust_env=False, follow_redirects=False, timeout=timeout)

    def complete(self, prompt: Prompt) -> Completion:
        body: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in prompt.messages],
            "max_tokens": prompt.max_tokens,
            "temperature": prompt.temperature,
            "stream": False,
        }
        if self.model:
            body["model"] = self.model
        if prompt.schema is not None:
            body["response_format"] = self.response_format(prompt.schema)
        started = time.perf_counter()
        reply = self._post(body)
        seconds = time.perf_counter() - started
        try:
            choice = reply["choices"][0]
            text = (choice["message"]["content"] or "").strip()
        except (KeyError, IndexError, TypeError) as error:
            raise ModelUnavailable(
                self.name,
                f"the server's reply has no answer (choices[0].message.content): {json.dumps(reply)[:BODY_SHOWN]}",
                "check that the URL is an OpenAI-compatible chat-completions server",
            ) from error
        finish_reason = choice.get("finish_reason") or ""
        if prompt.schema is not None:
            text = checked_json(text, model=self.name, cut_off=finish_reason == "length", max_tokens=prompt.max_tokens)
        usage = reply.get("usage") or {}
        details = usage.get("prompt_tokens_details") or {}
        return Completion(
            text=text,
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            cached_tokens=int(details.get("cached_tokens") or 0),
            seconds=seconds,
            model=self.name,
            extra={"finish_reason": finish_reason, "served_by": reply.get("model", "")},
        )

    def response_format(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.schema_format == "json_schema":
            return {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema, "strict": True}}
        return {"type": "json_object", "schema": schema}

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env, "")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        try:
            response = self._client.post(self.endpoint, content=json.dumps(body).encode(), headers=headers)
        except httpx.TimeoutException as error:
            raise self._unreachable(TimeoutError()) from error
        except httpx.HTTPError as error:  # connection refused, DNS, a URL httpx cannot use, a reply cut off
            raise self._unreachable(refused_or(error)) from error
        if response.is_redirect:
            raise self._redirected(response)
        if response.is_error:
            raise self._refused(response, schema_sent="response_format" in body)
        raw = response.content
        try:
            reply = json.loads(raw)
        except ValueError as error:
            raise ModelUnavailable(
                self.name,
                f"the server's reply is not JSON: {raw[:BODY_SHOWN].decode('utf-8', 'replace')!r}",
                "check that the URL is an OpenAI-compatible chat-completions server",
            ) from error
        if not isinstance(reply, dict):
            raise ModelUnavailable(self.name, f"the server's reply is not a JSON object: {str(reply)[:BODY_SHOWN]}")
        return reply

    def _redirected(self, response: httpx.Response) -> ModelUnavailable:
        """A redirect is never followed: the API key would go with it, maybe to another host."""
        to = response.headers.get("location", "")
        return ModelUnavailable(
            self.name,
            f"the server answered HTTP {response.status_code}, redirecting to {to or 'an unnamed address'};"
            " Deskhand does not follow redirects, so the API key is never sent to another address",
            "give the URL the server redirects to, if you trust it",
        )

    def _refused(self, response: httpx.Response, *, schema_sent: bool) -> ModelUnavailable:
        """An HTTP error status, with the server's own words about it."""
        said = response.content.decode("utf-8", "replace").strip()
        if len(said) > BODY_SHOWN:
            said = said[:BODY_SHOWN] + "..."
        code = response.status_code
        fix = "see the server's log"
        if code in (401, 403):
            fix = f"set {self.api_key_env} to an API key the server accepts"
        elif code == 404:
            models = self.endpoint.removesuffix("/chat/completions") + "/models"
            fix = f"check the URL and the model name; GET {models} lists the models"
        elif schema_sent and code in (400, 422, 500):
            other = "json_schema" if self.schema_format == "json_object" else "json_object"
            fix = f"see the server's log; it may want the other schema format ({other!r}, see docs/language-models.md)"
        return ModelUnavailable(self.name, f"the server answered HTTP {code} {response.reason_phrase}: {said}", fix)

    def _unreachable(self, reason: object) -> ModelUnavailable:
        if isinstance(reason, TimeoutError):  # socket.timeout is TimeoutError since 3.10
            return ModelUnavailable(
                self.name,
                f"no reply from {self.endpoint} within the {self.timeout:g} s timeout",
                "the server may be busy or still loading its model; retry, or raise the timeout",
            )
        if isinstance(reason, ConnectionRefusedError):
            return ModelUnavailable(
                self.name,
                f"nothing accepts connections at {self.base_url} (connection refused)",
                f"is the server running at {self.base_url}? start it, or check the URL",
            )
        return ModelUnavailable(
            self.name,
            f"cannot reach {self.base_url}: {reason}",
            "check the URL, the network and that the server is running",
        )


def refused_or(error: httpx.HTTPError) -> object:
    """The ConnectionRefusedError under httpx's wrapping, so the message can say "refused"; else the error."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return error
