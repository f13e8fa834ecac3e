"""Adherence against the active programs: planned vs done per calendar week, streaks of weeks at
>= 80 %, the most-missed weekdays and session types, and a realignment after a run of misses.

A planned session counts as done when something was logged within a day of its date that shares
most of its exercises (a workout) or is a run within 20 % of its distance; each log is used once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from programs.models import Program, ProgramSession, Status
from programs.sources import local_today, profile_of
from training.models import Activity, RunSession, SetLog

MATCH_DAYS = 1
SHARED_EXERCISES = 0.5  # "most of its exercises": more than half
RUN_DISTANCE_TOLERANCE = 0.20
WEEK_TARGET = 0.80
MISSED_IN_A_ROW = 3
TOP = 3


@dataclass
class Planned:
    session_id: int
    program_id: int
    kind: str
    day: date
    title: str
    sets: dict[int, int] = field(default_factory=dict)  # exercise id -> planned sets
    run_type: str | None = None
    distance_m: float | None = None
    week_index: int = 0

    @property
    def label(self) -> str:
        return self.run_type or self.title


@dataclass
class LoggedWorkout:
    day: date
    sets: dict[int, int]  # exercise id -> working sets logged


@dataclass
class LoggedRun:
    day: date
    distance_m: float | None


def _shares_most(planned: Planned, logged: LoggedWorkout) -> bool:
    if not planned.sets:
        return False
    shared = len(set(planned.sets) & set(logged.sets))
    return shared / len(planned.sets) > SHARED_EXERCISES


def _run_matches(planned: Planned, logged: LoggedRun) -> bool:
    if not planned.distance_m or not logged.distance_m:
        return False
    return (
        abs(logged.distance_m - planned.distance_m) <= RUN_DISTANCE_TOLERANCE * planned.distance_m
    )


def match(
    planned: list[Planned], workouts: list[LoggedWorkout], runs: list[LoggedRun]
) -> dict[int, Any]:
    """planned session id -> the log that completed it (closest day first, each log once)."""
    done: dict[int, Any] = {}
    used: set[int] = set()
    for session in sorted(planned, key=lambda p: p.day):
        logs: list[Any] = runs if session.kind == "running" else workouts
        fits = _run_matches if session.kind == "running" else _shares_most
        candidates = [
            (abs((log.day - session.day).days), n, log)
            for n, log in enumerate(logs)
            if id(log) not in used
            and abs((log.day - session.day).days) <= MATCH_DAYS
            and fits(session, log)
        ]
        if candidates:
            _, _, log = min(candidates, key=lambda c: (c[0], c[1]))
            used.add(id(log))
            done[session.session_id] = log
    return done


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _hard_sets_done(session: Planned, log: Any) -> int:
    if not isinstance(log, LoggedWorkout):
        return 0
    return sum(min(log.sets.get(eid, 0), planned) for eid, planned in session.sets.items())


def _streaks(rates: list[Any]) -> tuple[int, int]:
    current = longest = run = 0
    for rate in rates:
        if rate is None:
            continue
        run = run + 1 if rate >= WEEK_TARGET else 0
        longest = max(longest, run)
    current = run
    return current, longest


def _realignment(due: list[Planned], done: dict[int, Any], today: date) -> dict[str, Any] | None:
    missed: list[Planned] = []
    for session in sorted(due, key=lambda p: p.day):
        missed = [] if session.session_id in done else [*missed, session]
    if len(missed) < MISSED_IN_A_ROW:
        return None
    first = missed[0]
    days = (today - first.day).days + 1
    if days <= 7:
        return {
            "action": "shift",
            "days": days,
            "week": first.week_index,
            "missed_in_a_row": len(missed),
            "message": f"{len(missed)} sessions missed in a row: move the rest of the plan "
            f"{days} day{'s' if days != 1 else ''} later and pick up with {first.title}.",
        }
    return {
        "action": "repeat_week",
        "days": days,
        "week": first.week_index,
        "missed_in_a_row": len(missed),
        "message": f"{len(missed)} sessions missed in a row over {days} days: repeat week "
        f"{first.week_index} before moving on, rather than jumping ahead.",
    }


def adherence_report(
    planned: list[Planned],
    workouts: list[LoggedWorkout],
    runs: list[LoggedRun],
    *,
    today: date,
    weeks: int,
) -> dict[str, Any]:
    """The report's numbers over the last ``weeks`` calendar weeks (this one included)."""
    first_week = _monday(today) - timedelta(days=7 * (weeks - 1))
    due = [p for p in planned if first_week <= p.day <= today]
    done = match(due, workouts, runs)
    rows = []
    for n in range(weeks):
        start = first_week + timedelta(days=7 * n)
        week = [p for p in due if start <= p.day < start + timedelta(days=7)]
        completed = [p for p in week if p.session_id in done]
        planned_sets = sum(sum(p.sets.values()) for p in week)
        rate = len(completed) / len(week) if week else None
        rows.append(
            {
                "week_start": start.isoformat(),
                "program_weeks": sorted({p.week_index for p in week}),
                "planned_sessions": len(week),
                "completed_sessions": len(completed),
                "planned_hard_sets": planned_sets,
                "completed_hard_sets": sum(
                    _hard_sets_done(p, done[p.session_id]) for p in completed
                ),
                "adherence": None if rate is None else round(rate, 3),
            }
        )
    current, longest = _streaks([row["adherence"] for row in rows])
    missed = [p for p in due if p.session_id not in done]
    weekdays = Counter(p.day.isoweekday() for p in missed)
    labels = Counter(p.label for p in missed)
    total_planned = len(due)
    return {
        "weeks": rows,
        "planned_sessions": total_planned,
        "completed_sessions": len(done),
        "adherence": round(len(done) / total_planned, 3) if total_planned else None,
        "current_streak_weeks": current,
        "longest_streak_weeks": longest,
        "most_missed_weekdays": [
            {"weekday": day, "missed": count} for day, count in weekdays.most_common(TOP)
        ],
        "most_missed_session_types": [
            {"type": label, "missed": count} for label, count in labels.most_common(TOP)
        ],
        "realignment": _realignment(due, done, today),
    }


