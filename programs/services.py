"""Writes on programs: generate (validated before it is saved), save, activate, narrate."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from programs import sources
from programs.loads import plate_kg
from programs.models import (
    GenerationJob,
    JobStatus,
    PrescribedExercise,
    PrescribedRun,
    Program,
    ProgramSession,
    ProgramWeek,
    Status,
)
from programs.plan import RUNNING, STRENGTH, ProgramPlan
from programs.proposals import LLMProposer
from programs.running import RACE_DISTANCE_M, RunningQuestionnaire, generate_running
from programs.selectors import plan_of
from programs.signals import program_generated
from programs.strength import ProgramInfeasible, StrengthQuestionnaire, generate_strength
from programs.validation import Violation, validate
from training.models import Exercise

logger = logging.getLogger(__name__)
Proposer = Callable[[ProgramPlan], ProgramPlan | None]


class ProgramRejected(ValueError):
    """The generated plan broke a bound; it is not saved."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(f"{len(violations)} violations: {violations[0].message}")
        self.violations = violations


@dataclass(frozen=True)
class Generated:
    program: Program
    plan: ProgramPlan
    proposal: str  # "none" | "applied" | "discarded"
    proposal_violations: list[Violation]


def strength_questionnaire(*, user: Any, data: dict[str, Any]) -> StrengthQuestionnaire:
    """The validated questionnaire, each missing field taken from the profile."""
    profile = sources.profile_of(user)
    goals = [g for g in profile.goals if g in {"strength", "hypertrophy", "general_fitness"}]
    start = data.get("start_date") or sources.next_monday(sources.local_today(user))
    return StrengthQuestionnaire(
        goal=data.get("goal") or (goals[0] if goals else "general_fitness"),
        experience_level=data.get("experience_level") or profile.experience_level,
        days_per_week=data.get("days_per_week") or min(max(profile.training_days_per_week, 2), 6),
        session_minutes=data.get("session_minutes")
        or min(max(profile.session_length_min, 30), 120),
        equipment=frozenset(data.get("equipment") or profile.equipment_available),
        weeks=data.get("weeks") or 8,
        start_date=start,
        one_rep_max_kg={int(k): float(v) for k, v in (data.get("one_rep_max_kg") or {}).items()},
        plate_kg=plate_kg(profile.unit_system),
    )


def running_questionnaire(*, user: Any, data: dict[str, Any]) -> RunningQuestionnaire:
    """The validated questionnaire; with a race date the weeks end on it."""
    profile = sources.profile_of(user)
    race = data["recent_race"]
    race_date: date | None = data.get("race_date")
    start = data.get("start_date") or sources.local_today(user)
    if race_date is not None:
        weeks = (race_date - start).days // 7 + 1 if (race_date - start).days >= 6 else 0
        start = date.fromordinal(race_date.toordinal() - 7 * weeks + 1)
    else:
        start = sources.next_monday(start) if not data.get("start_date") else start
        weeks = data.get("weeks") or 12
    current = data.get("current_weekly_km")
    return RunningQuestionnaire(
        goal=data["goal"],
        race_distance_m=float(race["distance_m"]),
        race_time_s=float(race["time_s"]),
        runs_per_week=data["runs_per_week"],
        current_weekly_km=float(current if current is not None else profile.weekly_running_km),
        weeks=weeks,
        start_date=start,
        race_date=race_date,
    )


def program_plan(*, user: Any, kind: str, data: dict[str, Any]) -> ProgramPlan:
    """Generate (nothing saved); raises ProgramInfeasible when no runnable plan exists."""
    if kind == STRENGTH:
        q = strength_questionnaire(user=user, data=data)
        return generate_strength(
            q, sources.catalog_options(), sources.open_injuries(user), sources.logged_e1rms(user)
        )
    return generate_running(running_questionnaire(user=user, data=data))


def _decimal(value: float | None, places: str) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places))


