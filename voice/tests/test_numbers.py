"""Tests for spoken number words (voice.parsing.numbers)."""

import pytest

from voice.parsing.numbers import parse_number, words_to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("fifteen", 15),
        ("ninety five", 95),
        ("twenty-five", 25),
        ("three hundred sixty", 360),
        ("one hundred eighty five", 185),
        ("two hundred and twenty five", 225),
        ("two twenty five", 225),
        ("one thirty five", 135),
        ("two oh five", 205),
        ("one fifteen", 115),
        ("one ten", 110),
        ("four fifty", 450),
        ("a hundred", 100),
        ("a hundred and five", 105),
        ("fifteen hundred", 1500),
        ("twenty five hundred", 2500),
        ("two thousand", 2000),
        ("a thousand", 1000),
        ("two thousand five hundred", 2500),
        ("twelve and a half", 12.5),
        ("seven and a half", 7.5),
        ("two and a quarter", 2.25),
        ("seven point five", 7.5),
        ("nine point two five", 9.25),
        ("zero", 0),
        ("12.5", 12.5),
        ("185", 185),
        ("5 and a half", 5.5),
    ],
)
def test_words_to_number(text: str, value: float) -> None:
    assert words_to_number(text) == value


@pytest.mark.parametrize("text", ["", "hello", "oh", "a", "half", "and a half", "twenty sets"])
def test_not_a_number(text: str) -> None:
    assert words_to_number(text) is None


@pytest.mark.parametrize(
    ("words", "start", "expected"),
    [
        # "two sets of twenty five": two numbers, never 225
        (["two", "sets", "of", "twenty", "five"], 0, (2.0, 1)),
        (["two", "sets", "of", "twenty", "five"], 3, (25.0, 5)),
        # digits never merge with the next number
        (["8", "at", "185"], 0, (8.0, 1)),
        (["3", "5"], 0, (3.0, 1)),
        (["two", "twenty", "five", "for", "five"], 0, (225.0, 3)),
        # "a hundred and one set of three" is 100, then one set
        (["a", "hundred", "and", "one", "set"], 0, (100.0, 2)),
        (["a", "hundred", "and", "five", "for", "eight"], 0, (105.0, 4)),
        (["rpe", "seven", "and", "a", "half"], 1, (7.5, 5)),
        (["a", "single"], 0, None),
        (["1234567890"], 0, None),
        ([], 0, None),
    ],
)
def test_parse_number_end_index(
    words: list[str], start: int, expected: tuple[float, int] | None
) -> None:
    assert parse_number(words, start) == expected
