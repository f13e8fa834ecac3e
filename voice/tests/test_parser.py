"""Tests for the voice transcript parser (voice.parsing): forms, scope rules, noise and speed."""

import dataclasses
import json
import random
from pathlib import Path

import pytest

from voice.parsing import (
    CardioEntry,
    ParseResult,
    SetSpec,
    StrengthEntry,
    parse_transcript,
)
from voice.parsing import transcript as parser_module
from voice.parsing.entries import complete_entry

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "voice_utterances.json"
MIN_ACCURACY = 0.97

Row = tuple[int | None, float | None, str | None]  # (reps, weight, unit)


def strength(text: str, unit: str = "lb") -> list[tuple[str, list[Row]]]:
    """Each strength entry as (name, [(reps, weight, unit), ...])."""
    result = parse_transcript(text, unit)
    return [
        (e.spoken_name, [(s.reps, s.weight, s.unit) for s in e.sets])
        for e in result.entries
        if isinstance(e, StrengthEntry)
    ]


def one_entry(text: str, unit: str = "lb") -> StrengthEntry:
    result = parse_transcript(text, unit)
    assert len(result.entries) == 1, result
    entry = result.entries[0]
    assert isinstance(entry, StrengthEntry)
    return entry


def cardio(text: str) -> tuple[str, float | None, int | None, str]:
    result = parse_transcript(text)
    assert len(result.entries) == 1, result
    entry = result.entries[0]
    assert isinstance(entry, CardioEntry)
    return entry.activity, entry.distance_m, entry.duration_s, entry.spoken_name


# ---------------------------------------------------------------- result shape


def test_to_dict_shape() -> None:
    result = parse_transcript("bench press 2 sets of 8 at 185")
    assert result.to_dict() == {
        "entries": [
            {
                "kind": "strength",
                "spoken_name": "bench press",
                "sets": [
                    {
                        "reps": 8,
                        "weight": 185.0,
                        "unit": "lb",
                        "rpe": None,
                        "rir": None,
                        "added_load": False,
                        "duration_s": None,
                        "distance_m": None,
                        "per_side": False,
                    }
                ]
                * 2,
                "needs_confirmation": None,
            }
        ],
        "unparsed": [],
    }
    json.dumps(result.to_dict())


def test_cardio_to_dict_shape() -> None:
    assert parse_transcript("ran 5k in 25 minutes").to_dict()["entries"] == [
        {
            "kind": "cardio",
            "activity": "run",
            "distance_m": 5000.0,
            "duration_s": 1500,
            "spoken_name": "run",
            "splits": [],
            "recovery_s": None,
            "recovery_m": None,
            "calories": None,
            "needs_confirmation": None,
        }
    ]


def test_results_are_frozen_and_typed() -> None:
    result = parse_transcript("squat 225 for 5")
    entry = result.entries[0]
    assert isinstance(result, ParseResult)
    assert entry.kind == "strength"
    assert isinstance(entry, StrengthEntry)
    assert entry.sets == [SetSpec(reps=5, weight=225.0, unit="lb")]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.entries = []  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.sets[0].reps = 6  # type: ignore[misc]
    assert parse_transcript("ran 5k").entries[0].kind == "cardio"


