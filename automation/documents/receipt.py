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
- category: the kind of expense (meal, lodging, transport, office supplies) whose words occur
  most in the text. A hint only: the policy orders the items of the form's own list
  by it and lets the model choose among them; it is never typed or clicked as the answer.

What was not found is None, and ``missing`` names it: a question, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from automation.numbers.written import amounts_in

FIELDS = ("amount", "date", "vendor", "category")

# Words that name the total, strongest first: a "grand total" beats a "total", which beats a "sum".
TOTAL_WORDS: tuple[tuple[str, ...], ...] = (
    ("grand total", "amount due", "total due", "balance due", "total amount", "amount payable"),
    ("实付", "应付", "实收", "应收"),
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
    "meal": """restaurant restaurants cafe café coffee lunch dinner breakfast brunch meal meals food noodle noodles
        pizza burger kitchen bistro diner grill sushi bakery canteen tea dumpling dumplings""",
    "lodging": "hotel hotels inn motel lodging hostel room nights night suite resort accommodation",
    "transport": """taxi cab uber lyft train rail railway flight airline airlines airport bus metro subway fuel petrol
        parking toll fare boarding ticket""",
    "office supplies": "office stationery paper printer ink toner pens pen supplies staples notebook folders",
}
CATEGORY_HANZI = {
    "meal": "餐厅 餐饮 饭店 面馆 面 饭 菜 茶 咖啡 酒楼 小吃 午餐 晚餐 早餐",
    "lodging": "酒店 宾馆 住宿 旅馆 客房 房费",
    "transport": "出租车 出租 打车 火车 高铁 机票 航空 地铁 客运 车票 停车",
    "office supplies": "文具 办公 打印 纸张 耗材",
}
MONTHS = {name: i for i, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun"), 1)}
MONTHS |= {name: i for i, name in enumerate(("jul", "aug", "sep", "oct", "nov", "dec"), 7)}

CJK = r"\u3400-\u9fff"
ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})(?!\d)")
# A Chinese date whose 月 faded into another character ("2025 年 5 户 9 日"): the 年 and 日 around it say what it is.
HANZI_DATE = re.compile(rf"((?:19|20)\d{{2}})\s?年\s?(\d{{1,2}})\s?[{CJK}]\s?(\d{{1,2}})\s?日")
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d.])")
NAMED_DATE = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})"
    r"|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?[,.]?\s+(\d{4}))(?![\d])"
)


@dataclass(frozen=True)
class Receipt:
    """What a receipt says; a field it did not show is None."""

    amount: str | None = None  # "42.50": a plain number, point for decimals
    currency: str | None = None  # "CNY", "USD", "EUR", "GBP"
    date: str | None = None  # ISO: "2026-11-28"
    vendor: str | None = None
    category: str | None = None  # the kind of expense, one of CATEGORY_WORDS' keys: a hint, never a form's item
    # What was bought, in the receipt's words: its vendor, then the first items it lists
    # ("Sakura Izakaya", "Sparkling water, Tiramisu"); what the form's list of kinds is
    # matched with by meaning. Not a value for a field.
    bought: tuple[str, ...] = field(default=(), compare=False)

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
        """One line for people: "42.50, 2026-11-28, Noodle House (meal)"."""
        parts = [p for p in (self.amount, self.date, self.vendor) if p]
        text = ", ".join(parts) if parts else "no amount, date or vendor found"
        return text + (f" ({self.category})" if self.category else "")


