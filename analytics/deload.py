"""Deload: recommend one when at least two signals hold, and prescribe it.

Signals (each a known marker of accumulated fatigue; Bell et al. 2023, Sports Med Open 9:54 on
deloading practice): a rolling ACWR over 1.5; two or more stalled lifts; the last three check-ins
all at readiness <= 2 or soreness >= 4; five or more weeks since the last deload week, i.e. a week
whose hard sets fell by >= 40 % against the mean of the four before it, or a program deload week.
The prescription is the common one: volume -40-50 %, load -10 %, RIR +2, same frequency, a week.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from django.db.models import DateField, IntegerField

from analytics.athlete import Athlete
from analytics.fatigue import ZONE_HIGH_ABOVE, daily_loads
from analytics.loads import load_entries_from, load_rows_query, window
from analytics.strength import (
    SetRow,
    hard_sets_by_week,
    hard_sets_from,
    hard_sets_query,
    lifts,
    set_rows_from,
    set_rows_query,
    weeks_between,
)
from core.db.batch import fetch_together
from core.db.prepared import Arg, BoundQuery, PreparedQuery
from programs.models import ProgramWeek, Status
from training.checkins import CheckIn
from training.localtime import week_start
from training.science import load as science

SIGNALS_NEEDED = 2
STALLED_LIFTS_NEEDED = 2
CHECKINS_NEEDED = 3
CHECKINS_READ = 30  # a streak longer than this reads as 30
LOW_READINESS = 2
HIGH_SORENESS = 4
WEEKS_SINCE_DELOAD_NEEDED = 5
DELOAD_DROP = 0.40
BASELINE_WEEKS = 4
HISTORY_WEEKS = 52
LIFT_WEEKS = 8
PRESCRIPTION_WEEKS = 4
VOLUME_CHANGE_PCT = (-50, -40)
LOAD_CHANGE_PCT = -10
RIR_CHANGE = 2
DURATION_DAYS = 7
LOAD_STEP_KG = 0.5
DELOAD_SET_SHARE = 0.55  # the middle of -40-50 %


def low_readiness_streak(user_id: int, as_of: date) -> int:
    """How many of the latest check-ins in a row show readiness <= 2 or soreness >= 4."""
    return readiness_streak_from(checkins_query(user_id, as_of).rows())


CHECKINS = PreparedQuery(
    lambda: (
        CheckIn.objects.filter(
            user_id=Arg("user_id", IntegerField()), date__lte=Arg("as_of", DateField())
        )
        .order_by("-date")
        .values_list("readiness", "soreness")[:CHECKINS_READ]
    )
)


def checkins_query(user_id: int, as_of: date) -> BoundQuery:
    """``(readiness, soreness)`` of the latest check-ins up to ``as_of``, newest first."""
    return CHECKINS.bind({"user_id": user_id, "as_of": as_of})


def readiness_streak_from(rows: list[tuple[int, int]]) -> int:
    streak = 0
    for readiness, soreness in rows:
        if readiness > LOW_READINESS and soreness < HIGH_SORENESS:
            break
        streak += 1
    return streak


def program_deload_weeks(user_id: int) -> set[date]:
    """Monday dates of the deload weeks of the user's programs (drafts were never followed)."""
    return program_deload_weeks_from(program_deload_query(user_id).rows())


PROGRAM_DELOADS = PreparedQuery(
    lambda: (
        ProgramWeek.objects.filter(program__user_id=Arg("user_id", IntegerField()), deload=True)
        .exclude(program__status=Status.DRAFT)
        .values_list("program__start_date", "index")
    )
)


def program_deload_query(user_id: int) -> BoundQuery:
    return PROGRAM_DELOADS.bind({"user_id": user_id})


def program_deload_weeks_from(rows: list[tuple[date, int]]) -> set[date]:
    return {week_start(start) + timedelta(weeks=index - 1) for start, index in rows}


def deload_weeks(hard_sets: dict[date, int], weeks: list[date]) -> list[date]:
    """Weeks whose hard sets fell >= 40 % below the mean of the four weeks before them."""
    found = []
    for index in range(BASELINE_WEEKS, len(weeks)):
        before = [hard_sets.get(week, 0) for week in weeks[index - BASELINE_WEEKS : index]]
        baseline = sum(before) / BASELINE_WEEKS
        if baseline > 0 and hard_sets.get(weeks[index], 0) <= baseline * (1 - DELOAD_DROP):
            found.append(weeks[index])
    return found


def hard_sets_window(as_of: date) -> tuple[date, date]:
    """The local days whose hard sets mark deload weeks: the 52 weeks before ``as_of``'s."""
    current = week_start(as_of)
    return current - timedelta(weeks=HISTORY_WEEKS), current - timedelta(days=1)


def weeks_since_deload(athlete: Athlete, as_of: date) -> int | None:
    """Completed weeks since the last deload week (or since training began); None: no training."""
    hard_sets = hard_sets_by_week(athlete, *hard_sets_window(as_of))
    return weeks_since_deload_from(hard_sets, program_deload_weeks(athlete.user_id), as_of)


