"""Sanity checks: values that make an entry ask for confirmation before anything is logged."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from training.limits import MAX_RUN_CALORIES
from training.limits import MAX_RUN_DURATION_S as MAX_DURATION_S
from training.units import to_kg
from voice.parsing.entries import Confirmation

# Above these a spoken value is more likely misheard than lifted or run: the app asks first.
CONFIRM_ABOVE_WEIGHT_KG = Decimal(600)
CONFIRM_ABOVE_REPS = 100
CONFIRM_ABOVE_SETS = 20
CONFIRM_ABOVE_DISTANCE_M = 300_000
CONFIRM_ABOVE_SET_S = 3600  # one hold or timed set
CONFIRM_ABOVE_SET_M = 5000  # one carry, sled push or walking-lunge set
# Fastest credible average speed (m/s) by activity, up to a distance: world records, rounded up.
SPEED_LIMITS: dict[str, tuple[tuple[float, float], ...]] = {
    "run": ((200, 10.5), (400, 9.3), (1_609.344, 7.6), (5_000, 6.7), (float("inf"), 6.4)),
    "walk": ((float("inf"), 4.6),),
    "swim": ((100, 2.5), (float("inf"), 2.3)),
    "row": ((500, 7.0), (float("inf"), 6.3)),
    "bike": ((1_000, 22.0), (float("inf"), 16.0)),
    "ski": ((float("inf"), 6.3),),
}


def reason(code: str, message: str, words: str | None = None) -> dict[str, str]:
    """One reason an entry needs confirmation, as the API returns it (with the words said)."""
    found = {"code": code, "message": message}
    if words is not None:
        found["words"] = words
    return found


PARSER_MESSAGES = {
    "rep_range": "A range is a target: how many reps did you do?",
    "unused_number": "A number said here has no place in the log: what was it?",
    "ambiguous_count": "Were these the sets and the reps of each, or the reps of two sets?",
}


def parser_reasons(confirmation: Confirmation | None) -> list[dict[str, str]]:
    """The parser's own question about an entry ("6 to 8", "seat on 4") as an API reason."""
    if confirmation is None:
        return []
    message = PARSER_MESSAGES[confirmation.reason]
    return [reason(confirmation.reason, message, confirmation.words)]


def strength_checks(sets: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Reasons a strength entry must be confirmed before it is logged (absurd values)."""
    reasons = []
    if len(sets) > CONFIRM_ABOVE_SETS:
        message = f"More than {CONFIRM_ABOVE_SETS} sets in one entry."
        reasons.append(reason("too_many_sets", message))
    counted = [s["reps"] for s in sets if s["reps"] is not None]
    if any(not 1 <= reps <= CONFIRM_ABOVE_REPS for reps in counted):
        reasons.append(reason("reps_out_of_range", f"Reps must be 1 to {CONFIRM_ABOVE_REPS}."))
    if any(s["reps"] is None and not (s["duration_s"] or s["distance_m"]) for s in sets):
        reasons.append(reason("missing_reps", "How many reps, how long or how far?"))
    if any((s["duration_s"] or 0) > CONFIRM_ABOVE_SET_S for s in sets):
        reasons.append(reason("duration_out_of_range", f"A set over {CONFIRM_ABOVE_SET_S} s."))
    if any((s["distance_m"] or 0) > CONFIRM_ABOVE_SET_M for s in sets):
        reasons.append(reason("distance_out_of_range", f"A set over {CONFIRM_ABOVE_SET_M} m."))
    weights = [to_kg(s["weight"], s["unit"]) for s in sets if s["weight"] is not None]
    if any(w > CONFIRM_ABOVE_WEIGHT_KG for w in weights):
        reasons.append(reason("weight_out_of_range", f"More than {CONFIRM_ABOVE_WEIGHT_KG} kg."))
    if any(s["rpe"] is not None and not 1 <= s["rpe"] <= 10 for s in sets):
        reasons.append(reason("rpe_out_of_range", "RPE must be 1 to 10."))
    if any(s["rir"] is not None and not 0 <= s["rir"] <= 10 for s in sets):
        reasons.append(reason("rir_out_of_range", "Reps in reserve must be 0 to 10."))
    return reasons


def cardio_checks(
    activity: str, distance_m: float | None, duration_s: int | None, calories: int | None = None
) -> list[dict[str, str]]:
    """Reasons a cardio entry must be confirmed: too far, too long, missing, impossibly fast,
    more calories than one session burns."""
    reasons = []
    if calories is not None and not 1 <= calories <= MAX_RUN_CALORIES:
        message = f"Calories must be 1 to {MAX_RUN_CALORIES}."
        reasons.append(reason("calories_out_of_range", message))
    if duration_s is None or duration_s < 1:
        reasons.append(reason("missing_duration", "How long did it take?"))
    elif duration_s > MAX_DURATION_S:
        reasons.append(reason("duration_out_of_range", "Longer than a week."))
    if distance_m is not None and distance_m > CONFIRM_ABOVE_DISTANCE_M:
        message = f"Farther than {CONFIRM_ABOVE_DISTANCE_M // 1000} km."
        reasons.append(reason("distance_out_of_range", message))
    elif distance_m and duration_s and duration_s > 0:
        speed = distance_m / duration_s
        limit = next(top for upto, top in SPEED_LIMITS[activity] if distance_m <= upto)
        if speed > limit:
            reasons.append(reason("faster_than_world_record", "Faster than the world record pace."))
    return reasons