@transaction.atomic
def program_save(*, user: Any, plan: ProgramPlan, questionnaire: dict[str, Any]) -> Program:
    """Save a plan that passes the validator (ProgramRejected otherwise), all rows or none."""
    violations = validate(plan)
    if violations:
        raise ProgramRejected(violations)
    program = Program.objects.create(
        user=user,
        kind=plan.kind,
        goal=plan.goal,
        start_date=plan.start_date,
        week_count=len(plan.weeks),
        generator=plan.generator,
        generator_version=plan.generator_version,
        questionnaire=questionnaire,
        constraints=plan.constraints.as_dict(),
        facts=plan.facts,
        adjustments=plan.adjustments,
        race_date=plan.race_date,
        race_distance_m=plan.race_distance_m,
    )
    weeks = ProgramWeek.objects.bulk_create(
        [
            ProgramWeek(program=program, index=w.index, focus=w.focus, deload=w.deload)
            for w in plan.weeks
        ]
    )
    sessions = ProgramSession.objects.bulk_create(
        [
            ProgramSession(week=row, weekday=s.weekday, planned_date=s.planned_date, title=s.title)
            for row, week in zip(weeks, plan.weeks, strict=True)
            for s in week.sessions
        ]
    )
    planned = [session for week in plan.weeks for session in week.sessions]
    PrescribedExercise.objects.bulk_create(
        [
            PrescribedExercise(
                session=row,
                exercise_id=item.exercise_id,
                order=item.order,
                sets=item.sets,
                reps=item.reps,
                reps_min=item.reps_min,
                reps_max=item.reps_max,
                percent_1rm=item.percent_1rm,
                load_kg=_decimal(item.load_kg, "0.01"),
                rpe=_decimal(item.rpe, "0.1"),
                rir=item.rir,
                rest_s=item.rest_s,
                note=item.note[:300],
            )
            for row, session in zip(sessions, planned, strict=True)
            for item in session.exercises
        ]
    )
    PrescribedRun.objects.bulk_create(
        [
            PrescribedRun(
                session=row,
                order=order,
                type=run.type,
                distance_m=run.distance_m,
                duration_s=run.duration_s,
                quality_m=run.quality_m,
                pace_min_s_per_km=run.pace_min_s_per_km,
                pace_max_s_per_km=run.pace_max_s_per_km,
                hr_zone=run.hr_zone,
                reps=run.reps,
                rep_distance_m=run.rep_distance_m,
                recovery_s=run.recovery_s,
                note=run.note[:300],
            )
            for row, session in zip(sessions, planned, strict=True)
            for order, run in enumerate(session.runs, start=1)
        ]
    )
    return program


def program_generate(
    *, user: Any, kind: str, data: dict[str, Any], proposer: Proposer | None = None
) -> Generated:
    """Generate, let a proposer (by default the configured LLM) vary it, keep the proposal only
    if it validates, save."""
    if proposer is None:
        proposer = LLMProposer(sources.catalog_options())
    plan = program_plan(user=user, kind=kind, data=data)
    violations = validate(plan)
    if violations:
        raise ProgramRejected(violations)
    outcome, rejected = "none", []
    proposal = proposer(plan)
    if proposal is not None:
        rejected = validate(proposal)
        outcome = "discarded" if rejected else "applied"
        plan = plan if rejected else proposal
    program = program_save(user=user, plan=plan, questionnaire=_json_safe(data))
    return Generated(program, plan, outcome, rejected)


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def program_narrative_set(
    *, program: Program, narrative: str, citations: list[dict[str, Any]], provider: str
) -> Program:
    """Store the narrative that explains the plan, with its citations and who wrote it."""
    program.narrative = narrative
    program.citations = citations
    program.provider = provider
    program.save(update_fields=["narrative", "citations", "provider", "updated_at"])
    return program


@transaction.atomic
def program_activate(*, user: Any, program: Program) -> Program:
    """Make it the active program of its kind; the one active before is archived."""
    current = (
        Program.objects.select_for_update()
        .filter(user=user, kind=program.kind, status=Status.ACTIVE)
        .exclude(pk=program.pk)
    )
    for previous in current:
        previous.status = Status.ARCHIVED
        previous.save(update_fields=["status", "updated_at"])
    program.status = Status.ACTIVE
    program.save(update_fields=["status", "updated_at"])
    return program


