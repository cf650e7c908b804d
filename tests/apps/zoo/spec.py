"""One form, many toolkits: the spec every zoo renderer draws, generated from a seed.

Standard library only: the GTK renderer runs under Debian's /usr/bin/python3 and the
Swing, Win32 and HTML renderers read the spec as JSON (``spec.to_json()``).

The spec fixes what a form shows and where: fields (label, kind, combo items,
label left of or above the field), their order, widths, the font, a colour theme,
which fields are required, the primary button's word, the confirmation dialog's
words and the status read-out. Positions are planned here, in window-client pixels,
and every renderer places its widgets there (absolute placement, as in the VB/Win32
forms of the 1990s), so one seed gives the same layout in every toolkit; each
renderer then dumps the geometry its toolkit really produced as ground truth.

Kinds: text, number, date, combo, check, note (multi-line), grid (line items).

A spec has a language: "en" (the default) or "zh", where every word the form shows (labels,
list items, buttons, the dialog, the status line and its messages) is Chinese and the title
carries a Chinese word; the values typed stay what they are (names, numbers, dates).
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field, replace

TEXT_LABELS = ["Customer", "Supplier", "Contact name", "Reference", "City", "Project", "Account holder", "Street"]
NUMBER_LABELS = ["Quantity", "Amount", "Unit price", "Discount", "Hours", "Weight"]
DATE_LABELS = ["Due date", "Start date", "Invoice date", "Delivery date"]
COMBOS = {
    "Region": ["North", "South", "East", "West"],
    "Priority": ["Low", "Normal", "High"],
    "Currency": ["Euro", "Dollar", "Pound", "Franc"],
    "Department": ["Sales", "Finance", "Legal", "Support"],
}
CHECK_LABELS = ["Urgent", "Taxable", "Send copy", "Recurring"]
NOTE_LABELS = ["Remarks", "Comments", "Notes"]
GRID_LABEL = "Line items"
GRID_COLUMNS = ["Item", "Qty", "Price"]
GRID_ROWS = 2
PRIMARY_WORDS = ["Submit", "Save", "Send", "Register", "Post", "Book"]
CONFIRM_PAIRS = [("Yes", "No"), ("OK", "Cancel")]  # what native message boxes can show
SAVED_WORDS = ["Saved", "Stored", "Recorded", "Filed"]
FONTS = ["DejaVu Sans", "DejaVu Serif", "Nimbus Sans"]
THEMES = {
    "plain": {"bg": "", "fg": ""},  # the toolkit's own colours
    "tinted": {"bg": "#dfe8f1", "fg": "#1a1a1a"},
    "sand": {"bg": "#efe6d2", "fg": "#202020"},
}

NAMES = ["Ana Lopez", "Li Wei", "Omar Haddad", "Greta Berg", "Ravi Nair", "Mia Costa"]
PLACES = ["Porto", "Lyon", "Oslo", "Tartu", "Graz", "Cork"]
WORDS = ["hinge", "bracket", "cable", "valve", "gasket", "spring"]

# The Chinese form's words (language "zh"): one for each English word above.
CHINESE = {
    "Customer": "客户", "Supplier": "供应商", "Contact name": "联系人", "Reference": "参考号", "City": "城市",
    "Project": "项目", "Account holder": "户主", "Street": "街道", "Quantity": "数量", "Amount": "金额",
    "Unit price": "单价", "Discount": "折扣", "Hours": "工时", "Weight": "重量", "Due date": "到期日",
    "Start date": "开始日期", "Invoice date": "发票日期", "Delivery date": "交货日期", "Region": "地区",
    "North": "北区", "South": "南区", "East": "东区", "West": "西区", "Priority": "优先级", "Low": "低",
    "Normal": "普通", "High": "高", "Currency": "币种", "Euro": "欧元", "Dollar": "美元", "Pound": "英镑",
    "Franc": "法郎", "Department": "部门", "Sales": "销售", "Finance": "财务", "Legal": "法务",
    "Support": "客服", "Urgent": "加急", "Taxable": "应税", "Send copy": "发送副本", "Recurring": "定期",
    "Remarks": "备注", "Comments": "评论", "Notes": "说明", "Line items": "明细", "Item": "品名",
    "Qty": "件数", "Price": "价格", "Submit": "提交", "Save": "保存", "Send": "发送", "Register": "登记",
    "Post": "过账", "Book": "预订", "Yes": "是", "No": "否", "OK": "确定", "Cancel": "取消",
    "Confirm": "确认", "Status:": "状态:", "Ready": "就绪", "Saved": "已保存", "Stored": "已存储",
    "Recorded": "已记录", "Filed": "已归档",
}  # fmt: skip
GRID_WIDTHS = {"Item": 170, "Qty": 70, "Price": 90, "品名": 170, "件数": 70, "价格": 90}

MARGIN = 16
GAP = 10  # between rows
LABEL_GAP = 4  # between a label above and its field
COLUMN_BREAK = 420  # start a second column below this


@dataclass(frozen=True)
class Field:
    label: str
    kind: str  # text | number | date | combo | check | note | grid
    position: str  # left | above (check boxes carry their label on their right)
    required: bool
    width: int  # the field's width in pixels
    items: list[str] = field(default_factory=list)  # combo items
    columns: list[str] = field(default_factory=list)  # grid columns
    rows: int = 0  # grid rows


@dataclass(frozen=True)
class Place:
    """Where a renderer puts one widget, in window-client pixels."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Spec:
    seed: int
    title: str
    fields: list[Field]
    font: str
    font_px: int
    theme: str
    primary: str
    confirm: str
    cancel: str
    confirm_title: str
    question: str
    status_label: str
    ready: str
    saved: str
    # Planned positions: "label:<label>", "field:<label>", "cell:<label>:<column>:<row>",
    # "header:<label>:<column>", "button:primary", "status:label", "status:value".
    places: dict[str, Place]
    width: int
    height: int
    answers: dict[str, object]  # a value for each field, what the tests and the bench enter
    language: str = "en"  # "en" or "zh": the words the form shows

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    def field(self, label: str) -> Field:
        return next(f for f in self.fields if f.label == label)

    def status_after(self, saves: int) -> str:
        return f"{self.saved} 第{saves}条" if self.language == "zh" else f"{self.saved} entry {saves}"


