"""Bulk history writes: rows validated by the models, records replayed like live logging."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from training.bulk import WorkoutInput, personal_records_rebuild, workouts_bulk_create
from training.models import PersonalRecord, SetLog
from training.services import workout_log_create
from training.tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

# (days ago, weight, reps): a lifter getting stronger, with a heavy early day and a bad day
HISTORY = [(40, 100, 5), (30, 110, 3), (20, 105, 5), (10, 90, 8), (5, 112.5, 3), (1, 80, 5)]


def _records(user):
    return sorted(
        PersonalRecord.objects.filter(user=user).values_list(
            "exercise_id", "kind", "reps", "value_kg", "achieved_at"
        )
    )


def test_rebuild_matches_logging_each_session_on_its_day(user):
    squat = ExerciseFactory()
    now = timezone.now()
    for days, weight, reps in HISTORY:
        workout_log_create(
            user=user,
            data={"started_at": now - timedelta(days=days)},
            sets=[{"exercise": squat, "reps": reps, "weight_kg": Decimal(str(weight))}],
        )
    logged = _records(user)
    assert len(logged) > len(HISTORY)
    with transaction.atomic():
        count = personal_records_rebuild(user=user)
    assert count == len(logged)
    assert _records(user) == logged


def test_invalid_rows_are_left_out_with_the_models_reason(user):
    squat = ExerciseFactory()
    start = timezone.now() - timedelta(days=3)
    inputs = [
        WorkoutInput(
            {"started_at": start}, [{"exercise_id": squat.pk, "reps": 5}, {"exercise_id": squat.pk}]
        ),
        WorkoutInput(
            {"started_at": start + timedelta(days=1)}, [{"exercise_id": squat.pk, "reps": 5000}]
        ),
    ]
    with transaction.atomic():
        result = workouts_bulk_create(user=user, workouts=inputs)
    assert len(result.created) == 1
    assert result.sets_created == 1
    assert [(index, set_index) for index, set_index, _ in result.rejected] == [
        (0, 1),
        (1, 0),
        (1, None),
    ]
    assert "reps" in result.rejected[0][2]
    assert SetLog.objects.filter(session__user=user).count() == 1
