import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.skills.model import Skill
from tests.support.apps import RunningApp, legacy_app
from tests.support.artifacts import ARTIFACTS
from tests.support.legacy_form import Form, open_form
from tests.support.taught_claim import teach_claim


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    return tmp_path / "claims.jsonl"


@pytest.fixture
def legacy(claims: Path) -> Iterator[RunningApp]:
    app = legacy_app(claims)
    yield app
    app.stop()


@pytest.fixture
def form(tmp_path: Path) -> Iterator[tuple[RunningApp, Form, Path]]:
    """The Tk client, where a person would click on it, and its claims file."""
    app, where, claims = open_form(tmp_path)
    yield app, where, claims
    app.stop()


@pytest.fixture(scope="module")
def taught(tmp_path_factory: pytest.TempPathFactory) -> Skill:
    """The claim skill, demonstrated once for the module that asks for it."""
    return teach_claim(tmp_path_factory.mktemp("recording"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed end-to-end test leaves a screenshot of the suite's display behind."""
    report = yield
    if report.failed and call.when == "call":
        from app.services.compose import build_eyes
        from automation.errors import DeskhandError

        try:
            screen, _, _ = build_eyes()
        except DeskhandError as err:  # the failure is the report; a missing screenshot must not hide it
            report.sections.append(("screenshot", f"none: {err}"))
            return report
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / (re.sub(r"[^\w.-]+", "_", item.nodeid) + ".png")
        screen.grab().save(path)
        report.sections.append(("screenshot", str(path)))
        report.sections.append(("audit trail (the last entries)", audit_tail()))
    return report


def audit_tail(lines: int = 30, width: int = 400) -> str:
    """What Deskhand's audit trail holds last in the test's home: what was sent, refused, seen."""
    home = os.environ.get("DESKHAND_HOME")
    months = sorted(Path(home, "data", "audit").glob("*.jsonl")) if home else []
    if not months:
        return "none"
    last = months[-1].read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    return "\n".join(line[:width] for line in last)