# ---------------------------------------------------------------- set / rep / weight forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 sets of 8 at 185", [(8, 185.0, "lb")] * 3),
        ("5x5 at 140 kilos", [(5, 140.0, "kg")] * 5),
        ("4 by 6", [(6, None, None)] * 4),
        ("3x10 135", [(10, 135.0, "lb")] * 3),
        ("185 for 8 reps 3 sets", [(8, 185.0, "lb")] * 3),
        ("225 for 5, 245 for 3, 265 for 1", [(5, 225.0, "lb"), (3, 245.0, "lb"), (1, 265.0, "lb")]),
        ("135x10, 185x8, 205x6", [(10, 135.0, "lb"), (8, 185.0, "lb"), (6, 205.0, "lb")]),
        (
            "2 sets of 5 at 100 kg and 1 set of 3 at 110 kg",
            [(5, 100.0, "kg")] * 2 + [(3, 110.0, "kg")],
        ),
        ("one set of five at 405", [(5, 405.0, "lb")]),
        ("a single at 315", [(1, 315.0, "lb")]),
        ("315 for a single", [(1, 315.0, "lb")]),
        ("a double at 405", [(2, 405.0, "lb")]),
        ("a triple at 385", [(3, 385.0, "lb")]),
        ("did 10 reps of 60 kg", [(10, 60.0, "kg")]),
        ("185 x 8 x 3", [(8, 185.0, "lb")] * 3),
        ("3 x 8 x 185", [(8, 185.0, "lb")] * 3),
        ("8 at 185", [(8, 185.0, "lb")]),
        ("3 sets at 185 for 8", [(8, 185.0, "lb")] * 3),
        ("275 for 3 sets of 5", [(5, 275.0, "lb")] * 3),
        ("3 singles at 100 kg", [(1, 100.0, "kg")] * 3),
        ("a heavy single at 405", [(1, 405.0, "lb")]),
        ("2 back off sets of 8 at 245", [(8, 245.0, "lb")] * 2),
        ("10 reps with 135", [(10, 135.0, "lb")]),
        ("100 kg x 5", [(5, 100.0, "kg")]),
        ("20 x 5", [(5, 20.0, "lb")]),
    ],
)
def test_set_forms(text: str, expected: list[Row]) -> None:
    assert [(s.reps, s.weight, s.unit) for s in one_entry("squat " + text).sets] == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("deadlifted 500 pounds for 2 reps", "deadlift", [(2, 500.0, "lb")]),
        ("benched 225 for 5", "bench press", [(5, 225.0, "lb")]),
        ("squatted 3 plates for 5", "squat", [(5, 315.0, "lb")]),
        ("squatted 2 plates for 5", "squat", [(5, 225.0, "lb")]),
        ("benched a plate for 10", "bench press", [(10, 135.0, "lb")]),
        ("curled 30 pounds for 12", "curl", [(12, 30.0, "lb")]),
        ("pressed 95 for 8", "overhead press", [(8, 95.0, "lb")]),
        ("overhead pressed 135 for 5", "overhead press", [(5, 135.0, "lb")]),
        ("rowed 135 for 10", "row", [(10, 135.0, "lb")]),
        ("bench press 3 sets of 8 at 185 pounds", "bench press", [(8, 185.0, "lb")] * 3),
        ("3 sets of 8 at 185 on the incline bench", "incline bench", [(8, 185.0, "lb")] * 3),
        ("did 20 pushups", "pushups", [(20, None, None)]),
        ("pull ups 10, 8, 6", "pull ups", [(10, None, None), (8, None, None), (6, None, None)]),
    ],
)
def test_verbs_and_names(text: str, name: str, expected: list[Row]) -> None:
    assert strength(text) == [(name, expected)]


def test_plates_are_in_the_request_unit() -> None:
    """Issue 14: plate math in the athlete's unit (20 kg bar and plates for a kg request)."""
    assert strength("squatted 3 plates for 5", "kg") == [("squat", [(5, 140.0, "kg")])]


def test_rowed_distance_is_cardio() -> None:
    assert cardio("rowed 2000 meters in 7:45") == ("row", 2000.0, 465, "row")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three sets of ten at one thirty five", [(10, 135.0, "lb")] * 3),
        ("three sets of five at three hundred sixty", [(5, 360.0, "lb")] * 3),
        ("two twenty five for five", [(5, 225.0, "lb")]),
        ("two oh five for six", [(6, 205.0, "lb")]),
        ("one fifteen for twelve", [(12, 115.0, "lb")]),
        ("ninety five for ten", [(10, 95.0, "lb")]),
        ("a hundred for five", [(5, 100.0, "lb")]),
        ("a hundred and five for eight", [(8, 105.0, "lb")]),
        ("twelve and a half kilos for ten", [(10, 12.5, "kg")]),
        ("12.5 kg for 10", [(10, 12.5, "kg")]),
        ("two sets of twenty five", [(25, None, None)] * 2),
        ("five by five at two twenty five", [(5, 225.0, "lb")] * 5),
        ("three sets of eight at one eighty five", [(8, 185.0, "lb")] * 3),
        ("a hundred and one set of three", None),
    ],
)
def test_number_words(text: str, expected: list[Row] | None) -> None:
    if expected is None:  # "a hundred and one set of three": 100 is not merged with "one set"
        assert strength("squat " + text) == [("squat", [(3, None, None)])]
        return
    assert strength("squat " + text) == [("squat", expected)]


