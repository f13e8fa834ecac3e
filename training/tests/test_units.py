"""Unit constants and unit words: the one home every parser and serializer reads."""

from decimal import Decimal

import pytest

from training import units


def test_constants_are_the_exact_definitions():
    assert Decimal("0.45359237") == units.KG_PER_LB  # international avoirdupois pound, 1959
    assert units.METRES_PER_MILE == 1609.344
    assert units.METRES_PER_YARD == 0.9144
    assert units.METRES_PER_MARATHON == 42195.0


@pytest.mark.parametrize(
    ("word", "metres"),
    [("k", 1000.0), ("kilometres", 1000.0), ("miles", 1609.344), ("m", 1.0), ("yds", 0.9144)],
)
def test_distance_words(word, metres):
    assert units.DISTANCE_WORD_METRES[word] == metres


def test_time_words_and_weight_words():
    assert units.TIME_WORD_SECONDS["hrs"] == 3600
    assert units.TIME_WORD_SECONDS["mins"] == 60
    assert "pounds" in units.LB_WORDS
    assert "kilos" in units.KG_WORDS
    assert units.LB_WORDS.isdisjoint(units.KG_WORDS)


def test_conversions_round_trip_to_what_a_bar_shows():
    assert units.to_kg(225, "lb") == Decimal("102.06")
    assert units.from_kg(Decimal("102.06"), "lb") == 225.0
    assert units.metres_to(5000, "mi") == 3.107
    with pytest.raises(ValueError, match="unknown weight unit"):
        units.to_kg(1, "stone")
