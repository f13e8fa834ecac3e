"""The running generator: VDOT paces from a recent race, volume that ramps at most 10 % over the
highest week, a recovery week every 4th week, quality capped by share of the week, a taper, the race
as the last session (on the race date when given)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from programs import limits
from programs.plan import (
    RUNNING,
    PlanConstraints,
    ProgramPlan,
    RunPrescription,
    SessionPlan,
    WeekPlan,
)
from training.science.running import race_time_s, training_paces, vdot
from training.units import METRES_PER_MARATHON

VERSION = "1"
RACE_DISTANCE_M = {
    "5k": 5000.0,
    "10k": 10000.0,
    "half": METRES_PER_MARATHON / 2,
    "marathon": METRES_PER_MARATHON,
}
# Taper length (weeks): 2-3 for a marathon, 1-2 for a half, about 1 for 5-10 km.
TAPER_WEEKS = {"5k": (1, 1), "10k": (1, 1), "half": (1, 2), "marathon": (2, 3), "base": (0, 0)}
# The shortest plan a coach would write for each goal, and the base it needs (km a week).
MIN_WEEKS = {"5k": 4, "10k": 6, "half": 8, "marathon": 12, "base": 4}
MIN_CURRENT_KM = {"5k": 0.0, "10k": 10.0, "half": 20.0, "marathon": 30.0, "base": 0.0}
PEAK_KM = {"5k": 55.0, "10k": 70.0, "half": 85.0, "marathon": 105.0, "base": 60.0}
# Taper weeks as fractions of the peak week, last week (race week, without the race) last.
TAPER_FRACTIONS = {1: (0.55,), 2: (0.72, 0.5), 3: (0.75, 0.6, 0.45)}
BUILD_GROWTH = 1.08  # under the 10 % bound, so rounding never crosses it
RETURN_GROWTH = 1.04  # the week after a recovery week, over the highest so far
RECOVERY_FRACTION = 0.75
LONG_SHARE = 0.28
THRESHOLD_BUDGET = 0.09
INTERVAL_BUDGET = 0.07
MAX_TEMPO_S = 25 * 60
# Day offsets in the week per runs a week, with the role of each day; the last day is the long run
# (or, in the race week, the race).
DAYS = {
    3: ((1, "Q1"), (3, "E"), (6, "L")),
    4: ((1, "Q1"), (2, "E"), (4, "Q2"), (6, "L")),
    5: ((0, "E"), (1, "Q1"), (3, "E"), (4, "Q2"), (6, "L")),
    6: ((0, "E"), (1, "Q1"), (2, "E"), (3, "Q2"), (4, "E"), (6, "L")),
    7: ((0, "E"), (1, "Q1"), (2, "E"), (3, "E"), (4, "Q2"), (5, "E"), (6, "L")),
}
HR_ZONES = {
    "recovery": 1, "easy": 2, "long": 2, "tempo": 4, "threshold": 4, "interval": 5,
    "repetition": 5,
}  # fmt: skip
RACE_HR_ZONE = {"5k": 5, "10k": 5, "half": 4, "marathon": 3}


@dataclass(frozen=True)
class RunningQuestionnaire:
    goal: str
    race_distance_m: float
    race_time_s: float
    runs_per_week: int
    current_weekly_km: float
    weeks: int
    start_date: date
    race_date: date | None = None


def taper_length(goal: str, weeks: int) -> int:
    low, high = TAPER_WEEKS[goal]
    if high > low and weeks >= (16 if goal == "marathon" else 12):
        return high
    return low


def volumes(q: RunningQuestionnaire) -> list[tuple[float, str]]:
    """Each week's training distance (m, the race excluded) and its focus."""
    taper = taper_length(q.goal, q.weeks)
    cap = max(PEAK_KM[q.goal], q.current_weekly_km) * 1000
    plan: list[tuple[float, str]] = []
    highest = q.current_weekly_km * 1000
    since_recovery = 0
    for index in range(q.weeks - taper):
        if index == 0:
            volume, focus = highest, "base"
        elif since_recovery == limits.RECOVERY_EVERY_WEEKS - 1:
            volume, focus = plan[-1][0] * RECOVERY_FRACTION, "recovery"
        else:
            growth = RETURN_GROWTH if plan[-1][1] == "recovery" else BUILD_GROWTH
            volume, focus = min(highest * growth, cap, plan[-1][0] * 1.3), "build"
        since_recovery = 0 if focus == "recovery" else since_recovery + 1
        plan.append((volume, focus))
        highest = max(highest, volume)
    peak = max(volume for volume, _ in plan)
    for n, fraction in enumerate(TAPER_FRACTIONS.get(taper, ()), start=1):
        plan.append((peak * fraction, f"taper {n} of {taper}"))
    return plan