def weeks_since_deload_from(
    hard_sets: dict[date, int], program_weeks: set[date], as_of: date
) -> int | None:
    """:func:`weeks_since_deload` from the weekly hard sets and the program deload weeks."""
    current = week_start(as_of)
    trained = sorted(week for week, sets in hard_sets.items() if sets)
    if not trained:
        return None
    completed = weeks_between(trained[0], current - timedelta(days=1))
    marked = deload_weeks(hard_sets, completed)
    marked += [w for w in program_weeks if trained[0] <= w < current]
    since = max(marked) + timedelta(weeks=1) if marked else trained[0]
    return (current - since).days // 7


def _round_load(kg: float) -> float:
    return math.floor(kg / LOAD_STEP_KG) * LOAD_STEP_KG


def prescription(all_rows: list[SetRow], as_of: date) -> dict[str, Any]:
    """The deload week for the lifts trained in the last four weeks."""
    first = as_of - timedelta(weeks=PRESCRIPTION_WEEKS) + timedelta(days=1)
    rows = [row for row in all_rows if not row.is_warmup and row.day >= first]
    per_lift: dict[int, dict[str, Any]] = {}
    for row in rows:
        lift = per_lift.setdefault(
            row.exercise_id, {"name": row.name, "sessions": set(), "hard": 0, "top": None}
        )
        lift["sessions"].add(row.session_id)
        lift["hard"] += int(row.hard)
        if row.weight_kg and (lift["top"] is None or row.weight_kg > lift["top"]):
            lift["top"] = row.weight_kg
    applies = []
    for exercise_id, lift in sorted(per_lift.items(), key=lambda item: item[1]["name"]):
        sets = lift["hard"] / len(lift["sessions"])
        top = lift["top"]
        applies.append(
            {
                "exercise_id": exercise_id,
                "name": lift["name"],
                "working_sets_per_session": round(sets, 1),
                "deload_sets_per_session": max(1, round(sets * DELOAD_SET_SHARE)),
                "top_load_kg": top,
                "deload_load_kg": _round_load(top * (1 + LOAD_CHANGE_PCT / 100)) if top else None,
            }
        )
    return {
        "volume_change_pct": list(VOLUME_CHANGE_PCT),
        "load_change_pct": LOAD_CHANGE_PCT,
        "rir_change": RIR_CHANGE,
        "frequency": "same",
        "duration_days": DURATION_DAYS,
        "lifts": applies,
    }


def deload_metrics(athlete: Athlete, as_of: date) -> dict[str, Any]:
    """The ``metrics`` of GET /api/analytics/deload."""
    # the rolling ACWR sums the last 28 days only: the sessions before them are not read
    first, last = window(as_of, science.CHRONIC_DAYS)
    lift_first = as_of - timedelta(weeks=LIFT_WEEKS) + timedelta(days=1)
    load_rows, set_rows, checkin_rows, hard_set_rows, program_rows = fetch_together(
        load_rows_query(athlete, first, last),
        set_rows_query(athlete, lift_first, as_of),
        checkins_query(athlete.user_id, as_of),
        hard_sets_query(athlete, *hard_sets_window(as_of)),
        program_deload_query(athlete.user_id),
    )
    acwr = science.acwr_rolling(daily_loads(load_entries_from(load_rows, athlete), as_of))
    lift_rows = set_rows_from(set_rows)
    stalled: list[dict[str, Any]] = [
        {"exercise_id": lift.exercise_id, "name": lift.name}
        for lift in lifts(lift_rows)
        if lift.stalled
    ]
    streak = readiness_streak_from(checkin_rows)
    since = weeks_since_deload_from(
        hard_sets_from(hard_set_rows, athlete), program_deload_weeks_from(program_rows), as_of
    )
    reasons = []
    if acwr is not None and acwr > ZONE_HIGH_ABOVE:
        reasons.append(f"Your acute:chronic load ratio is {acwr:.2f}, above 1.5.")
    if len(stalled) >= STALLED_LIFTS_NEEDED:
        names = ", ".join(lift["name"] for lift in stalled)
        reasons.append(f"{len(stalled)} lifts have stalled for three exposures: {names}.")
    if streak >= CHECKINS_NEEDED:
        reasons.append(
            f"Your last {streak} check-ins show low readiness (<= 2) or high soreness (>= 4)."
        )
    if since is not None and since >= WEEKS_SINCE_DELOAD_NEEDED:
        reasons.append(f"It has been {since} weeks since your last lighter week.")
    recommended = len(reasons) >= SIGNALS_NEEDED
    return {
        "recommended": recommended,
        "reasons": reasons,
        "signals": {
            "acwr_rolling": None if acwr is None else round(acwr, 3),
            "stalled_lifts": stalled,
            "low_readiness_streak": streak,
            "weeks_since_deload": since,
        },
        "prescription": prescription(lift_rows, as_of) if recommended else None,
    }
