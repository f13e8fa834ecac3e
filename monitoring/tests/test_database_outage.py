"""The real embedded PostgreSQL stopped and started: 503 in the error shape, alerts, recovery."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from conftest import client_for
from core import embedded
from training.models import WorkoutSession

# Committed rows (no test transaction survives the server's stop). The flush after each test
# also empties the tables migrations seed (rate-limit tiers); ``reseeded`` puts them back.
pytestmark = [
    pytest.mark.skipif(bool(settings.DATABASE_URL), reason="stops the embedded PostgreSQL only"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKOUTS = "/api/workouts/"
BODY = {"started_at": "2026-11-30T08:00:00Z", "notes": "outage test", "sets": []}
TOKEN = "outage-s3cret"


@pytest.fixture(scope="module", autouse=True)
def reseeded(django_db_setup, django_db_blocker):
    """After this module's tests (and their flushes), the database as the migrations left it."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def committed_user():
    """A user committed for real (the outage drops every connection); deleted again after."""
    user = UserFactory()
    try:
        yield user
    finally:
        connection.close()  # the connection of the outage may be the broken one
        WorkoutSession.objects.filter(user=user).delete()
        user.delete()


@pytest.fixture
def database_down(committed_user):
    """Stops the embedded PostgreSQL; a ``start`` callable brings it back (always, at the end)."""
    embedded.stop_postgres()
    try:
        yield embedded.ensure_postgres
    finally:
        embedded.ensure_postgres()


def _assert_database_unavailable(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == str(settings.DATABASE_RETRY_AFTER_S)
    error = response.json()["error"]
    assert error["code"] == "database_unavailable"
    assert error["message"]
    assert error["fields"] == {"retry_after": settings.DATABASE_RETRY_AFTER_S}


def test_reads_writes_health_and_alerts_during_and_after_an_outage(
    committed_user, database_down, settings
):
    settings.MONITORING_METRICS_TOKEN = TOKEN
    client = client_for(committed_user)

    _assert_database_unavailable(client.get(WORKOUTS))
    _assert_database_unavailable(client.post(WORKOUTS, BODY, format="json"))
    login = {"email": committed_user.email, "password": "whatever-it-is"}
    _assert_database_unavailable(APIClient().post("/api/auth/token", login, format="json"))

    health = APIClient().get("/api/monitoring/health")
    assert health.status_code == 503
    assert health.json()["components"]["database"]["status"] == "down"

    alerts = APIClient().get("/api/monitoring/alerts", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert alerts.status_code == 200, alerts.content
    names = {alert["name"] for alert in alerts.json()["alerts"]}
    assert "database_unreachable" in names
    database_alert = next(a for a in alerts.json()["alerts"] if a["name"] == "database_unreachable")
    assert database_alert["severity"] == "critical"

    database_down()  # PostgreSQL is back; the same process, no restart

    created = client.post(WORKOUTS, BODY, format="json")
    assert created.status_code == 201, created.content
    assert client.get(WORKOUTS).status_code == 200
    assert (
        APIClient().get("/api/monitoring/health").json()["components"]["database"]["status"] == "ok"
    )
    assert WorkoutSession.objects.filter(user=committed_user).count() == 1  # nothing half-written


def test_a_django_view_answers_503_in_the_error_shape(committed_user, database_down, client):
    """The admin (not a DRF view) reaches the database through the session: handler500's path."""
    client.raise_request_exception = False
    client.cookies["sessionid"] = "x" * 32
    _assert_database_unavailable(client.get("/admin/"))
