"""Times listed one per repeat or per set, holds with a plate, repeats with no run word, and
numbers with a scale word or a thousands separator."""

import pytest

from voice.parsing import parse_transcript


def _one(text: str, unit: str = "kg") -> dict:
    result = parse_transcript(text, unit).to_dict()
    (entry,) = result["entries"]
    return entry


def _times(entry: dict) -> list[int | None]:
    return [split["duration_s"] for split in entry["splits"]]


def test_bare_times_listed_after_the_repeats_are_one_per_repeat():
    entry = _one("6 by 400 in 75, 74, 73, 72, 72, 70")
    assert _times(entry) == [75, 74, 73, 72, 72, 70]
    assert (entry["distance_m"], entry["duration_s"]) == (2400.0, 436)
    assert entry["needs_confirmation"] is None


def test_fewer_listed_times_than_repeats_ask_about_the_rest():
    result = parse_transcript("6 x 400 in 75, 74, 73", "kg").to_dict()
    (entry,) = result["entries"]
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "74, 73"}


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("dead hang holds of 40, 35 and 30 seconds", [40, 35, 30]),
        ("side plank 2 sets, first one 45 seconds and then 38", [45, 38]),
        ("wall sit 90 then 60 then 45 seconds", [90, 60, 45]),
        ("plank for 60 seconds then 45 then 30", [60, 45, 30]),
        ("hollow body hold 3 x 30, 30 and 25 seconds", [30, 30, 25]),
    ],
)
def test_a_time_per_set(text, times):
    entry = _one(text)
    assert [(s["reps"], s["weight"], s["duration_s"]) for s in entry["sets"]] == [
        (None, None, t) for t in times
    ]


def test_each_side_said_after_a_list_of_holds_is_said_of_all_of_them():
    entry = _one("side plank holds of 30 and 25 seconds each side")
    assert [(s["duration_s"], s["per_side"]) for s in entry["sets"]] == [(30, True), (25, True)]


@pytest.mark.parametrize(
    ("text", "unit", "weight"),
    [
        ("wall sit holding a 45 plate for 60 seconds", "lb", 45.0),
        ("wall sit 60 seconds holding a 20 plate", "kg", 20.0),
        ("wall sit 3 x 45 seconds holding a plate", "kg", 20.0),
        ("wall sit 3 x 45 seconds holding a plate", "lb", 45.0),
        ("wall sit holding a 45, 2 minutes", "lb", 45.0),
    ],
)
def test_a_plate_held_on_a_hold_is_the_load_it_names_added_to_the_body(text, unit, weight):
    (held, *_) = _one(text, unit)["sets"]
    assert (held["weight"], held["unit"], held["added_load"]) == (weight, unit, True)
    assert held["duration_s"] in (45, 60, 120)


def test_plates_counted_are_still_the_bar_total():
    (squat,) = _one("squat 2 plates for 5", "lb")["sets"]
    assert squat["weight"] == 225.0


@pytest.mark.parametrize(
    ("text", "count", "each_m", "each_s"),
    [
        ("did 10 repeats of 200 in 36", 10, 200.0, 36),
        ("did 10 reps of 200 in 36 seconds", 10, 200.0, 36),
        ("5 times a k at 3:50", 5, 1000.0, 230),
        ("did 5 repeats of a k in 3:45", 5, 1000.0, 225),
        ("8 400s", 8, 400.0, None),
    ],
)
def test_repeats_with_no_run_word_are_one_run(text, count, each_m, each_s):
    entry = _one(text)
    assert (entry["kind"], entry["activity"]) == ("cardio", "run")
    assert entry["splits"] == [{"distance_m": each_m, "duration_s": each_s}] * count


