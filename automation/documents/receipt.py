"""A receipt's fields from its OCR text: pure, and tolerant of the slips OCR makes.

- amount: the number on the line that names the total ("Grand total", "Amount due",
  "TOTAL", "合计", "实付"), the strongest such word winning and, among equals, the
  largest amount; with no such line, the largest amount with cents that is not cash
  handed over or change. Currency signs and codes (¥ ￥ $ € £ 元 CNY RMB USD EUR) are
  noted; a decimal comma ("42,50") and thousands separators are understood
  (automation/numbers/written.py reads the amounts).
- date: ISO (2026-11-28, 2026/11/28), day-first (28.11.2026, 28/11/26), month names
  (Nov 28, 2026; 28 November 2026), and Chinese (2026年11月28日), always returned as
  ISO. A slash date that could be either is read month-first only on a dollar receipt.
- vendor: a line labelled "Merchant:"/"商户名称：", else the first line near the top
  that is a name (not a heading such as "RECEIPT", an address, a phone number).
- category: the receipt's kind (a meal, lodging, travel, supplies) whose words occur
  most in the text. A hint only: the policy orders the items of the form's own list
  by it and lets the model choose among them; it is never typed or clicked as the answer.

What was not found is None, and ``missing`` names it: a question, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from automation.numbers.written import amounts_in

FIELDS = ("amount", "date", "vendor", "category")

# Words that name the total, strongest first: a "grand total" beats a "total", which beats a "sum".
TOTAL_WORDS: tuple[tuple[str, ...], ...] = (
    ("grand total", "amount due", "total due", "balance due", "total amount", "amount payable", "实付", "应付", "实收"),
    ("total", "合计", "总计", "总额", "金额合计", "summe", "gesamt", "montant"),
    ("amount", "sum", "金额", "betrag"),
)
# A line starting with one of these is money but not the total; one counting things has no amount at all.
NOT_TOTAL: tuple[str, ...] = (
    "subtotal",
    "sub total",
    "sub-total",
    "小计",
    "tax",
    "vat",
    "税",
    "change",
    "找零",
    "cash",
    "现金",
)
NOT_TOTAL += ("tendered", "tip", "saving", "discount", "优惠", "points", "card", "visa", "paid")
COUNTS = ("item", "items", "qty", "quantity", "数量", "件数")
CURRENCIES = {"¥": "CNY", "￥": "CNY", "元": "CNY", "cny": "CNY", "rmb": "CNY", "$": "USD", "usd": "USD"}
CURRENCIES |= {"€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
HEADINGS: tuple[str, ...] = (
    "receipt",
    "invoice",
    "tax invoice",
    "sales receipt",
    "welcome",
    "thank you",
    "customer copy",
    "bill",
)
HEADINGS += ("收据", "发票", "欢迎光临", "购物小票", "小票", "收银小票")
VENDOR_LABELS = ("merchant", "vendor", "store", "商户名称", "商户", "商家", "店名")
CATEGORY_WORDS = {
    "Meals": """restaurant restaurants cafe café coffee lunch dinner breakfast brunch meal meals food noodle noodles
        pizza burger kitchen bistro diner grill sushi bakery canteen tea dumpling dumplings""",
    "Lodging": "hotel hotels inn motel lodging hostel room nights night suite resort accommodation",
    "Travel": """taxi cab uber lyft train rail railway flight airline airlines airport bus metro subway fuel petrol
        parking toll fare boarding ticket""",
    "Supplies": "office stationery paper printer ink toner pens pen supplies staples notebook folders",
}
CATEGORY_HANZI = {
    "Meals": "餐厅 餐饮 饭店 面馆 面 饭 菜 茶 咖啡 酒楼 小吃 午餐 晚餐 早餐",
    "Lodging": "酒店 宾馆 住宿 旅馆 客房 房费",
    "Travel": "出租车 出租 打车 火车 高铁 机票 航空 地铁 客运 车票 停车",
    "Supplies": "文具 办公 打印 纸张 耗材",
}
MONTHS = {name: i for i, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun"), 1)}
MONTHS |= {name: i for i, name in enumerate(("jul", "aug", "sep", "oct", "nov", "dec"), 7)}

CJK = r"\u3400-\u9fff"
ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})(?!\d)")
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d.])")
NAMED_DATE = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})"
    r"|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))(?![\d])"
)


@dataclass(frozen=True)
class Receipt:
    """What a receipt says; a field it did not show is None."""

    amount: str | None = None  # "42.50": a plain number, point for decimals
    currency: str | None = None  # "CNY", "USD", "EUR", "GBP"
    date: str | None = None  # ISO: "2026-11-28"
    vendor: str | None = None
    category: str | None = None  # one of CATEGORY_WORDS' keys

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(name for name in FIELDS if getattr(self, name) is None)

    @property
    def found(self) -> bool:
        return len(self.missing) < len(FIELDS)

    def facts(self) -> tuple[tuple[str, str], ...]:
        """The fields found, as (name, value) pairs: values a form or a skill may take."""
        return tuple((name, value) for name in FIELDS if (value := getattr(self, name)) is not None)

    def summary(self) -> str:
        """One line for people: "42.50, 2026-11-28, Noodle House (Meals)"."""
        parts = [p for p in (self.amount, self.date, self.vendor) if p]
        text = ", ".join(parts) if parts else "no amount, date or vendor found"
        return text + (f" ({self.category})" if self.category else "")


def parse_receipt(text: str) -> Receipt:
    lines = clean_lines(text)
    currency = find_currency(lines)
    return Receipt(
        amount=find_amount(lines),
        currency=currency,
        date=find_date(lines, month_first=currency == "USD"),
        vendor=find_vendor(lines),
        category=find_category(lines),
    )


def clean_lines(text: str) -> list[str]:
    """Non-empty lines, with full-width forms made plain and spaces between Chinese characters dropped."""
    out = []
    for raw in unicodedata.normalize("NFKC", text).splitlines():
        line = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}:：\d])|(?<=[{CJK}:：])\s+(?=[{CJK}])", "", raw)
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


def words_of(line: str) -> str:
    """The line lower-cased, with the digits OCR puts into words made letters: "T0TAL" -> "total"."""
    lowered = line.casefold()
    return re.sub(r"[a-z0-9]*[a-z][a-z0-9]*", lambda m: m.group().replace("0", "o").replace("1", "l"), lowered)


def not_total(text: str) -> bool:
    """Cash handed over, change, tax, a subtotal, or a count of items: not what was spent."""
    lead = text.lstrip(" *-#:")
    return any(lead.startswith(w) for w in NOT_TOTAL) or any(has_word(text, w) for w in COUNTS)


def has_word(text: str, word: str) -> bool:
    if re.search(f"[{CJK}]", word):
        return word in text
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None


def find_amount(lines: list[str]) -> str | None:
    best: tuple[int, Decimal, str] | None = None  # (rank, value, text): lower rank is a stronger word
    for i, line in enumerate(lines):
        text = words_of(line)
        if not_total(text):
            continue
        rank = next((r for r, words in enumerate(TOTAL_WORDS) if any(has_word(text, w) for w in words)), None)
        if rank is None:
            continue
        here = [a for a in amounts_in(line) if a[0] > 0]
        if not here and i + 1 < len(lines):  # the amount on the line below its label
            here = [a for a in amounts_in(lines[i + 1]) if a[0] > 0 and not re.search("[a-z]", words_of(lines[i + 1]))]
        with_cents = [a for a in here if a[2]] or here
        if not with_cents:
            continue
        value, plain, _ = with_cents[-1]
        if best is None or (rank, -value) < (best[0], -best[1]):
            best = (rank, value, plain)
    if best is not None:
        return best[2]
    loose = [
        a
        for line in lines
        if not not_total(words_of(line)) and not date_on(line)
        for a in amounts_in(line)
        if a[2] and a[0] > 0
    ]
    return max(loose)[1] if loose else None


def find_currency(lines: list[str]) -> str | None:
    text = " ".join(lines)
    for sign, code in CURRENCIES.items():
        if (sign.isalpha() and has_word(text.casefold(), sign)) or (not sign.isalpha() and sign in text):
            return code
    return None


def valid_date(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_on(line: str, month_first: bool = False) -> str | None:
    fixed = re.sub(r"(?<=\d)[Oo]|[Oo](?=\d)", "0", line)
    m = ISO_DATE.search(fixed)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = NUMERIC_DATE.search(fixed)
    if m:
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if m.group(2) == "." or a > 12:
            month_first = False
        elif b > 12:
            month_first = True
        return valid_date(year, a, b) if month_first else valid_date(year, b, a)
    named = NAMED_DATE.search(fixed.casefold())
    if named:
        g = named.groups()
        day, name, written_year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
        month = MONTHS.get(name[:3])
        if month is not None:
            return valid_date(int(written_year), month, int(day))
    return None


def find_date(lines: list[str], month_first: bool = False) -> str | None:
    for line in lines:
        found = date_on(line, month_first)
        if found:
            return found
    return None


def find_vendor(lines: list[str]) -> str | None:
    for line in lines:
        text = words_of(line)
        for label in VENDOR_LABELS:
            m = re.match(rf"{re.escape(label)}\s*(?:name)?\s*[:：]\s*(.+)", text)
            if m:
                return line[len(line) - len(m.group(1)) :].strip()
    for line in lines[:5]:
        text = words_of(line).strip(" *-=#.:")
        letters = re.findall(rf"[a-z{CJK}]", text)
        if len(letters) < 2 or len(letters) < len(re.sub(r"\s", "", text)) / 2:
            continue  # a phone number, a date, a row of dashes
        if text in HEADINGS or any(text.startswith(h) for h in HEADINGS if len(h) > 4):
            continue
        if date_on(line) or re.search(r"\b(tel|phone|fax|www|http|street|st\.|road|rd\.|ave)\b|电话|地址", text):
            continue
        if any(has_word(text, w) for words in TOTAL_WORDS for w in words):
            break  # the items have started: no name above them
        return line.strip(" *-=#")
    return None


def find_category(lines: list[str]) -> str | None:
    text = words_of(" ".join(lines))
    scores = {}
    for name, words in CATEGORY_WORDS.items():
        hits = sum(1 for w in words.split() if has_word(text, w))
        hits += sum(1 for w in CATEGORY_HANZI[name].split() if w in text)
        if hits:
            scores[name] = hits
    if not scores:
        return None
    return max(scores, key=lambda name: scores[name])