@pytest.mark.parametrize(
    ("spoken", "unit"),
    [
        ("pounds", "lb"),
        ("pound", "lb"),
        ("lbs", "lb"),
        ("lb", "lb"),
        ("#", "lb"),
        ("kilos", "kg"),
        ("kilo", "kg"),
        ("kilograms", "kg"),
        ("kg", "kg"),
        ("kgs", "kg"),
        ("kay gee", "kg"),
    ],
)
def test_units(spoken: str, unit: str) -> None:
    assert strength(f"squat 100 {spoken} for 5", "lb" if unit == "kg" else "kg") == [
        ("squat", [(5, 100.0, unit)])
    ]


def test_default_unit_applies_only_to_unitless_weights() -> None:
    assert strength("squat 100 for 5", "kg") == [("squat", [(5, 100.0, "kg")])]
    assert strength("squat 100 for 5") == [("squat", [(5, 100.0, "lb")])]
    assert strength("squat 3x5", "kg") == [("squat", [(5, None, None)] * 3)]


def test_spoken_unit_carries_to_later_weights_of_the_same_lift() -> None:
    assert strength("bench 60 kilos for 10, 70 for 8") == [
        ("bench", [(10, 60.0, "kg"), (8, 70.0, "kg")])
    ]


# ---------------------------------------------------------------- RPE / RIR / added load


def ratings(text: str) -> list[tuple[float | None, int | None]]:
    return [(s.rpe, s.rir) for s in one_entry(text).sets]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat 3 sets of 5 at 100 kg at RPE 8", [(8.0, None)] * 3),
        ("squat 225 for 5 RPE 7.5", [(7.5, None)]),
        ("squat 225 for 5 at rpe seven and a half", [(7.5, None)]),
        ("squat 225 for 5 at an 8", [(8.0, None)]),
        ("squat 225 for 5 at 8 rpe", [(8.0, None)]),
        ("squat 225 for 5 at an RPE of 9", [(9.0, None)]),
        ("squat 225 for 5 r p e 8", [(8.0, None)]),
        ("squat 3 sets of 5 at 225 with 2 in reserve", [(None, 2)] * 3),
        ("squat 3 sets of 5 at 225, 2 reps in reserve", [(None, 2)] * 3),
        ("squat 3 sets of 5 at 225 RIR 2", [(None, 2)] * 3),
        ("squat 225 for 5 with 2 left in the tank", [(None, 2)]),
        ("squat 3 sets of 5 at 225 to failure", [(None, 0)] * 3),
        ("squat 3 sets of 5 at 100 kg, last set RPE 9", [(None, None)] * 2 + [(9.0, None)]),
        ("curls 3 sets of 12 at 30, last set to failure", [(None, None)] * 2 + [(None, 0)]),
        ("squat 3x5 at 225 at RPE 8, last set RPE 9", [(8.0, None)] * 2 + [(9.0, None)]),
        ("squat 225 for 5 at RPE 7, 245 for 3 at RPE 8", [(7.0, None), (8.0, None)]),
        ("squat 225 for 5, 245 for 3 at RPE 9", [(None, None), (9.0, None)]),
        ("squat 5 sets of 3 at 200 kg, RPE 8", [(8.0, None)] * 5),
    ],
)
def test_rpe_and_rir_scope(text: str, expected: list[tuple[float | None, int | None]]) -> None:
    assert ratings(text) == expected


@pytest.mark.parametrize(
    ("text", "weight", "unit"),
    [
        ("pull ups 3 sets of 8 with 25 pounds added", 25.0, "lb"),
        ("dips 3 sets of 10 plus 25", 25.0, "lb"),
        ("dips 3 sets of 10 +25", 25.0, "lb"),
        ("chin ups with a 45 pound plate for 6", 45.0, "lb"),
        ("dips 3x8 with a plate", 45.0, "lb"),
        ("pull-ups 5x5 with 10 kg", 10.0, "kg"),
        ("weighted dips 20 kg for 8", 20.0, "kg"),
    ],
)
def test_added_load(text: str, weight: float, unit: str) -> None:
    sets = one_entry(text).sets
    assert {(s.weight, s.unit, s.added_load) for s in sets} == {(weight, unit, True)}


