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

from analytics.athlete import Athlete
from analytics.fatigue import ZONE_HIGH_ABOVE, daily_loads
from analytics.loads import load_entries, window
from analytics.strength import SetRow, hard_sets_by_week, lifts, set_rows, weeks_between
from programs.models import ProgramWeek, Status
from training.checkins import CheckIn
from training.localtime import week_start
from training.science import load as science

SIGNALS_NEEDED = 2
STALLED_LIFTS_NEEDED = 2
CHECKINS_NEEDED = 3
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
    rows = CheckIn.objects.filter(user_id=user_id, date__lte=as_of).order_by("-date")
    streak = 0
    for readiness, soreness in rows.values_list("readiness", "soreness")[:30]:
        if readiness > LOW_READINESS and soreness < HIGH_SORENESS:
            break
        streak += 1
    return streak


def program_deload_weeks(user_id: int) -> set[date]:
    """Monday dates of the deload weeks of the user's programs (drafts were never followed)."""
    rows = (
        ProgramWeek.objects.filter(program__user_id=user_id, deload=True)
        .exclude(program__status=Status.DRAFT)
        .values_list("program__start_date", "index")
    )
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


def weeks_since_deload(athlete: Athlete, as_of: date) -> int | None:
    """Completed weeks since the last deload week (or since training began); None: no training."""
    current = week_start(as_of)
    first = current - timedelta(weeks=HISTORY_WEEKS)
    hard_sets = hard_sets_by_week(athlete, first, current - timedelta(days=1))
    trained = sorted(week for week, sets in hard_sets.items() if sets)
    if not trained:
        return None
    completed = weeks_between(trained[0], current - timedelta(days=1))
    marked = deload_weeks(hard_sets, completed)
    marked += [w for w in program_deload_weeks(athlete.user_id) if trained[0] <= w < current]
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
    acwr = science.acwr_rolling(daily_loads(load_entries(athlete, first, last), as_of))
    lift_rows = set_rows(athlete, as_of - timedelta(weeks=LIFT_WEEKS) + timedelta(days=1), as_of)
    stalled: list[dict[str, Any]] = [
        {"exercise_id": lift.exercise_id, "name": lift.name}
        for lift in lifts(lift_rows)
        if lift.stalled
    ]
    streak = low_readiness_streak(athlete.user_id, as_of)
    since = weeks_since_deload(athlete, as_of)
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
