"""Runs and injuries over REST: shapes, units and validation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _run(**overrides):
    body = {
        "activity": "run",
        "started_at": (timezone.now() - timedelta(hours=3)).isoformat(),
        "distance_m": 10000,
        "duration_s": 3000,
        "avg_hr": 150,
        "max_hr": 172,
        "elevation_gain_m": 40,
        "splits": [
            {"distance_m": 5000, "duration_s": 1520},
            {"distance_m": 5000, "duration_s": 1480},
        ],
    }
    body.update(overrides)
    return body


def test_run_roundtrip_with_pace_and_units(auth_client):
    response = auth_client.post("/api/runs/", _run())
    assert response.status_code == 201, response.data
    assert response.data["pace_s_per_km"] == 300.0
    assert response.data["distance_unit"] == "mi"
    assert response.data["distance"] == pytest.approx(6.214, abs=0.001)
    assert response.data["splits"][1] == {"distance_m": 5000.0, "duration_s": 1480}


def test_run_calories_roundtrip_and_default(auth_client):
    created = auth_client.post("/api/runs/", _run(activity="row", calories=310), format="json")
    assert created.status_code == 201, created.data
    assert created.data["calories"] == 310
    fetched = auth_client.get(f"/api/runs/{created.data['id']}/")
    assert fetched.data["calories"] == 310
    patched = auth_client.patch(
        f"/api/runs/{created.data['id']}/", {"calories": 295}, format="json"
    )
    assert patched.status_code == 200, patched.data
    assert patched.data["calories"] == 295
    plain = auth_client.post("/api/runs/", _run(), format="json")
    assert plain.data["calories"] is None


@pytest.mark.parametrize("calories", [0, -5, 10_001])
def test_run_calories_out_of_bounds_are_a_400(auth_client, calories):
    response = auth_client.post("/api/runs/", _run(calories=calories), format="json")
    assert response.status_code == 400
    assert "calories" in response.data["error"]["fields"]


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"duration_s": 0}, "duration_s"),
        ({"distance_m": -5}, "distance_m"),
        ({"activity": "teleport"}, "activity"),
        ({"avg_hr": 190, "max_hr": 170}, "avg_hr"),
        ({"splits": [{"distance_m": "far"}]}, "splits"),
        ({"started_at": "31/12/2024"}, "started_at"),
    ],
)
def test_bad_run_is_400(auth_client, override, field):
    response = auth_client.post("/api/runs/", _run(**override))
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]


def test_injury_log_and_update(auth_client):
    created = auth_client.post(
        "/api/injuries/",
        {"body_region": "knee", "side": "left", "severity": 5, "onset_date": str(date.today())},
    )
    assert created.status_code == 201, created.data
    assert created.data["status"] == "active"
    updated = auth_client.patch(
        f"/api/injuries/{created.data['id']}/",
        {"status": "resolved", "resolved_date": str(date.today())},
    )
    assert updated.status_code == 200
    assert updated.data["status"] == "resolved"


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"severity": 11}, "severity"),
        ({"severity": 0}, "severity"),
        ({"body_region": "spleen"}, "body_region"),
        ({"onset_date": str(date.today() + timedelta(days=10))}, "onset_date"),
        ({"resolved_date": str(date.today() - timedelta(days=30))}, "resolved_date"),
    ],
)
def test_bad_injury_is_400(auth_client, override, field):
    body = {"body_region": "knee", "severity": 5, "onset_date": str(date.today()), **override}
    response = auth_client.post("/api/injuries/", body)
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]


@pytest.mark.parametrize("distance", [1e-310, 0.5, 9.99, 1_000_001])
def test_run_distance_that_is_no_distance_is_400_and_stores_nothing(auth_client, distance):
    from training.models import RunSession

    response = auth_client.post("/api/runs/", _run(distance_m=distance, splits=[]), format="json")
    assert response.status_code == 400
    assert "distance_m" in response.data["error"]["fields"]
    assert not RunSession.objects.exists()
    assert auth_client.get("/api/runs/").status_code == 200


def test_unmeasured_run_has_null_pace_and_rpe_round_trips(auth_client):
    response = auth_client.post("/api/runs/", _run(distance_m=0, splits=[], rpe=6), format="json")
    assert response.status_code == 201, response.data
    assert (response.data["pace_s_per_km"], response.data["rpe"]) == (None, 6)


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"started_at": "1899-12-31T23:00:00Z"}, "started_at"),
        ({"started_at": "0001-01-01T00:00:00Z"}, "started_at"),
        ({"started_at": "9999-12-31T23:59:59Z"}, "started_at"),
        ({"avg_hr": 10}, "avg_hr"),
        ({"max_hr": 400}, "max_hr"),
        ({"duration_s": 8 * 24 * 3600}, "duration_s"),
        ({"rpe": 11}, "rpe"),
    ],
)
def test_run_outside_human_ranges_is_400(auth_client, override, field):
    response = auth_client.post("/api/runs/", _run(**override), format="json")
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]


@pytest.mark.parametrize("onset", ["1899-12-31", "0001-01-01"])
def test_injury_before_1900_is_400(auth_client, onset):
    body = {"body_region": "knee", "severity": 5, "onset_date": onset}
    response = auth_client.post("/api/injuries/", body)
    assert response.status_code == 400
    assert "onset_date" in response.data["error"]["fields"]
