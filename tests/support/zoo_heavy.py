"""Zoo toolkits that need a build, a browser or a Java start: Chromium, Swing, Win32 under Wine."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.zoo import ZOO, Starter


def web(run: Path, _cache: Path) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, str(ZOO / "web_form.py"), str(run)], {}


STARTERS: dict[str, Starter] = {"html": web}
