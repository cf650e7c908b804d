"""The bench's ways of choosing (tests/bench/choosing.py): the shuffle maps answers back, the
likelihood scorer reads the option texts, and scoring leaves llama.cpp's cache as it found it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.decisions import Act, Situation
from automation.types import TypeText
from models.fakes import CannedModel
from models.language import Completion, Message, Prompt
from models.llama_local import LlamaModel
from models.policy import ModelPolicy, prompts
from models.policy.candidates import build
from models.policy.options import Option
from tests.bench.choosing import ByLikelihood, Shuffled, score_answers, split_choice, text_prompt
from tests.support.screens import form

SITUATION = Situation("put in Zhang San, the employee", form())


LONG = [Option("click", f'click "{name}"', label=name) for name in ("File", "Tools", "Submit", "Clear", "Help")]


def choice_prompt(options: list[Option] | None = None) -> Prompt:
    return prompts.choose(options or build(SITUATION).options, SITUATION, {})


class Seeing:
    """Answers the choice with the number of the option whose text holds ``wanted``."""

    name = "seeing"

    def __init__(self, wanted: str) -> None:
        self.wanted = wanted
        self.shown: list[list[str]] = []

    def complete(self, prompt: Prompt) -> Completion:
        texts, _ = split_choice(prompt)
        self.shown.append(texts)
        return Completion(str(next(i for i, t in enumerate(texts, 1) if self.wanted in t)))


def test_the_choice_prompt_parses_back_into_its_options() -> None:
    menu = build(SITUATION)
    texts, rest = split_choice(choice_prompt())
    assert texts == [o.text for o in menu.options]
    assert rest.startswith(f"Request: {SITUATION.request}")


def test_a_shuffled_choice_is_mapped_back_to_the_original_number() -> None:
    texts, _ = split_choice(choice_prompt(LONG))
    for wanted in texts:
        seeing = Seeing(wanted)
        answer = Shuffled(seeing, seed=3).complete(choice_prompt(LONG))
        assert sorted(seeing.shown[0]) == sorted(texts)
        assert texts[int(answer.text) - 1] == wanted


def test_the_shuffle_is_the_same_for_the_same_seed_and_prompt_and_differs_across_seeds() -> None:
    orders = []
    for seed in (0, 0, 1, 2, 3):
        seeing = Seeing("")
        Shuffled(seeing, seed).complete(choice_prompt(LONG))
        orders.append(seeing.shown[0])
    assert orders[0] == orders[1]
    assert any(o != orders[0] for o in orders[2:])


def test_only_the_choice_is_shuffled_and_the_policy_acts_on_the_option_meant() -> None:
    texts, _ = split_choice(choice_prompt())
    typing = next(t for t in texts if t.startswith("type") and "Employee" in t)
    canned = CannedModel('{"employee": "Zhang San"}')

    class Both:
        name = "both"

        def complete(self, prompt: Prompt) -> Completion:
            if (prompt.schema or {}).get("type") == "integer":
                return Seeing(typing).complete(prompt)
            return canned.complete(prompt)

    decision = ModelPolicy(Shuffled(Both(), seed=5)).decide(SITUATION)
    assert isinstance(decision, Act) and isinstance(decision.action, TypeText)
    assert decision.action.text == "Zhang San" and decision.action.into is not None
    assert decision.action.into.label == "Employee" and canned.left == 0
    fill = canned.prompts[0]
    assert fill.messages[1] == choice_prompt().messages[1]  # the fill continues the original-order prompt


@pytest.fixture(scope="module")
def model(tiny_gguf: Path) -> Iterator[LlamaModel]:
    loaded = LlamaModel(tiny_gguf, threads=1)
    yield loaded
    loaded.close()


def test_scores_with_the_prompt_cached_equal_scores_from_a_fresh_model(model: LlamaModel, tiny_gguf: Path) -> None:
    texts, rest = split_choice(choice_prompt(LONG))
    prompt = text_prompt(texts, rest)
    first = score_answers(model, prompt, texts)
    again = score_answers(model, prompt, texts)
    fresh_model = LlamaModel(tiny_gguf, threads=1)
    fresh = score_answers(fresh_model, prompt, texts)
    fresh_model.close()
    assert again.cached_tokens == again.prompt_tokens - 1  # only the last prompt token is replayed
    for a, b, c in zip(first.log_probs, again.log_probs, fresh.log_probs, strict=True):
        assert len(a) >= 2 and all(p < 0 for p in a)
        assert a == pytest.approx(b, abs=1e-3) and a == pytest.approx(c, abs=1e-3)
    assert len(set(first.log_probs)) == len(texts)  # each option is scored on its own tokens


def test_a_completion_after_scoring_is_the_completion_without_it(model: LlamaModel, tiny_gguf: Path) -> None:
    texts, rest = split_choice(choice_prompt())
    ask = Prompt((Message("system", prompts.SYSTEM), Message("user", "open the File menu")), max_tokens=8)
    plain = LlamaModel(tiny_gguf, threads=1)
    expected = plain.complete(ask).text
    plain.close()
    score_answers(model, text_prompt(texts, rest), texts)
    assert model.complete(ask).text == expected


@pytest.mark.parametrize("calibrated", [False, True])
def test_by_likelihood_answers_the_best_ranked_option(model: LlamaModel, calibrated: bool) -> None:
    answer = ByLikelihood(model, calibrated=calibrated).complete(choice_prompt())
    count = len(build(SITUATION).options)
    assert 1 <= int(answer.text) <= count
    assert len(answer.extra["ranks"]) == count
    assert int(answer.text) - 1 == max(range(count), key=lambda i: answer.extra["ranks"][i])
