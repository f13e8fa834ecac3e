"""Unit conversion between stored SI values and what athletes say and read."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

KG_PER_LB = Decimal("0.45359237")
METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344
METRES_PER_YARD = 0.9144
METRES_PER_FOOT = 0.3048
METRES_PER_MARATHON = 42195.0
SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3600

WeightUnit = Literal["kg", "lb"]
DistanceUnit = Literal["km", "mi"]
WEIGHT_UNITS: tuple[WeightUnit, ...] = ("kg", "lb")
DISTANCE_UNITS: tuple[DistanceUnit, ...] = ("km", "mi")

# What athletes say (or speech-to-text writes) for each unit
LB_WORDS = frozenset({"lb", "lbs", "pound", "pounds", "#"})
KG_WORDS = frozenset({"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme"})
KG_PAIRS = frozenset({("kay", "gee"), ("k", "g"), ("kay", "gees"), ("key", "gee")})
_KM_WORDS = ("k", "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres")
_MILE_WORDS = ("mile", "miles", "mi")
_METRE_WORDS = ("m", "meter", "meters", "metre", "metres")
_YARD_WORDS = ("yard", "yards", "yd", "yds")
FOOT_WORDS = frozenset({"foot", "feet", "ft"})  # sled pushes and carries ("50 feet")
DISTANCE_WORD_METRES: dict[str, float] = {
    **dict.fromkeys(_KM_WORDS, METRES_PER_KM),
    **dict.fromkeys(_MILE_WORDS, METRES_PER_MILE),
    **dict.fromkeys(_METRE_WORDS, 1.0),
    **dict.fromkeys(_YARD_WORDS, METRES_PER_YARD),
}
TIME_WORD_SECONDS: dict[str, int] = {
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), SECONDS_PER_HOUR),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), SECONDS_PER_MINUTE),
    **dict.fromkeys(("second", "seconds", "sec", "secs"), 1),
}


def to_kg(weight: float | Decimal, unit: str) -> Decimal:
    """A weight in ``kg`` or ``lb`` as kilograms, rounded to the stored 0.01 kg."""
    value = Decimal(str(weight))
    if unit == "lb":
        value *= KG_PER_LB
    elif unit != "kg":
        raise ValueError(f"unknown weight unit {unit!r}")
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def from_kg(weight_kg: Decimal | float | None, unit: str) -> float | None:
    """Kilograms in the athlete's unit, rounded to what a plate-loaded bar can show."""
    if weight_kg is None:
        return None
    value = Decimal(str(weight_kg))
    if unit == "lb":
        return float((value / KG_PER_LB).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def metres_to(distance_m: float | None, unit: str) -> float | None:
    """Metres in ``km`` or ``mi``, to the metre."""
    if distance_m is None:
        return None
    return round(distance_m / (METRES_PER_MILE if unit == "mi" else METRES_PER_KM), 3)
