"""The default model pack, and the mark for tests that need it installed."""

import os

import pytest

from app.services.paths import models_dir
from models.packs import DEFAULT_PACK, load_catalog, pack_path

DEFAULT_MODEL = pack_path(load_catalog().get(DEFAULT_PACK), models_dir())
# CI installs the default pack (setup.sh): there a missing pack is a failure, not a skip.
needs_default_pack = pytest.mark.skipif(
    not DEFAULT_MODEL.exists() and not os.environ.get("CI"),
    reason=f"the default pack is not installed: deskhand models install {DEFAULT_PACK}",
)
