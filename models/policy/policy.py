"""ModelPolicy: a Situation in, one Decision out, with a small local model choosing.

1. Code builds the options (candidates.build): what the request names on screen,
   skills, and the fixed choices.
2. Every request reaches the model with the screen's options and the skills: no
   word-overlap gate refuses one first. A request little of which the screen
   explains has "not about this screen" first; refusing is the model's choice
   ("not possible", "not about this screen"), and only the options act.
3. Pass 1: the model picks an option number under a grammar.
4. Pass 2, only for options that need values (typing, a skill's parameters): the
   model copies them under a grammar with fixed keys and bounded strings.
   Values code can settle are not asked of the model: an answer the user gave,
   a value an attached document gave (a receipt's amount and date, facts.py),
   a secret (only ever from an answer), a number nobody said (a question, at once).
5. Every value is checked (values.check); a missing or invented one becomes a
   question in the user's words. The model never gives coordinates or code: only
   an option number and copied strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.decisions import Act, Ask, Decision, Done, Impossible, ModelCall, Reply, RunSkill, Situation
from automation.errors import ModelUnavailable
from automation.numbers.written import numbers_in
from automation.types import Click, Key, Target, TypeText
from models.language import Completion, LanguageModel, Prompt
from models.policy import prompts
from models.policy.candidates import Menu, build
from models.policy.facts import HINTS_ONLY, fact_for, misplaced, named_facts, number_facts
from models.policy.options import Option
from models.policy.progress import progress
from models.policy.schemas import parse_choice, parse_fill
from models.policy.values import Missing, Slot, check, entangled, used_elsewhere

NOT_ABOUT_SCREEN = (
    "I can only work the applications on your screen and run your skills, "
    "and that request is about neither. Ask me to do something on screen."
)


def model_call(purpose: str, completion: Completion) -> ModelCall:
    return ModelCall(
        purpose=purpose,
        seconds=completion.seconds,
        prompt_tokens=completion.prompt_tokens,
        completion_tokens=completion.completion_tokens,
        cached_tokens=completion.cached_tokens,
    )


@dataclass(frozen=True)
class Values:
    """The outcome of filling an option's slots: every value, or the first one missing."""

    found: dict[str, str]
    missing: Missing | None


