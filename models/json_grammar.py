"""A JSON schema turned into the GBNF grammar llama.cpp samples under.

llama-cpp-python's converter does the work; two things are added here:

- Its JSON string rule lets any character but ``"`` and ``\\`` through, raw control
  characters included, so a model could write a raw newline or U+0001 inside a
  string and ``json.loads`` would refuse it (the tiny test model does, about one
  completion in eight). The rule is narrowed to what JSON allows unescaped.
- llama.cpp crashes the process when handed a grammar it cannot parse, so every
  grammar is parsed once by llama.cpp itself before use (``check_grammar``).

Supported schema features (what the converter enforces): ``type`` (object, array,
string, integer, number, boolean, null, or a list of them), ``enum``, ``const``,
``properties`` with ``required`` (other properties become optional),
``additionalProperties``, string ``minLength``/``maxLength``, ``pattern`` (a
regular-expression subset, anchored ``^...$``, no lookarounds), ``format`` (date, time, date-time, uuid), array
``items``/``minItems``/``maxItems``, ``anyOf``/``oneOf``, local ``$ref``.
Not enforced, silently: ``minimum``/``maximum``/``exclusiveMinimum``/
``exclusiveMaximum`` and ``multipleOf`` (any integer passes; use an integer
``enum`` instead). A string without ``maxLength`` is unbounded: bound every string,
or a small model can write until ``max_tokens`` cuts the JSON off.
"""

from __future__ import annotations

import json
from typing import Any

# The converter's rule and the same rule without control characters (JSON forbids
# U+0000-U+001F unescaped; U+007F is excluded too, as llama.cpp's own converter does).
LOOSE_CHAR = 'char ::= [^"\\\\] |'
STRICT_CHAR = 'char ::= [^"\\\\\\x7F\\x00-\\x1F] |'


def schema_to_gbnf(schema: dict[str, Any]) -> str:
    """The GBNF text for ``schema``. Raises ValueError for a schema the converter
    cannot handle (a ``pattern`` not anchored with ``^...$``, a dangling ``$ref``)."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    try:
        grammar = json_schema_to_gbnf(json.dumps(schema))
    except Exception as error:  # the converter asserts and raises assorted types; one kind leaves here
        raise ValueError(f"cannot turn the schema into a grammar: {type(error).__name__}: {error}") from error
    if "char ::=" in grammar:
        if LOOSE_CHAR not in grammar and STRICT_CHAR not in grammar:
            # A new converter: check the string rule again rather than trust it.
            raise ValueError("llama-cpp-python's JSON string rule changed; check models/json_grammar.py")
        grammar = grammar.replace(LOOSE_CHAR, STRICT_CHAR)
    return grammar


def check_grammar(grammar: str, vocab: Any) -> None:
    """Have llama.cpp parse ``grammar`` for the model's vocabulary (``vocab``, a
    ``llama_vocab`` pointer); raise ValueError when it cannot."""
    import llama_cpp

    sampler = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode("utf-8"), b"root")
    if not sampler:
        raise ValueError("llama.cpp cannot parse the grammar built from the schema")
    llama_cpp.llama_sampler_free(sampler)