def spec_from_json(text: str) -> Spec:
    raw = json.loads(text)
    raw["fields"] = [Field(**f) for f in raw["fields"]]
    raw["places"] = {k: Place(**v) for k, v in raw["places"].items()}
    return Spec(**raw)


def spec_for(seed: int, *, title: str = "Zoo form", language: str = "en") -> Spec:
    """The form for ``seed``: always at least one text field labelled left and one above,
    a number, a date, a combo, a check box, a note and a grid; the rest varies. The same seed
    in another ``language`` is the same form with its words translated."""
    if language == "zh":
        return chinese(spec_for(seed, title=title))
    rnd = random.Random(seed)
    texts = rnd.sample(TEXT_LABELS, 2 + rnd.randrange(2))
    fields = [
        Field(
            t,
            "text",
            "left" if i == 0 else "above" if i == 1 else rnd.choice(["left", "above"]),
            rnd.random() < 0.6,
            rnd.randrange(160, 300),
        )
        for i, t in enumerate(texts)
    ]
    fields.append(
        Field(rnd.choice(NUMBER_LABELS), "number", rnd.choice(["left", "above"]), True, rnd.randrange(90, 160))
    )
    fields.append(Field(rnd.choice(DATE_LABELS), "date", rnd.choice(["left", "above"]), rnd.random() < 0.5, 130))
    combo = rnd.choice(sorted(COMBOS))
    fields.append(
        Field(combo, "combo", rnd.choice(["left", "above"]), True, rnd.randrange(140, 200), items=COMBOS[combo])
    )
    rnd.shuffle(fields)
    fields.append(Field(rnd.choice(CHECK_LABELS), "check", "right", False, 0))
    fields.append(Field(rnd.choice(NOTE_LABELS), "note", rnd.choice(["left", "above"]), False, rnd.randrange(240, 340)))
    fields.append(Field(GRID_LABEL, "grid", "above", False, 0, columns=GRID_COLUMNS, rows=GRID_ROWS))
    font_px = rnd.choice([13, 14, 15, 16])
    confirm, cancel = rnd.choice(CONFIRM_PAIRS)
    primary = rnd.choice(PRIMARY_WORDS)
    places, width, height = plan(fields, font_px, primary)
    return Spec(
        seed=seed,
        title=f"{title} {seed}",
        fields=fields,
        font=rnd.choice(FONTS),
        font_px=font_px,
        theme=rnd.choice(sorted(THEMES)),
        primary=primary,
        confirm=confirm,
        cancel=cancel,
        confirm_title="Confirm",
        question=f"{primary} this entry?",
        status_label="Status:",
        ready="Ready",
        saved=rnd.choice(SAVED_WORDS),
        places=places,
        width=width,
        height=height,
        answers=answers_for(fields, rnd),
    )


