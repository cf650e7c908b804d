"""Voice flow benchmark: from the end of a spoken command (the talk button released) to
the first synthesized action, with the default speech engine and language model warm.

    .venv/bin/python -m tests.bench.voice_flow [--runs N] [--json FILE]

Starts its own Xvfb and the Tk legacy client, and stops them. The command is an
espeak-ng recording; each run hears it (silence check, transcription, tidying) and
runs the agent in process, as `deskhand do --audio-file` and the panel do, until the
first input is about to be sent (the actor's before-act hook: grounded, through the
gate). The on-screen hints are taken before the clock starts: the panel gathers them
while the user is still speaking. Then the run is stopped. Target: <= 2 s.
A report, not a pass/fail test; the machine is shared, so expect noise.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.bench.report import publish
from tests.support import xserver

HERE = Path(__file__).resolve().parent
COMMAND = "enter forty two fifty as the amount"
TARGET_S = 2.0


def one_run(session: Any, engine: Any, model: Any, audio: Any, hints: list[str]) -> dict[str, float]:
    from app.services.voice.listen import hear
    from automation.agent.loop import Agent
    from automation.errors import Aborted
    from models.policy.policy import ModelPolicy

    first: list[float] = []

    def before_act(point: object, window: object) -> None:
        if not first:
            first.append(time.perf_counter())

    session.actor.before_act = before_act
    session.actor.gate.abort.clear()
    agent = Agent(
        session.observer,
        session.actor,
        ModelPolicy(model),
        confirm=lambda question, act: True,
        report=lambda p: session.actor.gate.abort.set() if p.stage == "act" else None,  # one action is enough
        max_steps=4,
    )
    released = time.perf_counter()
    heard = hear(audio, engine, hints, "the recording")
    transcribed = time.perf_counter()
    with contextlib.suppress(Aborted):  # stopped on purpose after the first action
        agent.run(heard.request)
    if not first:
        raise RuntimeError(f"no action for {heard.request!r}")
    return {
        "transcribe_s": transcribed - released,
        "decide_and_ground_s": first[0] - transcribed,
        "released_to_first_action_s": first[0] - released,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "voice_flow.json")
    args = parser.parse_args()

    scratch, display = xserver.start_for_benchmark()
    from app.services.paths import models_dir

    os.environ["DESKHAND_MODELS"] = str(models_dir())
    os.environ["DESKHAND_HOME"] = str(scratch / "home")
    os.environ.setdefault("DESKHAND_THREADS", "1")
    try:
        from app.services.compose import build_session
        from app.services.models import open_chosen_model
        from app.services.voice.engine import open_engine
        from app.services.voice.hints import hint_words
        from automation.audio.wav import WavFile
        from tests.support.apps import legacy_app

        wav = scratch / "command.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), COMMAND], check=True)
        audio = WavFile(wav).record()
        app = legacy_app(scratch / "claims.jsonl")
        try:
            session = build_session()
            engine = open_engine("")
            engine.load()  # type: ignore[attr-defined]
            model = open_chosen_model(None, None)
            hints = hint_words([], session.observer.observe())
            one_run(session, engine, model, audio, hints)  # warm-up: caches, first prompt
            runs = [one_run(session, engine, model, audio, hints) for _ in range(args.runs)]
        finally:
            app.stop()
    finally:
        display.stop()
    report = {
        "command": COMMAND,
        "audio_s": round(audio.seconds, 2),
        "speech": engine.name,
        "model": model.name,
        "runs": runs,
        "median": {k: statistics.median(r[k] for r in runs) for k in runs[0]},
        "targets": {"released_to_first_action_s": TARGET_S},
    }
    publish(report, args.json, print_table)


def print_table(report: dict[str, Any]) -> None:
    print(f"\nVoice flow ({report['speech']}, {report['model']}, {report['audio_s']} s command)\n")
    print(f"{'measure':<30}{'median':>10}{'min':>10}{'max':>10}{'target':>10}")
    for key in report["median"]:
        values = [r[key] for r in report["runs"]]
        target = report["targets"].get(key, "")
        print(f"{key:<30}{report['median'][key]:>10.2f}{min(values):>10.2f}{max(values):>10.2f}{target!s:>10}")


if __name__ == "__main__":
    main()