class ModelPolicy:
    """The ``Policy`` the agent loop uses, over any ``LanguageModel``."""

    def __init__(self, model: LanguageModel) -> None:
        self.model = model

    def warm(self) -> float:
        """Evaluate the prompts' fixed prefix now, while idle; the seconds it took.

        The first choice otherwise evaluates its ~150 system tokens itself: measured
        2.0 s against 0.8 s warm for the default pack on a busy 2-CPU machine."""
        return self.model.complete(prompts.warm_up()).seconds

    def decide(self, situation: Situation) -> Decision:
        menu = build(situation)
        done = progress(situation.history, situation.answers)
        answers = done.answers
        prompt = prompts.choose(menu.options, situation, answers)
        completion = self.model.complete(prompt)
        calls = [model_call("choose", completion)]
        number = self._option_number(completion, menu)
        option = menu.options[number - 1]

        if option.kind in ("type", "skill"):
            values = self._values(option, number, situation, answers, prompt, completion, calls)
            if values.missing is None:
                values = Values(values.found, self._reused(option, values.found, situation, answers, done.typed))
            if values.missing is not None:
                slot = values.missing.slot
                return Ask(slot.question, slot.name, calls=tuple(calls), secret=slot.secret)
            return self._acting(option, values.found, tuple(calls))
        return self._answer(option, menu, situation, tuple(calls))

    def _option_number(self, completion: Completion, menu: Menu) -> int:
        number = parse_choice(completion.text)
        if number is None or not 1 <= number <= len(menu.options):
            raise ModelUnavailable(
                self.model.name, f"its answer {completion.text[:80]!r} is not one of the {len(menu.options)} options"
            )
        return number

    def _values(
        self,
        option: Option,
        number: int,
        situation: Situation,
        answers: dict[str, str],
        chosen: Prompt,
        completion: Completion,
        calls: list[ModelCall],
    ) -> Values:
        if option.value and len(option.slots) == 1:
            return Values({option.slots[0].name: option.value}, None)  # settled by code from the request
        sources = [situation.request, *situation.documents, *situation.answers]
        # Numbers come from the user's words and from the values a document's reader is sure of
        # (its amount), never from the rest of the document's text: a receipt whose total was not
        # read still shows a card's last digits, and typing those would be a guess.
        number_sources = [situation.request, *situation.answers, *number_facts(situation.facts)]
        said = [n for s in number_sources for n in numbers_in(s)]
        # One number to take is nothing for the model to choose: the only one the user
        # said, or else the document's value the request names ("the receipt's total").
        in_request = numbers_in(situation.request) + [n for a in situation.answers for n in numbers_in(a)]
        named = [n for _, v in named_facts(situation.request, situation.facts) for n in numbers_in(v)]
        settled = in_request[0] if len(set(in_request)) == 1 else None if in_request else next(iter(named), None)
        if settled is None and len(set(said)) == 1:
            settled = said[0]
        found: dict[str, str] = {}
        missing: list[Missing] = []
        to_fill: list[Slot] = []
        for slot in option.slots:
            answer = answers.get(slot.name.casefold())
            # a number the user said beats the document's: "file this receipt as 40" corrects it
            fact = None if slot.secret or (slot.numeric and in_request) else fact_for(slot.name, situation.facts)
            if fact is not None and fact[0] in HINTS_ONLY:
                fact = None  # the document's kind is a hint: the value is the model's to copy, or asked
            if answer is not None and slot.secret:
                found[slot.name] = answer  # the user's own secret, seen here only as its placeholder
            elif answer is not None:
                checked = check(slot, answer, [answer])
                if isinstance(checked, Missing):
                    missing.append(checked)
                else:
                    found[slot.name] = checked
            elif fact is not None and not isinstance(checked := check(slot, fact[1], [fact[1]]), Missing):
                found[slot.name] = checked  # the attached document's value: nothing for the model to copy
            elif slot.secret:
                missing.append(Missing(slot, "a secret is only taken from the user's answer"))
            elif slot.numeric and not said:
                missing.append(Missing(slot, "no number was given"))
            elif slot.numeric and sum(s.numeric for s in option.slots) == 1 and settled is not None:
                found[slot.name] = settled
            else:
                to_fill.append(slot)
        if missing:  # ask what code already knows is missing before asking the model anything
            return Values(found, min(missing, key=lambda m: option.slots.index(m.slot)))
        if to_fill:
            prompt = prompts.fill(chosen, completion.text, number, option, to_fill, situation.request)
            filled = self.model.complete(prompt)
            calls.append(model_call("fill", filled))
            raw = parse_fill(filled.text, to_fill)
            for slot in to_fill:
                # a value no document fact names comes from the user's words only: the model copied a
                # receipt's line ("Beef noodles") into "Attendees"
                users = slot.users_own or (bool(situation.facts) and fact_for(slot.name, situation.facts) is None)
                own = [situation.request, *situation.answers] if users else number_sources if slot.numeric else sources
                checked = check(slot, raw[slot.name], own, situation.request)
                if isinstance(checked, Missing) and checked.instruction:
                    # "type the receipt's total": the value the request names is the document's, when
                    # one read value answers to those words; else the user is asked
                    read = {v for f, v in named_facts(situation.request, situation.facts) if f not in HINTS_ONLY}
                    if len(read) == 1:
                        found[slot.name] = read.pop()
                        continue
                if isinstance(checked, Missing):
                    return Values(found, checked)
                other = misplaced(slot.name, checked, situation.facts)
                if other is not None:
                    return Values(found, Missing(slot, f"{checked!r} is the document's {other}"))
                found[slot.name] = checked
            clash = entangled(option.slots, found)
            if clash is not None:
                return Values(found, clash)
        return Values(found, None)

    def _reused(
        self,
        option: Option,
        found: dict[str, str],
        situation: Situation,
        answers: dict[str, str],
        typed: tuple[tuple[str, str], ...],
    ) -> Missing | None:
        """The first value, not from an answer, that the history already typed into another field."""
        sources = [situation.request, *situation.documents]
        for slot in option.slots:
            if slot.name.casefold() in answers or slot.name not in found:
                continue
            clash = used_elsewhere(slot, found[slot.name], typed, sources)
            if clash is not None:
                return clash
        return None

    def _acting(self, option: Option, found: dict[str, str], calls: tuple[ModelCall, ...]) -> Decision:
        if option.kind == "skill" and option.skill is not None:
            return RunSkill(option.skill.name, {s.name: found[s.name] for s in option.slots}, calls=calls)
        (slot,) = option.slots
        into = Target(option.label, window=option.window or None, field=True) if option.label else None
        return Act(TypeText(found[slot.name], into=into, over=option.over), reason=option.text, calls=calls)

    def _answer(self, option: Option, menu: Menu, situation: Situation, calls: tuple[ModelCall, ...]) -> Decision:
        if option.kind == "click":
            target = Target(option.label, window=option.window or None, field=option.field)
            return Act(Click(target), reason=option.text, calls=calls)
        if option.kind == "key":
            return Act(Key(option.combo), reason=option.text, calls=calls)
        if option.kind == "ask":
            if option.slots:
                slot = option.slots[0]
                return Ask(slot.question, slot.name, calls=calls, secret=slot.secret, places=slot.places)
            return Ask(f"I am not sure what to do for {situation.request!r}. What should I do first?", calls=calls)
        if option.kind == "done":
            did = [prompts.turn_text(t) for t in situation.history if t.ok]
            return Done("Finished: " + ("; ".join(did) if did else situation.request), calls=calls)
        if option.kind == "impossible":
            seen = [o.label for o in menu.options if o.label][:5]
            what = f" I can see: {', '.join(seen)}." if seen else ""
            return Impossible(f"Nothing on screen does {situation.request!r}.{what}", calls=calls)
        return Reply(NOT_ABOUT_SCREEN, calls=calls)