def zh(word: str) -> str:
    return CHINESE.get(word, word)


def chinese(spec: Spec) -> Spec:
    """``spec`` with every word it shows in Chinese, laid out again for the wider characters."""
    fields = [
        Field(zh(f.label), f.kind, f.position, f.required, f.width, [zh(i) for i in f.items],
              [zh(c) for c in f.columns], f.rows)
        for f in spec.fields
    ]  # fmt: skip
    primary = zh(spec.primary)
    places, width, height = plan(fields, spec.font_px, primary)
    answers: dict[str, object] = {}
    for f in spec.fields:
        value = spec.answers[f.label]
        if f.kind == "combo":
            value = zh(str(value))
        elif f.kind == "grid":
            value = [{zh(k): v for k, v in row.items()} for row in value]  # type: ignore[union-attr]
        answers[zh(f.label)] = value
    return replace(
        spec,
        title=f"{spec.title} 表单",
        fields=fields,
        primary=primary,
        confirm=zh(spec.confirm),
        cancel=zh(spec.cancel),
        confirm_title=zh(spec.confirm_title),
        question=f"{primary}这条记录？",
        status_label=zh(spec.status_label),
        ready=zh(spec.ready),
        saved=zh(spec.saved),
        places=places,
        width=width,
        height=height,
        answers=answers,
        language="zh",
    )


def text_width(text: str, font_px: int) -> int:
    """Pixels ``text`` takes, roughly: a CJK character is about as wide as the font is tall."""
    wide = sum(ord(c) >= 0x2E80 for c in text)
    return (len(text) - wide) * font_px * 2 // 3 + wide * (font_px + 1)  # English forms as they always were


def answers_for(fields: list[Field], rnd: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in fields:
        if f.kind == "text":
            out[f.label] = rnd.choice(PLACES if f.label in ("City", "Street", "Project") else NAMES)
        elif f.kind == "number":
            out[f.label] = f"{rnd.randrange(2, 900)}.{rnd.randrange(10, 99)}"
        elif f.kind == "date":
            out[f.label] = f"2026-{rnd.randrange(1, 13):02d}-{rnd.randrange(10, 29):02d}"
        elif f.kind == "combo":
            out[f.label] = rnd.choice(f.items[1:])  # never the first: choosing must change something
        elif f.kind == "check":
            out[f.label] = True
        elif f.kind == "note":
            out[f.label] = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)}"
        elif f.kind == "grid":
            out[f.label] = [
                {"Item": rnd.choice(WORDS), "Qty": str(rnd.randrange(2, 40)), "Price": f"{rnd.randrange(1, 90)}.50"}
            ]
    return out


