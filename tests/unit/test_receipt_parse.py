"""The receipt parser over receipts' OCR text, clean and messy, English and Chinese."""

import pytest

from automation.documents.receipt import Receipt, clean_lines, date_on, parse_receipt

RECEIPTS = [
    (
        "a clean restaurant receipt",
        """NOODLE HOUSE
        12 Market Street
        Tel 555-0142
        28/11/2026 12:41
        Beef noodles      14.00
        Dumplings x2      18.00
        Jasmine tea        6.50
        Subtotal          38.50
        Tax                4.00
        TOTAL            $42.50
        Cash              50.00
        Change             7.50""",
        Receipt("42.50", "USD", "2026-11-28", "NOODLE HOUSE", "meal"),
    ),
    (
        "messy OCR: 0 for O, 1 for l, a space in the amount",
        """* Noodle House *
        Date: 2O26-11-28
        Beef noodIes 14.00
        T0TAL 42 .50
        Thank you""",
        Receipt("42.50", None, "2026-11-28", "Noodle House", "meal"),
    ),
    (
        "amount due beats a plain total; decimal comma",
        """Café Lumière
        Rue de Rivoli
        03.12.2026
        Total HT 35,00
        TVA 3,50
        Amount due 38,50 €""",
        Receipt("38.50", "EUR", "2026-12-03", "Café Lumière", "meal"),
    ),
    (
        "a hotel with thousands separators",
        """RECEIPT
        Grand Plaza Hotel
        Check-out: Nov 28, 2026
        Room 2 nights 1,100.00
        City tax 40.00
        Grand total USD 1,140.00""",
        Receipt("1140.00", "USD", "2026-11-28", "Grand Plaza Hotel", "lodging"),
    ),
    (
        "a taxi receipt with the total on the line below",
        """City Cab Co.
        Taxi fare receipt
        5 January 2027
        Total
        23.40""",
        Receipt("23.40", None, "2027-01-05", "City Cab Co.", "transport"),
    ),
    (
        "a train ticket month-first on a dollar receipt",
        """Amtrak
        Train ticket  NY -> Boston
        11/03/2026
        Fare $89.00
        Total $89.00""",
        Receipt("89.00", "USD", "2026-11-03", "Amtrak", "transport"),
    ),
    (
        "office supplies, day-first on a euro receipt, two-digit year",
        """Papeterie Martin
        04/11/26
        Printer ink 2x 31,00
        Paper A4 7,90
        Summe EUR 38,90""",
        Receipt("38.90", "EUR", "2026-11-04", "Papeterie Martin", "office supplies"),
    ),
    (
        "Chinese: a noodle shop with 合计 and 实付",
        """老北京面馆
        地址：朝阳路 18 号
        日期：2026年11月28日
        牛肉面 1 28.00
        饺子 1 14.50
        合计：42.50
        实付：¥42.50""",
        Receipt("42.50", "CNY", "2026-11-28", "老北京面馆", "meal"),
    ),
    (
        "Chinese with spaces between characters, as OCR returns them",
        """欢 迎 光 临
        如 家 酒 店
        2026-12-01
        房 费 1 晚 268.00
        合 计 268.00 元""",
        Receipt("268.00", "CNY", "2026-12-01", "如家酒店", "lodging"),
    ),
    (
        "Chinese taxi: 金额 and a slash date",
        """北京出租汽车
        出租车 发票
        日期 2026/10/09
        金额 ¥56.00""",
        Receipt("56.00", "CNY", "2026-10-09", "北京出租汽车", "transport"),
    ),
    (
        "a labelled merchant and the largest of equal totals",
        """Welcome!
        Merchant: Blue Fin Sushi
        2026-11-20
        Total 40.00
        Tip 6.00
        Total incl. tip 46.00""",
        Receipt("46.00", None, "2026-11-20", "Blue Fin Sushi", "meal"),
    ),
    (
        "no total word: the largest amount that is not cash or change",
        """Corner Stationery
        Pens 4.20
        Notebook 12.80
        Cash 20.00
        Change 3.00""",
        Receipt("12.80", None, None, "Corner Stationery", "office supplies"),
    ),
    (
        "no total found: no amount at all, and a count is not an amount",
        """Parking notice
        Total items: 3
        Please display on dashboard""",
        Receipt(None, None, None, "Parking notice", "transport"),
    ),
    (
        "nothing a receipt has",
        "Dear colleague, see you at the meeting.",
        Receipt(None, None, None, "Dear colleague, see you at the meeting.", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in RECEIPTS], ids=[n for n, _, _ in RECEIPTS])
def test_receipt_fields(text: str, expected: Receipt) -> None:
    assert parse_receipt(text) == expected


DATES = [
    ("2026-11-28", "2026-11-28"),
    ("2026/11/28 13:05", "2026-11-28"),
    ("2026.11.28", "2026-11-28"),
    ("28.11.2026", "2026-11-28"),
    ("28/11/2026", "2026-11-28"),
    ("28-11-26", "2026-11-28"),
    ("Nov 28, 2026", "2026-11-28"),
    ("November 28th 2026", "2026-11-28"),
    ("28 Nov 2026", "2026-11-28"),
    ("28-NOV-2026", "2026-11-28"),
    ("Sept 3, 2026", "2026-09-03"),
    ("2026年11月28日", "2026-11-28"),
    ("2026 年 1 月 5 日", "2026-01-05"),
    ("31/02/2026", None),  # no such day
    ("12:30 42.50", None),
    ("1899-01-01", None),
]


@pytest.mark.parametrize(("line", "iso"), DATES)
def test_date_formats(line: str, iso: str | None) -> None:
    assert date_on(line) == iso


def test_ambiguous_slash_dates_are_day_first_unless_the_receipt_is_in_dollars() -> None:
    assert date_on("03/11/2026") == "2026-11-03"
    assert date_on("03/11/2026", month_first=True) == "2026-03-11"
    assert date_on("13/11/2026", month_first=True) == "2026-11-13"  # 13 is no month


def test_what_was_found_and_what_was_not() -> None:
    receipt = parse_receipt("Noodle House\nTOTAL 42.50")
    assert receipt.missing == ("date",)
    assert ("amount", "42.50") in receipt.facts()
    assert receipt.summary().startswith("42.50, Noodle House")
    empty = parse_receipt("")
    assert not empty.found and empty.missing == ("amount", "date", "vendor", "category")
    assert empty.summary() == "no amount, date or vendor found"


def test_lines_are_cleaned_of_full_width_forms_and_spaces_between_hanzi() -> None:
    assert clean_lines("合 计 ：４２．５０\n\n  ") == ["合计:42.50"]


# The receipt's own arithmetic: a total OCR misread or could not read at all.
ARITHMETIC = [
    (
        "a total misread by one digit; the subtotal with its tax, and cash less change, agree on another",
        """QuickRide Cars
        Baggage 25.25
        Seat reservation 34.22
        Toll 31.72
        Subtotal 91.19
        Tax 8% 7.30
        Balance due 98.48 EUR
        Cash 100.00
        Change 1.51""",
        "98.49",
    ),
    (
        "a total whose number is unreadable: subtotal less discount and the items agree",
        """Coastal Ferries
        Booking fee 36.33
        Toll 39.21
        Seat reservation 9.32
        Subtotal 84.86
        Discount -4.24
        Amount due €&0.62""",
        "80.62",
    ),
    (
        "cash less change agrees with the labelled total, not with the cash",
        """川味小馆
        清炒时蔬 8.32
        小计 8.32
        应收 8.32
        现金 20.00
        找零 11.68""",
        "8.32",
    ),
    (
        "one misread total against one way of adding up: the receipt's own total line",
        """QuickRide Cars
        Baggage 25.25
        Subtotal 91.19
        Tax 8% 7.30
        Balance due 98.48 EUR""",
        "98.48",
    ),
    (
        "a total named but unreadable, one way of adding up, nothing legible: no guess",
        """Golden Wok
        Subtotal 33.36
        Total ~~~""",
        None,
    ),
    (
        "prices whose point OCR misread or dropped, at the end of their lines",
        """InkHouse
        Date 4 Feb 2026 19:17
        Ballpoint pens x10 21 94
        Toner cartridge 9. 80
        Sticky notes 24~47
        TOTAL £56: 21""",
        "56.21",
    ),
    (
        "a tip after the subtotal and a discount with its minus sign",
        """The Olive Tree
        Caesar salad 7.59
        Ramen 14.30
        Subtotal 21.89
        Tip 3.28
        Discount -2.00
        Amount due 23.17
        Cash 40.00
        Change 16.83""",
        "23.17",
    ),
]


@pytest.mark.parametrize(("text", "amount"), [(t, a) for _, t, a in ARITHMETIC], ids=[n for n, _, _ in ARITHMETIC])
def test_the_amount_the_receipts_arithmetic_agrees_with(text: str, amount: str | None) -> None:
    assert parse_receipt(text).amount == amount


def test_a_time_after_the_date_is_no_price() -> None:
    receipt = parse_receipt("Pho Saigon\nDate Apr 25, 2026 16:28\nTOTAL 12.50")
    assert receipt.amount == "12.50" and receipt.date == "2026-04-25"


def test_what_was_bought_is_the_vendor_and_the_first_priced_lines_above_the_total() -> None:
    receipt = parse_receipt(
        "Sakura Izakaya\nUnit 4, Dock Road\nDate Sep 15, 2025\nSparkling water 15.90\nTiramisu 7.22\n"
        "Subtotal 23.12\nTax 5% 1.16\nAmount due 24.28\nCard **** 9417"
    )
    assert receipt.bought == ("Sakura Izakaya", "Sparkling water, Tiramisu")
    assert parse_receipt("TOTAL 3.00").bought == ()


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("日期 : 2025 年 5 户 9 日 12:10", "2025-05-09"),  # 月 faded into 户
        ("Sep 5. 2023 21:22", "2023-09-05"),
        ("Date: 20 May 2€26", "2026-05-20"),
    ],
)
def test_dates_through_ocrs_slips(line: str, iso: str) -> None:
    assert date_on(line) == iso


def test_a_total_whose_point_ocr_read_as_a_tilde_is_still_the_total() -> None:
    assert parse_receipt("QuickRide Cars\nFare 39 74\nSubtotal 108 ~42\nAmount due 108 ~42").amount == "108.42"
