"""Insights: weekly hard sets per muscle against volume landmarks, e1RM trends, stalls, PRs.

Landmarks: 10-20 hard sets per muscle per week, the range in which Schoenfeld, Ogborn & Krieger
(2017, J Sports Sci 35:1073) and later dose-response work place most hypertrophy; under 10 is
listed as "under", over 20 as "over" (judged on the mean of the window's weeks). Rep-bracket
records are the heaviest working sets of the window.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from analytics.athlete import Athlete
from analytics.strength import SECONDARY_SHARE, SetRow, lifts, set_rows, weeks_between
from training.localtime import week_start

DEFAULT_WEEKS = 8
MAX_WEEKS = 52
LANDMARK_LOW = 10
LANDMARK_HIGH = 20
REP_BRACKETS = ((1, 1, "1"), (2, 3, "2-3"), (4, 6, "4-6"), (7, 10, "7-10"), (11, 15, "11-15"))


def window_start(as_of: date, weeks: int) -> date:
    """The Monday ``weeks - 1`` weeks before ``as_of``'s week."""
    return week_start(as_of) - timedelta(weeks=weeks - 1)


def _mondays(rows: list[SetRow]) -> dict[date, date]:
    """The Monday of each day the rows fall on (worked out once per day, not per set)."""
    return {day: week_start(day) for day in {row.day for row in rows}}


def hard_sets_by_muscle(rows: list[SetRow]) -> dict[date, dict[str, float]]:
    volume: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    mondays = _mondays(rows)
    for row in rows:
        if not row.hard:
            continue
        week = volume[mondays[row.day]]
        for muscle in row.primary:
            week[muscle] += 1
        for muscle in row.secondary:
            week[muscle] += SECONDARY_SHARE
    return volume


def landmarks(volume: dict[date, dict[str, float]], weeks: int) -> dict[str, Any]:
    totals: dict[str, float] = defaultdict(float)
    for counts in volume.values():
        for muscle, sets in counts.items():
            totals[muscle] += sets
    means = {muscle: round(total / weeks, 1) for muscle, total in sorted(totals.items())}
    return {
        "low": LANDMARK_LOW,
        "high": LANDMARK_HIGH,
        "basis": f"mean hard sets per week over the last {weeks} weeks",
        "weekly_mean": means,
        "under": [m for m, sets in means.items() if sets < LANDMARK_LOW],
        "over": [m for m, sets in means.items() if sets > LANDMARK_HIGH],
    }


def weekly(rows: list[SetRow], weeks: list[date]) -> list[dict[str, Any]]:
    """Working sets (warm-ups left out): tonnage, count and mean rated RPE per week."""
    tonnage: dict[date, float] = defaultdict(float)
    counts: dict[date, int] = defaultdict(int)
    rpes: dict[date, list[float]] = defaultdict(list)
    mondays = _mondays(rows)
    for row in rows:
        if row.is_warmup:
            continue
        week = mondays[row.day]
        counts[week] += 1
        tonnage[week] += (row.weight_kg or 0) * (row.reps or 0)
        if row.rpe is not None:
            rpes[week].append(row.rpe)
    return [
        {
            "week_start": week.isoformat(),
            "tonnage_kg": round(tonnage[week], 1),
            "sets": counts[week],
            "avg_rpe": round(statistics.fmean(rpes[week]), 1) if rpes[week] else None,
        }
        for week in weeks
    ]


def bracket_of(reps: int | None) -> str | None:
    for low, high, label in REP_BRACKETS:
        if reps is not None and low <= reps <= high:
            return label
    return None


def prs_by_rep_bracket(rows: list[SetRow]) -> list[dict[str, Any]]:
    """The heaviest working set per lift and rep bracket within the window."""
    best: dict[tuple[int, str], tuple[float, str]] = {}
    for row in rows:
        label = bracket_of(row.reps)
        if row.is_warmup or not row.weight_kg or label is None:
            continue
        key = (row.exercise_id, label)
        if key not in best or row.weight_kg > best[key][0]:
            best[key] = (row.weight_kg, row.name)
    order = {label: index for index, (_low, _high, label) in enumerate(REP_BRACKETS)}
    result: list[dict[str, Any]] = [
        {"exercise_id": pk, "name": name, "reps": label, "weight_kg": kg}
        for (pk, label), (kg, name) in best.items()
    ]
    result.sort(key=lambda row: (row["name"], order[row["reps"]]))
    return result


def insights_metrics(athlete: Athlete, weeks: int, as_of: date) -> dict[str, Any]:
    """The ``metrics`` of GET /api/workout/insights."""
    first = window_start(as_of, weeks)
    rows = set_rows(athlete, first, as_of)
    week_list = weeks_between(first, as_of)
    volume = hard_sets_by_muscle(rows)
    lift_list = lifts(rows)
    return {
        "weeks": weeks,
        "as_of": as_of.isoformat(),
        "hard_sets_by_muscle": [
            {"week_start": week.isoformat(), "muscle": muscle, "sets": sets}
            for week in week_list
            for muscle, sets in sorted(volume.get(week, {}).items())
        ],
        "landmarks": landmarks(volume, weeks),
        "lifts": [lift.as_dict() for lift in lift_list],
        "stalled_lifts": [
            {
                "exercise_id": lift.exercise_id,
                "name": lift.name,
                "e1rm_kg": round(lift.points[-1].epley, 1),
                "exposures": len(lift.points),
            }
            for lift in lift_list
            if lift.stalled
        ],
        "prs_by_rep_bracket": prs_by_rep_bracket(rows),
        "weekly": weekly(rows, week_list),
    }
