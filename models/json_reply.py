"""The port's promise that a schema-constrained completion parses, kept by both backends."""

from __future__ import annotations

import json

from automation.errors import ModelUnavailable


def checked_json(text: str, *, model: str, cut_off: bool, max_tokens: int) -> str:
    """``text`` when it is JSON. JSON that only parses with raw control characters
    inside strings (a server whose grammar lets them through) comes back re-encoded.
    Anything else raises ModelUnavailable: a reply cut off at ``max_tokens``
    (``cut_off``), or a server that ignored the schema."""
    try:
        json.loads(text)
        return text
    except ValueError:
        pass
    try:
        value = json.loads(text, strict=False)
    except ValueError as error:
        if cut_off:
            raise ModelUnavailable(
                model,
                f"its answer was cut off at max_tokens={max_tokens} before the JSON ended: {text[-80:]!r}",
                "raise Prompt.max_tokens, or give every string in the schema a maxLength",
            ) from error
        raise ModelUnavailable(
            model,
            f"its answer is not JSON ({error}): {text[:200]!r}",
            "use a server that supports JSON-schema output (response_format), see docs/language-models.md",
        ) from error
    return json.dumps(value, ensure_ascii=False)
