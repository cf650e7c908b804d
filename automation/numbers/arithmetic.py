"""The result a calculation spelled out in a request should show: "12 times 7 plus 3" ends at 87.

A calculator run is done when its display shows the result, not when its keys were pressed:
galculator, asked "12 times 7 plus 3", once had "12", "7" and "3" pressed with no "=", showed
"3", and the run was "finished". Deskhand works the result out itself and the goal check
(automation/agent/goal.py) reads the display for it.

Calculators differ on "2 plus 3 times 4": one that works each operator as it comes shows 20,
one that knows precedence shows 14. Both are results the request may mean. A square root
("the square root of 81", "sqrt 81") is taken of the number after it, as its key is pressed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, DivisionByZero, InvalidOperation

from automation.numbers.written import normalize_number

# Words and signs a request writes an operator with, as the operator they stand for.
OPERATOR_WORDS = {"times": "*", "multiply": "*", "multiplied": "*", "x": "*", "plus": "+", "minus": "-", "divided": "/"}
OPERATOR_SIGNS = {"*": "*", "×": "*", "+": "+", "-": "-", "−": "-", "/": "/", "÷": "/"}
ROOT = "√"  # a square root, taken of the number after it: "√81"
# the faces a calculator prints a key with, as the key: a square root's key says "√", "sqrt" or "√x"
KEY_FACES = {**OPERATOR_SIGNS, ROOT: ROOT, "sqrt": ROOT, "√x": ROOT}
ROOT_WORDS = re.compile(r"\b(?:the\s+)?square\s+root\s+of\s+|\bsqrt\s*(?:of\s+)?", re.IGNORECASE)
FILLERS = frozenset({"by"})  # "divided by", "multiplied by"
KEYPAD_DIGITS = 8  # a keypad shows at least this many of the digits 0-9 as lone keys

# Operations Deskhand does not work out: a request asking one has a result no display can be
# checked against ("200 plus 10 percent" is not the 210 of "200 plus 10"; "12 times 7, then
# square it" is not 84). A square root is worked out; a cube root is not.
UNWORKED = re.compile(
    r"%|\^|\d\s*!|\bsquare(?:d|s)?\b(?!\s+root)|\b(?:per\s*cent|percent(?:age)?|cube[ds]?|cubic|powers?|exponents?"
    r"|mod|modulo|remainder|factorial|logarithm|log|ln|sine|sin|cosine|cos|tangent|tan|reciprocal|inverse"
    r"|negate|rounded|memory)\b|\b(?:sum|total|average|mean|product|difference|quotient)\s+(?:of|between)\b",
    re.IGNORECASE,
)
# a date or a time ("2026-12-07", "12:30") is one token, no calculation
TOKEN = re.compile(r"\d+(?:[-/:]\d+)+|\d+(?:\.\d+)?|[^\W\d_]+|[*×+\-−/÷√]")


def keypad(texts: Iterable[str]) -> bool:
    """Whether a window whose labels are ``texts`` is a keypad (a calculator): most digits as lone keys."""
    return len({t for t in texts if len(t) == 1 and t.isdigit()}) >= KEYPAD_DIGITS


def displayed(items: Sequence[tuple[str, float, float]]) -> set[int]:
    """Which of a keypad's texts, each with its middle's height on screen and its own height, are
    its display's reading: a number of more than one character (keys are lone characters) with no
    other number on its row. A calendar's days read as a keypad too, and its "15" shares a row
    with other days: a key there."""
    numbers = [i for i, (text, _, _) in enumerate(items) if normalize_number(text.strip().rstrip(".")) is not None]
    return {
        i
        for i in numbers
        if len(items[i][0].strip()) > 1
        and not any(j != i and abs(items[j][1] - items[i][1]) <= items[i][2] / 2 for j in numbers)
    }


def same_key(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are faces of one key ("/" and "÷", "*" and "×", "√" and "sqrt")."""
    key = KEY_FACES.get(a.casefold())
    return a == b or (key is not None and key == KEY_FACES.get(b.casefold()))