@pytest.mark.parametrize(
    "text",
    [
        "ran 10,000 meters in 50 minutes",
        "ran 10, 000 meters in 50 minutes",
        "ran ten thousand meters in 50 minutes",
        "ran 10 thousand meters in 50 minutes",
        "ran 10000 meters in 50 minutes",
    ],
)
def test_ten_thousand_meters_however_it_is_written(text):
    entry = _one(text)
    assert (entry["distance_m"], entry["duration_s"], entry["needs_confirmation"]) == (
        10000.0,
        3000,
        None,
    )


def test_a_number_with_a_separator_is_asked_about_as_written():
    entry = _one("walked 12,000 steps today", "lb")
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "12,000"}


def test_digits_with_hundred_or_thousand():
    assert _one("swam 15 hundred meters in 28 minutes")["distance_m"] == 1500.0
    assert _one("ran 10 thousand five hundred meters")["distance_m"] == 10500.0


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("5 x 1000 meters, 3:58, 3:55, 3:54, 3:52, 3:50", [238, 235, 234, 232, 230]),
        ("8 x 400 meters: 88, 87, 86, 86, 85, 84, 84, 82", [88, 87, 86, 86, 85, 84, 84, 82]),
        ("400 repeats, 6 of them, 80, 79, 78, 78, 77, 76", [80, 79, 78, 78, 77, 76]),
    ],
)
def test_times_said_after_the_repeats_are_one_each(text, times):
    entry = _one(text)
    assert _times(entry) == times
    assert entry["duration_s"] == sum(times)


def test_times_after_the_repeats_that_do_not_fit_them_ask_and_set_no_total():
    entry = _one("did 5 x 1k, 3:50, 3:48 and 3:45")
    assert entry["duration_s"] is None
    assert entry["needs_confirmation"] == {
        "reason": "unused_number",
        "words": "3:50, 3:48 and 3:45",
    }


@pytest.mark.parametrize(
    ("text", "unit", "count", "each_m", "each_s"),
    [
        ("row 250 meters 8 times at 1:45 pace", "kg", 8, 250.0, 52),
        ("4 mile repeats at 6:45 with 400 jog", "lb", 4, 1609.344, 405),
        ("2 mile repeats, 3 of them", "lb", 3, 3218.688, None),
        ("hill sprints 8 times, 20 seconds each", "lb", 8, None, 20),
    ],
)
def test_the_count_said_after_or_inside_the_repeat(text, unit, count, each_m, each_s):
    entry = _one(text, unit)
    assert entry["splits"] == [{"distance_m": each_m, "duration_s": each_s}] * count


def test_a_race_distance_named_in_metres():
    entry = _one("ran a 5,000 in 19:45", "lb")
    assert (entry["activity"], entry["distance_m"], entry["duration_s"]) == ("run", 5000.0, 1185)


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("did a 4 plate deadlift for 2", 405.0),
        ("3 plate squat for 2", 315.0),
        ("wall sit holding a 10 plate for 60 seconds", 10.0),
    ],
)
def test_a_plate_count_and_a_plate_named_by_its_weight(text, weight):
    assert {s["weight"] for s in _one(text, "lb")["sets"]} == {weight}


@pytest.mark.parametrize(
    ("text", "unit", "weight"),
    [
        ("overhead press the bar plus a ten on each side for 8", "lb", 65.0),
        ("bench the bar plus 25s a side for 10", "lb", 95.0),
        ("squat the bar and a 10 each side 3 x 5", "kg", 40.0),
    ],
)
def test_the_bar_plus_a_plate_a_side(text, unit, weight):
    assert {s["weight"] for s in _one(text, unit)["sets"]} == {weight}


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("curls 12, 10 and 8 at 30, 35 and 40", "lb"),
        ("curls 12, 10 and 8 at 30, 35 and 40 pounds", "lb"),
        ("curls 12, 10 and 8 with 30, 35 and 40 kilos", "kg"),
    ],
)
def test_a_rep_list_with_one_load_each(text, unit):
    sets = _one(text, unit)["sets"]
    assert [(s["reps"], s["weight"], s["unit"]) for s in sets] == [
        (12, 30.0, unit),
        (10, 35.0, unit),
        (8, 40.0, unit),
    ]


