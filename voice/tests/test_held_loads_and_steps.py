"""Plates held as the load, ranges said with "through", stacks pinned down, steps, settings."""

from voice.parsing import parse_transcript


def _only(text: str, unit: str = "lb") -> dict:
    entries = parse_transcript(text, unit).to_dict()["entries"]
    assert len(entries) == 1, entries
    return entries[0]


def test_a_plate_held_is_the_load_not_added_to_the_body():
    entry = _only("russian twists 3 sets of 20 with a 10 kilo plate", "kg")
    assert [(s["reps"], s["weight"], s["unit"], s["added_load"]) for s in entry["sets"]] == [
        (20, 10.0, "kg", False)
    ] * 3


def test_a_plate_on_a_chin_up_is_added_to_the_body():
    entry = _only("chin ups with a 45 pound plate for 6")
    assert [(s["reps"], s["weight"], s["added_load"]) for s in entry["sets"]] == [(6, 45.0, True)]


def test_a_range_said_with_through_asks_and_logs_no_reps():
    entry = _only("rows 3 sets of 8 through 12 at 135")
    assert entry["needs_confirmation"] == {"reason": "rep_range", "words": "8 through 12"}
    assert [(s["reps"], s["weight"]) for s in entry["sets"]] == [(None, 135.0)] * 3


def test_a_stack_pinned_down_is_the_next_drop():
    entry = _only("lat pulldown 180 for 8, pin to 140 for 10, pin to 100 for 12")
    assert [(s["reps"], s["weight"]) for s in entry["sets"]] == [
        (8, 180.0),
        (10, 140.0),
        (12, 100.0),
    ]
    assert entry["needs_confirmation"] is None


def test_pinned_at_a_number_is_still_a_setting_that_asks():
    entry = _only("seated row 3 x 12 at 100, pinned it at 8")
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "8"}


def test_a_pulley_height_is_a_setting_that_asks():
    entry = _only("cable flys 3 x 15 at 30, pulley at 9")
    assert entry["needs_confirmation"] == {"reason": "unused_number", "words": "9"}
    assert [(s["reps"], s["weight"]) for s in entry["sets"]] == [(15, 30.0)] * 3


def test_steps_alone_are_a_walk_that_asks_about_the_count():
    for text, said in (
        ("walked 10,000 steps", "10,000"),
        ("went for a walk, 10000 steps", "10000"),
    ):
        entry = _only(text)
        assert (entry["kind"], entry["activity"], entry["distance_m"], entry["duration_s"]) == (
            "cardio",
            "walk",
            None,
            None,
        ), text
        assert entry["needs_confirmation"] == {"reason": "unused_number", "words": said}


def test_a_list_of_repeat_times_sums_to_the_run_duration():
    entry = _only("ran 4 x 400 in 70, 71, 69 and 68 seconds", "kg")
    assert [s["duration_s"] for s in entry["splits"]] == [70, 71, 69, 68]
    assert entry["duration_s"] == 70 + 71 + 69 + 68
    entry = _only("1k repeats: 3:50, 3:48, 3:45, 3:44", "kg")
    assert entry["duration_s"] == 230 + 228 + 225 + 224