def term(token: str) -> bool:
    """Whether a calculation's ``token`` is a number (or a root of one), not an operator."""
    return token[0].isdigit() or token.startswith(ROOT)


def calculation_in(request: str) -> list[str]:
    """The longest calculation ``request`` spells out, as numbers (a square root's with "√" before
    it) and the operators between them (["12", "*", "7", "+", "3"], ["√81"]); empty if it holds no
    operator."""
    best: list[str] = []
    chain: list[str] = []  # number, operator, number, ...
    root = False  # "square root of" came: the next number is its
    for token in (m.group().casefold() for m in TOKEN.finditer(ROOT_WORDS.sub(ROOT, request))):
        operator = OPERATOR_WORDS.get(token) or OPERATOR_SIGNS.get(token)
        if token == ROOT:
            root = not chain or not term(chain[-1])
            continue
        if token[0].isdigit() and not any(c in token for c in "-/:"):
            token = ROOT + token if root else token
            chain = [*chain, token] if chain and not term(chain[-1]) else [token]
        elif operator is not None and chain and term(chain[-1]):
            chain.append(operator)
        elif token in FILLERS and chain and chain[-1] in "*/":
            continue
        else:
            chain = []
        root = False
        whole = chain if chain and term(chain[-1]) else chain[:-1]
        if len(whole) > len(best):
            best = list(whole)
    return best if len(best) >= 3 or any(t.startswith(ROOT) for t in best) else []


def unworked(request: str) -> str | None:
    """The operation ``request`` asks of its numbers that Deskhand does not work out ("percent",
    "squared", "to the power of"), as the request writes it; None when it asks none or gives no number."""
    found = UNWORKED.search(request)
    if found is None or not any(c.isdigit() for c in request):
        return None
    return found.group().strip()


def operands_of(chain: Sequence[str]) -> list[str]:
    """The numbers a calculation is worked on: its keys pressed on the way ("81" of "√81")."""
    return [t.removeprefix(ROOT) for t in chain if term(t)]


def results_of(request: str) -> tuple[Decimal, ...]:
    """The results the calculation in ``request`` may end at (see the module's note)."""
    chain = calculation_in(request)
    if not chain:
        return ()
    found = [worked(chain, in_turn=True), worked(chain, in_turn=False)]
    return tuple(dict.fromkeys(r for r in found if r is not None))


def worked(chain: list[str], in_turn: bool) -> Decimal | None:
    """``chain``'s value: each operator as it comes (``in_turn``), else times and divide first."""
    try:
        if in_turn:
            value = number(chain[0])
            for op, token in zip(chain[1::2], chain[2::2], strict=True):
                value = apply(value, op, number(token))
            return value
        terms: list[Decimal] = [number(chain[0])]
        signs: list[str] = []
        for op, token in zip(chain[1::2], chain[2::2], strict=True):
            if op in "*/":
                terms[-1] = apply(terms[-1], op, number(token))
            else:
                terms.append(number(token))
                signs.append(op)
        value = terms[0]
        for op, term in zip(signs, terms[1:], strict=True):
            value = apply(value, op, term)
        return value
    except (DivisionByZero, InvalidOperation):
        return None


def shows_result(text: str, results: Iterable[Decimal]) -> bool:
    """Whether a display reading ``text`` shows one of ``results``, to the places it shows
    ("3.3333333" for 10 / 3; "87" or "87." for 87)."""
    plain = normalize_number(text.strip().rstrip("."))
    if plain is None:
        return False
    shown = Decimal(plain)
    exponent = shown.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return any(abs(r - shown) <= step / 2 for r in results)


def number(token: str) -> Decimal:
    """A term's value: the number, or its square root."""
    return Decimal(token[1:]).sqrt() if token.startswith(ROOT) else Decimal(token)


def apply(left: Decimal, op: str, right: Decimal) -> Decimal:
    if op == "*":
        return left * right
    if op == "/":
        return left / right
    return left + right if op == "+" else left - right
