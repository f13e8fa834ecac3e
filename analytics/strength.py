"""A user's lifting as analytics see it: hard sets, per-session best e1RMs, stalled lifts.

A hard set is a working set (not a warm-up) rated RPE >= 7 or RIR <= 3, or not rated at all
(an unrated working set is taken as hard); a primary muscle gets 1 set, a secondary 0.5. The e1RM
of a session is its best set by Epley among sets of 1-12 reps with a load.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.db.models import Count, DateTimeField, FloatField, IntegerField, Q
from django.db.models.functions import Cast, TruncDate, TruncWeek

from analytics.athlete import Athlete
from core.db.prepared import Arg, BoundQuery, PreparedQuery
from training.localtime import days_span, local_date
from training.models import SetLog
from training.science import strength as science

HARD_RPE = 7
HARD_RIR = 3
SECONDARY_SHARE = 0.5
STALL_EXPOSURES = 3
STALL_MIN_DAYS = 21

HARD_SET_Q = Q(is_warmup=False) & (
    Q(rpe__isnull=True, rir__isnull=True) | Q(rpe__gte=HARD_RPE) | Q(rir__lte=HARD_RIR)
)


class SetRow(NamedTuple):
    """One set as the analytics read it (a tuple: thousands are built per request)."""

    session_id: int
    day: date
    exercise_id: int
    name: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    reps: int | None
    weight_kg: float | None
    rpe: float | None
    rir: int | None
    is_warmup: bool

    @property
    def hard(self) -> bool:
        if self.is_warmup:
            return False
        if self.rpe is None and self.rir is None:
            return True
        return (self.rpe is not None and self.rpe >= HARD_RPE) or (
            self.rir is not None and self.rir <= HARD_RIR
        )

    @property
    def e1rm_ready(self) -> bool:
        return (
            not self.is_warmup
            and self.reps is not None
            and science.MIN_REPS <= self.reps <= science.MAX_REPS
            and bool(self.weight_kg)
        )


ROW_FIELDS = (
    "session_id",
    "local_day",
    "exercise_id",
    "exercise__name",
    "exercise__primary_muscles",
    "exercise__secondary_muscles",
    "reps",
    "weight_float",
    "rpe_float",
    "rir",
    "is_warmup",
)


def set_rows(athlete: Athlete, first: date, last: date) -> list[SetRow]:
    """Every set of the sessions started on the local days ``first``-``last`` (one query)."""
    return set_rows_from(set_rows_query(athlete, first, last).rows())


_USER = Arg("user_id", IntegerField())
_START, _END = Arg("start", DateTimeField()), Arg("end", DateTimeField())
SET_ROWS = PreparedQuery(
    lambda zone: (
        SetLog.objects.filter(
            session__user_id=_USER, session__started_at__gte=_START, session__started_at__lt=_END
        )
        .annotate(
            local_day=TruncDate("session__started_at", tzinfo=zone),
            weight_float=Cast("weight_kg", FloatField()),
            rpe_float=Cast("rpe", FloatField()),
        )
        .order_by("session__started_at", "session_id", "order", "id")
        .values_list(*ROW_FIELDS)
    )
)


def set_rows_query(athlete: Athlete, first: date, last: date) -> BoundQuery:
    """The sets of :func:`set_rows`, in session and set order.

    The database hands over each set's local day and its load and RPE as floats (the nearest
    double to the stored decimal, as ``float()`` would give), so no timestamp or ``Decimal`` is
    built per row.
    """
    start, end = days_span(first, last, athlete.zone)
    args = {"user_id": athlete.user_id, "start": start, "end": end}
    return SET_ROWS.bind(args, zone=athlete.zone)


def set_rows_from(rows: list[tuple[Any, ...]]) -> list[SetRow]:
    """:func:`set_rows_query`'s rows as ``SetRow`` tuples; an exercise's muscle lists are
    turned into tuples once, shared by its sets."""
    muscles: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    result = []
    for session_id, day, exercise_id, name, primary, secondary, *rest in rows:
        shared = muscles.get(exercise_id)
        if shared is None:
            shared = muscles[exercise_id] = (tuple(primary or ()), tuple(secondary or ()))
        result.append(SetRow(session_id, day, exercise_id, name, *shared, *rest))
    return result


@dataclass(frozen=True)
class LiftPoint:
    day: date
    epley: float
    brzycki: float
    adjusted: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "e1rm_epley": round(self.epley, 1),
            "e1rm_brzycki": round(self.brzycki, 1),
            "e1rm_adjusted": round(self.adjusted, 1),
        }


@dataclass(frozen=True)
class Lift:
    exercise_id: int
    name: str
    points: list[LiftPoint]

    @property
    def change_pct(self) -> float | None:
        if len(self.points) < 2:
            return None
        first, last = self.points[0].epley, self.points[-1].epley
        return round((last - first) / first * 100, 1)

    @property
    def stalled(self) -> bool:
        """No e1RM gain over the last 3 exposures against the one before, over >= 3 weeks."""
        if len(self.points) < STALL_EXPOSURES + 1:
            return False
        reference = self.points[-STALL_EXPOSURES - 1]
        recent = self.points[-STALL_EXPOSURES:]
        span = (recent[-1].day - reference.day).days
        return span >= STALL_MIN_DAYS and max(p.epley for p in recent) <= reference.epley

    def as_dict(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "name": self.name,
            "points": [point.as_dict() for point in self.points],
            "change_pct": self.change_pct,
        }


def _point(row: SetRow) -> LiftPoint:
    """The e1RMs of a set that ``e1rm_ready`` accepted (so reps and weight are there)."""
    reps, weight = int(row.reps or 0), float(row.weight_kg or 0)
    return LiftPoint(
        day=row.day,
        epley=science.epley(weight, reps),
        brzycki=science.brzycki(weight, reps),
        adjusted=science.e1rm_adjusted(weight, reps, rir=row.rir, rpe=row.rpe),
    )


def lifts(rows: list[SetRow]) -> list[Lift]:
    """Per exercise, the best set of each session (by Epley; the first of equals) as a point;
    most exposures first. Only each session's best set gets its Brzycki and adjusted e1RMs."""
    best: dict[int, dict[int, tuple[float, SetRow]]] = defaultdict(dict)
    names: dict[int, str] = {}
    for row in rows:
        if not row.e1rm_ready:
            continue
        epley = science.epley(float(row.weight_kg or 0), int(row.reps or 0))
        sessions = best[row.exercise_id]
        current = sessions.get(row.session_id)
        if current is None or epley > current[0]:
            sessions[row.session_id] = (epley, row)
        names[row.exercise_id] = row.name
    result = [
        Lift(
            exercise_id,
            names[exercise_id],
            sorted((_point(row) for _epley, row in sessions.values()), key=lambda p: p.day),
        )
        for exercise_id, sessions in best.items()
    ]
    result.sort(key=lambda lift: (-len(lift.points), lift.name))
    return result


