"""One set from an export's cells, in stored units (kg, m, s)."""

from __future__ import annotations

from portability.formats import values
from portability.records import ParsedSet
from training.units import METRES_PER_KM, METRES_PER_MILE, to_kg


def set_from_cells(
    *,
    exercise: str,
    row: int,
    reps: str,
    weight: str,
    weight_unit: str,
    distance: str,
    distance_unit: str,
    seconds: str,
    rpe: str,
    is_warmup: bool,
) -> ParsedSet:
    """A set holds reps, or a duration (planks), or a distance (carries); else it is empty."""
    if not exercise.strip():
        raise values.RowError("no exercise name")
    count = values.whole(reps, "reps")
    load = values.positive(weight, "weight")
    length = values.positive(distance, "distance")
    held = values.positive(seconds, "seconds")
    if count is None and length is None and held is None:
        raise values.RowError("an empty set (no reps, time or distance)")
    per_unit = METRES_PER_MILE if distance_unit == "mi" else METRES_PER_KM
    return ParsedSet(
        exercise_name=exercise.strip(),
        row=row,
        reps=count,
        weight_kg=to_kg(load, weight_unit) if load is not None else None,
        rpe=values.rpe(rpe),
        duration_s=round(held) if held is not None else None,
        distance_m=round(float(length) * per_unit, 1) if length is not None else None,
        is_warmup=is_warmup,
    )
