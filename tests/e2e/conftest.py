from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.apps import RunningApp, legacy_app


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    return tmp_path / "claims.jsonl"


@pytest.fixture
def legacy(claims: Path) -> Iterator[RunningApp]:
    app = legacy_app(claims)
    yield app
    app.stop()
