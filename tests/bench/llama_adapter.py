"""TEMPORARY: the simplest llama.cpp LanguageModel, only for tests/bench/policy_eval.py.

It exists until models/llama_local.py (the real backend, written on another branch)
lands on main; then the benchmark should open models through models.open instead
and this file should be deleted. It does what the real one does in the simplest
way: the model's own chat template (llama-cpp-python's chat completion), a plain
"System:/User:/Assistant:" transcript for a base model without a template, and the
JSON schema turned into a grammar by llama-cpp-python's own converter.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from models.language import Completion, Prompt


def common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class TemporaryLlama:
    def __init__(self, path: Path, threads: int = 1, context: int = 2048) -> None:
        import llama_cpp.llama_cpp as low
        from llama_cpp import Llama

        self.name = path.stem
        started = time.perf_counter()
        # On CPUs with AMX llama.cpp repacks weights for it and then crashes on the first
        # decode (found on the backends branch): load without the extra buffer types.
        defaults = low.llama_model_default_params

        def without_repacking() -> Any:
            params = defaults()
            params.use_extra_bufts = False
            return params

        low.llama_model_default_params = without_repacking
        try:
            self.llm = Llama(
                model_path=str(path), n_threads=threads, n_threads_batch=threads, n_ctx=context, verbose=False
            )
        finally:
            low.llama_model_default_params = defaults
        self.load_seconds = time.perf_counter() - started
        self.chat = bool(self.llm.metadata.get("tokenizer.chat_template"))
        self._grammars: dict[str, Any] = {}

    def _grammar(self, schema: dict[str, Any] | None) -> Any:
        if schema is None:
            return None
        from llama_cpp import LlamaGrammar

        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            self._grammars[key] = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        return self._grammars[key]

    def complete(self, prompt: Prompt) -> Completion:
        llm = self.llm
        before = llm.input_ids[: llm.n_tokens].tolist()
        grammar = self._grammar(prompt.schema)
        started = time.perf_counter()
        if self.chat:
            out: Any = llm.create_chat_completion(
                messages=[{"role": m.role, "content": m.content} for m in prompt.messages],  # type: ignore[misc]
                grammar=grammar,
                max_tokens=prompt.max_tokens,
                temperature=prompt.temperature,
            )
            text = out["choices"][0]["message"]["content"]
        else:
            names = {"system": "System", "user": "User", "assistant": "Assistant"}
            transcript = "".join(f"{names[m.role]}: {m.content}\n\n" for m in prompt.messages) + "Assistant:"
            out = llm.create_completion(
                prompt=transcript, grammar=grammar, max_tokens=prompt.max_tokens, temperature=prompt.temperature
            )
            text = out["choices"][0]["text"]
        seconds = time.perf_counter() - started
        usage = out["usage"]
        after = llm.input_ids[: usage["prompt_tokens"]].tolist()
        return Completion(
            text=text.strip(),
            prompt_tokens=usage["prompt_tokens"],
            completion_tokens=usage["completion_tokens"],
            cached_tokens=common_prefix(before, after),
            seconds=seconds,
            model=self.name,
        )
