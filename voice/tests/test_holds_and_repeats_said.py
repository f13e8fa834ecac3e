"""Timed holds and repeats as lifters and runners say them: rounds said after a hold, clocks,
times listed with "then", counts of holds, loads on a hold, recoveries by the clock, ladders."""

import pytest

from voice.parsing import parse_transcript


def _parsed(text: str, unit: str = "lb") -> dict:
    return parse_transcript(text, unit).to_dict()


def _only(text: str, unit: str = "lb") -> dict:
    entries = _parsed(text, unit)["entries"]
    assert len(entries) == 1, entries
    return entries[0]


def _holds(entry: dict) -> list[tuple]:
    return [(s["reps"], s["duration_s"]) for s in entry["sets"]]


def _sets_by_name(result: dict) -> list[tuple]:
    return [(e["spoken_name"], len(e["sets"])) for e in result["entries"]]


@pytest.mark.parametrize(
    "text",
    ["plank 90 seconds, 3 rounds", "plank 90 seconds 3 rounds", "plank 90 seconds, three rounds"],
)
def test_rounds_said_after_one_hold_are_its_sets(text):
    entry = _only(text)
    assert _holds(entry) == [(None, 90)] * 3
    assert entry["needs_confirmation"] is None


def test_rounds_said_after_a_hold_and_before_then_stay_with_it():
    result = _parsed("plank for 1 minute, 3 rounds, then wall sit 60 seconds")
    assert [(e["spoken_name"], _holds(e)) for e in result["entries"]] == [
        ("plank", [(None, 60)] * 3),
        ("wall sit", [(None, 60)]),
    ]


def test_rounds_said_after_two_lifts_ask_rather_than_pick_one():
    result = _parsed("plank 1 minute, wall sit 1 minute, 3 rounds")
    assert [_holds(e) for e in result["entries"]] == [[(None, 60)], [(None, 60)]]
    assert result["entries"][-1]["needs_confirmation"] == {"reason": "unused_number", "words": "3"}


def test_rounds_said_first_still_make_a_circuit():
    result = _parsed("squat 5 x 5 at 225, 3 rounds: 10 pull ups, 20 push ups")
    assert [len(e["sets"]) for e in result["entries"]] == [5, 3, 3]


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("wall sit 3 x 1:00", [(None, 60)] * 3),
        ("plank 3 sets of 1:30", [(None, 90)] * 3),
        ("plank 1:30 and then a minute", [(None, 90), (None, 60)]),
        ("wall sit 1:30 and then 45 seconds", [(None, 90), (None, 45)]),
    ],
)
def test_a_clock_in_a_holds_sets_is_each_holds_time(text, holds):
    assert _holds(_only(text)) == holds


def test_a_clock_in_a_lift_with_reps_is_not_a_hold():
    entry = _only("bench 5 x 5 at 225 rest 2:00")
    assert {(s["reps"], s["duration_s"]) for s in entry["sets"]} == {(5, None)}


def test_times_of_the_same_unit_said_with_and_are_two_holds_not_one():
    entry = _only("l sit hold 10 seconds, 12 seconds and 8 seconds", "kg")
    assert _holds(entry) == [(None, 10), (None, 12), (None, 8)]


def test_a_larger_unit_then_a_smaller_one_is_still_one_time():
    assert _holds(_only("plank for 1 minute and 15 seconds")) == [(None, 75)]


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("hollow body holds 3 x 45s", [(None, 45)] * 3),
        ("dead hang, 3 sets, 45 30 and 25 seconds", [(None, 45), (None, 30), (None, 25)]),
        ("three 1 minute planks", [(None, 60)] * 3),
        ("2 minute plank x 3", [(None, 120)] * 3),
        ("plank three times for a minute", [(None, 60)] * 3),
        ("l sit three 15 second holds", [(None, 15)] * 3),
        ("dead hang 3 holds of 30 seconds", [(None, 30)] * 3),
        ("hollow hold 3 x about 30 seconds", [(None, 30)] * 3),
    ],
)
def test_counts_of_holds_said_as_lifters_say_them(text, holds):
    entry = _only(text)
    assert _holds(entry) == holds
    assert all(s["weight"] is None for s in entry["sets"])