def test_barbell_weight_is_not_added_load() -> None:
    assert not any(s.added_load for s in one_entry("bench 3x8 at 185").sets)
    assert not any(s.added_load for s in one_entry("pull ups 3 sets of 10").sets)


# ---------------------------------------------------------------- several exercises


@pytest.mark.parametrize(
    "joiner", [" then ", " and then ", ", after that ", " followed by ", ". next ", "; ", ", "]
)
def test_split_between_exercises(joiner: str) -> None:
    text = f"bench press 3 sets of 8 at 185{joiner}squats 5x5 at 225"
    assert strength(text) == [
        ("bench press", [(8, 185.0, "lb")] * 3),
        ("squats", [(5, 225.0, "lb")] * 5),
    ]


def test_and_between_exercises_splits_but_not_within_one() -> None:
    assert strength("squats 5x5 at 100 kg and bench 5x5 at 70 kg") == [
        ("squats", [(5, 100.0, "kg")] * 5),
        ("bench", [(5, 70.0, "kg")] * 5),
    ]
    assert strength("clean and jerk 3 singles at 100 kg") == [
        ("clean and jerk", [(1, 100.0, "kg")] * 3)
    ]


def test_name_in_its_own_segment_carries_to_the_numbers() -> None:
    assert strength("bench press, 3 sets of 8 at 185") == [("bench press", [(8, 185.0, "lb")] * 3)]
    assert strength("okay squats, 5 sets of 5, 225") == [("squats", [(5, 225.0, "lb")] * 5)]


def test_modifier_names_are_kept_whole() -> None:
    for name in (
        "close grip bench",
        "sumo deadlift",
        "romanian deadlift",
        "front squat",
        "seated db shoulder press",
        "one arm dumbbell row",
        "t-bar row",
        "incline db press",
        "good mornings",
        "single arm cable row",
    ):
        assert strength(f"{name} 3x8 at 50") == [(name, [(8, 50.0, "lb")] * 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 100 kg 3 by 5", [(5, 100.0, "kg")] * 3),
        ("squat 225 pounds 5x5", [(5, 225.0, "lb")] * 5),
        ("dumbbell curls 35s 3 by 12", [(12, 35.0, "lb")] * 3),
        ("dumbbell curls the 35s 3 sets of 12", [(12, 35.0, "lb")] * 3),
    ],
)
def test_sets_by_reps_after_a_lone_weight_use_that_weight(text: str, expected: list[Row]) -> None:
    assert strength(text)[0][1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 225 for 5, 5 and 4", [(5, 225.0, "lb"), (5, 225.0, "lb"), (4, 225.0, "lb")]),
        ("db press 70s for 10, 9 and 8", [(10, 70.0, "lb"), (9, 70.0, "lb"), (8, 70.0, "lb")]),
        ("squat 100 kg for 5, then 4", [(5, 100.0, "kg"), (4, 100.0, "kg")]),
    ],
)
def test_a_list_of_rep_counts_keeps_the_weight(text: str, expected: list[Row]) -> None:
    assert strength(text)[0][1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 3 sets of 10, no wait, 12 at 135", [(12, 135.0, "lb")] * 3),
        ("squat 225, sorry, 245 for 5", [(5, 245.0, "lb")]),
        ("rows 4 sets of 8, I mean 10, at 115", [(10, 115.0, "lb")] * 4),
        ("curls 3 sets of 12 at 30, actually 35", [(12, 35.0, "lb")] * 3),
        ("deadlift 3 sets of 5 at 315 no wait 335", [(5, 335.0, "lb")] * 3),
        ("squat 225 pounds, no, 100 kilos for 5", [(5, 100.0, "kg")]),
        ("squat 5 reps, sorry, 6 reps at 225", [(6, 225.0, "lb")]),
        ("bench 3 sets of 8 at 185, actually 4 sets of 8", [(8, 185.0, "lb")] * 4),
    ],
)
def test_a_corrected_number_replaces_the_one_before(text: str, expected: list[Row]) -> None:
    result = parse_transcript(text)
    assert strength(text) == [(text.split()[0], expected)]
    assert result.unparsed == []


