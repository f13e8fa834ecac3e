"""The validator: checks a program against every bound the issue sets, before it is saved.

``validate(plan)`` returns violations as ``{code, week, session, message}`` (``week`` and
``session`` 1-based, or None for the whole program); an empty list means the plan may be saved.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from programs import limits
from programs.loads import deload_ceiling
from programs.plan import (
    RUNNING,
    STRENGTH,
    ExercisePrescription,
    ProgramPlan,
    RunPrescription,
    WeekPlan,
)

TOLERANCE = 1e-6
QUALITY_TYPES = {"tempo", "threshold", "interval", "repetition"}
RUN_TYPES = {"easy", "long", "tempo", "threshold", "interval", "repetition", "recovery", "race"}


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    week: int | None = None
    session: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


Check = Callable[[ProgramPlan], Iterator[Violation]]


def validate(plan: ProgramPlan) -> list[Violation]:
    """Every check for the plan's kind, in a stable order."""
    checks = STRENGTH_CHECKS if plan.kind == STRENGTH else RUNNING_CHECKS
    return [violation for check in (*COMMON_CHECKS, *checks) for violation in check(plan)]


# --- both kinds -------------------------------------------------------------------------------


def check_calendar(plan: ProgramPlan) -> Iterator[Violation]:
    if not 1 <= len(plan.weeks) <= limits.MAX_WEEKS:
        yield Violation("weeks_range", f"{len(plan.weeks)} weeks; a plan has 1-24.")
    for number, week in enumerate(plan.weeks, start=1):
        if week.index != number:
            yield Violation("week_order", f"week {week.index} is in place {number}.", number)
        week_start = plan.start_date.toordinal() + 7 * (number - 1)
        days = [session.planned_date.toordinal() for session in week.sessions]
        if days != sorted(set(days)):
            yield Violation("session_dates", "two sessions share a day or run backwards.", number)
        for s, session in enumerate(week.sessions, start=1):
            if not 0 <= session.planned_date.toordinal() - week_start <= 6:
                yield Violation("session_dates", "the session is outside its week.", number, s)
            if session.weekday != session.planned_date.isoweekday():
                yield Violation("weekday", "weekday and planned date disagree.", number, s)


# --- strength ---------------------------------------------------------------------------------


def _intensity_targets(item: ExercisePrescription) -> int:
    return sum(value is not None for value in (item.percent_1rm, item.load_kg, item.rpe, item.rir))


def _item_violations(item: ExercisePrescription, plate_kg: float) -> Iterator[str]:
    if _intensity_targets(item) != 1:
        yield "intensity_target:exactly one of percent_1rm, load_kg, rpe or rir is required"
    if not 1 <= item.sets <= limits.MAX_SETS_PER_EXERCISE:
        yield f"sets_range:{item.sets} sets (1-{limits.MAX_SETS_PER_EXERCISE})"
    has_range = item.reps_min is not None or item.reps_max is not None
    if (item.reps is None) == (not has_range) or (
        has_range and None in (item.reps_min, item.reps_max)
    ):
        yield "reps_shape:give reps, or reps_min and reps_max"
    for reps in (item.reps, item.reps_min, item.reps_max):
        if reps is not None and not 1 <= reps <= limits.MAX_REPS_PER_SET:
            yield f"reps_range:{reps} reps (1-{limits.MAX_REPS_PER_SET})"
    if item.reps_min is not None and item.reps_max is not None and item.reps_min > item.reps_max:
        yield "reps_range:reps_min is above reps_max"
    if not limits.MIN_REST_S <= item.rest_s <= limits.MAX_REST_S:
        yield f"rest_range:{item.rest_s} s rest ({limits.MIN_REST_S}-{limits.MAX_REST_S})"
    if item.rpe is not None and not limits.MIN_RPE <= item.rpe <= limits.MAX_RPE:
        yield f"rpe_range:RPE {item.rpe} (5-10)"
    if item.rir is not None and not 0 <= item.rir <= limits.MAX_RIR:
        yield f"rir_range:RIR {item.rir} (0-{limits.MAX_RIR})"
    percent = item.percent_1rm
    if percent is not None and not limits.MIN_PERCENT_1RM <= percent <= limits.MAX_PERCENT_1RM:
        yield f"percent_range:{percent:.0%} of 1RM (30-100 %)"
    if item.load_kg is not None:
        if not 0 < item.load_kg <= limits.MAX_LOAD_KG:
            yield f"load_range:{item.load_kg} kg"
        plates = item.load_kg / plate_kg
        if abs(plates - round(plates)) > 0.01:
            yield f"load_rounding:{item.load_kg} kg is not a multiple of {plate_kg:g} kg"


