"""The task evaluation judges HomeBank's tasks by the transactions its saved books hold."""

from __future__ import annotations

from tests.bench.task_set import Task
from tests.bench.tasks import holds_transaction, judge

BOOKS = """<?xml version="1.0"?>
<homebank v="1.4" d="050602">
<account key="1" pos="1" type="1" curr="1" name="Checking" initial="100" minimum="0"/>
<pay key="1" name="Corner Shop"/>
<ope date="739000" amount="-8.4" account="1" paymode="0" payee="1" wording="Coffee"/>
</homebank>
"""


def test_a_transaction_matches_by_amount_memo_and_payee() -> None:
    assert holds_transaction(BOOKS, {"amount": 8.4, "payee": "1"})
    assert holds_transaction(BOOKS, {"amount": 8.40, "memo": "Coffee"})


def test_a_different_amount_memo_or_payee_does_not_match() -> None:
    assert not holds_transaction(BOOKS, {"amount": 8.5})
    assert not holds_transaction(BOOKS, {"amount": 8.4, "memo": "Tea"})
    assert not holds_transaction(BOOKS, {"amount": 8.4, "payee": "2"})
    assert not holds_transaction("not xml", {"amount": 8.4})


def test_judge_needs_the_transaction_in_the_saved_books() -> None:
    task = Task("homebank-x", "homebank", "form", "add 8.40", file={"books.xhb": ""}, ledger={"amount": 8.4})
    assert judge(task, {}, {"books.xhb": BOOKS})
    assert not judge(task, {}, {"books.xhb": BOOKS.replace("-8.4", "-9.4")})
    assert not judge(task, {}, {})
