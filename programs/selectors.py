"""Reads on programs: the nested program with its validation, the plan rebuilt from the rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from programs.models import PrescribedExercise, Program, ProgramSession, ProgramWeek
from programs.plan import (
    ExercisePrescription,
    PlanConstraints,
    ProgramPlan,
    RunPrescription,
    SessionPlan,
    WeekPlan,
)
from programs.validation import validate


def programs_for(user: Any) -> QuerySet[Program]:
    """The user's programs with weeks, sessions and prescriptions prefetched (fixed queries)."""
    sessions = ProgramSession.objects.prefetch_related(
        Prefetch("exercises", PrescribedExercise.objects.select_related("exercise")), "runs"
    )
    weeks = ProgramWeek.objects.prefetch_related(Prefetch("sessions", sessions))
    return Program.objects.filter(user=user).prefetch_related(Prefetch("weeks", weeks))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def plan_of(program: Program) -> ProgramPlan:
    """The stored program as plain data, so the validator can check it as saved."""
    weeks = []
    for week in program.weeks.all():
        sessions = []
        for session in week.sessions.all():
            exercises = [
                ExercisePrescription(
                    exercise_id=row.exercise_id,
                    exercise_name=row.exercise.name,
                    order=row.order,
                    sets=row.sets,
                    rest_s=row.rest_s,
                    reps=row.reps,
                    reps_min=row.reps_min,
                    reps_max=row.reps_max,
                    percent_1rm=row.percent_1rm,
                    load_kg=_float(row.load_kg),
                    rpe=_float(row.rpe),
                    rir=row.rir,
                    note=row.note,
                )
                for row in session.exercises.all()
            ]
            runs = [
                RunPrescription(
                    type=run.type,
                    distance_m=run.distance_m,
                    duration_s=run.duration_s,
                    pace_min_s_per_km=run.pace_min_s_per_km,
                    pace_max_s_per_km=run.pace_max_s_per_km,
                    hr_zone=run.hr_zone,
                    quality_m=run.quality_m,
                    reps=run.reps,
                    rep_distance_m=run.rep_distance_m,
                    recovery_s=run.recovery_s,
                )
                for run in session.runs.all()
            ]
            sessions.append(
                SessionPlan(session.weekday, session.planned_date, session.title, exercises, runs)
            )
        weeks.append(WeekPlan(week.index, week.focus, week.deload, sessions))
    return ProgramPlan(
        kind=program.kind,
        goal=program.goal,
        start_date=program.start_date,
        generator=program.generator,
        generator_version=program.generator_version,
        weeks=weeks,
        constraints=PlanConstraints.from_dict(program.constraints),
        race_date=program.race_date,
        race_distance_m=program.race_distance_m,
    )


def program_validation(program: Program) -> dict[str, Any]:
    return {"violations": [v.as_dict() for v in validate(plan_of(program))]}
