"""A constructed eight-week history whose numbers are worked out by hand in the tests.

The athlete lives in New York. Weeks run Monday 2026-10-05 to Sunday 2026-11-29 (``AS_OF``).
Every week: Monday 18:00 bench press (a 40 kg x 10 warm-up, then 3 x 5 at 80 kg + 2.5 kg a week,
RPE 8; 60 min, session RPE 7 -> load 420); Thursday 18:00 back squat 3 x 5 (100, 105, 110, 115,
then 115, 115, 110, 115 kg, RPE 8) and deadlift 1 x 5 at 140 kg (60 min, session RPE 8 -> 480);
Saturday 08:00 a 5 km run in 25:00 at RPE 5 (-> 125). Week 8 adds a Wednesday session of
bodyweight pull-ups with no session RPE (no load: a missing input) and a Sunday 23:30 5 km run at
RPE 6 (-> 150), which is already Monday in UTC but counts on Sunday where the athlete is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from training.models import RunSession, SetLog, WorkoutSession
from training.tests.factories import ExerciseFactory

ZONE = ZoneInfo("America/New_York")
FIRST_MONDAY = date(2026, 10, 5)
AS_OF = date(2026, 11, 29)
WEEKS = 8
BENCH_KG = [80 + 2.5 * week for week in range(WEEKS)]
SQUAT_KG = [100, 105, 110, 115, 115, 115, 110, 115]
DEADLIFT_KG = 140
MONDAY_LOAD, THURSDAY_LOAD, SATURDAY_LOAD, SUNDAY_LOAD = 420, 480, 125, 150


@dataclass
class History:
    bench: Any
    squat: Any
    deadlift: Any
    pullup: Any
    unrated_workout: Any = None
    runs: list[Any] = field(default_factory=list)


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def _workout(user: Any, day: date, rpe: int | None, sets: list[tuple]) -> WorkoutSession:
    start = at_local(day, 18)
    session = WorkoutSession.objects.create(
        user=user, started_at=start, ended_at=start + timedelta(minutes=60), session_rpe=rpe
    )
    for order, (exercise, reps, weight, set_rpe, warmup) in enumerate(sets):
        SetLog.objects.create(
            session=session,
            exercise=exercise,
            order=order,
            reps=reps,
            weight_kg=None if weight is None else Decimal(str(weight)),
            rpe=None if set_rpe is None else Decimal(str(set_rpe)),
            is_warmup=warmup,
            is_bodyweight=weight is None,
        )
    return session


def _run(user: Any, moment: datetime, rpe: int) -> RunSession:
    return RunSession.objects.create(
        user=user,
        started_at=moment,
        distance_m=5000.0,
        duration_s=1500,
        rpe=rpe,
        avg_hr=150,
        splits=[{"distance_m": 1000, "duration_s": 300}] * 5,
    )


def build(user: Any) -> History:
    """Create the history for ``user`` (profile: New York, resting HR 50, max HR 190)."""
    profile = user.profile
    profile.timezone, profile.resting_hr, profile.max_hr = "America/New_York", 50, 190
    profile.save()
    history = History(
        bench=ExerciseFactory(
            slug="t-bench",
            name="Test Bench Press",
            primary_muscles=["chest"],
            secondary_muscles=["triceps"],
        ),
        squat=ExerciseFactory(
            slug="t-squat",
            name="Test Back Squat",
            primary_muscles=["quads", "glutes"],
            pattern="squat",
        ),
        deadlift=ExerciseFactory(
            slug="t-deadlift",
            name="Test Deadlift",
            primary_muscles=["hamstrings", "glutes"],
            pattern="hinge",
        ),
        pullup=ExerciseFactory(
            slug="t-pullup",
            name="Test Pull-up",
            primary_muscles=["lats"],
            bodyweight=True,
            pattern="vertical_pull",
        ),
    )
    for week in range(WEEKS):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        bench = BENCH_KG[week]
        _workout(
            user,
            monday,
            7,
            [(history.bench, 10, 40, None, True)] + [(history.bench, 5, bench, 8, False)] * 3,
        )
        _workout(
            user,
            monday + timedelta(days=3),
            8,
            [(history.squat, 5, SQUAT_KG[week], 8, False)] * 3
            + [(history.deadlift, 5, DEADLIFT_KG, 8, False)],
        )
        history.runs.append(_run(user, at_local(monday + timedelta(days=5), 8), 5))
    last_monday = FIRST_MONDAY + timedelta(weeks=WEEKS - 1)
    history.unrated_workout = _workout(
        user, last_monday + timedelta(days=2), None, [(history.pullup, 8, None, None, False)]
    )
    history.runs.append(_run(user, at_local(AS_OF, 23, 30), 6))
    return history
