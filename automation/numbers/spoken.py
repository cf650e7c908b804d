"""Spoken numbers to digits, for the policy: "forty two fifty" -> "42.50".

The recognizer writes what it heard in words more often than not, and the model
copies values out of the request; "42.50" is what the amount field takes. The rules,
in the order they are tried at each word (docs/voice-flow.md has the table):

1. Cents: "N dollars and M cents", "N dollars M" -> N.MM; "M cents" -> 0.MM.
2. Decimals: "N point D D" -> N.DD, the digits after "point" read one by one.
3. Dates: an ordinal right after a month ("march fifth") -> 5; before "of MONTH" -> 5th.
   A pair "A B" (A 10-20, B 10-99, as in "nineteen ninety nine") after a month, a day
   or the word year (within three words), or right after in/since/until -> a year, 1999.
4. Prices: any other pair "A B" with A 1-99 and B 10-99 -> A.BB ("twelve ninety nine"),
   also with a comma between the halves unless a list goes on ("ten, twenty, thirty").
5. Digit strings: three or more single digits in a row ("five five five one", or with
   commas between them, as Whisper writes digits said in words) -> 5551.
6. What the recognizer already wrote in digits: Whisper writes "forty two fifty" as
   "4250" (and "four thousand two hundred fifty" as "4,250"), so four bare digits whose
   halves are 10-99 and 10-99, outside a date or a year, are the price 42.50, as rule 4
   reads the same pair in words: 1725 -> 17.25, but "the year 1999" and "since 2150"
   stay. Asked for numbers in words (models/speech/vocabulary.py), Whisper still wrote
   a few pairs in digits ("fourteen thirty" as 1430) and no long cardinal: every bare
   four-digit number it wrote on the dev commands was a pair (docs/voice-flow.md).
   5500 and 750 stay (no way to tell).
7. Cardinals: "one hundred twenty" -> 120, "two thousand and five" -> 2005, "forty two" -> 42.
   A lone "one" stays a word ("the one on the left", "one of them") unless a unit,
   "hundred"/"thousand" or "point" follows it. Ordinals outside dates stay words
   ("the third row"): they name positions, not values.

Words are compared case-folded and without trailing punctuation; everything that is
not a number is passed through untouched ("Zhang San" stays as heard).
"""

from __future__ import annotations

from dataclasses import dataclass

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
BELOW_HUNDRED = set(UNITS) | set(TEENS) | set(TENS)
SCALES = {"thousand": 1_000, "million": 1_000_000}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
YEAR_CUES = {"year", "in", "since", "until"}
DOLLARS = {"dollar", "dollars", "bucks", "euro", "euros", "pound", "pounds", "yuan", "rmb"}
CENTS = {"cent", "cents", "pence", "penny"}
UNIT_AFTER_ONE = DOLLARS | CENTS | {"hundred", "thousand", "million", "point", "percent", "item", "hour", "day"}
PUNCTUATION = ".,;:!?"


@dataclass(frozen=True)
class Word:
    text: str  # as heard, punctuation stripped
    key: str  # case-folded, for the tables
    tail: str  # the punctuation that followed it ("," "."), put back after any replacement


@dataclass(frozen=True)
class Number:
    """A run of number words read as one cardinal."""

    value: int
    start: int
    end: int  # one past the last word
    single: bool  # one word, a unit (zero..nine): a candidate for digit strings and "point" digits
    pairable: bool  # 1-99 written without hundred or thousand: may be half of "forty two fifty"
    tens_form: bool  # 10-99 said as a teen or tens word: the second half of a pair


def spoken_numbers_to_digits(text: str) -> str:
    words = [split_word(w) for w in text.split()]
    words = [part for w in words for part in split_hyphen(w)]
    out: list[str] = []
    i = 0
    while i < len(words):
        replaced = read_at(words, i)
        if replaced is None:
            out.append(words[i].text + words[i].tail)
            i += 1
            continue
        digits, end = replaced
        out.append(digits + words[end - 1].tail)
        i = end
    return " ".join(out)


def split_word(raw: str) -> Word:
    stripped = raw.rstrip(PUNCTUATION)
    if not stripped:
        return Word(raw, raw, "")
    text = stripped[1:] if stripped.startswith("$") and stripped[1:2].isdigit() else stripped
    return Word(text, text.casefold(), raw[len(stripped) :])


