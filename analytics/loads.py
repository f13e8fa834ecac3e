"""Session loads from a user's workouts and runs (Foster: session RPE x minutes), per local day.

A workout needs ``session_rpe`` and both ``started_at`` and ``ended_at``; a run needs ``rpe``
(its ``duration_s`` is always there). Anything without them adds no load and is reported, with
why, in ``missing``: no number is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import DateTimeField, IntegerField, QuerySet, Value

from analytics.athlete import Athlete
from core.db.prepared import Arg, BoundQuery, PreparedQuery
from training.localtime import days_span, local_date
from training.models import RunSession, WorkoutSession
from training.science.load import session_load


@dataclass(frozen=True)
class LoadEntry:
    kind: str  # "workout" | "run"
    id: int
    day: date
    load: float | None
    reason: str = ""  # why ``load`` is None

    def as_missing(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "date": self.day.isoformat(),
            "reason": self.reason,
        }


def _workout_entry(
    pk: int, day: date, started: datetime, ended: datetime | None, rpe: int | None
) -> LoadEntry:
    if rpe is None and ended is None:
        return LoadEntry("workout", pk, day, None, "no session RPE and no end time")
    if rpe is None:
        return LoadEntry("workout", pk, day, None, "no session RPE")
    if ended is None:
        return LoadEntry("workout", pk, day, None, "no end time, so no duration")
    load = session_load(rpe, (ended - started).total_seconds() / 60)
    if load is None:
        return LoadEntry("workout", pk, day, None, "ends when it starts, so no duration")
    return LoadEntry("workout", pk, day, load)


def load_entries(athlete: Athlete, first: date, last: date) -> list[LoadEntry]:
    """Every workout and run that started on the local days ``first``-``last`` (one query)."""
    return load_entries_from(load_rows_query(athlete, first, last).rows(), athlete)


def _load_rows() -> QuerySet[Any, Any]:
    user = Arg("user_id", IntegerField())
    start, end = Arg("start", DateTimeField()), Arg("end", DateTimeField())
    workouts = (
        WorkoutSession.objects.filter(user_id=user, started_at__gte=start, started_at__lt=end)
        .annotate(is_run=Value(False), seconds=Value(None, output_field=IntegerField()))
        .values_list("is_run", "id", "started_at", "ended_at", "seconds", "session_rpe")
    )
    runs = (
        RunSession.objects.filter(user_id=user, started_at__gte=start, started_at__lt=end)
        .annotate(is_run=Value(True), ended=Value(None, output_field=DateTimeField()))
        .values_list("is_run", "id", "started_at", "ended", "duration_s", "rpe")
    )
    return workouts.union(runs, all=True)


LOAD_ROWS = PreparedQuery(_load_rows)


def load_rows_query(athlete: Athlete, first: date, last: date) -> BoundQuery:
    """The workouts and runs as one ``UNION ALL`` of ``(is_run, id, started, ended, seconds,
    rpe)`` rows (a workout has no seconds, a run no end), for :func:`load_entries_from`."""
    start, end = days_span(first, last, athlete.zone)
    return LOAD_ROWS.bind({"user_id": athlete.user_id, "start": start, "end": end})


def load_entries_from(rows: list[tuple[Any, ...]], athlete: Athlete) -> list[LoadEntry]:
    """The entries of :func:`load_rows_query`'s rows, by day, kind and id."""
    zone = athlete.zone
    entries = []
    for is_run, pk, started, ended, duration, rpe in rows:
        day = local_date(started, zone)
        if not is_run:
            entries.append(_workout_entry(pk, day, started, ended, rpe))
            continue
        load = session_load(rpe, duration / 60 if duration else None)
        reason = "" if load is not None else "no RPE" if rpe is None else "no duration"
        entries.append(LoadEntry("run", pk, day, load, reason))
    entries.sort(key=lambda entry: (entry.day, entry.kind, entry.id))
    return entries


def window(as_of: date, days: int) -> tuple[date, date]:
    """The first and last local day of the ``days`` ending on ``as_of``."""
    return as_of - timedelta(days=days - 1), as_of
