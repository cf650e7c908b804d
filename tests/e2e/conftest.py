import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.apps import REPO, RunningApp, legacy_app

ARTIFACTS = Path(os.environ.get("DESKHAND_TEST_ARTIFACTS", REPO / "tests" / "artifacts"))


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    return tmp_path / "claims.jsonl"


@pytest.fixture
def legacy(claims: Path) -> Iterator[RunningApp]:
    app = legacy_app(claims)
    yield app
    app.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed end-to-end test leaves a screenshot of the suite's display behind."""
    report = yield
    if report.failed and call.when == "call":
        from app.services.compose import build_eyes

        screen, _, _ = build_eyes()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / (re.sub(r"[^\w.-]+", "_", item.nodeid) + ".png")
        screen.grab().save(path)
        report.sections.append(("screenshot", str(path)))
    return report
