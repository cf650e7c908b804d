"""JSON schemas for the two passes; llama.cpp turns them into grammars, so answers parse.

Only keywords llama-cpp-python's schema converter (llama_cpp/llama_grammar.py) turns
into grammar rules are used: ``enum``, ``properties``/``required`` (keys come out in
the order given), ``additionalProperties: false``, ``maxLength`` and ``pattern``
(anchored with ^ and $; it takes character classes, groups, ``?`` and ``{m,n}``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from automation.stated import MAX_TEXT
from models.policy.values import NUMBER_PATTERN, Slot


def choice_schema(count: int) -> dict[str, Any]:
    """Pass 1: the number of one of ``count`` options, bare ("2", valid JSON): every
    token the grammar forces still costs a decoding step, and ``{"option": 2}`` is six."""
    return {"type": "integer", "enum": list(range(1, count + 1))}


def slot_key(slot: Slot) -> str:
    """The JSON key a slot is filled under: its name in lower case, words joined by _."""
    return re.sub(r"[^a-z0-9]+", "_", slot.name.casefold()).strip("_") or "value"


def value_schema(slot: Slot) -> dict[str, Any]:
    if slot.numeric:
        return {"type": "string", "pattern": NUMBER_PATTERN}
    return {"type": "string", "maxLength": MAX_TEXT}


def fill_schema(slots: Sequence[Slot]) -> dict[str, Any]:
    """Pass 2: one bounded string per slot, under fixed keys, every key required.
    (A bare string saves the key's tokens, but without the key as a cue a 0.5B model
    copied the field's name or the instructions instead of the value.)"""
    keys = [slot_key(s) for s in slots]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two slots share a key: {keys}")
    return {
        "type": "object",
        "properties": {k: value_schema(s) for k, s in zip(keys, slots, strict=True)},
        "required": keys,
        "additionalProperties": False,
    }


def fill_tokens(slots: Sequence[Slot]) -> int:
    """Enough tokens for the longest answer the schema allows, so it is never cut off
    (a token holds at least one character)."""
    return 8 + sum(len(slot_key(s)) + 6 + (16 if s.numeric else MAX_TEXT) for s in slots)


def parse_choice(text: str) -> int | None:
    """The option number a pass-1 answer names, or None when it names none."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_fill(text: str, slots: Sequence[Slot]) -> dict[str, str]:
    """The raw value for each slot, by slot name ("" for one left out)."""
    data = json.loads(text)
    return {s.name: str(data.get(slot_key(s), "")) for s in slots}