def check_prescriptions(plan: ProgramPlan) -> Iterator[Violation]:
    plate = plan.constraints.plate_kg
    for w, week in enumerate(plan.weeks, start=1):
        for s, session in enumerate(week.sessions, start=1):
            if not session.exercises:
                yield Violation("empty_session", "a strength session needs exercises.", w, s)
            for item in session.exercises:
                for problem in _item_violations(item, plate):
                    code, _, message = problem.partition(":")
                    yield Violation(code, f"{item.exercise_name}: {message}.", w, s)


def check_equipment(plan: ProgramPlan) -> Iterator[Violation]:
    available = plan.constraints.equipment | {"bodyweight"}
    needs = plan.constraints.exercise_equipment
    for w, week in enumerate(plan.weeks, start=1):
        for s, session in enumerate(week.sessions, start=1):
            for item in session.exercises:
                if item.exercise_id not in needs:
                    yield Violation(
                        "unknown_exercise", f"{item.exercise_name} is not in the catalog.", w, s
                    )
                    continue
                missing = set(needs[item.exercise_id]) - available
                if missing:
                    yield Violation(
                        "equipment",
                        f"{item.exercise_name} needs {', '.join(sorted(missing))}, not available.",
                        w,
                        s,
                    )


def check_injuries(plan: ProgramPlan) -> Iterator[Violation]:
    blocked = {
        exercise_id: injury
        for injury in plan.constraints.injuries
        if injury.severity >= 4
        for exercise_id in injury.loading_ids
    }
    for w, week in enumerate(plan.weeks, start=1):
        for s, session in enumerate(week.sessions, start=1):
            for item in session.exercises:
                injury = blocked.get(item.exercise_id)
                if injury is not None:
                    yield Violation(
                        "injury",
                        f"{item.exercise_name} loads the {injury.region} "
                        f"(injured, severity {injury.severity}).",
                        w,
                        s,
                    )


def check_session_time(plan: ProgramPlan) -> Iterator[Violation]:
    minutes = plan.constraints.session_minutes
    if minutes is None:
        return
    for w, week in enumerate(plan.weeks, start=1):
        for s, session in enumerate(week.sessions, start=1):
            if session.estimated_s > minutes * 60:
                yield Violation(
                    "session_time",
                    f"about {math.ceil(session.estimated_s / 60)} min of sets and rest; "
                    f"the athlete has {minutes}.",
                    w,
                    s,
                )


def check_frequency(plan: ProgramPlan) -> Iterator[Violation]:
    days = plan.constraints.days_per_week
    for w, week in enumerate(plan.weeks, start=1):
        if days is not None and len(week.sessions) != days:
            yield Violation("frequency", f"{len(week.sessions)} sessions; asked for {days}.", w)


def _deload_runs(plan: ProgramPlan) -> Iterator[Violation]:
    hard_run, since_deload = 0, 0
    for w, week in enumerate(plan.weeks, start=1):
        if week.deload:
            if since_deload < limits.MIN_HARD_WEEKS_BETWEEN_DELOADS:
                yield Violation("deload_spacing", "a deload comes too soon after the last.", w)
            hard_run, since_deload = 0, 0
            continue
        hard_run += 1
        since_deload += 1
        if hard_run > limits.MAX_HARD_WEEKS_IN_A_ROW:
            yield Violation("deload_missing", "more than 5 hard weeks without a deload.", w)


def _by_exercise(week: WeekPlan) -> dict[int, list[ExercisePrescription]]:
    rows: dict[int, list[ExercisePrescription]] = {}
    for session in week.sessions:
        for item in session.exercises:
            rows.setdefault(item.exercise_id, []).append(item)
    return rows


