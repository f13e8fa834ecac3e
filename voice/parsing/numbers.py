"""Spoken number words to values: "two twenty five" -> 225, "seven and a half" -> 7.5."""

from __future__ import annotations

import re
from collections.abc import Sequence

ONES: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS: dict[str, int] = {
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
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
FRACTIONS: dict[str, float] = {"half": 0.5, "quarter": 0.25}

NUMBER_WORDS: frozenset[str] = frozenset(
    {*ONES, *TEENS, *TENS, "zero", "hundred", "thousand", "oh"}
)

# Words that show an "and" belongs to the next phrase, not to the number:
# "a hundred and one set of three" is 100, then one set.
_NOT_AFTER_AND = frozenset({"set", "sets", "rep", "reps", "more", "x", "by", "times"})
_DIGITS_RE = re.compile(r"\d{1,9}(?:\.\d{1,6})?")
_DIGIT_WORDS = {"zero": 0, "oh": 0, **ONES}

Parsed = tuple[float, int]


def _at(words: Sequence[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def _below_hundred(words: Sequence[str], i: int) -> Parsed | None:
    """0-99 written as words: "seven", "fifteen", "forty", "forty two"."""
    word = _at(words, i)
    if word in TENS:
        value = TENS[word]
        if _at(words, i + 1) in ONES:
            return value + ONES[words[i + 1]], i + 2
        return value, i + 1
    if word in ONES:
        return ONES[word], i + 1
    if word in TEENS:
        return TEENS[word], i + 1
    if word == "zero":
        return 0, i + 1
    return None


def _and_chunk(words: Sequence[str], i: int) -> Parsed | None:
    """The "[and] five" after "hundred" or "thousand"."""
    start = i + 1 if _at(words, i) == "and" else i
    chunk = _below_hundred(words, start)
    if chunk is None:
        return None
    if start > i and _at(words, chunk[1]) in _NOT_AFTER_AND:
        return None
    return chunk


def _colloquial_tail(words: Sequence[str], i: int) -> Parsed | None:
    """What follows the hundreds digit in gym speech: "twenty five", "fifteen", "oh five"."""
    word = _at(words, i)
    if word == "oh" and _at(words, i + 1) in ONES:
        return ONES[words[i + 1]], i + 2
    if word in TENS or word in TEENS:
        return _below_hundred(words, i)
    return None


def _hundreds(words: Sequence[str], i: int) -> Parsed | None:
    """0-9999 from words: "three hundred sixty", "a hundred and five", "two twenty five"."""
    value: float
    if _at(words, i) in ("a", "an") and _at(words, i + 1) == "hundred":
        value, j = 1, i + 1
    else:
        head = _below_hundred(words, i)
        if head is None:
            return None
        value, j = head
    if _at(words, j) == "hundred":
        value *= 100
        rest = _and_chunk(words, j + 1)
        if rest is None:
            return value, j + 1
        return value + rest[0], rest[1]
    if words[i] in ONES and j == i + 1:
        tail = _colloquial_tail(words, j)
        if tail is not None:
            return value * 100 + tail[0], tail[1]
    return value, j


def _integer(words: Sequence[str], i: int) -> Parsed | None:
    """Whole numbers from words, up to the thousands."""
    value: float
    if _at(words, i) in ("a", "an") and _at(words, i + 1) == "thousand":
        value, j = 1, i + 1
    else:
        head = _hundreds(words, i)
        if head is None:
            return None
        value, j = head
    if _at(words, j) == "thousand":
        value *= 1000
        j += 1
        start = j + 1 if _at(words, j) == "and" else j
        rest = _hundreds(words, start)
        if rest is not None and _at(words, rest[1]) not in _NOT_AFTER_AND:
            return value + rest[0], rest[1]
    return value, j


def _fraction(words: Sequence[str], i: int) -> Parsed | None:
    """ "and a half", "and a quarter", "point five", "point two five"."""
    if _at(words, i) == "and" and _at(words, i + 1) == "a" and _at(words, i + 2) in FRACTIONS:
        return FRACTIONS[words[i + 2]], i + 3
    if _at(words, i) != "point":
        return None
    digits = ""
    j = i + 1
    while _at(words, j) in _DIGIT_WORDS:
        digits += str(_DIGIT_WORDS[words[j]])
        j += 1
    if not digits and _at(words, j).isdigit() and len(words[j]) <= 6:
        digits = words[j]
        j += 1
    if not digits:
        return None
    return float("0." + digits), j


def _scaled(words: Sequence[str], value: float, end: int) -> Parsed:
    """Digits said with a scale word: "10 thousand" -> 10000, "15 hundred" -> 1500."""
    scale = _at(words, end)
    if scale == "hundred" and value.is_integer() and 1 <= value < 100:
        rest = _and_chunk(words, end + 1)
        return (value * 100 + rest[0], rest[1]) if rest is not None else (value * 100, end + 1)
    if scale == "thousand" and 0 < value < 1000:
        after = end + 2 if _at(words, end + 1) == "and" else end + 1
        rest = _hundreds(words, after)
        if rest is not None and _at(words, rest[1]) not in _NOT_AFTER_AND:
            return value * 1000 + rest[0], rest[1]  # "10 thousand five hundred"
        return value * 1000, end + 1
    return value, end


def parse_number(words: Sequence[str], start: int) -> tuple[float, int] | None:
    """Read one number at words[start] (digits or lower-case words); return (value, end index).

    The end index is one past the last word used. Returns None when no number starts there.
    """
    word = _at(words, start)
    if _DIGITS_RE.fullmatch(word):
        value, end = _scaled(words, float(word), start + 1)
    else:
        whole = _integer(words, start)
        if whole is None:
            return None
        value, end = float(whole[0]), whole[1]
    if value.is_integer():
        frac = _fraction(words, end)
        if frac is not None:
            value, end = value + frac[0], frac[1]
    return value, end


def words_to_number(text: str) -> float | None:
    """The value of a phrase that is exactly one number ("one thirty five" -> 135.0), else None."""
    words = text.lower().replace("-", " ").split()
    parsed = parse_number(words, 0) if words else None
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]
