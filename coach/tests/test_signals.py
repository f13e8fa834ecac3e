"""Every invalidation trigger: a change, once committed, shows in the next build_context."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from coach.cache import context_invalidate, user_generation
from coach.context import build_context
from training import services
from training.models import Injury, SetLog
from training.tests.factories import (
    ExerciseFactory,
    InjuryFactory,
    PersonalRecordFactory,
    RunFactory,
    SetLogFactory,
    WorkoutFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed (on-commit callbacks executed)."""

    def run(func):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            return func()

    return run


def test_workout_logged_shows(user, committed):
    bench = ExerciseFactory()
    assert build_context(user)["training_age"]["total_sessions"] == 0
    committed(
        lambda: services.workout_log_create(
            user=user,
            data={"started_at": timezone.now() - timedelta(hours=1)},
            sets=[{"exercise": bench, "reps": 5, "weight_kg": Decimal("60")}],
        )
    )
    ctx = build_context(user)
    assert ctx["training_age"]["total_sessions"] == 1
    assert ctx["strength"]["estimated_1rm"]["horizontal_push"]["e1rm_kg"] == 70.0


def test_workout_edited_shows(user, committed):
    session = WorkoutFactory(user=user, started_at=timezone.now() - timedelta(days=30))
    SetLogFactory(session=session)
    assert build_context(user)["recent_training"]["sessions"] == []

    def edit():
        session.started_at = timezone.now() - timedelta(days=1)
        session.save()

    committed(edit)
    assert len(build_context(user)["recent_training"]["sessions"]) == 1


def test_workout_deleted_shows(user, committed):
    session = WorkoutFactory(user=user)
    SetLogFactory(session=session)
    assert build_context(user)["training_age"]["total_sessions"] == 1
    committed(session.delete)
    assert build_context(user)["training_age"]["total_sessions"] == 0


def test_set_changed_shows(user, committed):
    set_log = SetLogFactory(session=WorkoutFactory(user=user), reps=5, weight_kg=Decimal("50"))
    assert build_context(user)["recent_training"]["sessions"][0]["sets"] == 1

    def edit_set():
        fresh = SetLog.objects.get(pk=set_log.pk)  # no cached session: the receiver looks it up
        fresh.weight_kg = Decimal("55")
        fresh.save()

    committed(edit_set)
    top = build_context(user)["recent_training"]["sessions"][0]["exercises"][0]["top_set"]
    assert top == "5 x 55.0 kg"
    committed(lambda: SetLog.objects.get(pk=set_log.pk).delete())
    assert build_context(user)["recent_training"]["sessions"] == []


def test_workout_update_service_with_sets_shows(user, committed):
    session, _ = services.workout_log_create(
        user=user,
        data={"started_at": timezone.now() - timedelta(hours=2)},
        sets=[{"exercise": ExerciseFactory(), "reps": 5, "weight_kg": Decimal("40")}],
    )
    build_context(user)
    committed(
        lambda: services.workout_log_update(
            session=session,
            data={},
            sets=[{"exercise": ExerciseFactory(), "reps": 8, "weight_kg": Decimal("20")}] * 2,
        )
    )
    assert build_context(user)["recent_training"]["sessions"][0]["sets"] == 2


def test_injury_logged_and_changed_show(user, committed):
    assert build_context(user)["injuries"]["avoid_regions"] == []
    injury = committed(
        lambda: services.injury_log_create(
            user=user,
            data={"body_region": "shoulder", "severity": 5, "onset_date": timezone.now().date()},
        )
    )
    assert build_context(user)["injuries"]["avoid_regions"] == ["shoulder"]

    def resolve():
        injury.status = "resolved"
        injury.save()

    committed(resolve)
    assert build_context(user)["injuries"]["avoid_regions"] == []


def test_injury_deleted_shows(user, committed):
    injury = InjuryFactory(user=user, body_region="ankle")
    assert build_context(user)["injuries"]["avoid_regions"] == ["ankle"]
    committed(injury.delete)
    assert build_context(user)["injuries"]["avoid_regions"] == []


def test_personal_record_achieved_shows(user, committed):
    squat = ExerciseFactory(pattern="squat")
    assert build_context(user)["strength"]["personal_records"] == []
    committed(lambda: PersonalRecordFactory(user=user, exercise=squat, value_kg=Decimal("150")))
    assert build_context(user)["strength"]["estimated_1rm"]["squat"]["e1rm_kg"] == 150.0


def test_profile_updated_shows(user, committed):
    assert build_context(user)["profile"]["training_days_per_week"] == 3

    def update():
        user.profile.training_days_per_week = 5
        user.profile.save()

    committed(update)
    ctx = build_context(user)
    assert ctx["profile"]["training_days_per_week"] == 5
    assert ctx["adherence"]["target_days_per_week"] == 5


def test_run_logged_shows(user, committed):
    assert build_context(user)["running"]["recent"] == []
    committed(
        lambda: services.run_log_create(
            user=user,
            data={"started_at": timezone.now(), "distance_m": 8000.0, "duration_s": 2400},
        )
    )
    assert build_context(user)["running"]["recent"][0]["distance_km"] == 8.0


def test_run_deleted_shows(user, committed):
    run = RunFactory(user=user)
    assert len(build_context(user)["running"]["recent"]) == 1
    committed(run.delete)
    assert build_context(user)["running"]["recent"] == []


def test_nothing_is_bumped_before_commit(user, django_capture_on_commit_callbacks):
    before = user_generation(user.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        InjuryFactory(user=user)
    assert user_generation(user.pk) == before
    assert len(callbacks) == 1


def test_one_bump_per_user_per_transaction(user, other_user, django_capture_on_commit_callbacks):
    before = user_generation(user.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        session = WorkoutFactory(user=user)
        for _ in range(5):
            SetLogFactory(session=session)
        InjuryFactory(user=user)
        InjuryFactory(user=other_user)
    assert len(callbacks) == 2
    assert user_generation(user.pk) == before + 1


def test_rolled_back_savepoint_does_not_swallow_a_later_bump(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                InjuryFactory(user=user)
                raise RuntimeError
        except RuntimeError:
            pass
        InjuryFactory(user=user)
    assert len(callbacks) == 1


def test_bulk_paths_bump_explicitly(user):
    InjuryFactory(user=user, body_region="hip")
    assert build_context(user)["injuries"]["avoid_regions"] == ["hip"]
    Injury.objects.filter(user=user).update(status="resolved")  # no signal
    assert build_context(user)["injuries"]["avoid_regions"] == ["hip"]
    context_invalidate(user.pk)
    assert build_context(user)["injuries"]["avoid_regions"] == []
