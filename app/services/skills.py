"""The user's learned skills: the one store, the cards the policy chooses from, running one
(for the agent, `deskhand replay` and the panel), and sharing one as a file.

Nothing here prints: each replayed step leaves through a callback.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import replace

from app.services import Say
from app.services.compose import Session, build_ocr, build_session
from app.services.models import open_chosen_model
from app.services.paths import replay_shots_dir, skills_db
from app.services.trust import signer_of
from automation.decisions import RunSkill
from automation.errors import DeskhandError, UsageError
from automation.protocols import Confirm, OcrEngine
from automation.secrets import redact
from automation.skill_card import SkillCard
from automation.skills.bulk import BulkResult, OnError, Plan, RowResult, run_rows
from automation.skills.from_recording import pictured_text
from automation.skills.model import ClickStep, Origin, Skill
from automation.skills.replay import Replayer, ReplayResult, StepReport, missing_values
from automation.skills.serialize import MAX_NAME
from automation.skills.share import SkillFileRefused, read_skill_file
from automation.skills.store import SkillExists, SkillStore
from automation.skills.trust import check_runnable, clean


def open_store() -> SkillStore:
    """The skill store every part of Deskhand reads and writes."""
    return SkillStore(skills_db())


def skill_cards() -> list[SkillCard]:
    """What the policy needs to offer every enabled skill (no steps, no pictures): never one nobody reviewed."""
    with open_store() as store:
        return [skill.card() for skill in store.list() if skill.enabled]


def parse_values(pairs: list[str], skill: Skill) -> dict[str, str]:
    """``KEY=VALUE`` pairs as the skill's parameter values; a pair it cannot take is a UsageError."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--set takes KEY=VALUE, not {pair!r}", "e.g. --set amount=42.50")
        values[key.strip()] = value
    known = {p.name for p in skill.params}
    unknown = sorted(set(values) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise UsageError(f"{skill.name!r} has no parameter {', '.join(unknown)}; it takes: {takes}")
    return values


def make_replayer(
    confirm: Confirm,
    report: Callable[[StepReport], None],
    model: str | None = None,
    server: str | None = None,
    say: Say = lambda line: None,
    session: Session | None = None,
    approver: str = "user",
    confirm_repair: Confirm | None = None,
    admit: Confirm | None = None,
) -> Replayer:
    """A replayer over ``session`` (else a new one), with a model for repairs only when ``model``
    or ``server`` names one; the healthy path makes no model call. Its actions go into the
    session's audit log, approved by ``approver`` ("--yes" when given)."""
    from models.policy.policy import ModelPolicy  # loaded on first use, not by `deskhand --help` (docs/architecture.md)

    policy = ModelPolicy(open_chosen_model(model, server, say)) if model or server else None
    session = session or build_session(approver=approver)
    return Replayer(
        session.desktop,
        session.observer,
        session.actor.gate,
        confirm,
        report=report,
        policy=policy,
        shots=replay_shots_dir(),
        before_act=session.actor.before_act,  # replayed steps are ringed like the agent's
        commit_rule=session.commit_rule,
        confirm_repair=confirm_repair,  # bulk replay: its one yes up front does not cover a repair
        admit=admit,  # another application: a person's yes, never --yes; None: refused
        audit=session.actor.audit,  # the agent's run when the agent runs it: its request, its approver
    )


def replay_and_record(
    store: SkillStore, replayer: Replayer, skill: Skill, values: Mapping[str, str], request: str = ""
) -> ReplayResult:
    """One replay, recorded in the store's history with its values (the store keeps no secret)
    and, when it was asked for in words, the request (the dataset export learns from it)."""
    started = time.perf_counter()
    try:
        result = replayer.run(skill, values)
    except DeskhandError as err:
        secrets = [values.get(p.name, "") for p in skill.params if p.secret]
        message = redact(err.message, secrets)
        store.record_run(skill.name, time.perf_counter() - started, False, 0, message, args=values, request=request)
        raise
    store.record_run(skill.name, result.seconds, True, len(result.calls), args=values, request=request)
    return result


class SkillRunner:
    """Runs the skill a policy chose, on the agent's session; the request it was asked with
    comes with each call and is kept in the skill's run history."""

    def __init__(
        self, session: Session, confirm: Confirm, say: Say = lambda line: None, admit: Confirm | None = None
    ) -> None:
        self.session = session
        self.confirm = confirm
        self.admit = admit
        self.say = say  # a line per replayed step

    def __call__(self, decision: RunSkill, request: str = "") -> str:
        with open_store() as store:
            skill = store.get(decision.name)
            check_runnable(skill)  # a skill nobody reviewed: refused before any value is asked or used
            values = dict(decision.args)
            missing_values(skill, values)  # the policy asks first; this is the last guard
            replayer = make_replayer(
                self.confirm,
                report=lambda r: self.say(f"     {r.n}/{r.total} {r.text}: {r.verdict}"),
                session=self.session,
                admit=self.admit,
            )
            result = replay_and_record(store, replayer, skill, values, request)
        return f"ran skill {skill.name!r}: {len(result.steps)} steps in {result.seconds:.1f} s"


def import_skill(
    store: SkillStore, raw: bytes, where: str, as_name: str | None, replace_it: bool, signature: bytes | None = None
) -> Skill:
    """Check and store the skill file ``raw`` (read from ``where``), under ``as_name`` if given.

    It is stored disabled and marked with its origin, unless ``signature`` (FILE.sig) is by a
    trusted team key: then enabled, with the signer. A signature that does not match is refused.
    """
    signer = signer_of(raw, where, signature)
    skill = read_skill_file(raw, where)
    if as_name is not None:
        if not as_name.strip() or len(as_name) > MAX_NAME:
            raise SkillFileRefused(where, "--as", f"a skill's name is 1 to {MAX_NAME} characters")
        skill = replace(skill, name=as_name)
    skill = replace(without_controls(skill), origin=Origin(clean(where), time.time(), signer), enabled=bool(signer))
    try:
        store.save(skill, replace=replace_it)  # one transaction: on any failure nothing stored changes
    except SkillExists as err:
        raise SkillExists(
            err.name, "import it under another name with --as NEW_NAME, or replace yours with --replace"
        ) from err
    return skill


def without_controls(skill: Skill) -> Skill:
    """The words a person reads (name, description, questions, examples) with control characters replaced:
    a terminal escape in a shared file never reaches a terminal. Typed texts are data and stay as written."""
    params = tuple(replace(p, description=clean(p.description)) for p in skill.params)
    examples = tuple(clean(e) for e in skill.examples)
    return replace(
        skill, name=clean(skill.name), description=clean(skill.description), params=params, examples=examples
    )


def replay_rows(
    store: SkillStore,
    replayer: Replayer,
    rows: Plan,
    on_error: OnError,
    report: Callable[[RowResult, BulkResult], None],
) -> BulkResult:
    """The skill once per row of ``rows``, each run recorded in the store's history."""

    def replay(values: Mapping[str, str]) -> int:
        return len(replay_and_record(store, replayer, rows.skill, values).calls)

    with replayer.audit.run("bulk", f"skill {rows.skill.name} on {rows.path.name}"):  # the audit log's "who"
        return run_rows(rows, replay, on_error, report)


def pictures(skill: Skill) -> Callable[[ClickStep], list[str] | None]:
    """What each click's recorded picture shows (the confirmation rule reads it: a decoy label
    cannot hide a Pay button); the OCR engine is loaded only when a step has a picture."""
    engines: list[OcrEngine] = []

    def pictured(step: ClickStep) -> list[str] | None:
        png = skill.crops.get(step.anchor.crop) if step.anchor.crop else None
        if png is None:
            return None
        engines[:] = engines or [build_ocr()]
        return pictured_text(png, engines[0])

    return pictured