def parse_receipt(text: str) -> Receipt:
    lines = clean_lines(text)
    currency = find_currency(lines)
    vendor = find_vendor(lines)
    return Receipt(
        amount=find_amount(lines),
        currency=currency,
        date=find_date(lines, month_first=currency == "USD"),
        vendor=vendor,
        category=find_category(lines),
        bought=find_bought(lines, vendor),
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


# What a money line is, by the words it starts with: the parts a total is made of, and
# the cash handed over and the change that follow it.
ROLES: dict[str, tuple[str, ...]] = {
    "subtotal": ("subtotal", "sub total", "sub-total", "小计"),
    "tax": ("tax", "vat", "gst", "sales tax", "税"),
    "service": ("service", "服务费"),
    "tip": ("tip", "gratuity", "小费"),
    "discount": ("discount", "saving", "优惠", "折扣"),
    "cash": ("cash", "tendered", "现金"),
    "change": ("change", "找零"),
}
ADDED = ("tax", "service", "tip")
# A price at the end of a line, its point misread (":", "~", "。") or lost to a space: "24. 47", "108 ~42", "21 94".
GLUED = re.compile(r"[^\s\w$€£¥:：.,~。，·+*(#-]\d")  # a digit stuck to a stray symbol: part of the number misread
LINE_END_PRICE = re.compile(r"(?<![\d.,])(\d{1,5})(?:\s*[.:,~。，·]\s*|\s)(\d{2})(?=\s*(?:[a-z]{3}|元)?\s*$)")


def role_of(text: str) -> str | None:
    lead = text.lstrip(" *-#:")
    return next((role for role, words in ROLES.items() if any(lead.startswith(w) for w in words)), None)


def money_on(line: str) -> list[tuple[Decimal, str, bool]]:
    """The amounts on a line, with a price at its end read through OCR's slips of the decimal point."""
    if not date_on(line):  # "16:28" after a date is a time
        line = re.sub(r"-\s?(?=[$€£¥]?\d)", " ", line)  # a discount's minus: the line's role gives the sign
        line = LINE_END_PRICE.sub(lambda m: f"{m.group(1)}.{m.group(2)}", line.casefold())
    return [a for a in amounts_in(line) if a[0] > 0]


def last_price(line: str) -> Decimal | None:
    with_cents = [a for a in money_on(line) if a[2]]
    return with_cents[-1][0] if with_cents else None


def find_amount(lines: list[str]) -> str | None:
    """The total paid: the labelled total the receipt's own arithmetic agrees with.

    Votes: each line naming the total (the strongest word and largest value first);
    cash handed over less the change; the subtotal with tax, service and tip added and
    the discount taken off; the items' prices with the same added and taken off. The
    value most of them agree on wins, the labelled total on a tie. A total line whose
    number OCR could not read takes what the arithmetic gives only when two ways of
    adding up agree, or the digits that are legible end the same way; else nothing."""
    labelled: list[tuple[int, Decimal, str]] = []  # (rank, value, as written)
    label_texts: list[str] = []
    parts: dict[str, list[Decimal]] = {role: [] for role in ROLES}
    items: list[Decimal] = []
    total_at = None
    for i, line in enumerate(lines):
        text = words_of(line)
        role = role_of(text)
        if role is not None:
            price = last_price(line)
            if price is not None:
                parts[role].append(abs(price))
            continue
        if any(has_word(text, w) for w in COUNTS):
            continue
        rank = next((r for r, words in enumerate(TOTAL_WORDS) if any(has_word(text, w) for w in words)), None)
        if rank is None:
            price = last_price(line)
            if price is not None and total_at is None and not date_on(line):
                items.append(price)
            continue
        total_at = i if total_at is None else total_at
        label_texts.append(line)
        here = money_on(line)
        if not here and i + 1 < len(lines):  # the amount on the line below its label
            below = lines[i + 1]
            here = [a for a in money_on(below) if not re.search(f"[a-z{CJK}]", words_of(below))]
        with_cents = [a for a in here if a[2]] or here
        if GLUED.search(line):
            continue  # "€&0.62": a digit read as a symbol; what is left of the number is not the total
        if with_cents and with_cents[-1][0] > 0:
            labelled.append((rank, with_cents[-1][0], with_cents[-1][1]))
    derived = adding_up(parts, items)
    if labelled:
        labelled.sort(key=lambda c: (c[0], -c[1]))  # strongest word, then largest: the order ties go by
        order = {value: i for i, (_, value, _) in reversed(list(enumerate(labelled)))}
        votes = {value: 1.0 + 0.5 * (rank == labelled[0][0]) for rank, value, _ in labelled}
        for value, worth in derived.items():
            votes[value] = votes.get(value, 0.0) + worth
        best = max(votes, key=lambda v: (votes[v], -order.get(v, len(order))))
        return next((c[2] for c in labelled if c[1] == best), f"{best:.2f}")
    if label_texts:  # named, but its number unreadable
        agreed = [v for v, worth in derived.items() if worth >= 2]
        legible = [v for v in derived if any(legible_end(v, t) for t in label_texts)]
        chosen = agreed or legible
        return f"{max(chosen):.2f}" if chosen else None
    loose = [
        a
        for line in lines
        if not not_total(words_of(line)) and not date_on(line)
        for a in money_on(line)
        if a[2] and a[0] > 0
    ]
    return max(loose)[1] if loose else None


def adding_up(parts: dict[str, list[Decimal]], items: list[Decimal]) -> dict[Decimal, float]:
    """The totals the receipt's own arithmetic gives, with how much each is worth as a vote.

    The subtotal (or, without one, the items' prices) with tax, service and tip added
    and the discount taken off; worth more when the items add up to the subtotal. Cash
    handed over less the change, on its own."""
    found: dict[Decimal, float] = {}
    if len(parts["cash"]) == 1 and len(parts["change"]) == 1 and parts["cash"][0] > parts["change"][0]:
        found[parts["cash"][0] - parts["change"][0]] = 1.0
    extra = sum((v for role in ADDED for v in parts[role]), Decimal(0)) - sum(parts["discount"], Decimal(0))
    items_sum = sum(items, Decimal(0)) if len(items) > 1 or (items and extra) else None
    sub = parts["subtotal"][0] if len(parts["subtotal"]) == 1 else items_sum
    if sub is not None and sub + extra > 0:
        value = sub + extra
        found[value] = found.get(value, 0.0) + (1.5 if parts["subtotal"] and items_sum == sub else 1.0)
    return found


def legible_end(value: Decimal, line: str) -> bool:
    """Whether the digits OCR did read on a total line end as ``value`` does ("€&0.62" and 80.62)."""
    digits = re.sub(r"\D", "", line.split()[-1]) if line.split() else ""
    return len(digits) >= 3 and f"{value:.2f}".replace(".", "").endswith(digits)


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
    fixed = re.sub(r"(?<=\d)[Oo]|[Oo](?=\d)|(?<=\d)€(?=\d)", "0", line)  # "2€26": OCR's € for a 0
    fixed = HANZI_DATE.sub(r"\1年\2月\3日", fixed)
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


BOUGHT_ITEMS = 4  # the first few items say what kind of expense it is; more only dilutes it
PRICE_AT_END = re.compile(r"\s*[-+]?[$€£¥]?\s?\d[\d,.:~ ]*(?:\s*(?:[a-z]{3}|元))?\s*$", re.IGNORECASE)


def find_bought(lines: list[str], vendor: str | None) -> tuple[str, ...]:
    """The vendor, and the names of the first priced lines above the total: ("Vendor", "item, item")."""
    names = []
    for line in lines:
        text = words_of(line)
        if any(has_word(text, w) for words in TOTAL_WORDS for w in words):
            break
        if role_of(text) or date_on(line) or last_price(line) is None:
            continue
        name = PRICE_AT_END.sub("", line).strip(" *-:.")
        if re.search(rf"[a-zA-Z{CJK}]", name):
            names.append(name)
    listed = ", ".join(names[:BOUGHT_ITEMS])
    return tuple(part for part in (vendor, listed) if part)


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
