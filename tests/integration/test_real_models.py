"""Real quantized models through the llama.cpp backend, each in its own process, so a
crash inside llama.cpp fails the test instead of ending the test run.

Uses the GGUF files in DESKHAND_TEST_MODELS (default /var/cache/deskhand/scratch-models);
a model that is not there is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FOLDER = Path(os.environ.get("DESKHAND_TEST_MODELS", "/var/cache/deskhand/scratch-models"))
REPO = Path(__file__).resolve().parents[2]
ANSWER_TIMEOUT = 120.0  # load plus one short answer, one thread, a busy machine

CHILD = """
import json, sys
from models.language import Message, Prompt
from models.llama_local import LlamaModel
model = LlamaModel(sys.argv[1], threads=1, context=512)
schema = {"type": "object", "properties": {"option": {"type": "integer", "enum": [1, 2, 3]}}, "required": ["option"]}
system = Message("system", "Options: 1 Save, 2 Submit, 3 Cancel. Answer with the option's number as JSON.")
first = model.complete(Prompt((system, Message("user", "submit the form")), schema=schema, max_tokens=16))
second = model.complete(Prompt((system, Message("user", "cancel it")), schema=schema, max_tokens=16))
chat = model._template is not None
print(json.dumps({"texts": [first.text, second.text], "cached": second.cached_tokens, "chat": chat}))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("file", "has_template"),
    [("smollm2-135m.gguf", True), ("qwen2.5-coder-0.5b.gguf", True), ("gemma3-270m.gguf", False)],
)
def test_a_real_model_answers_under_the_schema(file: str, has_template: bool) -> None:
    path = FOLDER / file
    if not path.is_file():
        pytest.skip(f"{path} is not here (set DESKHAND_TEST_MODELS to a folder that has it)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env, timeout=ANSWER_TIMEOUT
    )
    assert done.returncode == 0, f"exit {done.returncode} (-11 is a crash inside llama.cpp): {done.stderr[-2000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert [json.loads(text)["option"] in (1, 2, 3) for text in report["texts"]] == [True, True]
    assert report["cached"] > 10  # the system turn was reused
    assert report["chat"] is has_template