# --- loading the athlete's data ---------------------------------------------------------------


def _zone(user: Any) -> ZoneInfo:
    return ZoneInfo(profile_of(user).timezone or "UTC")


def _local(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def planned_sessions(user: Any, since: date, until: date) -> tuple[list[Planned], list[int]]:
    programs = list(
        Program.objects.filter(user=user, status=Status.ACTIVE).values_list("pk", flat=True)
    )
    sessions = (
        ProgramSession.objects.filter(
            week__program_id__in=programs, planned_date__gte=since, planned_date__lte=until
        )
        .select_related("week__program")
        .prefetch_related("exercises", "runs")
    )
    planned = []
    for s in sessions:
        sets: dict[int, int] = {}
        for row in s.exercises.all():
            sets[row.exercise_id] = sets.get(row.exercise_id, 0) + row.sets
        run = next(iter(s.runs.all()), None)
        planned.append(
            Planned(
                session_id=s.pk,
                program_id=s.week.program_id,
                kind=s.week.program.kind,
                day=s.planned_date,
                title=s.title,
                sets=sets,
                run_type=run.type if run else None,
                distance_m=run.distance_m if run else None,
                week_index=s.week.index,
            )
        )
    return planned, programs


def logged_workouts(user: Any, since: date, zone: ZoneInfo) -> list[LoggedWorkout]:
    start = datetime.combine(since - timedelta(days=MATCH_DAYS), datetime.min.time(), zone)
    rows = SetLog.objects.filter(
        session__user=user, session__started_at__gte=start, is_warmup=False
    )
    workouts: dict[int, LoggedWorkout] = {}
    for session_id, started, exercise_id in rows.values_list(
        "session_id", "session__started_at", "exercise_id"
    ):
        workout = workouts.setdefault(session_id, LoggedWorkout(_local(started, zone), {}))
        workout.sets[exercise_id] = workout.sets.get(exercise_id, 0) + 1
    return list(workouts.values())


def logged_runs(user: Any, since: date, zone: ZoneInfo) -> list[LoggedRun]:
    start = datetime.combine(since - timedelta(days=MATCH_DAYS), datetime.min.time(), zone)
    rows = RunSession.objects.filter(user=user, activity=Activity.RUN, started_at__gte=start)
    return [LoggedRun(_local(s, zone), d) for s, d in rows.values_list("started_at", "distance_m")]


def adherence_for(user: Any, *, weeks: int, today: date | None = None) -> dict[str, Any]:
    """The report for the user's active programs over the last ``weeks`` weeks."""
    zone = _zone(user)
    today = today or local_today(user)
    since = _monday(today) - timedelta(days=7 * (weeks - 1))
    planned, programs = planned_sessions(user, since, today)
    report = adherence_report(
        planned, logged_workouts(user, since, zone), logged_runs(user, since, zone),
        today=today, weeks=weeks,
    )  # fmt: skip
    return {"programs": programs, **report}
