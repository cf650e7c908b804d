"""Recording a demonstration from the panel: Record, name it in the conversation, do the task
in the Tk client with xdotool, Stop recording; the skill is in the store and the panel's list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.services.skills import open_store
from automation.timings import wait_until
from tests.support.apps import REPO, RunningApp, wait_for_window
from tests.support.legacy_form import Form, click, file_the_claim
from tests.support.panel_screen import on_panel, screenshot, yes_button


def test_record_a_skill_from_the_panel(form: tuple[RunningApp, Form, Path], tmp_path: Path) -> None:
    _, where, claims = form
    script = Path(sys.executable).with_name("deskhand")
    log = open(tmp_path / "deskhand.log", "wb")  # noqa: SIM115
    process = subprocess.Popen([str(script)], cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        wait_for_window("Deskhand", process)
        click(*wait_until(lambda: on_panel("Record"), name="the Record button", timeout=60))
        wait_until(lambda: on_panel("skill be called"), name="the name question", timeout=30)
        subprocess.run(["xdotool", "type", "--delay", "20", "file claim"], check=True)
        subprocess.run(["xdotool", "key", "Return"], check=True)
        wait_until(lambda: on_panel("Stop recording"), name="recording to start", timeout=30)
        file_the_claim(where)
        wait_until(lambda: claims.exists(), name="the claim the demonstration filed", timeout=30)
        screenshot("recording")
        click(*wait_until(lambda: on_panel("Stop recording"), name="the Stop recording button", timeout=30))
        wait_until(lambda: on_panel("saved skill"), name="the skill to be saved", timeout=180)
        screenshot("recorded")
        with open_store() as store:
            skill = store.get("file claim")
        assert len(skill.steps) >= 5, skill.steps
        values = {"employee": "Wang Wu", "amount": "99.00", "pin": "135790"}
        assert {p.name for p in skill.params} == set(values), skill.params

        item = on_panel("file claim")
        assert item is not None
        subprocess.run(["xdotool", "mousemove", str(item[0]), str(item[1]), "click", "--repeat", "2", "1"], check=True)
        for param in skill.params:  # asked in order, each in the conversation
            question = param.description.split("'")[0].strip()  # before the window's title
            wait_until(lambda q=question: on_panel(q), name=f"the question {question!r}", timeout=60)
            subprocess.run(["xdotool", "type", "--delay", "20", values[param.name]], check=True)
            subprocess.run(["xdotool", "key", "Return"], check=True)

        def filed_again() -> bool:
            spot = yes_button()  # each committing step of the replay is confirmed in the panel
            if spot is not None:
                subprocess.run(["xdotool", "mousemove", str(spot[0]), str(spot[1]), "click", "1"], check=True)
            return len(claims.read_text().splitlines()) == 2

        wait_until(filed_again, name="the replay to file a second claim", timeout=120)
        wait_until(lambda: on_panel("ran skill"), name="the panel to say it ran", timeout=60)
        screenshot("replayed")
    finally:
        screenshot("last")  # the panel's conversation as the test left it, before it is closed
        process.terminate()
        process.wait(timeout=10)
        log.close()
    second = json.loads(claims.read_text().splitlines()[1])
    assert (second["employee"], second["amount"], second["pin"]) == ("Wang Wu", "99.00", "135790"), second