def _deload_content(w: int, week: WeekPlan, before: WeekPlan) -> Iterator[Violation]:
    if len(week.sessions) != len(before.sessions):
        yield Violation("deload_frequency", "a deload keeps the number of sessions.", w)
    ratio = week.hard_sets / before.hard_sets if before.hard_sets else 1.0
    low, high = limits.DELOAD_SETS_MIN_RATIO, limits.DELOAD_SETS_MAX_RATIO
    if not low - TOLERANCE <= ratio <= high + TOLERANCE:
        yield Violation(
            "deload_volume",
            f"hard sets are {ratio:.0%} of the week before; a deload keeps 50-60 %.",
            w,
        )
    previous = _by_exercise(before)
    for exercise_id, rows in _by_exercise(week).items():
        earlier = previous.get(exercise_id, [])
        loads = [row.load_kg for row in earlier if row.load_kg is not None]
        rirs = [row.rir for row in earlier if row.rir is not None]
        rpes = [row.rpe for row in earlier if row.rpe is not None]
        for row in rows:
            name = row.exercise_name
            if row.load_kg is not None and loads and row.load_kg > deload_ceiling(max(loads)):
                yield Violation("deload_load", f"{name}: a deload lifts at most 90 %.", w)
            if row.rir is not None and rirs:
                wanted = min(min(rirs) + limits.DELOAD_RIR_INCREASE, limits.MAX_RIR)
                if row.rir < wanted:
                    yield Violation("deload_rir", f"{name}: a deload leaves 2 more reps.", w)
            easier = max(rpes, default=0.0) - limits.DELOAD_RIR_INCREASE + TOLERANCE
            if row.rpe is not None and rpes and row.rpe > easier:
                yield Violation("deload_rpe", f"{name}: a deload is 2 RPE easier.", w)


def check_deloads(plan: ProgramPlan) -> Iterator[Violation]:
    yield from _deload_runs(plan)
    for w in range(2, len(plan.weeks) + 1):
        week, before = plan.weeks[w - 1], plan.weeks[w - 2]
        if week.deload and not before.deload:
            yield from _deload_content(w, week, before)


# --- running ----------------------------------------------------------------------------------


def _run_problems(run: RunPrescription) -> Iterator[str]:
    if run.type not in RUN_TYPES:
        yield f"run_type:unknown run type {run.type!r}"
    if run.type != "race" and run.distance_m < limits.MIN_RUN_M - TOLERANCE:
        yield f"run_distance:{run.distance_m:.0f} m is shorter than a run worth lacing up for"
    if run.duration_s <= 0:
        yield "run_duration:a run takes time"
    if not 0 < run.pace_min_s_per_km <= run.pace_max_s_per_km:
        yield "pace_range:the faster pace must come first and be positive"
    if not 1 <= run.hr_zone <= 5:
        yield f"hr_zone:zone {run.hr_zone} (1-5)"
    if run.quality_m > run.distance_m + TOLERANCE:
        yield "quality_share:the quality part is longer than the run"
    if run.reps is not None:
        if not run.rep_distance_m or run.recovery_s is None:
            yield "repeats_shape:repeats need a rep distance and a recovery"
        elif abs(run.reps * run.rep_distance_m - run.quality_m) > 1:
            yield "repeats_shape:quality_m is reps x rep distance"


def check_runs(plan: ProgramPlan) -> Iterator[Violation]:
    for w, week in enumerate(plan.weeks, start=1):
        for s, session in enumerate(week.sessions, start=1):
            if not session.runs:
                yield Violation("empty_session", "a running session needs a run.", w, s)
            for run in session.runs:
                for problem in _run_problems(run):
                    code, _, message = problem.partition(":")
                    yield Violation(code, f"{run.type}: {message}.", w, s)