def split_hyphen(word: Word) -> list[Word]:
    """ "forty-two" is two number words; "e-mail" and "Jean-Luc" stay whole."""
    parts = word.text.split("-")
    if len(parts) < 2 or not all(p.casefold() in number_words() for p in parts):
        return [word]
    return [Word(p, p.casefold(), "") for p in parts[:-1]] + [Word(parts[-1], parts[-1].casefold(), word.tail)]


def number_words() -> set[str]:
    return set(UNITS) | set(TEENS) | set(TENS) | set(ORDINALS) | {"hundred"} | set(SCALES)


def read_at(words: list[Word], i: int) -> tuple[str, int] | None:
    """Digits for the number starting at word ``i`` and where it ends, or None: not a number."""
    if words[i].key in ORDINALS or (words[i].key in TENS and i + 1 < len(words) and words[i + 1].key in ORDINALS):
        return read_date_ordinal(words, i)
    if is_spoken_price_in_digits(words, i):
        key = words[i].key
        return f"{key[:2]}.{key[2:]}", i + 1
    first = read_cardinal(words, i)
    if first is None:
        return None
    for rule in (read_cents, read_decimal, read_pair, read_digit_string):
        found = rule(words, first)
        if found is not None:
            return found
    if words[i].key == "one" and first.end == i + 1 and not followed_by(words, first.end, UNIT_AFTER_ONE):
        return None  # "the one on the left": a pronoun
    if words[i].key == "a" and first.end == i + 1:
        return None
    return str(first.value), first.end


def is_spoken_price_in_digits(words: list[Word], i: int) -> bool:
    key = words[i].key
    return len(key) == 4 and key.isdigit() and key[:2] >= "10" and key[2:] >= "10" and not year_context(words, i)


def followed_by(words: list[Word], at: int, keys: set[str]) -> bool:
    return at < len(words) and words[at].key in keys


def read_cardinal(words: list[Word], i: int) -> Number | None:
    """The longest run of words from ``i`` that reads as one number; greedy but never joins
    two numbers said side by side ("forty two fifty" is 42 then 50, not 92)."""
    total, current, last = 0, 0, ""
    j = i
    while j < len(words):
        key, ended = words[j].key, j > i and words[j - 1].tail != ""
        if ended:
            break  # "five, six" are two numbers
        if key.isdigit() and j == i:
            current, last = int(key), "digits"
        elif key in UNITS and (j == i or last in ("tens", "hundred", "scale", "and")):
            if key == "zero" and j != i:
                break
            current, last = current + UNITS[key], "unit"
        elif key in TEENS and (j == i or last in ("hundred", "scale", "and")):
            current, last = current + TEENS[key], "teen"
        elif key in TENS and (j == i or last in ("hundred", "scale", "and")):
            current, last = current + TENS[key], "tens"
        elif key == "hundred" and last in ("unit", "teen", "tens", "a") and current % 100 == current:
            current, last = (current or 1) * 100, "hundred"
        elif key in SCALES and last in ("unit", "teen", "tens", "hundred", "digits", "a") and current:
            total, current, last = total + current * SCALES[key], 0, "scale"
        elif key == "a" and j == i and followed_by(words, j + 1, {"hundred"} | set(SCALES)):
            current, last = 1, "a"
        elif key == "and" and last in ("hundred", "scale") and followed_by(words, j + 1, BELOW_HUNDRED):
            last = "and"
        else:
            break
        j += 1
    if j == i or last in ("and", "a"):
        return None
    value = total + current
    keys = [w.key for w in words[i:j]]
    single = j == i + 1 and keys[0] in UNITS
    pairable = 1 <= value <= 99 and not ({"hundred", "a"} & set(keys) or set(SCALES) & set(keys) or keys[0].isdigit())
    tens_form = pairable and value >= 10 and keys[0] in (set(TEENS) | set(TENS))
    return Number(value, i, j, single, pairable, tens_form)


