"""Receipts generated from a seed, with their ground truth: many layouts, not three fixtures.

A seed fixes everything: the kind of expense, the language (English or Chinese), the
vendor and items, tax, service charge, tip, discount, cash and change (the traps a reader
must not take for the total), the currency and its sign, the date's format, the font and
size, the layout, thermal fading, and how the slip arrives (a scan as PNG, a phone photo
with perspective, blur and shadow as JPEG, or a PDF page).

The vendors and items are drawn from pools written for this generator, not from the
receipt parser's word lists, so the kind of expense is a fair test of reading by meaning.

Seeds: ``TUNING`` may be looked at and tuned on; ``FINAL`` is read once, for the reported
figures, and never while changing the reader (docs/benchmarks.md says when it was read).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

TUNING = range(0, 300)
FINAL = range(92_000, 92_100)

FONTS = Path("/usr/share/fonts")
LATIN_FONTS = (
    FONTS / "truetype/dejavu/DejaVuSansMono.ttf",
    FONTS / "truetype/dejavu/DejaVuSans.ttf",
    FONTS / "truetype/dejavu/DejaVuSerif.ttf",
    FONTS / "truetype/dejavu/DejaVuSansCondensed.ttf",
    FONTS / "opentype/urw-base35/NimbusMonoPS-Regular.otf",
    FONTS / "opentype/urw-base35/NimbusSans-Regular.otf",
)
CJK_FONTS = (FONTS / "opentype/noto/NotoSansCJK-Regular.ttc", FONTS / "opentype/noto/NotoSerifCJK-Regular.ttc")

KINDS = ("meal", "lodging", "transport", "supplies")
VENDORS = {
    ("meal", "en"): (
        "Blue Door Brasserie",
        "Sakura Izakaya",
        "El Toro Taqueria",
        "The Olive Tree",
        "Harbour Steakhouse",
        "Pho Saigon",
        "Curry Leaf",
        "Bella Napoli Trattoria",
        "Golden Wok",
        "Smokehouse BBQ",
    ),
    ("meal", "zh"): ("川味小馆", "粤港茶餐厅", "兰州拉面", "鸿福火锅城", "江南小厨", "湘味人家"),
    ("lodging", "en"): (
        "Hilltop Lodge",
        "The Grand Meridian",
        "Parkside Residences",
        "Harbor View Hotel",
        "Maple Court B&B",
        "Alpine Chalet Stay",
    ),
    ("lodging", "zh"): ("锦江宾馆", "海景大酒店", "如意客栈", "金湖商务酒店"),
    ("transport", "en"): (
        "Metro Cab Co.",
        "City Rail",
        "SkyLink Airways",
        "QuickRide Cars",
        "Coastal Ferries",
        "Greenline Coaches",
    ),
    ("transport", "zh"): ("强生出租汽车", "城际高铁", "东方航空票务", "长途客运站"),
    ("supplies", "en"): ("Desk & Co Stationers", "InkHouse", "PaperWorks Ltd", "The Print Shop", "Copy Corner"),
    ("supplies", "zh"): ("晨光文具店", "办公用品商行", "新华书店", "得力文具"),
}
ITEMS = {
    ("meal", "en"): (
        "Margherita",
        "Pad thai",
        "Caesar salad",
        "Lemonade",
        "Espresso",
        "Ramen",
        "Tacos al pastor",
        "Iced tea",
        "Garlic bread",
        "Grilled salmon",
        "Tiramisu",
        "Sparkling water",
    ),
    ("meal", "zh"): ("宫保鸡丁", "米饭", "酸梅汤", "小笼包", "红烧肉", "清炒时蔬", "牛肉拉面", "啤酒"),
    ("lodging", "en"): (
        "Room, {n} nights",
        "Accommodation {n} nts",
        "City tax",
        "Minibar",
        "Breakfast buffet",
        "Late check-out",
    ),
    ("lodging", "zh"): ("房费 {n}晚", "早餐", "洗衣服务", "迷你吧"),
    ("transport", "en"): ("Fare", "Booking fee", "Airport surcharge", "Toll", "Seat reservation", "Baggage"),
    ("transport", "zh"): ("车费", "燃油附加费", "机场建设费", "行李费"),
    ("supplies", "en"): (
        "A4 paper 500 sh",
        "Toner cartridge",
        "Ballpoint pens x10",
        "Binder clips",
        "Sticky notes",
        "Lever arch file",
    ),
    ("supplies", "zh"): ("A4复印纸", "签字笔", "文件夹", "便利贴", "订书机"),
}
CURRENCIES = {  # how the sign is written, where it stands, and the code the reader should find
    "en": (
        ("$", "before", "USD"),
        ("€", "before", "EUR"),
        ("EUR", "after", "EUR"),
        ("£", "before", "GBP"),
        ("", "none", None),
    ),
    "zh": (("¥", "before", "CNY"), ("RMB", "before", "CNY"), ("元", "after", "CNY"), ("", "none", None)),
}
TOTAL_WORDS = {
    "en": ("TOTAL", "Total", "Amount due", "Grand total", "Total to pay", "Balance due"),
    "zh": ("合计", "应付", "实付金额", "总计", "应收"),
}
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Generated:
    seed: int
    language: str  # "en" or "zh"
    kind: str  # one of KINDS: what a person would file it as
    lines: tuple[str, ...]
    amount: str  # the total paid, "1234.50"
    currency: str | None
    date: str  # ISO
    vendor: str
    medium: str  # "scan" (PNG), "photo" (JPEG), "pdf"
    font: Path
    size: int  # font pixels
    fade: float  # 0 crisp black ... 1 a faded thermal print


def generate(seed: int) -> Generated:
    rng = random.Random(seed)
    language = rng.choice(("en", "en", "zh"))
    kind = rng.choice(KINDS)
    vendor = rng.choice(VENDORS[(kind, language)])
    nights = rng.randint(1, 4)
    chosen = rng.sample(ITEMS[(kind, language)], rng.randint(1, min(4, len(ITEMS[(kind, language)]))))
    scale = {"meal": 18, "lodging": 140, "transport": 40, "supplies": 25}[kind]
    prices = [money(rng.uniform(0.2, 1.0) * scale * (nights if "{n}" in item else 1)) for item in chosen]
    items = [(item.format(n=nights), price) for item, price in zip(chosen, prices, strict=True)]
    subtotal = sum(prices, Decimal(0))
    extras: list[tuple[str, Decimal]] = []
    if rng.random() < 0.5:
        rate = rng.choice((5, 6, 8, 10, 13))
        extras.append((f"Tax {rate}%" if language == "en" else f"税额 {rate}%", money(subtotal * rate / 100)))
    if kind == "meal" and rng.random() < 0.35:
        extras.append(("Service charge 10%" if language == "en" else "服务费 10%", money(subtotal / 10)))
    if rng.random() < 0.25:
        extras.append(("Discount" if language == "en" else "优惠", -money(subtotal * rng.choice((5, 10, 15)) / 100)))
    if kind == "meal" and language == "en" and rng.random() < 0.3:
        extras.append(("Tip", money(subtotal * rng.choice((10, 15, 18, 20)) / 100)))
    total = subtotal + sum((value for _, value in extras), Decimal(0))
    sign, place, code = rng.choice(CURRENCIES[language])
    year, month, day = rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28)
    date_line = date_text(rng, language, code, year, month, day)
    width = rng.randint(30, 38)

    def row(left: str, value: Decimal, with_sign: bool = False) -> str:
        amount = written(value, sign if with_sign else "", place, thousands=rng.random() < 0.5)
        return left + " " * max(2, width - display_width(left) - len(amount)) + amount

    lines = [vendor.center(width).rstrip() if rng.random() < 0.5 else vendor]
    if rng.random() < 0.6:
        lines.append(
            rng.choice(("12 Market Street", "Unit 4, Dock Road", "88 Elm Avenue"))
            if language == "en"
            else rng.choice(("中山路88号", "人民大道12号", "解放路3号"))
        )
    lines += [date_line, rng.choice(("-" * width, "*" * width, ""))]
    lines += [row(name, price) for name, price in items]
    if extras or rng.random() < 0.5:
        lines.append(row("Subtotal" if language == "en" else "小计", subtotal))
    lines += [row(name, value) for name, value in extras]
    lines.append(row(rng.choice(TOTAL_WORDS[language]), total, with_sign=True))
    if rng.random() < 0.35:  # paid in cash: the tendered note is larger than the total, the change follows
        tendered = Decimal(int(total / 20) * 20 + 20)
        lines.append(row("Cash" if language == "en" else "现金", tendered))
        lines.append(row("Change" if language == "en" else "找零", tendered - total))
    elif rng.random() < 0.5:
        lines.append(
            f"Card **** {rng.randint(1000, 9999)}" if language == "en" else f"银行卡 尾号{rng.randint(1000, 9999)}"
        )
    lines.append(
        rng.choice(("Thank you!", "Please come again", "No. 000" + str(rng.randint(100, 999))))
        if language == "en"
        else rng.choice(("谢谢惠顾", "欢迎再次光临"))
    )
    return Generated(
        seed=seed,
        language=language,
        kind=kind,
        lines=tuple(lines),
        amount=f"{total:.2f}",
        currency=code,
        date=f"{year:04d}-{month:02d}-{day:02d}",
        vendor=vendor,
        medium=rng.choice(("scan", "scan", "photo", "photo", "pdf")),
        font=rng.choice(CJK_FONTS if language == "zh" else LATIN_FONTS),
        size=rng.randint(16, 26),
        fade=rng.choice((0.0, 0.0, 0.3, 0.6)),
    )


def money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def written(value: Decimal, sign: str, place: str, thousands: bool) -> str:
    number = f"{value:,.2f}" if thousands else f"{value:.2f}"
    if not sign or place == "none":
        return number
    return f"{sign}{number}" if place == "before" else f"{number} {sign}"


def date_text(rng: random.Random, language: str, currency: str | None, year: int, month: int, day: int) -> str:
    if language == "zh":
        body = rng.choice(
            (f"{year}年{month}月{day}日", f"{year}-{month:02d}-{day:02d}", f"{year}.{month:02d}.{day:02d}")
        )
        return (
            rng.choice(("日期：", "日期: ", ""))
            + body
            + rng.choice(("", f" {rng.randint(8, 22)}:{rng.randint(10, 59)}"))
        )
    forms = [
        f"{year}-{month:02d}-{day:02d}",
        f"{day} {MONTH_NAMES[month - 1]} {year}",
        f"{MONTH_NAMES[month - 1]} {day}, {year}",
    ]
    # Numeric dates only where the currency says which order they are in: US month first, else day first.
    forms.append(f"{month:02d}/{day:02d}/{year}" if currency == "USD" else f"{day:02d}/{month:02d}/{year}")
    return (
        rng.choice(("Date: ", "", "Date "))
        + rng.choice(forms)
        + rng.choice(("", f"  {rng.randint(8, 22)}:{rng.randint(10, 59)}"))
    )


def display_width(text: str) -> int:
    """Columns a line takes in a monospaced print: a CJK character takes two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def draw(receipt: Generated) -> Image.Image:
    face = ImageFont.truetype(str(receipt.font), receipt.size)
    step = int(receipt.size * 1.5)
    width = int(max(face.getlength(line) for line in receipt.lines if line)) + 2 * receipt.size
    image = Image.new("L", (width, step * len(receipt.lines) + 2 * receipt.size), 255)
    ink = int(receipt.fade * 150)  # thermal prints fade to gray
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(receipt.lines):
        pen.text((receipt.size, receipt.size + i * step), line, fill=ink, font=face)
    if receipt.fade:
        rng = np.random.default_rng(receipt.seed)
        pixels = np.asarray(image, dtype=np.int16)
        streaks = rng.random(pixels.shape[1]) < 0.04  # a worn print head leaves pale columns
        pixels[:, streaks] = np.maximum(pixels[:, streaks], 200)
        image = Image.fromarray(pixels.clip(0, 255).astype(np.uint8))
    return image.convert("RGB")


