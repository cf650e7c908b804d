"""The personal-data scrubber: what it takes, and the near misses it must leave alone."""

from __future__ import annotations

import pytest

from models.training.scrub import cn_id_valid, find_pii, luhn, scrub


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        # emails
        ("mail zhang.san+claims@example.com.cn today", "mail <EMAIL> today"),
        ("Li_Si@corp-mail.co.uk, then", "<EMAIL>, then"),
        # card numbers: Luhn-valid, 13-19 digits, grouped by spaces or dashes
        ("card 4111 1111 1111 1111 exp 2027", "card <CARD> exp 2027"),
        ("4111-1111-1111-1111", "<CARD>"),
        ("amex 378282246310005.", "amex <CARD>."),
        ("visa 4222222222222 (13 digits)", "visa <CARD> (13 digits)"),
        ("paid with 5500 0000 0000 0004 2024", "paid with <CARD> 2024"),  # the year after it stays
        # national ID numbers
        ("身份证 11010519491231002X 已核对", "身份证 <ID> 已核对"),
        ("id 110105194912310021x", "id 110105194912310021x"),  # 19 characters: no ID
        ("SSN 123-45-6789", "SSN <ID>"),
        # phone numbers, written as phone numbers are
        ("call +86 138 0013 8000", "call <PHONE>"),
        ("call +1 (555) 123-4567 now", "call <PHONE> now"),
        ("(555) 123-4567", "<PHONE>"),
        ("555.123.4567", "<PHONE>"),
        ("手机 13800138000", "手机 <PHONE>"),
        ("mobile 138-0013-8000", "mobile <PHONE>"),
        ("office 010-12345678", "office <PHONE>"),
        # several kinds in one string
        ("Zhang San <zs@example.com>, 13900001111", "Zhang San <<EMAIL>>, <PHONE>"),
    ],
)
def test_personal_data_becomes_typed_placeholders(text: str, scrubbed: str) -> None:
    assert scrub(text) == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "4111111111111112",  # 16 digits failing Luhn: an order number, not a card
        "order 20240315001",  # 11 digits, not a mobile prefix
        "order 2024031500123",  # 13 digits failing Luhn
        "PO-4410-2291",
        "invoice INV-2024-000173",
        "amount 42.50 on 2024-03-15 at 12:30",
        "11010519491231002Y",  # an ID's shape with a wrong check character
        "110105194912310020",  # wrong check digit
        "110105194913310021",  # a check digit that fits, but month 13
        "000-12-3456",  # SSN area never issued
        "666-12-3456",
        "123-00-4567",
        "version 3.11.7, build 12345",
        "room 1203, 12 people",
        "user@localhost",  # no domain: not an address to scrub
        "12345678",  # a bare run: more often an order than a phone
    ],
)
def test_near_misses_stay(text: str) -> None:
    assert scrub(text) == text


def test_overlaps_go_to_the_surer_kind() -> None:
    both = "110105199001020016"  # a valid resident ID that happens to pass Luhn too
    assert luhn(both) and cn_id_valid(both)
    # An address holding a card-like run of digits is an email.
    assert [f.kind for f in find_pii(f"{both} 4111111111111111@example.com")] == ["ID", "EMAIL"]


@pytest.mark.parametrize(
    ("digits", "valid"), [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True)]
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn(digits) is valid


def test_cn_id_check_character_and_birth_date() -> None:
    assert cn_id_valid("11010519491231002X")
    assert cn_id_valid("11010519491231002x")
    assert not cn_id_valid("11010519491231002Y")
    assert not cn_id_valid("110105219912310028")  # the check fits, but born in 2199
