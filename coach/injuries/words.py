"""Number words and weekday names, as athletes say them in a sentence."""

from __future__ import annotations

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "a couple of": 2,
    "a couple": 2,
    "couple": 2,
    "three": 3,
    "a few": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
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
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
}
# Longest first, so "a couple of" wins over "a".
NUMBER_WORD_PATTERN = "|".join(
    sorted((word.replace(" ", r"\s+") for word in NUMBER_WORDS), key=len, reverse=True)
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def number_value(text: str) -> float | None:
    """``"4"`` -> 4.0, ``"four"`` -> 4.0, ``"a couple of"`` -> 2.0; None for anything else."""
    cleaned = " ".join(text.lower().split())
    if cleaned in NUMBER_WORDS:
        return float(NUMBER_WORDS[cleaned])
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return None
