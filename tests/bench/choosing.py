"""Ways of choosing an option, measured against today's: wrappers around a language model.

The policy asks its choice as a numbered list and a bare number (models/policy/prompts.choose).
These wrappers sit between the policy and the model and change only that pass; every other
prompt (the fill pass) goes to the model unchanged, so the policy, its options and its value
checks stay the product's. Stack them: ``Shuffled(ByLikelihood(model), seed)``.

- ``Shuffled``: the options in a seeded random order before the model sees them, the answer
  mapped back. With the order no hint, the score says whether a chooser reads the options.
- ``Alternatives``: the same number answer, under a wording that says the options are
  alternatives, not a plan.
- ``ByLikelihood``: no number at all. The prompt asks for the option's text; each option is
  scored by the model's mean log-probability of its own tokens (and the end of the answer)
  after the prompt, the prompt evaluated once and its KV cache reused for every option.
- ``Oracle``: the best any chooser could do on a case (the ceiling), with no model.

Bench code only: it reads LlamaModel's llama.cpp handle to score, and parses the choice
prompt's text, so it follows models/policy/prompts.py's wording.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from models.language import Completion, LanguageModel, Message, Prompt
from models.llama_local import LlamaModel, reused_prefix
from models.policy import prompts

OPTION_LINE = re.compile(r"^(\d+)\. (.*)$")
NUMBER_ASKED = "Which option is the next step? Answer with its number."
NUMBER_RULE = "Answer with the option's number only."


def is_choice(prompt: Prompt) -> bool:
    """Whether this is the policy's choice pass (a bare integer under an enum)."""
    return (prompt.schema or {}).get("type") == "integer"


def split_choice(prompt: Prompt) -> tuple[list[str], str]:
    """The option texts of a choice prompt, in order, and the rest of its question."""
    question = prompt.messages[-1].content
    head, _, rest = question.partition("\n\n")
    lines = head.splitlines()
    if not lines or lines[0] != "Options:":
        raise ValueError(f"not a choice prompt: {question[:80]!r}")
    texts = []
    for number, line in enumerate(lines[1:], 1):
        matched = OPTION_LINE.match(line)
        if matched is None or int(matched.group(1)) != number:
            raise ValueError(f"option line {number} reads {line!r}")
        texts.append(matched.group(2))
    return texts, rest


def numbered(texts: Sequence[str], rest: str, prompt: Prompt) -> Prompt:
    """The choice prompt again, with these options."""
    listed = "\n".join(f"{i}. {t}" for i, t in enumerate(texts, 1))
    question = f"Options:\n{listed}\n\n{rest}"
    return replace(prompt, messages=(*prompt.messages[:-1], Message("user", question)))


class Shuffled:
    """The options shown in a seeded random order; the model's answer mapped back.

    The order depends only on the seed and the prompt, so a case is shuffled the same way
    in every run and under every chooser."""

    def __init__(self, model: LanguageModel, seed: int) -> None:
        self.model = model
        self.seed = seed
        self.name = model.name

    def complete(self, prompt: Prompt) -> Completion:
        if not is_choice(prompt):
            return self.model.complete(prompt)
        texts, rest = split_choice(prompt)
        order = list(range(len(texts)))
        random.Random(f"{self.seed}\n{prompt.messages[-1].content}").shuffle(order)
        completion = self.model.complete(numbered([texts[i] for i in order], rest, prompt))
        shown = int(completion.text)
        return replace(completion, text=str(order[shown - 1] + 1))


ALTERNATIVES_SYSTEM = (
    "You help a user work the applications on their screen. You get numbered options built from the screen, "
    "the user's request, and the steps taken so far. The options are not a plan and their order means nothing: "
    "each is one thing that could be done now, and only one of them is right. "
    "A request often takes several steps, and its later steps show only once the earlier ones are done: "
    "the option that starts the request is right even if it does not finish it. "
    "When the request gives the value, typing it is right, not asking the user. "
    "If everything the request asks for is done, the right option says the request is finished. "
    "If the request is not about the screen or a skill, the right option says so. "
    "Answer with the option's number only."
)
ALTERNATIVES_ASKED = "Which one option should be done now? Answer with its number."


class Alternatives:
    """Today's number answer, asked with a wording that says the options are alternatives."""

    def __init__(self, model: LanguageModel) -> None:
        self.model = model
        self.name = model.name

    def complete(self, prompt: Prompt) -> Completion:
        if not is_choice(prompt):
            return self.model.complete(prompt)
        return self.model.complete(alternatives(prompt))


def alternatives(prompt: Prompt) -> Prompt:
    texts, rest = split_choice(prompt)
    rest = rest.replace(NUMBER_ASKED, ALTERNATIVES_ASKED)
    again = numbered(texts, rest, prompt)
    system = Message("system", ALTERNATIVES_SYSTEM)
    return replace(again, messages=(system, *again.messages[1:]))


TEXT_SYSTEM = prompts.SYSTEM.replace(NUMBER_RULE, "Answer with the text of that option, copied exactly.")
TEXT_ASKED = "Which option is the next step? Answer with its text."


