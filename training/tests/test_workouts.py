"""Workouts with nested sets: create, edit, validate, units, atomicity, records."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from training.models import PersonalRecord, SetLog, WorkoutSession
from training.tests.factories import ExerciseFactory, SetLogFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return ExerciseFactory(slug="barbell-bench-press", name="Barbell Bench Press")


@pytest.fixture
def pullup():
    return ExerciseFactory(slug="pull-up", name="Pull-Up", bodyweight=True, equipment=[])


def _payload(exercise, **overrides):
    body = {
        "started_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "notes": "push day",
        "sets": [
            {"exercise": exercise.pk, "reps": 8, "weight_kg": 83.91, "rpe": 8},
            {"exercise": exercise.pk, "reps": 8, "weight_kg": 83.91, "rir": 2},
        ],
    }
    body.update(overrides)
    return body


def test_create_returns_sets_in_kg_and_users_unit_and_new_records(auth_client, bench):
    response = auth_client.post("/api/workouts/", _payload(bench))
    assert response.status_code == 201, response.data
    body = response.data
    assert [s["order"] for s in body["sets"]] == [0, 1]
    first = body["sets"][0]
    assert first["exercise_name"] == "Barbell Bench Press"
    assert response.json()["sets"][0]["weight_kg"] == 83.91  # a JSON number
    assert (first["weight"], first["unit"]) == (185.0, "lb")
    kinds = sorted((r["kind"], r["reps"]) for r in body["new_personal_records"])
    assert kinds == [("e1rm", None), ("rep_max", 8)]
    listed = auth_client.get("/api/workouts/").data["results"]
    assert listed[0]["sets"][1]["rir"] == 2


def test_metric_user_sees_kg(user, auth_client, bench):
    user.profile.unit_system = "metric"
    user.profile.save()
    body = auth_client.post("/api/workouts/", _payload(bench)).data
    assert (body["sets"][0]["weight"], body["sets"][0]["unit"]) == (83.91, "kg")


def test_bodyweight_set_needs_no_weight_but_barbell_set_does(auth_client, bench, pullup):
    ok = auth_client.post(
        "/api/workouts/", _payload(pullup, sets=[{"exercise": pullup.pk, "reps": 10}])
    )
    assert ok.status_code == 201, ok.data
    assert ok.data["sets"][0]["is_bodyweight"] is True
    assert ok.data["sets"][0]["weight_kg"] is None
    missing = auth_client.post(
        "/api/workouts/", _payload(bench, sets=[{"exercise": bench.pk, "reps": 10}])
    )
    assert missing.status_code == 400


@pytest.mark.parametrize(
    ("bad_set", "field"),
    [
        ({"reps": -1}, "reps"),
        ({"reps": 0}, "reps"),
        ({"weight_kg": 10000}, "weight_kg"),
        ({"weight_kg": "-5"}, "weight_kg"),
        ({"rpe": 11}, "rpe"),
        ({"reps": "eight"}, "reps"),
        ({"exercise": 987654321}, "exercise"),
    ],
)
def test_bad_set_is_400_with_field_errors_and_nothing_saved(auth_client, bench, bad_set, field):
    good = {"exercise": bench.pk, "reps": 5, "weight_kg": 100}
    payload = _payload(bench, sets=[good, {**good, **bad_set}])
    response = auth_client.post("/api/workouts/", payload)
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]["sets"][1]
    assert not WorkoutSession.objects.exists()
    assert not SetLog.objects.exists()


@pytest.mark.parametrize(
    "override",
    [
        {"started_at": "yesterday-ish"},
        {"started_at": (timezone.now() + timedelta(days=30)).isoformat()},
        {"ended_at": (timezone.now() - timedelta(days=3)).isoformat()},
        {"sets": "not a list"},
        {"notes": "x" * 6000},
    ],
)
def test_bad_workout_fields_are_400(auth_client, bench, override):
    response = auth_client.post("/api/workouts/", _payload(bench, **override))
    assert response.status_code == 400
    assert response.data["error"]["code"] == "validation_error"
    assert response.data["error"]["fields"]


def test_missing_started_at_is_400(auth_client, bench):
    payload = _payload(bench)
    del payload["started_at"]
    response = auth_client.post("/api/workouts/", payload)
    assert response.status_code == 400
    assert "started_at" in response.data["error"]["fields"]


def test_malformed_json_and_wrong_type_are_400(auth_client):
    response = auth_client.generic(
        "POST", "/api/workouts/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.data["error"]["code"] == "parse_error"
    assert auth_client.post("/api/workouts/", [1, 2, 3]).status_code == 400


def test_oversized_payload_is_413(auth_client, bench):
    payload = _payload(bench, notes="x" * (2 * 1024 * 1024))
    response = auth_client.post("/api/workouts/", payload)
    assert response.status_code == 413
    assert response.data["error"]["code"] == "payload_too_large"


def test_patch_edits_adds_and_removes_sets_by_id(user, auth_client, bench):
    session = WorkoutFactory(user=user)
    keep = SetLogFactory(session=session, exercise=bench, reps=5)
    drop = SetLogFactory(session=session, exercise=bench, reps=3)
    response = auth_client.patch(
        f"/api/workouts/{session.pk}/",
        {
            "sets": [
                {"id": keep.pk, "exercise": bench.pk, "reps": 6, "weight_kg": 100},
                {"exercise": bench.pk, "reps": 4, "weight_kg": 110},
            ]
        },
    )
    assert response.status_code == 200, response.data
    assert [s["reps"] for s in response.data["sets"]] == [6, 4]
    assert response.data["sets"][0]["id"] == keep.pk
    assert not SetLog.objects.filter(pk=drop.pk).exists()


def test_patch_without_sets_keeps_them(user, auth_client, bench):
    session = WorkoutFactory(user=user)
    SetLogFactory(session=session, exercise=bench)
    response = auth_client.patch(f"/api/workouts/{session.pk}/", {"notes": "felt strong"})
    assert response.status_code == 200
    assert len(response.data["sets"]) == 1


def test_failed_nested_update_changes_nothing(user, auth_client, bench):
    session = WorkoutFactory(user=user, notes="before")
    original = SetLogFactory(session=session, exercise=bench, reps=5)
    response = auth_client.put(
        f"/api/workouts/{session.pk}/",
        {
            "started_at": session.started_at.isoformat(),
            "notes": "after",
            "sets": [{"exercise": bench.pk, "reps": 5, "weight_kg": 99999}],
        },
    )
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.notes == "before"
    assert list(session.sets.values_list("pk", flat=True)) == [original.pk]


def test_records_only_for_improvements(user, auth_client, bench):
    first = auth_client.post(
        "/api/workouts/",
        _payload(bench, sets=[{"exercise": bench.pk, "reps": 5, "weight_kg": 100}]),
    )
    assert len(first.data["new_personal_records"]) == 2
    same = auth_client.post(
        "/api/workouts/",
        _payload(bench, sets=[{"exercise": bench.pk, "reps": 5, "weight_kg": 100}]),
    )
    assert same.data["new_personal_records"] == []
    better = auth_client.post(
        "/api/workouts/",
        _payload(bench, sets=[{"exercise": bench.pk, "reps": 3, "weight_kg": 110}]),
    )
    new = {(r["kind"], r["reps"]): r["value_kg"] for r in better.data["new_personal_records"]}
    assert new == {("e1rm", None): Decimal("121.00"), ("rep_max", 3): Decimal("110.00")}
    assert PersonalRecord.objects.filter(user=user).count() == 4


def test_sets_are_appended_after_the_last_one_with_records(user, bench):
    from training.services import workout_sets_append

    session = WorkoutFactory(user=user)
    SetLogFactory(session=session, exercise=bench, order=3, weight_kg="100")
    records = workout_sets_append(
        session=session, sets=[{"exercise": bench, "reps": 5, "weight_kg": Decimal("120")}]
    )
    assert list(session.sets.values_list("order", "weight_kg")) == [
        (3, Decimal("100.00")),
        (4, Decimal("120.00")),
    ]
    assert {record.kind for record in records} == {"e1rm", "rep_max"}


def test_one_set_is_amended_and_validated(user, bench):
    from django.core.exceptions import ValidationError

    from training.services import set_log_update

    set_log = SetLogFactory(session=WorkoutFactory(user=user), exercise=bench, reps=5)
    set_log_update(set_log=set_log, data={"reps": 6, "weight_kg": Decimal("88.45")})
    set_log.refresh_from_db()
    assert (set_log.reps, set_log.weight_kg) == (6, Decimal("88.45"))
    with pytest.raises(ValidationError):
        set_log_update(set_log=set_log, data={"weight_kg": Decimal("9999")})