def check_distribution(plan: ProgramPlan) -> Iterator[Violation]:
    for w, week in enumerate(plan.weeks, start=1):
        total = week.training_m
        runs = week.runs()
        if total <= 0:
            continue
        for run in runs:
            if run.type == "long" and run.distance_m > limits.MAX_LONG_RUN_SHARE * total + 1:
                yield Violation("long_run_share", "the long run is over 30 % of the week.", w)
            if run.type == "long" and run.distance_m > limits.MAX_LONG_RUN_M:
                yield Violation("long_run_cap", "the long run is over 35 km.", w)
        threshold = sum(r.quality_m for r in runs if r.type in {"tempo", "threshold"})
        fast = sum(r.quality_m for r in runs if r.type in {"interval", "repetition"})
        if threshold > limits.MAX_THRESHOLD_SHARE * total + 1:
            yield Violation("threshold_share", f"threshold/tempo is {threshold / total:.0%}.", w)
        if fast > limits.MAX_INTERVAL_SHARE * total + 1:
            yield Violation("interval_share", f"interval + repetition is {fast / total:.0%}.", w)
        easy = (total - sum(r.quality_m for r in runs)) / total
        if easy < limits.MIN_EASY_SHARE - TOLERANCE:
            yield Violation("easy_share", f"only {easy:.0%} of the week is easy.", w)


def _volume_start(plan: ProgramPlan) -> float:
    current = plan.constraints.current_weekly_km
    return current * 1000 if current else 0.0


def check_volume(plan: ProgramPlan) -> Iterator[Violation]:
    """Ramp: at most +10 % over the highest week so far (the athlete's current week counts)."""
    highest = _volume_start(plan)
    in_a_row = 0
    for w, week in enumerate(plan.weeks, start=1):
        volume = week.training_m
        if highest and volume > highest * (1 + limits.MAX_WEEKLY_INCREASE) + 1:
            yield Violation(
                "volume_ramp", f"{volume / 1000:.1f} km is over 10 % above {highest / 1000:.1f}.", w
            )
        if week.deload and not week.is_taper and w > 1:
            before = plan.weeks[w - 2].training_m
            cut = 1 - volume / before if before else 0.0
            if not limits.RECOVERY_MIN_CUT - 0.005 <= cut <= limits.RECOVERY_MAX_CUT + 0.005:
                yield Violation("recovery_cut", f"the recovery week cuts {cut:.0%}; 20-30 %.", w)
        in_a_row = 0 if week.deload else in_a_row + 1
        if in_a_row >= limits.RECOVERY_EVERY_WEEKS:
            yield Violation("recovery_missing", "no recovery week in 4 weeks.", w)
        highest = max(highest, volume)


def check_taper_and_race(plan: ProgramPlan) -> Iterator[Violation]:
    if plan.constraints.race_distance_m is None:
        return
    last_session = plan.weeks[-1].sessions[-1] if plan.weeks and plan.weeks[-1].sessions else None
    race_runs = [
        run for _, session in plan.sessions() for run in session.runs if run.type == "race"
    ]
    if (
        last_session is None
        or [r.type for r in last_session.runs] != ["race"]
        or len(race_runs) != 1
    ):
        yield Violation("race_last", "the race is the last session, and the only race.")
    elif abs(last_session.runs[0].distance_m - plan.constraints.race_distance_m) > 1:
        yield Violation("race_distance", "the race is not the goal distance.")
    race_date = plan.constraints.race_date
    if race_date and last_session is not None and last_session.planned_date != race_date:
        yield Violation("race_date", "the plan does not end on the race date.")
    low, high = plan.constraints.taper_weeks
    tapers = [week for week in plan.weeks if week.is_taper]
    if not low <= len(tapers) <= high or any(not w.is_taper for w in plan.weeks[-len(tapers) :]):
        yield Violation("taper_length", f"{len(tapers)} taper weeks at the end; {low}-{high}.")
    peak = max((week.training_m for week in plan.weeks if not week.is_taper), default=0.0)
    for w, week in enumerate(plan.weeks, start=1):
        if week.is_taper and peak:
            cut = 1 - week.training_m / peak
            if not limits.TAPER_MIN_CUT - 0.005 <= cut <= limits.TAPER_MAX_CUT + 0.005:
                yield Violation("taper_cut", f"the taper week cuts {cut:.0%}; 20-60 %.", w)


COMMON_CHECKS: tuple[Check, ...] = (check_calendar,)
STRENGTH_CHECKS: tuple[Check, ...] = (
    check_prescriptions,
    check_equipment,
    check_injuries,
    check_session_time,
    check_frequency,
    check_deloads,
)
RUNNING_CHECKS: tuple[Check, ...] = (
    check_runs,
    check_distribution,
    check_volume,
    check_taper_and_race,
)
KINDS = {STRENGTH, RUNNING}
