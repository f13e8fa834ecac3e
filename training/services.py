"""Writes on the training domain: workouts with their sets, runs, injuries, the catalog.

These functions are the only write path for training data, from the API, voice and every later
caller: each validates the model's own rules (bounds, "a set has reps, or a duration, or a
distance"), writes in one transaction, and recomputes the personal records a change can move.
Rows are written with ``save``/``delete`` so the signals that refresh cached contexts fire.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model

from training.catalog import CATALOG_FIELDS, catalog_validate
from training.models import (
    Activity,
    Exercise,
    Injury,
    PersonalRecord,
    RunSession,
    SetLog,
    WorkoutSession,
)
from training.records import personal_records_recompute

CATALOG_PATH = Path(__file__).resolve().parent / "data" / "exercises.json"


@dataclass(frozen=True)
class CatalogLoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def exercise_catalog_load(path: Path = CATALOG_PATH) -> CatalogLoadResult:
    """Upsert the shipped catalog by slug; running it twice changes nothing.

    Every entry is checked against the vocabularies first: one unknown value loads nothing.
    """
    entries = json.loads(path.read_text())
    catalog_validate(entries)
    existing = {exercise.slug: exercise for exercise in Exercise.objects.all()}
    created = updated = unchanged = 0
    for entry in entries:
        values = {field: entry[field] for field in CATALOG_FIELDS if field in entry}
        values["aliases"] = sorted({alias.lower().strip() for alias in values.get("aliases", [])})
        exercise = existing.get(entry["slug"])
        if exercise is None:
            Exercise(slug=entry["slug"], **values).save()
            created += 1
        elif any(getattr(exercise, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(exercise, field, value)
            exercise.save()
            updated += 1
        else:
            unchanged += 1
    return CatalogLoadResult(created, updated, unchanged)


# Callers pass the session and exercise as rows they already hold; checking each would cost a query
SET_RELATIONS = ("session", "exercise")


def _set_values(set_data: dict[str, Any], order: int) -> dict[str, Any]:
    values = {key: value for key, value in set_data.items() if key != "id"}
    values.setdefault("order", order)
    if values.get("weight_kg") is None and values.get("exercise") is not None:
        values.setdefault("is_bodyweight", values["exercise"].bodyweight)
    return values


def _validated(instance: Model, *, exclude: Collection[str] = ()) -> None:
    """The model's field bounds and ``clean()``; the database checks its constraints itself."""
    instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _assign(instance: Model, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)


def _set_create(session: WorkoutSession, values: dict[str, Any]) -> SetLog:
    set_log = SetLog(session=session, **values)
    _validated(set_log, exclude=SET_RELATIONS)
    set_log.save()
    return set_log


def _records_for(
    session: WorkoutSession, exercise_ids: Collection[int], since: datetime | None = None
) -> list[PersonalRecord]:
    """Recompute from the session's start on (records before it cannot have moved)."""
    return personal_records_recompute(
        user_id=session.user_id,
        exercise_ids=exercise_ids,
        since=session.started_at if since is None else min(since, session.started_at),
    )


def _exercise_ids(session: WorkoutSession) -> set[int]:
    return set(session.sets.values_list("exercise_id", flat=True))


@transaction.atomic
def workout_log_create(
    *, user: Any, data: dict[str, Any], sets: Sequence[dict[str, Any]]
) -> tuple[WorkoutSession, list[PersonalRecord]]:
    """Create a session and its sets in one transaction; returns it and the records it set."""
    session = WorkoutSession(user=user, **data)
    _validated(session, exclude=["user"])
    session.save()
    for order, set_data in enumerate(sets):
        _set_create(session, _set_values(set_data, order))
    return session, _records_for(session, _exercise_ids(session))


@transaction.atomic
def workout_log_update(
    *, session: WorkoutSession, data: dict[str, Any], sets: Sequence[dict[str, Any]] | None
) -> WorkoutSession:
    """Update a session; when ``sets`` is given it becomes the full list (by id: keep/edit/add).

    Records are recomputed for every exercise the session held before or holds now (a new date
    can move a record too).
    """
    before, started_before = _exercise_ids(session), session.started_at
    _assign(session, data)
    _validated(session, exclude=["user"])
    session.save()
    if sets is not None:
        current = {set_log.id: set_log for set_log in session.sets.all()}
        keep: set[int] = set()
        for order, set_data in enumerate(sets):
            set_id = set_data.get("id")
            values = _set_values(set_data, order)
            if set_id in current:
                set_log = current[set_id]
                _assign(set_log, values)
                _validated(set_log, exclude=SET_RELATIONS)
                set_log.save()
                keep.add(set_id)
            else:
                _set_create(session, values)
        for set_id, set_log in current.items():
            if set_id not in keep:
                set_log.delete()
    _records_for(session, before | _exercise_ids(session), since=started_before)
    return session


