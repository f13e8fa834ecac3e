"""Sets measured by reps, duration or distance; warm-ups and session RPE round-trip."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from training.models import SET_MEASURE_MESSAGE, SetLog
from training.tests.factories import ExerciseFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plank():
    return ExerciseFactory(slug="plank", name="Plank", bodyweight=True, equipment=[])


def _post(client, *sets, **fields):
    body = {"started_at": (timezone.now() - timedelta(hours=1)).isoformat(), "sets": list(sets)}
    return client.post("/api/workouts/", {**body, **fields}, format="json")


def test_timed_hold_and_carry_round_trip_with_warmup_and_session_rpe(auth_client, plank):
    carry = ExerciseFactory(slug="farmer-carry", name="Farmer Carry", equipment=["dumbbell"])
    response = _post(
        auth_client,
        {"exercise": plank.pk, "duration_s": 45, "is_warmup": True},
        {"exercise": carry.pk, "distance_m": 40, "weight_kg": 32},
        session_rpe=7,
    )
    assert response.status_code == 201, response.data
    hold, walk = response.data["sets"]
    assert (hold["reps"], hold["duration_s"], hold["is_warmup"]) == (None, 45, True)
    assert (walk["distance_m"], walk["weight_kg"], walk["is_warmup"]) == (
        40.0,
        Decimal("32.00"),
        False,
    )
    assert response.data["session_rpe"] == 7


def test_a_set_without_reps_duration_or_distance_is_400(auth_client, plank):
    response = _post(auth_client, {"exercise": plank.pk, "weight_kg": 10})
    assert response.status_code == 400
    assert response.data["error"]["fields"]["sets"][0]["reps"] == [SET_MEASURE_MESSAGE]


@pytest.mark.parametrize("session_rpe", [0, 11])
def test_session_rpe_out_of_range_is_400(auth_client, plank, session_rpe):
    response = _post(auth_client, {"exercise": plank.pk, "reps": 1}, session_rpe=session_rpe)
    assert response.status_code == 400
    assert "session_rpe" in response.data["error"]["fields"]


def test_model_and_database_refuse_a_set_without_a_measure(plank):
    set_log = SetLog(session=WorkoutFactory(), exercise=plank)
    with pytest.raises(ValidationError, match="A set has reps"):
        set_log.full_clean()
    with pytest.raises(IntegrityError, match="setlog_has_measure"):
        set_log.save()


def test_per_side_work_round_trips_and_defaults_to_false(auth_client, plank):
    lunge = ExerciseFactory(slug="reverse-lunge", name="Reverse Lunge", equipment=["dumbbell"])
    response = _post(
        auth_client,
        {"exercise": lunge.pk, "reps": 10, "weight_kg": 20, "per_side": True},
        {"exercise": plank.pk, "duration_s": 30},
    )
    assert response.status_code == 201, response.data
    assert [s["per_side"] for s in response.data["sets"]] == [True, False]
    workout = auth_client.get(f"/api/workouts/{response.data['id']}/").data
    assert [s["per_side"] for s in workout["sets"]] == [True, False]
    assert list(SetLog.objects.order_by("order", "id").values_list("per_side", flat=True)) == [
        True,
        False,
    ]
