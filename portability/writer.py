"""One import written in one transaction: sessions and runs through training's bulk services,
natural keys recorded, records rebuilt and the athlete's context generation bumped once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from accounts.models import User
from coach.signals import invalidate_on_commit
from portability.models import ImportedItem, ImportJob
from portability.records import ParsedRun, ParsedSet, ParsedWorkout, ParseResult, Skipped
from training.bulk import (
    WorkoutInput,
    personal_records_rebuild,
    runs_bulk_create,
    workouts_bulk_create,
)
from training.models import Exercise

Progress = Callable[[str, int, int], None]
ALREADY_IMPORTED = "already imported (a session starting at the same second exists)"


@dataclass
class WriteResult:
    sessions: int = 0
    sets: int = 0
    runs: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def _set_fields(parsed: ParsedSet, exercise_id: int, bodyweight: bool) -> dict[str, Any]:
    return {
        "exercise_id": exercise_id,
        "reps": parsed.reps,
        "weight_kg": parsed.weight_kg,
        "rpe": parsed.rpe,
        "duration_s": parsed.duration_s,
        "distance_m": parsed.distance_m,
        "is_warmup": parsed.is_warmup,
        "is_bodyweight": parsed.weight_kg is None and bodyweight,
    }


def _workout_fields(workout: ParsedWorkout) -> dict[str, Any]:
    notes = "\n".join(part for part in (workout.title, workout.notes) if part)
    return {"started_at": workout.started_at, "ended_at": workout.ended_at, "notes": notes}


def _run_fields(run: ParsedRun) -> dict[str, Any]:
    return {
        "activity": run.activity,
        "started_at": run.started_at,
        "duration_s": run.duration_s,
        "distance_m": run.distance_m,
        "avg_hr": run.avg_hr,
        "max_hr": run.max_hr,
        "elevation_gain_m": run.elevation_gain_m,
        "splits": run.splits,
        "notes": run.notes or run.source_name,
    }


@transaction.atomic
def import_write(
    *,
    job: ImportJob,
    parsed: ParseResult,
    mapping: Mapping[str, int | None],
    progress: Progress | None = None,
) -> WriteResult:
    """All of the import or none of it; one import per athlete at a time (a row lock)."""
    user = User.objects.select_for_update().get(pk=job.user_id)
    result = WriteResult(skipped=list(parsed.skipped))
    existing = set(ImportedItem.objects.filter(user=user).values_list("key", flat=True).iterator())
    workouts = _new(parsed.workouts, existing, result)
    runs = _new(parsed.runs, existing, result)
    bodyweight = dict(
        Exercise.objects.filter(id__in={v for v in mapping.values() if v}).values_list(
            "id", "bodyweight"
        )
    )
    built = [_workout_input(w, mapping, bodyweight, result) for w in workouts]
    inputs, rows = [b[0] for b in built], [b[1] for b in built]
    total = len(inputs)

    def written(done: int) -> None:
        if progress:
            progress("writing", done, total)

    made = workouts_bulk_create(user=user, workouts=inputs, progress=written)
    kept = _kept(workouts, made.rejected, result, rows)
    made_runs = runs_bulk_create(user=user, runs=[_run_fields(run) for run in runs])
    kept_runs = _kept(runs, made_runs.rejected, result, [[] for _ in runs])
    ImportedItem.objects.bulk_create(
        [
            ImportedItem(user=user, key=w.natural_key, job=job, workout=s)
            for w, s in zip(kept, made.created, strict=True)
        ]
        + [
            ImportedItem(user=user, key=r.natural_key, job=job, run=s)
            for r, s in zip(kept_runs, made_runs.created, strict=True)
        ]
    )
    if made.created:
        if progress:
            progress("records", 0, 1)
        personal_records_rebuild(user=user)
    if made.created or made_runs.created:
        invalidate_on_commit(user.pk)
    _check_constraints_now()
    result.sessions, result.sets, result.runs = (
        len(made.created),
        made.sets_created,
        len(made_runs.created),
    )
    return result


def _check_constraints_now() -> None:
    """Deferred keys are checked here, inside the import's transaction, not at some outer commit
    (an exercise deleted between the mapping and the run fails this import, and only it)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _new(items: list[Any], existing: set[str], result: WriteResult) -> list[Any]:
    """Items whose natural key is new (to the athlete and within this upload)."""
    fresh = []
    for item in items:
        if item.natural_key in existing:
            result.skipped.append(Skipped(ALREADY_IMPORTED, _first_row(item)))
            continue
        existing.add(item.natural_key)
        fresh.append(item)
    return fresh


def _first_row(item: Any) -> int | None:
    sets = getattr(item, "sets", None)
    return sets[0].row if sets else None


def _workout_input(
    workout: ParsedWorkout,
    mapping: Mapping[str, int | None],
    bodyweight: Mapping[int, bool],
    result: WriteResult,
) -> tuple[WorkoutInput, list[int]]:
    """The session's fields and its mapped sets, with the CSV row of each set."""
    sets, rows = [], []
    for parsed in workout.sets:
        exercise_id = mapping.get(parsed.exercise_name)
        if exercise_id is None:
            reason = f"{parsed.exercise_name!r} is not mapped to a catalog exercise"
            result.skipped.append(Skipped(reason, parsed.row))
            continue
        sets.append(_set_fields(parsed, exercise_id, bodyweight.get(exercise_id, False)))
        rows.append(parsed.row)
    return WorkoutInput(data=_workout_fields(workout), sets=sets), rows


def _kept(
    items: list[Any],
    rejected: list[tuple[int, int | None, str]],
    result: WriteResult,
    rows: list[list[int]],
) -> list[Any]:
    """The items that were stored, in order; the rejected ones go to the skipped list."""
    left_out = set()
    for index, set_index, reason in rejected:
        if set_index is None:
            left_out.add(index)
            result.skipped.append(Skipped(reason, _first_row(items[index])))
        else:
            result.skipped.append(Skipped(reason, rows[index][set_index]))
    return [item for index, item in enumerate(items) if index not in left_out]