def photographed(image: Image.Image, seed: int) -> Image.Image:
    """A phone photo of the slip: on a table, in perspective, turned, shadowed, grainy and soft."""
    rng = np.random.default_rng(seed)
    margin = 60
    table = Image.new("RGB", (image.width + 2 * margin, image.height + 2 * margin), (118, 112, 104))
    table.paste(image, (margin, margin))
    w, h = table.size
    lean = rng.uniform(-0.06, 0.06) * w
    quad = (  # where the photo's corners come from in the table: a top edge further away than the bottom
        lean + rng.uniform(0, 0.04) * w,
        rng.uniform(0, 0.03) * h,
        rng.uniform(-0.02, 0.03) * w,
        h - rng.uniform(0, 0.03) * h,
        w - rng.uniform(-0.02, 0.03) * w,
        h - rng.uniform(0, 0.03) * h,
        w + lean - rng.uniform(0, 0.04) * w,
        rng.uniform(0, 0.03) * h,
    )
    bent = table.transform((w, h), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC, fillcolor=(118, 112, 104))
    turned = bent.rotate(rng.uniform(-4, 4), Image.Resampling.BICUBIC, expand=True, fillcolor=(118, 112, 104))
    pixels = np.asarray(turned.convert("L"), dtype=np.float32)
    ys, xs = np.mgrid[0 : pixels.shape[0], 0 : pixels.shape[1]]
    corner = rng.uniform(0.3, 0.7)  # a hand's shadow falling from one side
    shadow = 55 * np.clip(1 - (xs / pixels.shape[1] + ys / pixels.shape[0]) / (2 * corner), 0, 1)
    grain = rng.normal(0, 7, pixels.shape)
    gray = Image.fromarray(np.clip(pixels - shadow + grain, 0, 255).astype(np.uint8))
    return gray.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1))).convert("RGB")


def save(receipt: Generated, folder: Path) -> Path:
    """Write the receipt the way its medium arrives: PNG scan, JPEG photo, or a PDF page."""
    folder.mkdir(parents=True, exist_ok=True)
    image = draw(receipt)
    stem = folder / f"receipt-{receipt.seed}"
    if receipt.medium == "photo":
        path = stem.with_suffix(".jpg")
        photographed(image, receipt.seed).save(path, quality=82)
    elif receipt.medium == "pdf":
        path = stem.with_suffix(".pdf")
        image.save(path, "PDF", resolution=150)
    else:
        path = stem.with_suffix(".png")
        image.save(path)
    return path
