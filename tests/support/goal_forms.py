"""The forms of the goal-check tasks and a `deskhand do` run against a scripted model: shared by
tests/e2e/test_goal_check.py and tests/bench/goal_check.py."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.support.apps import RunningApp, deskhand, launch, legacy_app
from tests.support.chooser import Script, chooser

ZOO_SEED = 101  # a seed of the zoo's development range (tests/bench/zoo.py)
VOUCHER = Path(__file__).resolve().parents[1] / "apps" / "voucher_form.py"


@dataclass
class Form:
    app: RunningApp
    out: Path
    amount: str  # the field's label
    unnamed_commit: str  # a request that asks for a commit no button of this form is named for

    def records(self) -> list[dict[str, str]]:
        return [json.loads(line) for line in self.out.read_text().splitlines()] if self.out.exists() else []


def tk(tmp: Path) -> Form:
    out = tmp / "claims.jsonl"
    return Form(legacy_app(out), out, "Amount", "enter 42.50 as the amount and send it")


def qt(tmp: Path, *args: str) -> Form:
    out = tmp / "vouchers.jsonl"
    app = launch([sys.executable, str(VOUCHER), "--out", str(out), *args], "Payment Voucher")
    return Form(app, out, "Amount", "enter 42.50 as the amount and submit it")


def qt_chinese(tmp: Path) -> Form:
    out = tmp / "vouchers.jsonl"
    app = launch([sys.executable, str(VOUCHER), "--out", str(out), "--chinese"], "付款凭证")
    return Form(app, out, "金额", "在 金额 填入 42.50 然后 发送")


def run(request: str, script: Script, *args: str) -> dict:
    with chooser(script) as url:
        result = deskhand("do", request, "--server", url, "--yes", "--json", "--max-steps", "8", *args, timeout=300)
    return report_of(result)


def report_of(result: subprocess.CompletedProcess[str]) -> dict:
    """`deskhand do --json`'s report, checked against its exit code."""
    assert result.stdout.strip().startswith("{"), result.stderr
    report = json.loads(result.stdout)
    assert report["exit_code"] == result.returncode
    return report


def steps(report: dict) -> str:
    return "\n".join(f"{s['stage']}: {s['text']}" for s in report["steps"]) + f"\n{report['message']}"