def test_a_correction_marker_without_a_number_is_filler() -> None:
    assert strength("bench, sorry, squat 3 by 5") == [("squat", [(5, None, None)] * 3)]


def test_a_corrected_distance_replaces_the_distance() -> None:
    assert cardio("ran 5 miles, sorry, 6 miles in 48 minutes") == ("run", 9656.064, 2880, "run")


@pytest.mark.parametrize(
    "text",
    [
        "superset curls 3x12 at 30 with tricep pushdowns 3x12 at 50",
        "superset: curls 3 by 12 at 30 and tricep pushdowns 3 by 12 at 50",
        "curls 3x12 at 30 supersetted with tricep pushdowns 3x12 at 50",
    ],
)
def test_superset_names_two_lifts(text: str) -> None:
    assert strength(text) == [
        ("curls", [(12, 30.0, "lb")] * 3),
        ("tricep pushdowns", [(12, 50.0, "lb")] * 3),
    ]


def test_with_still_gives_a_load_inside_a_superset() -> None:
    assert strength("superset dumbbell curls 3 by 10 with the 25s and dips 3 by 10") == [
        ("dumbbell curls", [(10, 25.0, "lb")] * 3),
        ("dips", [(10, None, None)] * 3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "superset of lateral raises and face pulls, 3 sets of 15",
        "lateral raises and face pulls, 3 sets of 15 each",
    ],
)
def test_sets_said_once_for_paired_lifts_go_to_each(text: str) -> None:
    result = parse_transcript(text)
    assert strength(text) == [
        ("lateral raises", [(15, None, None)] * 3),
        ("face pulls", [(15, None, None)] * 3),
    ]
    assert result.unparsed == []


def test_sets_said_once_after_two_names_go_to_the_last_without_each() -> None:
    result = parse_transcript("lateral raises and face pulls, 3 sets of 15")
    assert strength("lateral raises and face pulls, 3 sets of 15") == [
        ("face pulls", [(15, None, None)] * 3)
    ]
    assert result.unparsed == ["lateral raises"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("chin ups bodyweight 3 by 8", "chin ups"),
        ("squats body weight 3 by 20", "squats"),
        ("bodyweight squats 3 by 20", "bodyweight squats"),
    ],
)
def test_trailing_bodyweight_is_the_load_not_the_name(text: str, name: str) -> None:
    assert one_entry(text).spoken_name == name
    assert [s.weight for s in one_entry(text).sets] == [None] * 3


# ---------------------------------------------------------------- cardio


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ran 5k in 24 minutes 30 seconds", ("run", 5000.0, 1470, "run")),
        ("10 mile run in 1 hour 25 minutes", ("run", 16093.44, 5100, "run")),
        ("cycled 20 km in 45 minutes", ("bike", 20000.0, 2700, "cycle")),
        ("rowed 2000 meters in 7:45", ("row", 2000.0, 465, "row")),
        ("jogged 4 miles in 40 minutes", ("run", 6437.376, 2400, "jog")),
        ("half marathon in 1:45:00", ("run", 21097.5, 6300, "half marathon")),
        ("half marathon in 1:45", ("run", 21097.5, 6300, "half marathon")),
        ("marathon", ("run", 42195.0, None, "marathon")),
        ("walked for 30 minutes", ("walk", None, 1800, "walk")),
        ("swam 1500 meters", ("swim", 1500.0, None, "swim")),
        ("biked 10 miles", ("bike", 16093.44, None, "bike")),
        ("a 5k run", ("run", 5000.0, None, "run")),
        ("ran three miles", ("run", 4828.032, None, "run")),
        ("swam 800 yards", ("swim", 731.52, None, "swim")),
        ("ran 400 meters in 1:15", ("run", 400.0, 75, "run")),
        ("walked for an hour and a half", ("walk", None, 5400, "walk")),
        ("rowed 2000 meters in seven forty five", ("row", 2000.0, 465, "row")),
        ("ran 5k, took me 24 minutes", ("run", 5000.0, 1440, "run")),
        ("did 30 minutes on the bike", ("bike", None, 1800, "bike")),
    ],
)
def test_cardio(text: str, expected: tuple[str, float | None, int | None, str]) -> None:
    assert cardio(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ran 6 miles at 8 minute pace", ("run", 9656.064, 2880, "run")),
        ("ran 3 miles at a 9:30 pace", ("run", 4828.032, 1710, "run")),
        ("ran 3 miles at 9 minute miles", ("run", 4828.032, 1620, "run")),
        ("ran 10k at 5 minutes per kilometer", ("run", 10000.0, 3000, "run")),
        ("ran 10k at 4:30 per k", ("run", 10000.0, 2700, "run")),
        ("ran 5 miles at 7:30 a mile pace", ("run", 8046.72, 2250, "run")),
        ("walked 2 miles at a 15 minute per mile pace", ("walk", 3218.688, 1800, "walk")),
        ("rowed 2000 meters at a 1:55 split", ("row", 2000.0, 460, "row")),
        ("rowed 5000 meters at 2 minute pace", ("row", 5000.0, 1200, "row")),
        ("swam 1500 meters at 2 minute pace", ("swim", 1500.0, 1800, "swim")),
        ("ran 6 miles in 50 minutes at 8 minute pace", ("run", 9656.064, 3000, "run")),
    ],
)
def test_pace_times_distance_is_the_duration(
    text: str, expected: tuple[str, float | None, int | None, str]
) -> None:
    assert cardio(text) == expected