@transaction.atomic
def program_delete(*, user: Any, program: Program) -> None:
    """Delete one of the user's programs with its weeks, sessions and prescriptions."""
    Program.objects.filter(pk=program.pk, user=user).get().delete()


def generation_job_create(*, user: Any, kind: str, questionnaire: dict[str, Any]) -> GenerationJob:
    return GenerationJob.objects.create(
        user=user, kind=kind, questionnaire=_json_safe(questionnaire)
    )


def generation_job_run(*, job_id: Any) -> GenerationJob:
    """Run a queued job: the program and the job's ``done`` are committed together, or the job
    is ``failed`` with the reason and no program row exists."""
    job = GenerationJob.objects.select_related("user").get(pk=job_id)
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status", "updated_at"])
    data = _parsed(job.questionnaire)
    try:
        with transaction.atomic():
            generated = program_generate(user=job.user, kind=job.kind, data=data)
            job.program = generated.program
            job.save(update_fields=["program", "updated_at"])
    except ProgramRejected as exc:
        _fail(job, [v.as_dict() for v in exc.violations])
        return job
    except ProgramInfeasible as exc:
        _fail(job, [{"code": "infeasible", "message": str(exc)}])
        return job
    except Exception as exc:
        _fail(job, [{"code": "generation_failed", "message": f"{type(exc).__name__}: {exc}"[:500]}])
        return job
    # The program is committed; the narrative follows (a failure there leaves it without one).
    for receiver, outcome in program_generated.send_robust(
        sender=Program, program=generated.program, questionnaire=data
    ):
        if isinstance(outcome, Exception):
            logger.warning("program %s: %s failed: %s", generated.program.pk, receiver, outcome)
    job.status = JobStatus.DONE
    job.save(update_fields=["status", "updated_at"])
    return job


def _fail(job: GenerationJob, errors: list[dict[str, Any]]) -> None:
    job.refresh_from_db(fields=["updated_at"])
    job.program = None
    job.status = JobStatus.FAILED
    job.errors = errors
    job.save(update_fields=["program", "status", "errors", "updated_at"])


def _parsed(questionnaire: dict[str, Any]) -> dict[str, Any]:
    """Dates back from their JSON form."""
    return {
        k: date.fromisoformat(v) if k.endswith("_date") and isinstance(v, str) else v
        for k, v in questionnaire.items()
    }


KINDS = (STRENGTH, RUNNING)
RACE_GOALS = tuple(RACE_DISTANCE_M)
__all__ = ["ProgramInfeasible", "ProgramRejected"]


@transaction.atomic
def program_exercises_replace(
    *, program: Program, replacements: dict[int, int], session: ProgramSession | None = None
) -> int:
    """Replace prescribed exercises (catalog id -> id) in a program, or in one of its sessions.

    The program as changed must pass the validator like a generated one (``ProgramRejected``
    otherwise, and nothing is changed); saving the program bumps its owner's context.
    """
    rows = PrescribedExercise.objects.filter(
        session__week__program=program, exercise_id__in=list(replacements)
    )
    if session is not None:
        rows = rows.filter(session=session)
    changed = 0
    for row in rows:
        row.exercise_id = replacements[row.exercise_id]
        row.save(update_fields=["exercise"])
        changed += 1
    # the stored constraints record each planned exercise's equipment (as a proposal's do)
    needs = program.constraints.setdefault("exercise_equipment", {})
    for exercise in Exercise.objects.filter(pk__in=set(replacements.values())):
        needs[str(exercise.pk)] = list(exercise.equipment)
    program.save(update_fields=["constraints", "updated_at"])
    violations = validate(plan_of(Program.objects.get(pk=program.pk)))
    if violations:
        raise ProgramRejected(violations)
    return changed