class Paces:
    """The athlete's training paces (s/km, fast end first) from the recent race's VDOT."""

    def __init__(self, q: RunningQuestionnaire) -> None:
        self.vdot = vdot(q.race_distance_m, q.race_time_s)
        self.bands = training_paces(self.vdot)

    def of(self, run_type: str) -> tuple[float, float]:
        key = {"tempo": "T", "threshold": "T", "interval": "I", "repetition": "R"}.get(
            run_type, "E"
        )
        fast, slow = self.bands[key]
        if run_type == "recovery":
            return slow, slow + 30
        return fast, slow

    def mid(self, run_type: str) -> float:
        fast, slow = self.of(run_type)
        return (fast + slow) / 2

    def race(self, distance_m: float) -> tuple[float, float]:
        pace = race_time_s(self.vdot, distance_m) / (distance_m / 1000)
        return pace - 2, pace + 2


def _round_down(metres: float, step: float = 100) -> float:
    return math.floor(metres / step) * step


def _steady(run_type: str, distance: float, paces: Paces, note: str = "") -> RunPrescription:
    fast, slow = paces.of(run_type)
    return RunPrescription(
        type=run_type,
        distance_m=round(distance, 1),
        duration_s=round(distance / 1000 * paces.mid(run_type)),
        pace_min_s_per_km=round(fast, 1),
        pace_max_s_per_km=round(slow, 1),
        hr_zone=HR_ZONES[run_type],
        note=note,
    )


def _session(
    run_type: str, quality: float, warm: float, paces: Paces, **repeats: float
) -> RunPrescription:
    """A quality run: warm-up and cool-down at easy pace around the part at intensity."""
    fast, slow = paces.of(run_type)
    reps = repeats.get("reps")
    recovery = repeats.get("recovery_s", 0.0)
    seconds = 2 * warm / 1000 * paces.mid("easy") + quality / 1000 * paces.mid(run_type)
    seconds += recovery * max((reps or 1) - 1, 0)
    return RunPrescription(
        type=run_type,
        distance_m=round(2 * warm + quality, 1),
        duration_s=round(seconds),
        pace_min_s_per_km=round(fast, 1),
        pace_max_s_per_km=round(slow, 1),
        hr_zone=HR_ZONES[run_type],
        quality_m=round(quality, 1),
        reps=int(reps) if reps else None,
        rep_distance_m=repeats.get("rep_m"),
        recovery_s=int(recovery) if reps else None,
        note=f"{warm / 1000:g} km easy before and after.",
    )