def test_pace_without_a_distance_unit_follows_the_default_unit() -> None:
    assert parse_transcript("half marathon at 8 minute pace").entries[0] == CardioEntry(
        "run", 21097.5, 6293, "half marathon"
    )
    kilometres = parse_transcript("half marathon at 5 minute pace", "kg").entries[0]
    assert isinstance(kilometres, CardioEntry)
    assert kilometres.duration_s == 6329


def test_cardio_and_strength_in_one_utterance() -> None:
    result = parse_transcript("ran 5k then squats 5x5 at 225 and then walked for 20 minutes")
    assert [e.kind for e in result.entries] == ["cardio", "strength", "cardio"]


# ---------------------------------------------------------------- filler and noise


@pytest.mark.parametrize(
    "text",
    [
        "um so I did like bench press uh 3 sets of 8 at 185",
        "okay so today I just did bench press 3 sets of 8 at 185",
        "yeah then I did bench press 3 sets of 8 at 185",
        "for my workout I did bench press 3 sets of 8 at 185 today",
    ],
)
def test_filler_is_dropped(text: str) -> None:
    result = parse_transcript(text)
    assert strength(text) == [("bench press", [(8, 185.0, "lb")] * 3)]
    assert result.unparsed == []


@pytest.mark.parametrize(
    "text",
    ["what's the weather", "hello", "set a timer for 5 minutes", "I weigh 180 pounds", "squats"],
)
def test_no_training_goes_to_unparsed(text: str) -> None:
    result = parse_transcript(text)
    assert result.entries == []
    assert result.unparsed


def test_unparsed_is_stripped_of_filler() -> None:
    result = parse_transcript("bench 3x8 at 185, um what's the weather")
    assert result.unparsed == ["what's the weather"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "um", "uh okay so"])
def test_empty_and_filler_only(text: str) -> None:
    assert parse_transcript(text) == ParseResult(entries=[], unparsed=[])


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "text",
    [
        "💪🔥🏋️",
        "'; DROP TABLE users; --",
        "<script>alert(1)</script>",
        "1:2:3:4:5 99:99 x x x by by",
        "9" * 5000,
        "one " * 3000,
        "and then " * 2000,
        "a hundred and " * 1000,
        "rpe rpe rpe at an at an",
        "\x00\x01\u202e bench 3x5 at 225",
        "3 sets of 99999999999999999999 at 1e308",
        "squat 500 sets of 5",
    ],
)
def test_hostile_input_never_raises(text: str) -> None:
    result = parser_module._parse(text, "lb")  # the internal path, without the safety net
    json.dumps(result.to_dict())


def test_absurd_numbers_are_returned_for_the_caller_to_validate() -> None:
    assert strength("bench 99999 pounds for 5") == [("bench", [(5, 99999.0, "lb")])]
    many = parse_transcript("squat 500 sets of 5")  # too many to expand: left for a human
    assert many.entries == []
    assert many.unparsed


