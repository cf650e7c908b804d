"""Where tests leave screenshots for a person to look at."""

import os
from pathlib import Path

from tests.support.apps import REPO

ARTIFACTS = Path(os.environ.get("DESKHAND_TEST_ARTIFACTS", REPO / "tests" / "artifacts"))
