"""Widget tests draw offscreen: no X server, no window manager (the rest of the suite uses Xvfb).

The platform is given to this package's QApplication as an argument, not through
QT_QPA_PLATFORM in the environment: conftest files run when the whole suite is
collected, and the variable then reached the end-to-end tests' real panel, which drew
nowhere.
"""

from __future__ import annotations

import pytest

from models.fakes import ScriptedPolicy
from tests.support.panel_stand_ins import ScriptedAgent


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["deskhand-tests", "-platform", "offscreen"]


@pytest.fixture
def policy() -> ScriptedPolicy:
    """What the panel's agent will decide, queued by the test."""
    return ScriptedPolicy()


@pytest.fixture
def scripted(policy: ScriptedPolicy) -> ScriptedAgent:
    return ScriptedAgent(policy)