def read_cents(words: list[Word], first: Number) -> tuple[str, int] | None:
    at = first.end
    if followed_by(words, at, CENTS) and first.value < 100:
        return f"0.{first.value:02d}", at + 1
    if not followed_by(words, at, DOLLARS):
        return None
    after = at + 1 + (1 if followed_by(words, at + 1, {"and"}) else 0)
    cents = read_cardinal(words, after) if after < len(words) and words[at].tail == "" else None
    if cents is None or cents.value >= 100 or cents.start == cents.end:
        return None  # "42 dollars" alone stays as said
    end = cents.end + (1 if followed_by(words, cents.end, CENTS) else 0)
    return f"{first.value}.{cents.value:02d}", end


def read_decimal(words: list[Word], first: Number) -> tuple[str, int] | None:
    at = first.end
    if not followed_by(words, at, {"point"}) or words[at - 1].tail:
        return None
    digits, j = "", at + 1
    while j < len(words) and (words[j].key in UNITS or words[j].key.isdigit()):
        digits += str(UNITS.get(words[j].key, words[j].key))
        j += 1
        if words[j - 1].tail:
            break
    if not digits:  # "point twenty five"
        rest = read_cardinal(words, at + 1)
        if rest is None:
            return None
        digits, j = str(rest.value), rest.end
    return f"{first.value}.{digits}", j


def read_pair(words: list[Word], first: Number) -> tuple[str, int] | None:
    """A pause between the halves ("forty two, fifty": Whisper writes one where the voice
    rests) is still one price, unless a list goes on after it ("ten, twenty, thirty")."""
    if not first.pairable or first.end >= len(words) or words[first.end - 1].tail not in ("", ","):
        return None
    second = read_cardinal(words, first.end)
    if second is None or not second.tens_form:
        return None
    if words[first.end - 1].tail and (list_goes_on(words, second.end) or list_came_before(words, first.start)):
        return None
    if 10 <= first.value <= 20 and year_context(words, first.start):
        return f"{first.value}{second.value:02d}", second.end
    return f"{first.value}.{second.value:02d}", second.end


def list_goes_on(words: list[Word], at: int) -> bool:
    """After a number ending at ``at``: another number (after a comma or none: "twenty three,
    sixty eight forty" is 23 then 68.40), or "and"/"or" and one."""
    if at >= len(words):
        return False
    if words[at - 1].tail in ("", ",") and (words[at].key in number_words() or words[at].key.isdigit()):
        return True
    return words[at].key in ("and", "or") and followed_by(words, at + 1, number_words())


def list_came_before(words: list[Word], at: int) -> bool:
    """Before a number starting at ``at``: another number and a comma."""
    return at > 0 and words[at - 1].tail == "," and (words[at - 1].key in number_words() or words[at - 1].key.isdigit())


def year_context(words: list[Word], at: int) -> bool:
    """A month, a day after a month, or the word year within three words before position
    ``at`` ("set the year to"), or in/since/until just before it."""
    before = [w.key for w in words[max(0, at - 3) : at]]
    if before and before[-1] in YEAR_CUES:
        return True
    return any(key in MONTHS or key == "year" for key in before)


def read_digit_string(words: list[Word], first: Number) -> tuple[str, int] | None:
    if not first.single:
        return None
    digits, j = "", first.start
    while j < len(words) and words[j].key in UNITS:
        digits += str(UNITS[words[j].key])
        j += 1
        if words[j - 1].tail not in ("", ","):  # Whisper puts commas between digits said in words
            break
    return (digits, j) if len(digits) >= 3 else None


def read_date_ordinal(words: list[Word], i: int) -> tuple[str, int] | None:
    """ "march fifth" -> "5"; "the twenty first of june" -> "21st"; other ordinals stay words."""
    value, end = ORDINALS.get(words[i].key, 0), i + 1
    if words[i].key in TENS:
        value, end = TENS[words[i].key] + ORDINALS[words[i + 1].key], i + 2
        if ORDINALS[words[i + 1].key] > 9:
            return None
    if not 1 <= value <= 31:
        return None
    if i > 0 and words[i - 1].key in MONTHS and not words[i - 1].tail:
        return str(value), end
    if followed_by(words, end, {"of"}) and followed_by(words, end + 1, MONTHS):
        return f"{value}{suffix(value)}", end
    return None


def suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