def hard_sets_by_week(athlete: Athlete, first: date, last: date) -> dict[date, int]:
    """Hard sets per Monday-started local week (one aggregate query)."""
    return hard_sets_from(hard_sets_query(athlete, first, last).rows(), athlete)


HARD_SETS = PreparedQuery(
    lambda zone: (
        SetLog.objects.filter(
            HARD_SET_Q,
            session__user_id=_USER,
            session__started_at__gte=_START,
            session__started_at__lt=_END,
        )
        .annotate(week=TruncWeek("session__started_at", tzinfo=zone))
        .values("week")
        .annotate(sets=Count("id"))
        .values_list("week", "sets")
    )
)


def hard_sets_query(athlete: Athlete, first: date, last: date) -> BoundQuery:
    """``(week, sets)`` rows: the hard sets of the local days ``first``-``last`` per week."""
    start, end = days_span(first, last, athlete.zone)
    args = {"user_id": athlete.user_id, "start": start, "end": end}
    return HARD_SETS.bind(args, zone=athlete.zone)


def hard_sets_from(rows: list[tuple[Any, int]], athlete: Athlete) -> dict[date, int]:
    return {local_date(week, athlete.zone): sets for week, sets in rows}


def weeks_between(first: date, last: date) -> list[date]:
    """Monday dates from ``first``'s week to ``last``'s, inclusive."""
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(weeks=1)
    return weeks