def test_a_count_of_timed_sets_the_times_do_not_match_asks():
    result = _parsed("hollow hold 5 sets, 40, 35 and 30 seconds")
    (entry,) = result["entries"]
    assert _holds(entry) == [(None, 40), (None, 35), (None, 30)]
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "5"}


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("plank 3 x 45 seconds with a 25 pound plate on my back", "lb"),
        ("wall sit 3 x 1 minute holding a 45 pound plate", "lb"),
        ("plank 2 x 1 minute, 20 kg on my back", "kg"),
    ],
)
def test_a_load_on_a_bodyweight_hold_is_added_to_the_body(text, unit):
    entry = _only(text, unit)
    assert {(s["weight"] is not None, s["added_load"]) for s in entry["sets"]} == {(True, True)}


def test_a_load_held_in_a_loaded_hold_is_the_load():
    entry = _only("farmer hold 3 x 30 seconds with 100 pound dumbbells")
    assert {(s["weight"], s["added_load"]) for s in entry["sets"]} == {(100.0, False)}


def _run(entry: dict) -> tuple:
    splits = [(s["distance_m"], s["duration_s"]) for s in entry["splits"]]
    recovery = (entry["recovery_s"], entry["recovery_m"])
    return entry["distance_m"], entry["duration_s"], splits, *recovery


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("6 x 800 in 2:50 with 1:30 jog", (4800.0, 1020, [(800.0, 170)] * 6, 90, None)),
        (
            "ladder 200-400-600-400-200",
            (1800.0, None, [(d, None) for d in (200.0, 400.0, 600.0, 400.0, 200.0)], None, None),
        ),
        (
            "did a 200, 400, 600, 400, 200 ladder with 200 jog",
            (1800.0, None, [(d, None) for d in (200.0, 400.0, 600.0, 400.0, 200.0)], None, 200.0),
        ),
        ("800s, 6 of them at 2:55 with 400 jog", (4800.0, 1050, [(800.0, 175)] * 6, None, 400.0)),
        ("did 400s, 8 of them in 80 seconds", (3200.0, 640, [(400.0, 80)] * 8, None, None)),
        (
            "30 seconds hard 30 seconds easy times 10",
            (None, 300, [(None, 30)] * 10, 30, None),
        ),
        (
            "6 x 1k at half marathon pace with 1 minute rest",
            (6000.0, None, [(1000.0, None)] * 6, 60, None),
        ),
    ],
)
def test_repeats_as_runners_say_them(text, run):
    result = _parsed(text, "kg")
    (entry,) = result["entries"]
    assert _run(entry) == run
    assert entry["needs_confirmation"] is None
    assert result["unparsed"] == []


def test_mile_repeats_then_their_count_is_one_session():
    entry = _only("ran mile repeats, 4 of them at 6:50")
    assert len(entry["splits"]) == 4
    assert {s["duration_s"] for s in entry["splits"]} == {410}


def test_a_recovery_said_with_no_number_is_no_leftover():
    result = _parsed("10 times 100 meters in 16 seconds, walk back recovery", "kg")
    assert result["unparsed"] == []
    assert len(result["entries"][0]["splits"]) == 10


def test_rounds_said_alone_before_a_distance_are_its_repeats():
    entry = _only("5 rounds, 200m in 40 seconds each", "kg")
    assert [(s["distance_m"], s["duration_s"]) for s in entry["splits"]] == [(200.0, 40)] * 5
    assert entry["needs_confirmation"] is None


def test_rounds_said_alone_before_a_run_and_lifts_are_a_circuits():
    result = _parsed("did 3 rounds: 400m run, 21 kettlebell swings, 12 pull ups")
    run, swings, pull_ups = result["entries"]
    assert len(run["splits"]) == 3
    assert [len(swings["sets"]), len(pull_ups["sets"])] == [3, 3]
    assert all(e["needs_confirmation"] is None for e in result["entries"])


def test_a_count_of_sets_said_first_is_every_unloaded_lifts_in_the_list():
    result = _parsed("3 sets of 10 pull ups, 20 push ups and 30 squats")
    assert _sets_by_name(result) == [
        ("pull ups", 3),
        ("push ups", 3),
        ("squats", 3),
    ]


def test_a_count_of_sets_of_a_loaded_lift_is_its_own():
    result = _parsed("3 sets of 8 bench at 185, 20 push ups")
    assert [len(e["sets"]) for e in result["entries"]] == [3, 1]


