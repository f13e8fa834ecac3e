"""Adherence matching and summaries on plain data: what counts as done, streaks, realignment."""

from __future__ import annotations

from datetime import date, timedelta

from programs.adherence import LoggedRun, LoggedWorkout, Planned, adherence_report, match

MONDAY = date(2027, 1, 4)


def _lift(n: int, day: date, exercises=(1, 2, 3)) -> Planned:  # type: ignore[no-untyped-def]
    return Planned(n, 1, "strength", day, "Full body A", {e: 3 for e in exercises}, week_index=1)


def _run(n: int, day: date, metres: float) -> Planned:
    return Planned(n, 2, "running", day, "Easy run", run_type="easy", distance_m=metres)


def test_a_workout_a_day_late_with_most_exercises_counts():
    planned = [_lift(1, MONDAY)]
    assert 1 in match(planned, [LoggedWorkout(MONDAY + timedelta(days=1), {1: 3, 2: 3})], [])


def test_two_days_late_or_half_the_exercises_does_not_count():
    planned = [_lift(1, MONDAY, exercises=(1, 2, 3, 4))]
    late = LoggedWorkout(MONDAY + timedelta(days=2), {1: 3, 2: 3, 3: 3, 4: 3})
    half = LoggedWorkout(MONDAY, {1: 3, 2: 3})
    assert match(planned, [late, half], []) == {}


def test_a_run_within_20_percent_counts_and_each_log_completes_one_session():
    planned = [_run(1, MONDAY, 10_000), _run(2, MONDAY + timedelta(days=1), 10_000)]
    done = match(planned, [], [LoggedRun(MONDAY, 8_100)])
    assert set(done) == {1}
    assert match([_run(1, MONDAY, 10_000)], [], [LoggedRun(MONDAY, 7_900)]) == {}


def test_streaks_and_a_shift_after_three_misses_in_a_row():
    days = [MONDAY + timedelta(days=7 * w + d) for w in range(3) for d in (0, 2, 4)]
    planned = [_lift(n, day) for n, day in enumerate(days)]
    logs = [LoggedWorkout(day, {1: 3, 2: 3, 3: 3}) for day in days[:6]]  # weeks 1-2 done
    report = adherence_report(planned, logs, [], today=days[-1], weeks=3)
    assert [w["completed_sessions"] for w in report["weeks"]] == [3, 3, 0]
    assert (report["current_streak_weeks"], report["longest_streak_weeks"]) == (0, 2)
    assert report["weeks"][0]["completed_hard_sets"] == report["weeks"][0]["planned_hard_sets"]
    assert report["realignment"]["action"] == "shift"
    assert report["realignment"]["missed_in_a_row"] == 3
    assert report["most_missed_weekdays"][0]["missed"] == 1


def test_a_long_gap_repeats_the_week():
    days = [MONDAY + timedelta(days=7 * w + d) for w in range(3) for d in (0, 3)]
    planned = [_lift(n, day) for n, day in enumerate(days)]
    report = adherence_report(planned, [], [], today=days[-1] + timedelta(days=1), weeks=3)
    assert report["realignment"]["action"] == "repeat_week"
    assert report["realignment"]["week"] == 1
    assert report["adherence"] == 0