def threshold_run(
    kind: str, budget: float, warm: float, paces: Paces, goal: str
) -> RunPrescription | None:
    if kind == "threshold":
        rep = 1600.0 if goal in {"half", "marathon"} else 1000.0
        reps = min(int(budget // rep), 6)
        if reps >= 2:
            return _session(
                "threshold", reps * rep, warm, paces, reps=reps, rep_m=rep, recovery_s=60
            )
    longest = MAX_TEMPO_S / paces.mid("tempo") * 1000
    block = _round_down(min(budget, longest))
    return _session("tempo", block, warm, paces) if block >= 1000 else None


def speed_run(kind: str, budget: float, warm: float, paces: Paces) -> RunPrescription | None:
    ladders = {"interval": (1000.0, 800.0, 400.0), "repetition": (400.0, 200.0)}
    for run_type, rungs in ((kind, ladders[kind]), ("repetition", ladders["repetition"])):
        for rep in rungs:
            reps = min(int(budget // rep), 8 if run_type == "interval" else 10)
            if reps >= 3:
                rep_s = rep / 1000 * paces.mid(run_type)
                recovery = 10 * round(rep_s * (0.9 if run_type == "interval" else 2) / 10)
                return _session(
                    run_type, reps * rep, warm, paces, reps=reps, rep_m=rep, recovery_s=recovery
                )
    return None


def quality_runs(q: RunningQuestionnaire, volume: float, slots: int, week: int, paces: Paces):
    """Up to two quality runs: one threshold-type (tempo/cruise reps), one speed-type."""
    warm = 1500.0 if volume >= 30_000 else 1000.0
    t_budget, i_budget = THRESHOLD_BUDGET * volume, INTERVAL_BUDGET * volume
    threshold = threshold_run("tempo" if week % 2 else "threshold", t_budget, warm, paces, q.goal)
    speed_kind = "repetition" if q.goal == "5k" and week % 2 == 0 else "interval"
    speed = speed_run(speed_kind, i_budget, warm, paces)
    if slots == 1:
        first = speed if q.goal in {"5k", "10k"} else threshold
        return [run for run in (first or threshold or speed,) if run]
    return [run for run in (threshold, speed) if run]


def week_runs(
    q: RunningQuestionnaire, volume: float, focus: str, week: int, paces: Paces, race: bool
):
    """(day offset, run) for one week: quality first, the long run, easy runs take the rest."""
    days = DAYS[q.runs_per_week]
    if race:
        easy_days = [offset for offset, _ in days[:-1]]
        share = volume / len(easy_days)
        runs = [
            (offset, _steady("easy", share, paces, "Easy; a few relaxed strides."))
            for offset in easy_days
        ]
        return _balance(runs, volume)
    slots = 1 if focus != "build" or q.goal == "base" or q.runs_per_week == 3 else 2
    quality = quality_runs(q, volume, slots, week, paces)
    long_m = _round_down(min(LONG_SHARE * volume, limits.MAX_LONG_RUN_M))
    placed: list[tuple[int, RunPrescription]] = [(days[-1][0], _steady("long", long_m, paces))]
    quality_days = [offset for offset, role in days if role.startswith("Q")]
    easy_days = [offset for offset, role in days if role == "E"]
    easy_days += quality_days[len(quality) :]
    placed += list(zip(quality_days, quality, strict=False))
    rest = volume - sum(run.distance_m for _, run in placed)
    easy_type = "recovery" if focus == "recovery" else "easy"
    share = rest / len(easy_days)
    placed += [(offset, _steady(easy_type, share, paces)) for offset in easy_days]
    return _balance(sorted(placed, key=lambda item: item[0]), volume)


def _balance(runs: list[tuple[int, RunPrescription]], volume: float):
    """Round easy runs to 100 m; the last easy run takes the remainder so the week sums exactly."""
    steady = [run for _, run in runs if run.type in {"easy", "recovery"}]
    for run in steady[:-1]:
        run.distance_m = _round_down(run.distance_m + 50)
    if steady:
        other = sum(run.distance_m for _, run in runs if run is not steady[-1])
        steady[-1].distance_m = round(volume - other, -1)
    for run in steady:
        fast, slow = run.pace_min_s_per_km, run.pace_max_s_per_km
        run.duration_s = round(run.distance_m / 1000 * (fast + slow) / 2)
    return runs


def race_run(q: RunningQuestionnaire, paces: Paces) -> RunPrescription:
    distance = RACE_DISTANCE_M[q.goal]
    fast, slow = paces.race(distance)
    return RunPrescription(
        type="race",
        distance_m=distance,
        duration_s=round(race_time_s(paces.vdot, distance)),
        pace_min_s_per_km=round(fast, 1),
        pace_max_s_per_km=round(slow, 1),
        hr_zone=RACE_HR_ZONE[q.goal],
        quality_m=distance,
        note="Race day: even pace, the first kilometre no faster than the range.",
    )


def generate_running(q: RunningQuestionnaire) -> ProgramPlan:
    """The whole plan as data; the caller validates it before saving."""
    paces = Paces(q)
    has_race = q.goal in RACE_DISTANCE_M
    weeks = []
    plan_volumes = volumes(q)
    for index, (volume, focus) in enumerate(plan_volumes, start=1):
        week_start = q.start_date + timedelta(days=7 * (index - 1))
        race_week = has_race and index == len(plan_volumes)
        sessions = []
        for offset, run in week_runs(q, volume, focus, index, paces, race_week):
            day = week_start + timedelta(days=offset)
            sessions.append(
                SessionPlan(day.isoweekday(), day, run.type.capitalize() + " run", runs=[run])
            )
        if race_week:
            day = week_start + timedelta(days=6)
            sessions.append(SessionPlan(day.isoweekday(), day, "Race", runs=[race_run(q, paces)]))
        deload = focus != "build" and focus != "base"
        weeks.append(WeekPlan(index, focus, deload, sessions))
    low_high = TAPER_WEEKS[q.goal]
    constraints = PlanConstraints(
        runs_per_week=q.runs_per_week,
        current_weekly_km=q.current_weekly_km,
        race_distance_m=RACE_DISTANCE_M.get(q.goal),
        race_date=q.race_date,
        taper_weeks=low_high,
    )
    return ProgramPlan(
        kind=RUNNING,
        goal=q.goal,
        start_date=q.start_date,
        generator="running/daniels",
        generator_version=VERSION,
        weeks=weeks,
        constraints=constraints,
        race_date=weeks[-1].sessions[-1].planned_date if has_race else None,
        race_distance_m=RACE_DISTANCE_M.get(q.goal),
        facts={
            "vdot": round(paces.vdot, 1),
            "paces_s_per_km": {k: [round(f, 1), round(s, 1)] for k, (f, s) in paces.bands.items()},
            "weekly_km": [round(w.training_m / 1000, 1) for w in weeks],
            "taper_weeks": taper_length(q.goal, q.weeks) if has_race else 0,
        },
    )
