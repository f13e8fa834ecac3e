"""The schema a language model's answer must pass: holds, carries, per-side work, erg calories."""

import json

from voice.llm_fallback import LLMFallback
from voice.parsing import CardioEntry, SetSpec, StrengthEntry


def _validate(entries: list[dict[str, object]]) -> list[StrengthEntry | CardioEntry]:
    return LLMFallback().validate("here you go: " + json.dumps({"entries": entries}), "kg")


def test_timed_distance_and_per_side_sets_pass_with_their_values():
    (hold, carry, lunge) = _validate(
        [
            {"kind": "strength", "spoken_name": "wall sit", "sets": [{"duration_s": 60}]},
            {
                "kind": "strength",
                "spoken_name": "farmer carry",
                "sets": [{"distance_m": 40, "weight": 32, "unit": "kg"}],
            },
            {
                "kind": "strength",
                "spoken_name": "lunges",
                "sets": [{"reps": 10, "weight": 12, "per_side": True}],
            },
        ]
    )
    assert isinstance(hold, StrengthEntry)
    assert hold.sets == [SetSpec(reps=None, duration_s=60)]
    assert isinstance(carry, StrengthEntry)
    assert carry.sets == [SetSpec(reps=None, weight=32.0, unit="kg", distance_m=40.0)]
    assert isinstance(lunge, StrengthEntry)
    assert lunge.sets == [SetSpec(reps=10, weight=12.0, unit="kg", per_side=True)]


def test_a_set_with_no_reps_time_or_distance_is_refused():
    assert _validate([{"kind": "strength", "spoken_name": "curls", "sets": [{"weight": 10}]}]) == []


def test_erg_calories_and_the_ski_erg_pass():
    (row, ski) = _validate(
        [
            {"kind": "cardio", "activity": "row", "duration_s": 600, "calories": 150},
            {"kind": "cardio", "activity": "ski", "distance_m": 1000, "duration_s": 240},
        ]
    )
    assert isinstance(row, CardioEntry)
    assert isinstance(ski, CardioEntry)
    assert (row.activity, row.calories, row.spoken_name) == ("row", 150, "row")
    assert (ski.activity, ski.distance_m, ski.calories) == ("ski", 1000.0, None)


def test_out_of_range_values_are_refused():
    too_long = {"kind": "strength", "spoken_name": "plank", "sets": [{"duration_s": 10**6}]}
    assert _validate([too_long]) == []
    cals = {"kind": "cardio", "activity": "bike", "duration_s": 60, "calories": -5}
    assert _validate([cals]) == []