def test_random_token_soup_never_raises() -> None:
    vocab = " ".join(
        (
            "3 sets of 8 at 185 x by for a single double plates plate kg lb # rpe rir in",
            "reserve to failure last set then and , . ; ran 5k miles in 7:45 1:45:00 hour",
            "minutes two twenty five oh hundred and a half point with plus added um like",
            "bench squats pull ups 💪 ' - @ + 0 99999 marathon half an",
        )
    ).split()
    rng = random.Random(1234)
    for _ in range(1500):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 40)))
        result = parser_module._parse(text, rng.choice(["lb", "kg", "stone"]))
        json.dumps(result.to_dict())


def test_non_string_input_does_not_raise() -> None:
    assert parse_transcript(None) == ParseResult(entries=[], unparsed=[])  # type: ignore[arg-type]


def test_long_input_parses_every_repeated_entry() -> None:
    """Its speed is measured by ``python -m bench.voice_latency``, not asserted here."""
    chunk = "um bench press 3 sets of 8 at 185 then ran 5k in 24 minutes, what's up 💪 "
    text = (chunk * (10_000 // len(chunk) + 1))[:10_000]
    result = parse_transcript(text)
    assert len(result.entries) >= 10_000 // len(chunk)
    assert {entry.kind for entry in result.entries} == {"strength", "cardio"}


def test_text_beyond_the_cap_is_returned_unparsed() -> None:
    text = "bench 3x8 at 185. " * 700  # 12,600 characters
    result = parse_transcript(text)
    assert result.entries
    lifts = [e for e in result.entries if isinstance(e, StrengthEntry)]
    assert len(lifts) == len(result.entries)
    assert all((s.reps, s.weight) == (8, 185.0) for e in lifts for s in e.sets)
    assert "bench 3x8 at 185" in result.unparsed[-1]


# ---------------------------------------------------------------- labelled data


def test_labelled_utterances() -> None:
    rows = json.loads(DATA.read_text())
    assert len(rows) >= 220
    failures = []
    for row in rows:
        result = parse_transcript(row["transcript"], row["unit"])
        expected = row["expected"]
        got = result.to_dict()["entries"]
        if (
            got != [complete_entry(e) for e in expected["entries"]]
            or bool(result.unparsed) != expected["unparsed_nonempty"]
        ):
            failures.append(
                f"{row['transcript']!r}\n  expected {expected}\n  got {got} {result.unparsed}"
            )
    accuracy = 1 - len(failures) / len(rows)
    print(f"labelled accuracy {accuracy:.1%} ({len(rows) - len(failures)}/{len(rows)})")
    print("\n".join(failures))
    assert accuracy >= MIN_ACCURACY, "\n".join(failures)


# ---------------------------------------------------------------- issue 14 phrasings


def sets_of(text: str, unit: str = "lb") -> list[tuple[object, ...]]:
    entry = one_entry(text, unit)
    return [(s.reps, s.weight, s.unit, s.duration_s, s.distance_m, s.per_side) for s in entry.sets]


def lb(reps: int, weight: float) -> tuple[object, ...]:
    return (reps, weight, "lb", None, None, False)


def held(seconds: int, side: bool = False) -> tuple[object, ...]:
    return (None, None, None, seconds, None, side)


def carried(metres: float, weight: float, unit: str) -> tuple[object, ...]:
    return (None, weight, unit, None, metres, False)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("shrugs 3 x 12 holding the 80s", "lb", [lb(12, 80.0)] * 3),
        ("goblet squats 3 x 10 using a 70", "lb", [lb(10, 70.0)] * 3),
        ("lateral raises 3 x 15 with the twenty fives", "lb", [lb(15, 25.0)] * 3),
        ("bench two plates for 5", "lb", [lb(5, 225.0)]),
        ("bench two plates for 5", "kg", [(5, 100.0, "kg", None, None, False)]),
        ("squat a plate and a quarter for 5", "lb", [lb(5, 185.0)]),
        ("squat three plates a side for 2", "kg", [(2, 140.0, "kg", None, None, False)]),
        ("bench the empty bar for 15", "lb", [lb(15, 45.0)]),
        ("L-sit 4 sets of 20 seconds", "lb", [held(20)] * 4),
        ("wall sit 2 sets of a minute and a half", "lb", [held(90)] * 2),
        ("yoke walk 3 x 15 m at 200 kg", "kg", [carried(15.0, 200.0, "kg")] * 3),
        ("sled push 2 x 50 feet at 270 pounds", "lb", [carried(15.24, 270.0, "lb")] * 2),
        ("side plank 2 x 30 seconds each side", "lb", [held(30, side=True)] * 2),
        ("curls 15, 12, 10 at 40 pounds", "lb", [lb(15, 40.0), lb(12, 40.0), lb(10, 40.0)]),
        ("bench 225 for 6, stripped to 135 for 12", "lb", [lb(6, 225.0), lb(12, 135.0)]),
        (
            "deadlift 315 for 5, 5, and then as many as possible which was 11",
            "lb",
            [lb(5, 315.0), lb(5, 315.0), lb(11, 315.0)],
        ),
    ],
)
def test_issue_14_strength_phrasings(
    text: str, unit: str, expected: list[tuple[object, ...]]
) -> None:
    assert sets_of(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("ran a 9 minute mile", "lb", ("run", 1609.344, 540)),
        ("a 22 minute 5k", "kg", ("run", 5000.0, 1320)),
        ("10k run in 41:20", "kg", ("run", 10000.0, 2480)),
        (
            "jogged 3 miles in twenty seven minutes and thirty seconds",
            "lb",
            ("run", 4828.032, 1650),
        ),
        ("tempo 15 minutes at 5:10 pace", "kg", ("run", 2903.226, 900)),
        ("easy 12k", "kg", ("run", 12000.0, None)),
        ("ski erg 2k in 8:40", "kg", ("ski", 2000.0, 520)),
        ("cycled 40 kilometers 1 hour 25", "kg", ("bike", 40000.0, 5100)),
        ("swam 40 lengths of a 25 meter pool", "kg", ("swim", 1000.0, None)),
    ],
)
def test_issue_14_cardio_phrasings(text: str, unit: str, expected: tuple[object, ...]) -> None:
    result = parse_transcript(text, unit)
    (entry,) = result.entries
    assert isinstance(entry, CardioEntry)
    assert (entry.activity, entry.distance_m, entry.duration_s) == expected


