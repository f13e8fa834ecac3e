"""Writes on the training domain: workouts with their sets, runs, injuries, the catalog."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from training.models import Exercise, Injury, PersonalRecord, RunSession, SetLog, WorkoutSession
from training.records import personal_records_detect

CATALOG_PATH = Path(__file__).resolve().parent / "data" / "exercises.json"
CATALOG_FIELDS = (
    "name",
    "aliases",
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "pattern",
    "category",
    "unilateral",
    "bodyweight",
    "loads_regions",
)


@dataclass(frozen=True)
class CatalogLoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def exercise_catalog_load(path: Path = CATALOG_PATH) -> CatalogLoadResult:
    """Upsert the shipped catalog by slug; running it twice changes nothing."""
    entries = json.loads(path.read_text())
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


def _set_values(set_data: dict[str, Any], order: int) -> dict[str, Any]:
    values = {key: value for key, value in set_data.items() if key != "id"}
    values.setdefault("order", order)
    if values.get("weight_kg") is None and values.get("exercise") is not None:
        values.setdefault("is_bodyweight", values["exercise"].bodyweight)
    return values


@transaction.atomic
def workout_log_create(
    *, user: Any, data: dict[str, Any], sets: Sequence[dict[str, Any]]
) -> tuple[WorkoutSession, list[PersonalRecord]]:
    """Create a session and its sets in one transaction; returns it and any new records."""
    session = WorkoutSession.objects.create(user=user, **data)
    for order, set_data in enumerate(sets):
        SetLog.objects.create(session=session, **_set_values(set_data, order))
    return session, personal_records_detect(session)


@transaction.atomic
def workout_log_update(
    *, session: WorkoutSession, data: dict[str, Any], sets: Sequence[dict[str, Any]] | None
) -> WorkoutSession:
    """Update a session; when ``sets`` is given it becomes the full list (by id: keep/edit/add)."""
    for field, value in data.items():
        setattr(session, field, value)
    session.save()
    if sets is not None:
        current = {set_log.id: set_log for set_log in session.sets.all()}
        keep: set[int] = set()
        for order, set_data in enumerate(sets):
            set_id = set_data.get("id")
            values = _set_values(set_data, order)
            if set_id in current:
                set_log = current[set_id]
                for field, value in values.items():
                    setattr(set_log, field, value)
                set_log.save()
                keep.add(set_id)
            else:
                SetLog.objects.create(session=session, **values)
        for set_id, set_log in current.items():
            if set_id not in keep:
                set_log.delete()
    return session


@transaction.atomic
def workout_sets_append(
    *, session: WorkoutSession, sets: Sequence[dict[str, Any]]
) -> list[PersonalRecord]:
    """Add sets after the session's last one; returns the records they set."""
    last = session.sets.order_by("-order").values_list("order", flat=True).first()
    first = -1 if last is None else last
    for offset, set_data in enumerate(sets, start=1):
        SetLog.objects.create(session=session, **_set_values(set_data, first + offset))
    return personal_records_detect(session)


def set_log_update(*, set_log: SetLog, data: dict[str, Any]) -> SetLog:
    """Change validated fields of one set (``save()`` sends the cache-invalidating signal)."""
    for field, value in data.items():
        setattr(set_log, field, value)
    set_log.full_clean(exclude=["session", "exercise"])
    set_log.save()
    return set_log


def run_log_create(*, user: Any, data: dict[str, Any]) -> RunSession:
    return RunSession.objects.create(user=user, **data)


def injury_log_create(*, user: Any, data: dict[str, Any]) -> Injury:
    return Injury.objects.create(user=user, **data)