def test_steps_counted_in_sets_are_reps_and_a_box_height_asks():
    (lunge, *_) = _one("walking lunges 3 x 20 steps with 25s", "lb")["sets"]
    assert (lunge["reps"], lunge["weight"]) == (20, 25.0)
    box = _one("box jumps 3 x 5 on a 30 inch box", "lb")
    assert box["needs_confirmation"] == {"reason": "unused_number", "words": "30"}


@pytest.mark.parametrize(
    ("text", "unit", "reps"),
    [
        ("leg press 3 x 10, last set to failure, got 16", "lb", [10, 10, 16]),
        ("bench 4 x 6 at 80, the last one I got 9", "kg", [6, 6, 6, 9]),
        ("squat 3 x 5 at 225, last set 8 reps", "lb", [5, 5, 8]),
        ("bench 3 x 8 at 185, last set for 6", "lb", [8, 8, 6]),
    ],
)
def test_the_last_sets_count_said_after_the_sets(text, unit, reps):
    sets = _one(text, unit)["sets"]
    assert [s["reps"] for s in sets] == reps
    assert len({s["weight"] for s in sets}) == 1
    assert {s["rir"] for s in sets} == {None}


def test_at_sign_after_a_loaded_set_is_its_rpe():
    sets = _one("bench 225 x 3 @ 9 and 245 x 1 @ 9.5", "lb")["sets"]
    assert [(s["reps"], s["weight"], s["rpe"]) for s in sets] == [(3, 225.0, 9.0), (1, 245.0, 9.5)]
    assert {s["weight"] for s in _one("squat 3 x 5 @ 225", "lb")["sets"]} == {225.0}


def test_drops_counted_before_them():
    entry = _one("lat pulldown 3 drops, 160 for 10, 130 for 8, 100 for 8", "lb")
    assert [(s["reps"], s["weight"]) for s in entry["sets"]] == [
        (10, 160.0),
        (8, 130.0),
        (8, 100.0),
    ]
    assert entry["needs_confirmation"] is None
    asked = _one("skull crushers 4 101 sets: 12, 10, 10, 8 with 30 kg")
    assert asked["needs_confirmation"] == {"reason": "unused_number", "words": "4 101"}


@pytest.mark.parametrize(
    ("text", "reps", "weight", "count"),
    [
        ("overhead press 95 3 by 8", 8, 95.0, 3),
        ("bench 1 85 for 8", 8, 185.0, 1),
        ("leg press 4 50 for 10", 10, 450.0, 1),
    ],
)
def test_a_load_said_before_its_sets_or_split_in_two(text, reps, weight, count):
    sets = _one(text, "lb")["sets"]
    assert [(s["reps"], s["weight"]) for s in sets] == [(reps, weight)] * count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("bench 3 x 10 at 135, tempo 3 1 1", "3 1 1"),
        ("squat 4 x 6 at 100, slept 6 hours", "6"),
    ],
)
def test_a_lift_tempo_and_hours_slept_ask(text, words):
    result = parse_transcript(text, "kg").to_dict()
    (entry,) = result["entries"]
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": words}


def test_a_rating_said_of_the_last_set_after_it():
    sets = _one("push press 3 x 5 at 135, rpe 8 on the last set", "lb")["sets"]
    assert [s["rpe"] for s in sets] == [None, None, 8.0]


def test_a_superset_shares_its_sets_and_takes_one_load_per_lift():
    result = parse_transcript("superset curls and pushdowns, 3 x 12 at 30 and 50", "lb").to_dict()
    assert [
        (e["spoken_name"], {(s["reps"], s["weight"]) for s in e["sets"]}) for e in result["entries"]
    ] == [
        ("curls", {(12, 30.0)}),
        ("pushdowns", {(12, 50.0)}),
    ]
    assert [len(e["sets"]) for e in result["entries"]] == [3, 3]
    assert all(e["needs_confirmation"] is None for e in result["entries"])