def test_rpe_said_per_set() -> None:
    entry = one_entry("squats 5 x 5 at 100 kg rpe 6 6 7 7 8", "kg")
    assert [s.rpe for s in entry.sets] == [6.0, 6.0, 7.0, 7.0, 8.0]
    entry = one_entry("pull ups 3 sets of 8, RIR 2, 1, 0")
    assert [s.rir for s in entry.sets] == [2, 1, 0]


def test_calories_on_an_erg() -> None:
    (entry,) = parse_transcript("echo bike 10 minutes, 120 calories").entries
    assert isinstance(entry, CardioEntry)
    assert (entry.activity, entry.duration_s, entry.calories) == ("bike", 600, 120)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 x 1k at 4:00 with 2 minutes rest", (5000.0, 1200, 5, 120, None)),
        ("10 x 400m in 90 seconds", (4000.0, 900, 10, None, None)),
        ("track session 12 x 400 at 82 seconds, 200 jog recovery", (4800.0, 984, 12, None, 200.0)),
        ("did 5 1k repeats in 3:50", (5000.0, 1150, 5, None, None)),
        ("20 x 1 minute on 1 minute off", (None, 1200, 20, 60, None)),
    ],
)
def test_repeats_said_other_ways(text: str, expected: tuple[object, ...]) -> None:
    (entry,) = parse_transcript(text, "kg").entries
    assert isinstance(entry, CardioEntry)
    said = (entry.distance_m, entry.duration_s, len(entry.splits))
    assert (*said, entry.recovery_s, entry.recovery_m) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("curls 40s for 10, then down to 25s for 12", [lb(10, 40.0), lb(12, 25.0)]),
        ("bench 2 plates and a ten for 3", [lb(3, 245.0)]),
        ("lunges 2 x 12 with 25 pounds in each hand", [lb(12, 25.0)] * 2),
    ],
)
def test_more_load_phrasings(text: str, expected: list[tuple[object, ...]]) -> None:
    assert sets_of(text) == expected