def plan(fields: list[Field], font_px: int, primary: str) -> tuple[dict[str, Place], int, int]:
    """Absolute positions for every widget; generous heights, since GTK will not shrink an
    entry below its natural size."""
    line = max(34, round(font_px * 2.3))
    label_w = max(text_width(f.label, font_px) for f in fields if f.position == "left") + 12
    label_h = font_px + 10
    places: dict[str, Place] = {}
    y = MARGIN
    right = 0
    x0 = MARGIN
    bottom = 0
    for f in fields:
        if y > COLUMN_BREAK and x0 == MARGIN:  # a second column keeps the window on a 800-px screen
            bottom, y, x0 = y, MARGIN, right + 3 * MARGIN
        if f.kind == "check":
            places[f"field:{f.label}"] = Place(x0, y, text_width(f.label, font_px) + 40, line)
            right = max(right, x0 + text_width(f.label, font_px) + 40)
            y += line + GAP
        elif f.kind == "grid":
            places[f"label:{f.label}"] = Place(x0, y, text_width(f.label, font_px) + 12, label_h)
            y += label_h + LABEL_GAP
            widths = GRID_WIDTHS
            x = x0
            for c in f.columns:
                places[f"header:{f.label}:{c}"] = Place(x, y, widths[c], label_h)
                for r in range(f.rows):
                    places[f"cell:{f.label}:{c}:{r}"] = Place(x, y + label_h + 2 + r * (line + 2), widths[c], line)
                x += widths[c] + 6
            right = max(right, x)
            y += label_h + 2 + f.rows * (line + 2) + GAP
        else:
            h = line * 3 if f.kind == "note" else line
            if f.position == "left":
                places[f"label:{f.label}"] = Place(x0, y + (line - label_h) // 2, label_w, label_h)
                places[f"field:{f.label}"] = Place(x0 + label_w + 8, y, f.width, h)
                right = max(right, x0 + label_w + 8 + f.width)
                y += h + GAP
            else:
                places[f"label:{f.label}"] = Place(x0, y, text_width(f.label, font_px) + 12, label_h)
                places[f"field:{f.label}"] = Place(x0, y + label_h + LABEL_GAP, f.width, h)
                right = max(right, x0 + f.width)
                y += label_h + LABEL_GAP + h + GAP
    y = max(y, bottom)
    width = max(right + MARGIN, 420)
    button_w = text_width(primary, font_px) + 40
    places["button:primary"] = Place(width - MARGIN - button_w, y + 4, button_w, line + 4)
    y += line + 4 + GAP + 6
    places["status:label"] = Place(MARGIN, y, 70, label_h)
    places["status:value"] = Place(MARGIN + 76, y, width - 2 * MARGIN - 76, label_h)
    return places, width, y + label_h + MARGIN


def output_for(spec: Spec, values: dict[str, object]) -> dict[str, object]:
    """What a renderer writes on confirm: field label -> value (grid rows that have any value)."""
    out: dict[str, object] = {}
    for f in spec.fields:
        v = values.get(f.label)
        if f.kind == "grid":
            rows = v if isinstance(v, list) else []
            out[f.label] = [r for r in rows if any(str(x).strip() for x in r.values())]
        elif f.kind == "check":
            out[f.label] = bool(v)
        else:
            out[f.label] = "" if v is None else str(v)
    return out


def problem(spec: Spec, values: dict[str, object]) -> str | None:
    """Why the form refuses to submit (shown on its status line), or None."""
    chinese = spec.language == "zh"
    for f in spec.fields:
        v = values.get(f.label)
        if f.required and f.kind not in ("check", "grid") and not str(v or "").strip():
            return f"{f.label} 不能为空" if chinese else f"{f.label} is required"
        if f.kind == "number" and str(v or "").strip():
            try:
                float(str(v).replace(",", ""))
            except ValueError:
                return f"{f.label} 必须是数字" if chinese else f"{f.label} must be a number"
    return None


if __name__ == "__main__":
    import sys

    print(spec_for(int(sys.argv[1]) if len(sys.argv) > 1 else 1).to_json())