def text_prompt(texts: Sequence[str], rest: str) -> Prompt:
    """The choice asked as "write the option": a list without numbers, the answer its text."""
    listed = "\n".join(f"- {t}" for t in texts)
    question = f"Options:\n{listed}\n\n{rest.replace(NUMBER_ASKED, TEXT_ASKED)}"
    return Prompt(messages=(Message("system", TEXT_SYSTEM), Message("user", question)), max_tokens=32)


@dataclass(frozen=True)
class Scored:
    log_probs: tuple[tuple[float, ...], ...]  # per answer, each of its tokens' log-probability
    prompt_tokens: int
    cached_tokens: int
    scored_tokens: int
    seconds: float


def log_softmax_at(logits: np.ndarray[Any, Any], token: int) -> float:
    top = float(logits.max())
    return float(logits[token] - top - np.log(np.exp(logits - top).sum()))


def score_answers(model: LlamaModel, prompt: Prompt, answers: Sequence[str]) -> Scored:
    """Each answer's tokens' log-probabilities as the model's reply to ``prompt``.

    The prompt is evaluated once (its prefix reused from the KV cache as completions do);
    each answer is then decoded as one batch after it, its logits read, and removed from the
    cache again, so an answer costs only its own tokens. The cache is left holding the prompt."""
    with model._lock:
        model._load()
        llm = model._llm
        started = time.perf_counter()
        tokens, _ = model._tokens(prompt)
        cached = reused_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
        llm._ctx.kv_cache_seq_rm(-1, cached, -1)
        llm.n_tokens = cached
        llm.eval(tokens[cached:])
        vocab = llm.n_vocab()
        after_prompt = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(vocab,)).copy()
        end = model._template.eos if model._template else "\n"
        lead = "" if model._template else " "  # a transcript ends "Assistant:"
        past = llm.n_tokens
        scored, total = [], 0
        for answer in answers:
            ids = llm.tokenize((lead + answer + end).encode(), add_bos=False, special=True)
            probs = [log_softmax_at(after_prompt, ids[0])]
            if len(ids) > 1:
                llm._batch.set_batch(batch=ids[:-1], n_past=past, logits_all=True)
                llm._ctx.decode(llm._batch)
                for i, token in enumerate(ids[1:]):
                    row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(i), shape=(vocab,))
                    probs.append(log_softmax_at(row, token))
                llm._ctx.kv_cache_seq_rm(-1, past, -1)
            scored.append(tuple(probs))
            total += len(ids)
        llm._requires_eval = True  # the context's logits are an answer's now, not the prompt's
        return Scored(tuple(scored), len(tokens), cached, total, time.perf_counter() - started)


class ByLikelihood:
    """The option whose own text the model finds likeliest as its answer.

    ``mean`` ranks by the mean log-probability per token (long options are not penalised
    for their length); otherwise by the sum. ``calibrated`` subtracts each option's mean
    log-probability after the same prompt without the request and the steps (the options
    alone): an option that is likely whatever was asked ("ask the user what they mean")
    gains nothing from that. The prompt without the request is scored first; the prompt
    with it then reuses its KV cache up to the end of the options."""

    def __init__(self, model: LlamaModel, *, mean: bool = True, calibrated: bool = False) -> None:
        self.model = model
        self.mean = mean
        self.calibrated = calibrated
        self.name = model.name

    def complete(self, prompt: Prompt) -> Completion:
        if not is_choice(prompt):
            return self.model.complete(prompt)
        texts, rest = split_choice(prompt)
        baseline = [0.0] * len(texts)
        seconds, scored_tokens = 0.0, 0
        if self.calibrated:
            alone = score_answers(self.model, text_prompt(texts, NUMBER_ASKED), texts)
            baseline = [sum(p) / len(p) for p in alone.log_probs]
            seconds, scored_tokens = alone.seconds, alone.scored_tokens
        scored = score_answers(self.model, text_prompt(texts, rest), texts)
        own = [sum(p) / len(p) if self.mean else sum(p) for p in scored.log_probs]
        ranks = [a - b for a, b in zip(own, baseline, strict=True)]
        best = max(range(len(texts)), key=lambda i: ranks[i])
        return Completion(
            str(best + 1),
            prompt_tokens=scored.prompt_tokens,
            completion_tokens=scored.scored_tokens + scored_tokens,
            cached_tokens=scored.cached_tokens,
            seconds=scored.seconds + seconds,
            model=self.name,
            extra={"ranks": [round(r, 3) for r in ranks]},
        )


class Oracle:
    """Answers the choice with a number given from outside, and fills each value with the text
    given from outside: with every number tried, whether any option could be right."""

    name = "oracle"

    def __init__(self) -> None:
        self.number = 1
        self.text = ""

    def complete(self, prompt: Prompt) -> Completion:
        if is_choice(prompt):
            return Completion(str(self.number), model=self.name)
        keys = list((prompt.schema or {}).get("properties", {}))
        return Completion(json.dumps(dict.fromkeys(keys, self.text)), model=self.name)
