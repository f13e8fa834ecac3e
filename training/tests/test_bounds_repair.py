"""Rows stored before the storage bounds are repaired by training/0002, and reads never fail."""

import importlib
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import connection

from training.models import Injury, RunSession, WorkoutSession
from training.tests.factories import InjuryFactory, RunFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

repair = importlib.import_module(
    "training.migrations.0002_set_measures_session_rpe_and_storage_bounds"
).repair_out_of_bounds

CONSTRAINTS = {
    RunSession: ["run_distance_zero_or_real", "run_heart_rate_range", "run_started_in_range"],
    WorkoutSession: ["workout_started_in_range"],
    Injury: ["injury_onset_in_range"],
}


@pytest.fixture
def without_bounds():
    """The tables as they were before the bounds (DDL is transactional: the test rolls it back)."""
    with connection.schema_editor() as editor:
        for model, names in CONSTRAINTS.items():
            for constraint in model._meta.constraints:
                if constraint.name in names:
                    editor.remove_constraint(model, constraint)
    yield
    with connection.cursor() as cursor:  # deferred foreign-key checks would block the ALTER
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:  # re-adding checks every repaired row
        for model, names in CONSTRAINTS.items():
            for constraint in model._meta.constraints:
                if constraint.name in names:
                    editor.add_constraint(model, constraint)


def test_bad_rows_are_repaired_not_deleted(user, auth_client, without_bounds):
    tiny = RunFactory(user=user, distance_m=1e-310, duration_s=3000, avg_hr=5)
    fine = RunFactory(user=user, distance_m=5000.0, duration_s=1500, avg_hr=150)
    ancient = WorkoutFactory(user=user, started_at=datetime(1, 1, 1, tzinfo=UTC))
    injury = InjuryFactory(user=user, onset_date=date(1, 1, 1))
    assert auth_client.get(f"/api/runs/{tiny.pk}/").data["pace_s_per_km"] is None  # tolerant read

    repair(apps, None)

    tiny.refresh_from_db()
    fine.refresh_from_db()
    ancient.refresh_from_db()
    injury.refresh_from_db()
    assert (tiny.distance_m, tiny.duration_s, tiny.avg_hr) == (None, 3000, None)
    assert (fine.distance_m, fine.avg_hr) == (5000.0, 150)
    assert ancient.started_at == datetime(1900, 1, 1, tzinfo=UTC)
    assert injury.onset_date == date(1900, 1, 1)
    listed = auth_client.get("/api/runs/")
    assert listed.status_code == 200
    assert sorted(row["pace_s_per_km"] or 0 for row in listed.data["results"]) == [0, 300.0]
