"""A calculator-like keypad, generated from a seed: symbol-only keys in any toolkit.

Standard library only (the GTK renderer runs under Debian's python3). The spec fixes the
keys (digits and one-symbol keys: + − × ÷ = √ ← and C), their order, the number of
columns, the keys' size and gap, the font and the theme; the places are planned here in
window-client pixels and every renderer puts its widgets there. Pressing a key works as
a pocket calculator does, on the display (a read-out). Each renderer dumps, at start and
on request, every key's symbol and screen box, the display's box and text, and the keys
pressed so far: the ground truth the tests and benchmark judge by.

Run file (JSON): {"spec": <KeypadSpec>, "dump": path, "command": path}. Commands:
"dump", "reset" (display back to 0, the press log emptied).
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spec import FONTS, THEMES, Place

DIGITS = [(d, d) for d in "7894561230"]
SYMBOLS = [
    ("+", "plus"),
    ("\u2212", "minus"),
    ("\u00d7", "times"),
    ("\u00f7", "divided by"),
    ("=", "equals"),
    ("\u221a", "square root"),
    ("\u2190", "delete the last digit"),
    ("C", "clear"),
]
MARGIN = 14
DISPLAY_H = 44


@dataclass(frozen=True)
class Key:
    symbol: str
    name: str  # what its tooltip says


@dataclass(frozen=True)
class KeypadSpec:
    seed: int
    title: str
    keys: list[Key]  # in the order they are placed, row by row
    columns: int
    font: str
    font_px: int
    theme: str
    places: dict[str, Place]  # "display", "key:<symbol>"
    width: int
    height: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)


def keypad_for(seed: int, *, title: str = "Keypad") -> KeypadSpec:
    """The keypad for ``seed``: the same keys, in a varied order, size, font and theme."""
    rnd = random.Random(seed)
    keys = [Key(s, n) for s, n in DIGITS + SYMBOLS]
    rnd.shuffle(keys)
    columns = rnd.choice([4, 5])
    key_w, key_h = rnd.randrange(46, 84), rnd.randrange(38, 70)
    gap = rnd.randrange(3, 12)
    rows = math.ceil(len(keys) / columns)
    places = {"display": Place(MARGIN, MARGIN, columns * key_w + (columns - 1) * gap, DISPLAY_H)}
    top = MARGIN + DISPLAY_H + 12
    for i, key in enumerate(keys):
        r, c = divmod(i, columns)
        places[f"key:{key.symbol}"] = Place(MARGIN + c * (key_w + gap), top + r * (key_h + gap), key_w, key_h)
    width = 2 * MARGIN + columns * key_w + (columns - 1) * gap
    height = top + rows * key_h + (rows - 1) * gap + MARGIN
    return KeypadSpec(
        seed,
        title,
        keys,
        columns,
        rnd.choice(FONTS),
        rnd.choice([14, 16, 18, 20, 22]),
        rnd.choice(sorted(THEMES)),
        places,
        width,
        height,
    )


def keypad_from_json(text: str) -> KeypadSpec:
    raw = json.loads(text)
    raw["keys"] = [Key(**k) for k in raw["keys"]]
    raw["places"] = {k: Place(**v) for k, v in raw["places"].items()}
    return KeypadSpec(**raw)


@dataclass
class Calculator:
    """A pocket calculator's logic: what the display shows after each key."""

    shown: str = "0"
    stored: float | None = None
    pending: str | None = None
    fresh: bool = True  # the next digit starts a new number
    pressed: list[str] = field(default_factory=list)

    def press(self, symbol: str) -> str:
        self.pressed.append(symbol)
        if symbol.isdigit():
            self.shown = symbol if self.fresh or self.shown == "0" else self.shown + symbol
            self.fresh = False
        elif symbol == "\u2190":
            self.shown = self.shown[:-1] if len(self.shown) > 1 and not self.fresh else "0"
        elif symbol == "C":
            self.shown, self.stored, self.pending, self.fresh = "0", None, None, True
        elif symbol == "\u221a":
            value = number(self.shown)
            self.shown = "Error" if value is None or value < 0 else text_of(math.sqrt(value))
            self.fresh = True
        elif symbol == "=":
            self.finish()
            self.pending = None
        else:  # an operator
            self.finish()
            self.stored, self.pending, self.fresh = number(self.shown), symbol, True
        return self.shown

    def finish(self) -> None:
        value = number(self.shown)
        if self.pending is None or self.stored is None or value is None:
            return
        a, b = self.stored, value
        result = {"+": a + b, "\u2212": a - b, "\u00d7": a * b}.get(self.pending)
        if self.pending == "\u00f7":
            result = a / b if b else None
        self.shown = "Error" if result is None else text_of(result)
        self.stored, self.fresh = None, True


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def text_of(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


@dataclass
class KeypadRun:
    spec: KeypadSpec
    dump_path: Path
    command: Path
    calculator: Calculator = field(default_factory=Calculator)

    @classmethod
    def load(cls, path: str) -> KeypadRun:
        raw = json.loads(Path(path).read_text())
        return cls(keypad_from_json(json.dumps(raw["spec"])), Path(raw["dump"]), Path(raw["command"]))

    def theme(self) -> dict[str, str]:
        return THEMES[self.spec.theme]

    def poll(self, box_of: Callable[[str], tuple[int, int, int, int] | None], show: Callable[[str], None]) -> None:
        """Do a pending command, if any: rewrite the dump, then delete the command file."""
        try:
            command = self.command.read_text().strip()
        except FileNotFoundError:
            return
        if command == "reset":
            self.calculator = Calculator()
            show(self.calculator.shown)
        self.write_dump(box_of)
        self.command.unlink(missing_ok=True)

    def write_dump(self, box_of: Callable[[str], tuple[int, int, int, int] | None]) -> None:
        keys = [{"text": k.symbol, "name": k.name, "box": box_of(f"key:{k.symbol}")} for k in self.spec.keys]
        dump = {
            "title": self.spec.title,
            "keys": keys,
            "display": {"text": self.calculator.shown, "box": box_of("display")},
            "pressed": self.calculator.pressed,
        }
        tmp = self.dump_path.with_name(self.dump_path.name + ".tmp")
        tmp.write_text(json.dumps(dump, indent=1, ensure_ascii=False))
        os.replace(tmp, self.dump_path)