@transaction.atomic
def workout_log_delete(*, session: WorkoutSession) -> None:
    """Delete a session with its sets; the records they held go, earlier bests return."""
    user_id, exercise_ids, since = session.user_id, _exercise_ids(session), session.started_at
    for set_log in session.sets.all():
        set_log.delete()  # one by one: each sends the signal a cascade would not
    session.delete()
    personal_records_recompute(user_id=user_id, exercise_ids=exercise_ids, since=since)


@transaction.atomic
def workout_sets_append(
    *, session: WorkoutSession, sets: Sequence[dict[str, Any]]
) -> list[PersonalRecord]:
    """Add sets after the session's last one; returns the records they set."""
    last = session.sets.order_by("-order").values_list("order", flat=True).first()
    first = -1 if last is None else last
    exercise_ids = set()
    for offset, set_data in enumerate(sets, start=1):
        exercise_ids.add(_set_create(session, _set_values(set_data, first + offset)).exercise_id)
    return _records_for(session, exercise_ids)


@transaction.atomic
def set_log_update(*, set_log: SetLog, data: dict[str, Any]) -> SetLog:
    """Change validated fields of one set and recompute the records it can move.

    "actually the last set was 235": the corrected set records a new best if it is one, and a
    record the old value held is dropped when the new value no longer earns it.
    """
    before = set_log.exercise_id
    _assign(set_log, data)
    _validated(set_log, exclude=SET_RELATIONS)
    set_log.save()
    _records_for(set_log.session, {before, set_log.exercise_id})
    return set_log


@transaction.atomic
def set_log_delete(*, set_log: SetLog) -> None:
    """Delete one set; a record it held goes and the best before it counts again."""
    session, exercise_id = set_log.session, set_log.exercise_id
    set_log.delete()
    _records_for(session, {exercise_id})


@transaction.atomic
def personal_record_delete(*, record: PersonalRecord) -> None:
    """Remove a record the athlete calls bogus (its set stays; fixing the set is the real fix)."""
    record.delete()


@transaction.atomic
def run_log_create(*, user: Any, data: dict[str, Any]) -> RunSession:
    """Log a run (or another cardio session) within the storage bounds."""
    run = RunSession(user=user, **data)
    _validated(run, exclude=["user"])
    run.save()
    return run


@transaction.atomic
def run_log_create_once(*, user: Any, data: dict[str, Any]) -> tuple[RunSession, bool]:
    """Log a run unless the athlete already has one of the same activity starting in the same
    second (one athlete cannot start two runs in one second, so it is this run again: a retried
    upload). Returns the run and whether it was created; concurrent calls for one athlete are
    serialised on the user's row so a retry racing the first call cannot slip in a second copy.
    """
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    second = data["started_at"].replace(microsecond=0)
    existing = (
        RunSession.objects.filter(
            user_id=user.pk,
            activity=data.get("activity", Activity.RUN),
            started_at__gte=second,
            started_at__lt=second + timedelta(seconds=1),
        )
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing, False
    return run_log_create(user=user, data=data), True


@transaction.atomic
def run_log_update(*, run: RunSession, data: dict[str, Any]) -> RunSession:
    _assign(run, data)
    _validated(run, exclude=["user"])
    run.save()
    return run


@transaction.atomic
def run_log_delete(*, run: RunSession) -> None:
    run.delete()


@transaction.atomic
def injury_log_create(*, user: Any, data: dict[str, Any]) -> Injury:
    """Record an injury; its region must be one ``Exercise.objects.loading`` knows."""
    injury = Injury(user=user, **data)
    _validated(injury, exclude=["user"])
    injury.save()
    return injury


@transaction.atomic
def injury_log_update(*, injury: Injury, data: dict[str, Any]) -> Injury:
    _assign(injury, data)
    _validated(injury, exclude=["user"])
    injury.save()
    return injury


@transaction.atomic
def injury_log_delete(*, injury: Injury) -> None:
    injury.delete()
