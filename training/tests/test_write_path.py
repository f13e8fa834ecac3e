"""Runs and injuries: one write path (the services) from the API and every other caller."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from training import services
from training.models import Injury, RunSession
from training.tests.factories import InjuryFactory, RunFactory

pytestmark = pytest.mark.django_db


def _run_data(**overrides):
    return {
        "started_at": timezone.now() - timedelta(hours=2),
        "distance_m": 5000.0,
        "duration_s": 1500,
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"distance_m": 1e-310}, "distance_m"),
        ({"distance_m": 5}, "distance_m"),
        ({"avg_hr": 180, "max_hr": 170}, "avg_hr"),
        ({"started_at": timezone.now().replace(year=1850)}, "started_at"),
        ({"rpe": 0}, "rpe"),
    ],
)
def test_run_service_refuses_what_the_api_refuses(user, overrides, field):
    with pytest.raises(ValidationError) as raised:
        services.run_log_create(user=user, data=_run_data(**overrides))
    assert field in raised.value.message_dict
    assert not RunSession.objects.exists()


def test_injury_service_refuses_a_resolution_before_onset_and_unknown_regions(user):
    today = date.today()
    with pytest.raises(ValidationError, match="before onset"):
        services.injury_log_create(
            user=user,
            data={"body_region": "knee", "severity": 3, "onset_date": today,
                  "resolved_date": today - timedelta(days=1)},
        )  # fmt: skip
    with pytest.raises(ValidationError) as raised:
        services.injury_log_create(
            user=user, data={"body_region": "spleen", "severity": 3, "onset_date": today}
        )
    assert "body_region" in raised.value.message_dict
    assert not Injury.objects.exists()


def test_run_update_and_delete_through_the_api(user, auth_client):
    run = RunFactory(user=user)
    changed = auth_client.patch(f"/api/runs/{run.pk}/", {"distance_m": 0, "rpe": 4}, format="json")
    assert changed.status_code == 200, changed.data
    assert (changed.data["distance_m"], changed.data["pace_s_per_km"], changed.data["rpe"]) == (
        0.0,
        None,
        4,
    )
    tiny = auth_client.patch(f"/api/runs/{run.pk}/", {"distance_m": 1e-310}, format="json")
    assert tiny.status_code == 400
    assert "distance_m" in tiny.data["error"]["fields"]
    assert auth_client.delete(f"/api/runs/{run.pk}/").status_code == 204
    assert not RunSession.objects.exists()


def test_injury_update_and_delete_through_the_api(user, auth_client):
    injury = InjuryFactory(user=user, body_region="hamstring")
    changed = auth_client.patch(f"/api/injuries/{injury.pk}/", {"severity": 2}, format="json")
    assert changed.status_code == 200, changed.data
    injury.refresh_from_db()
    assert injury.severity == 2
    assert auth_client.delete(f"/api/injuries/{injury.pk}/").status_code == 204
    assert not Injury.objects.exists()


def test_a_model_rule_raised_by_a_service_answers_400_in_the_error_shape(user):
    """Voice, uploads and imports call the services directly; their bad rows are 400s too."""
    from core.errors import exception_handler

    with pytest.raises(ValidationError) as raised:
        services.run_log_create(user=user, data=_run_data(distance_m=3))
    response = exception_handler(raised.value, {})
    assert response.status_code == 400
    assert response.data["error"]["code"] == "validation_error"
    assert "distance_m" in response.data["error"]["fields"]
