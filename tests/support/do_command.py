"""`deskhand do ... --json` through the real entry point, and its report."""

from __future__ import annotations

import json

from tests.support.apps import deskhand


def do(*args: str) -> dict:
    result = deskhand("do", *args, "--json", timeout=600)
    assert result.returncode == 0, f"deskhand do {args} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout)
    assert report["model_calls"], "the request was decided without the model"
    return report
