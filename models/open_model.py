"""One door to a language model: a GGUF path or a server URL.

    open_model("/path/to/model.gguf")                 # llama.cpp in this process
    open_model("http://127.0.0.1:8080")               # the server's default model
    open_model("http://gpu-box:8000/v1#qwen2.5-7b")   # "#name" picks the served model

Pack names (``qwen2.5-coder-0.5b``) are resolved to installed paths by the pack
catalog before this is called. Nothing is loaded or contacted here: a GGUF loads on
``load()`` or its first completion, a server is first asked at the first completion.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from automation.errors import ModelUnavailable
from models.language import LanguageModel
from models.llama_local import LlamaModel
from models.openai_http import SCHEMA_FORMATS, HttpModel, SchemaFormat

SERVER_TIMEOUT = 30.0


def open_model(
    spec: str | Path,
    *,
    threads: int | None = None,
    context: int = 2048,
    timeout: float = SERVER_TIMEOUT,
    schema_format: str | None = None,
) -> LanguageModel:
    """A ``LlamaModel`` for a file path, an ``HttpModel`` for an http(s):// URL.

    ``threads`` and ``context`` apply to a file; ``timeout`` and ``schema_format``
    (else "json_object"; app/ passes DESKHAND_SCHEMA_FORMAT) to a server."""
    text = str(spec)
    if text.startswith(("http://", "https://")):
        base_url, _, model = text.partition("#")
        chosen = schema_format or "json_object"
        if chosen not in SCHEMA_FORMATS:
            raise ModelUnavailable(
                text,
                f"unknown schema format {chosen!r}",
                f"use one of {', '.join(SCHEMA_FORMATS)} (DESKHAND_SCHEMA_FORMAT)",
            )
        return HttpModel(base_url, model, timeout=timeout, schema_format=cast(SchemaFormat, chosen))
    if "://" in text:
        raise ModelUnavailable(
            text, "only http:// and https:// servers are supported", "give a GGUF path or a server URL"
        )
    return LlamaModel(Path(text).expanduser(), threads=threads, context=context)
