"""The in-process llama.cpp backend, for real, on the tiny random-weight GGUF with one thread."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import llama_cpp
import pytest

from automation.errors import ModelUnavailable
from models.json_grammar import schema_to_gbnf
from models.language import Message, Prompt
from models.llama_local import LlamaModel, model_params, repack_weights
from models.threads import choose_threads, usable_cpus
from tests.support.json_check import violations
from tests.support.tiny_gguf import CHATML_TEMPLATE

SYSTEM = Message(
    "system",
    "You operate a desktop application for the user. Read the request and the numbered options, "
    "then answer with the number of the one option that does what the user asked. " * 4,
)
REQUESTS = [
    "enter 42.50 as the amount and submit",
    "file a lunch expense with Zhang San",
    "open the File menu",
    "tell me a joke",
    "choose Travel in the category box",
    "save the claim",
    "what is on the screen?",
    "type the date 2024-03-01 into Date",
]
OPTION = {
    "type": "object",
    "properties": {"option": {"type": "integer", "enum": [1, 2, 3, 4, 5, 6]}},
    "required": ["option"],
}
VALUES = {
    "type": "object",
    "properties": {
        "amount": {"type": "string", "maxLength": 12},
        "payee": {"type": "string", "minLength": 1, "maxLength": 30},
        "confident": {"type": "boolean"},
    },
    "required": ["amount", "payee", "confident"],
    "additionalProperties": False,
}
SCHEMAS: list[tuple[dict[str, Any], int]] = [  # schema, max_tokens that fits its longest answer
    (OPTION, 32),
    ({"type": "integer", "enum": [1, 2, 3]}, 8),
    ({"enum": ["ask", "done", "not-possible"]}, 16),
    (VALUES, 300),
    ({"type": "array", "items": {"enum": ["Save", "Submit", "Cancel"]}, "minItems": 1, "maxItems": 2}, 40),
]


@pytest.fixture(scope="module")
def model(tiny_gguf: Path) -> Iterator[LlamaModel]:
    loaded = LlamaModel(tiny_gguf, threads=1)
    yield loaded
    loaded.close()


def ask(request: str, schema: dict[str, Any] | None = None, max_tokens: int = 64) -> Prompt:
    return Prompt((SYSTEM, Message("user", request)), schema=schema, max_tokens=max_tokens)


def test_importing_the_backends_does_not_import_llama_cpp() -> None:
    code = "import sys, models.open_model; print('llama_cpp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_loads_once_and_reports_how_long_it_took(tiny_gguf: Path) -> None:
    model = LlamaModel(tiny_gguf, threads=1)
    seconds = model.load()
    assert 0 < seconds < 10
    assert model.load() == seconds == model.load_seconds  # loaded once
    first = model.complete(ask("save the claim", OPTION))
    assert "load_seconds" not in first.extra  # loading was not part of this call
    assert first.model == str(tiny_gguf)
    assert first.extra["threads"] == 1
    model.close()


def test_a_background_load_and_a_completion_do_not_collide(tiny_gguf: Path) -> None:
    model = LlamaModel(tiny_gguf, threads=1)
    loader = threading.Thread(target=model.load)
    loader.start()
    completion = model.complete(ask("save the claim", OPTION))
    loader.join()
    assert json.loads(completion.text)["option"] in range(1, 7)
    assert model.load() == model.load_seconds
    model.close()


def test_every_constrained_completion_parses_and_fits_its_schema(model: LlamaModel) -> None:
    done = 0
    for schema, max_tokens in SCHEMAS:
        for request in REQUESTS:
            completion = model.complete(ask(request, schema, max_tokens))
            value = json.loads(completion.text)
            assert violations(value, schema) == [], (request, completion.text)
            assert completion.extra["finish_reason"] == "stop"
            assert completion.completion_tokens > 0
            assert completion.seconds > 0
            done += 1
    assert done == len(SCHEMAS) * len(REQUESTS) >= 30


def test_the_grammar_keeps_control_characters_out_of_strings(model: LlamaModel) -> None:
    """llama-cpp-python's own string rule lets raw control characters through; ours must not.
    Sampled straight through llama.cpp, so nothing downstream can repair the text."""
    assert "\\x00-\\x1F" in schema_to_gbnf(VALUES)
    model.load()
    llm = model._llm
    grammar = llama_cpp.LlamaGrammar.from_string(schema_to_gbnf(VALUES), verbose=False)
    for i in range(40):
        text = f"<|im_start|>system\nFill the values.<|im_end|>\n<|im_start|>user\nrequest {i}<|im_end|>\n"
        tokens = llm.tokenize((text + "<|im_start|>assistant\n").encode(), add_bos=True, special=True)
        answer = llm.create_completion(tokens, max_tokens=300, temperature=0, grammar=grammar)["choices"][0]["text"]
        assert not any(ord(c) < 0x20 or c == "\x7f" for c in answer), repr(answer)
        assert violations(json.loads(answer), VALUES) == []


def test_greedy_answers_repeat(model: LlamaModel) -> None:
    first = model.complete(ask("open the File menu", VALUES, 300))
    again = model.complete(ask("open the File menu", VALUES, 300))
    assert first.text == again.text


def test_the_system_prefix_is_evaluated_once(model: LlamaModel) -> None:
    model.load()  # the fixture may be fresh when this test runs alone
    llm = model._llm
    fixed = f"<|im_start|>system\n{SYSTEM.content}<|im_end|>\n"
    prefix = len(llm.tokenize(fixed.encode(), add_bos=True, special=True))
    assert prefix > 100

    model.complete(Prompt((Message("system", "Something else entirely."), Message("user", "hello")), schema=OPTION))
    cold = model.complete(ask("enter 42.50 as the amount and submit", OPTION))
    assert cold.cached_tokens < 10  # only <s><|im_start|>system\n was shared

    before = llama_cpp.llama_perf_context(llm.ctx).n_p_eval
    warm = model.complete(ask("choose Travel in the category box", OPTION))
    evaluated = llama_cpp.llama_perf_context(llm.ctx).n_p_eval - before
    assert prefix <= warm.cached_tokens <= prefix + 8  # the prefix, and "<|im_start|>user\n"
    assert evaluated == warm.prompt_tokens - warm.cached_tokens  # llama.cpp's own count agrees


def test_a_base_model_gets_a_transcript(tiny_base_gguf: Path) -> None:
    model = LlamaModel(tiny_base_gguf, threads=1)
    answers = [model.complete(ask(request, OPTION)) for request in REQUESTS[:4]]
    for answer in answers:
        assert violations(json.loads(answer.text), OPTION) == []
    llm = model._llm
    fixed = f"System: {SYSTEM.content}\n\n"
    prefix = len(llm.tokenize(fixed.encode(), add_bos=True, special=False))
    assert all(prefix <= a.cached_tokens for a in answers[1:])
    free = model.complete(Prompt((SYSTEM, Message("user", "say hello")), max_tokens=6))
    assert free.completion_tokens <= 6 and free.extra["finish_reason"] in ("length", "stop")
    model.close()


def test_a_chat_template_is_what_the_model_reads(model: LlamaModel) -> None:
    model.load()
    assert model._template is not None
    assert model._llm.metadata["tokenizer.chat_template"] == CHATML_TEMPLATE


def test_an_answer_cut_off_by_max_tokens_is_an_error_not_broken_json(model: LlamaModel) -> None:
    unbounded = {"type": "object", "properties": {"note": {"type": "string"}}, "required": ["note"]}
    with pytest.raises(ModelUnavailable, match=r"cut off at max_tokens=4") as caught:
        model.complete(ask("write a long note", unbounded, max_tokens=4))
    assert caught.value.exit_code == 6
    assert "maxLength" in caught.value.fix


def test_a_schema_llama_cpp_cannot_use_is_refused_without_crashing(model: LlamaModel) -> None:
    unanchored = {"type": "string", "pattern": "[0-9]+"}
    with pytest.raises(ModelUnavailable, match="schema is unusable") as caught:
        model.complete(ask("type a number", unanchored))
    assert caught.value.exit_code == 6


def test_a_prompt_longer_than_the_context_is_refused(tiny_gguf: Path) -> None:
    model = LlamaModel(tiny_gguf, threads=1, context=256)
    with pytest.raises(ModelUnavailable, match=r"tokens, more than its 256-token context"):
        model.complete(ask("save the claim", OPTION))
    model.close()


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="there is no file at") as caught:
        LlamaModel(tmp_path / "nowhere.gguf", threads=1).load()
    assert caught.value.exit_code == 6
    assert "deskhand models install" in caught.value.fix


def test_a_file_that_is_not_a_gguf(tmp_path: Path) -> None:
    text = tmp_path / "notes.gguf"
    text.write_text("these are not weights\n")
    with pytest.raises(ModelUnavailable, match=r"is not a GGUF file \(it starts with b'thes'") as caught:
        LlamaModel(text, threads=1).complete(ask("save", OPTION))
    assert caught.value.exit_code == 6
    empty = tmp_path / "empty.gguf"
    empty.write_bytes(b"")
    with pytest.raises(ModelUnavailable, match="is not a GGUF file"):
        LlamaModel(empty, threads=1).load()
    with pytest.raises(ModelUnavailable, match="is not a file"):
        LlamaModel(tmp_path, threads=1).load()


@pytest.mark.parametrize(
    ("kept", "says"),
    [
        (0.5, "data is not within the file bounds"),  # the tensors are cut short
        (1000, "failed to read"),  # the header itself is cut short
    ],
)
def test_a_truncated_gguf(tiny_gguf: Path, tmp_path: Path, kept: float, says: str) -> None:
    whole = tiny_gguf.read_bytes()
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(whole[: int(len(whole) * kept) if kept < 1 else int(kept)])
    with pytest.raises(ModelUnavailable, match=r"llama\.cpp cannot load it") as caught:
        LlamaModel(cut, threads=1).load()
    assert says in caught.value.reason
    assert caught.value.exit_code == 6
    assert "damaged or incomplete" in caught.value.fix
    assert not isinstance(caught.value.__cause__, ModelUnavailable)  # llama.cpp's own exception, chained


def test_a_bad_thread_count_is_refused_and_a_good_one_kept(tiny_gguf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_THREADS", "2")  # models/ never reads the environment: app/ passes the count
    with pytest.raises(ModelUnavailable, match="0 is not a positive whole number") as caught:
        LlamaModel(tiny_gguf, threads=0)
    assert "thread count of 1 or more" in caught.value.fix
    assert LlamaModel(tiny_gguf, threads=3).threads == 3
    assert LlamaModel(tiny_gguf).threads == choose_threads(usable_cpus())


def test_weights_are_not_repacked_on_a_cpu_with_amx(tmp_path: Path) -> None:
    """llama.cpp's AMX path crashed on the first decode of every quantized model on a Xeon VM."""
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("flags\t\t: fpu sse2 avx2 avx512f amx_bf16 amx_tile amx_int8\n")
    assert repack_weights(cpuinfo) is False
    cpuinfo.write_text("flags\t\t: fpu sse2 avx2 fma f16c\n")
    assert repack_weights(cpuinfo) is True
    assert repack_weights(tmp_path / "absent") is True


def test_only_parameters_llama_cpp_has_can_be_set() -> None:
    with pytest.raises(RuntimeError, match="no model parameter use_turbo"), model_params(use_turbo=True):
        pass


def test_a_warmed_policy_starts_its_first_choice_from_the_evaluated_prefix(model: LlamaModel) -> None:
    from automation.decisions import Situation
    from models.policy import prompts
    from models.policy.policy import ModelPolicy
    from tests.support.panel_stand_ins import SCREEN

    model.complete(Prompt((Message("system", "Something else entirely."), Message("user", "hello"))))
    fixed = f"<|im_start|>system\n{prompts.SYSTEM}<|im_end|>\n"
    prefix = len(model._llm.tokenize(fixed.encode(), add_bos=True, special=True))
    policy = ModelPolicy(model)
    policy.warm()
    decision = policy.decide(Situation("enter 42.50 as the amount", SCREEN))
    assert decision.calls[0].purpose == "choose"
    assert decision.calls[0].cached_tokens >= prefix  # the system prompt was not evaluated again
