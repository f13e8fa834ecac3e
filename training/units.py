"""Unit conversion between stored SI values and what athletes say and read."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KG_PER_LB = Decimal("0.45359237")
METRES_PER_MILE = 1609.344


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
    if distance_m is None:
        return None
    return round(distance_m / (METRES_PER_MILE if unit == "mi" else 1000), 3)