def test_a_tabata_said_with_no_numbers_is_eight_rounds_of_twenty_seconds():
    assert _holds(_only("tabata air squats")) == [(None, 20)] * 8


def test_a_tabata_with_its_numbers_said_keeps_them():
    assert _holds(_only("tabata push ups, 6 rounds of 15 seconds")) == [(None, 15)] * 6


def test_a_rep_scheme_said_with_of_is_the_lifts_sets():
    entry = _only("21 15 9 of thrusters")
    assert [s["reps"] for s in entry["sets"]] == [21, 15, 9]


@pytest.mark.parametrize(
    ("text", "recovery"),
    [
        ("6 x 400 with a rest of 90 seconds", (90, None)),
        ("8 x 200 with a jog recovery of 200", (None, 200.0)),
        ("8x400 @ 80s w/ 200m jog", (None, 200.0)),
    ],
)
def test_a_recovery_said_after_the_repeats_in_other_words(text, recovery):
    (entry,) = _parsed(text, "kg")["entries"]
    assert (entry["recovery_s"], entry["recovery_m"]) == recovery
    assert entry["needs_confirmation"] is None


def test_a_count_of_hill_repeats_takes_the_time_said_next():
    entry = _only("8 hill repeats, 45 seconds each")
    assert entry["kind"] == "cardio"
    assert [s["duration_s"] for s in entry["splits"]] == [45] * 8


def test_times_listed_after_times_were_are_one_per_repeat():
    entry = _only("4 x 800, times were 2:50, 2:48, 2:47 and 2:45", "kg")
    assert [s["duration_s"] for s in entry["splits"]] == [170, 168, 167, 165]


def test_a_pyramid_named_before_its_distances_is_one_session():
    result = _parsed("ran a pyramid, 200 400 800 400 200", "kg")
    (entry,) = result["entries"]
    assert [s["distance_m"] for s in entry["splits"]] == [200.0, 400.0, 800.0, 400.0, 200.0]
    assert result["unparsed"] == []


def test_a_bound_on_the_repeats_time_is_no_time_done_and_asks():
    result = _parsed("5 x 800 all under 3 minutes", "kg")
    (entry,) = result["entries"]
    assert {s["duration_s"] for s in entry["splits"]} == {None}
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "3"}


def test_a_bare_load_said_on_the_back_is_the_holds_load():
    entry = _only("weighted plank 3 x 45 seconds, 45 on my back")
    assert {(s["duration_s"], s["weight"], s["added_load"]) for s in entry["sets"]} == {
        (45, 45.0, True)
    }
    assert len(entry["sets"]) == 3


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("wall sit 88 then 58 then 45 s", [(None, 88), (None, 58), (None, 45)]),
        ("dead hang first one 50 seconds, then 41 and 35", [(None, 50), (None, 41), (None, 35)]),
    ],
)
def test_bare_times_listed_after_a_hold_are_more_holds(text, holds):
    entry = _only(text, "kg")
    assert _holds(entry) == holds
    assert {s["weight"] for s in entry["sets"]} == {None}


def test_rounds_got_after_a_list_of_lifts_are_the_sets_of_each():
    result = _parsed("amrap 12 minutes, 5 pull ups, 10 push ups, 15 squats, got 7 rounds")
    assert _sets_by_name(result) == [
        ("pull ups", 7),
        ("push ups", 7),
        ("squats", 7),
    ]
    assert result["entries"][0]["needs_confirmation"] == {"reason": "unused_number", "words": "12"}


def test_a_load_said_as_two_times_its_weight_is_per_implement():
    entry = _only("farmer hold 3 x 30 s with 2 x 32 kg", "kg")
    assert {(s["duration_s"], s["weight"]) for s in entry["sets"]} == {(30, 32.0)}
    assert len(entry["sets"]) == 3


def test_a_count_after_an_on_off_hold_is_its_sets_and_the_rest_asks():
    entry = _only("hollow hold 30 seconds on 30 off x 6")
    assert _holds(entry) == [(None, 30)] * 6
    assert {s["weight"] for s in entry["sets"]} == {None}
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "30"}


def test_a_side_named_after_a_hold_is_no_lift():
    result = _parsed("side plank 45 seconds left, 40 seconds right")
    assert [e["spoken_name"] for e in result["entries"]] == ["side plank"]
