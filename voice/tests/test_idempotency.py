"""Idempotency-Key on /api/voice/log: replays, conflicts, per-user keys, concurrent retries."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from conftest import client_for
from training.models import Exercise, SetLog, WorkoutSession
from training.services import exercise_catalog_load
from voice.models import IdempotencyRecord

LOG = "/api/voice/log"
BODY = {"transcript": "bench press 3 sets of 8 at 185"}


@pytest.fixture
def catalog(db):
    exercise_catalog_load()


def _post(client, body, key):
    return client.post(LOG, body, HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
def test_same_key_same_body_replays_the_first_response(catalog, auth_client):
    first = _post(auth_client, BODY, "key-1")
    assert first.status_code == 201
    again = _post(auth_client, BODY, "key-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert WorkoutSession.objects.count() == 1
    assert SetLog.objects.count() == 3


@pytest.mark.django_db
def test_same_key_different_body_is_409(catalog, auth_client):
    assert _post(auth_client, BODY, "key-2").status_code == 201
    response = _post(auth_client, {"transcript": "squat 5 reps at 225"}, "key-2")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert WorkoutSession.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_user(catalog, auth_client, other_client):
    assert _post(auth_client, BODY, "shared").status_code == 201
    other = _post(other_client, {"transcript": "squat 5 reps at 225"}, "shared")
    assert other.status_code == 201
    assert WorkoutSession.objects.count() == 2


@pytest.mark.django_db
def test_a_rejected_request_does_not_burn_the_key(catalog, auth_client):
    rejected = _post(auth_client, {"transcript": "squat 5 reps at 99999"}, "key-3")
    assert rejected.status_code == 422
    assert not IdempotencyRecord.objects.exists()
    fixed = _post(auth_client, {"transcript": "squat 5 reps at 315"}, "key-3")
    assert fixed.status_code == 201


@pytest.mark.django_db
def test_expired_record_lets_the_key_be_used_again(catalog, auth_client):
    assert _post(auth_client, BODY, "old").status_code == 201
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert IdempotencyRecord.objects.expired().count() == 1
    again = _post(auth_client, {"transcript": "squat 5 reps at 225"}, "old")
    assert again.status_code == 201
    assert WorkoutSession.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "x" * 256, "bad key with spaces"])
def test_malformed_key_is_a_400(catalog, auth_client, key):
    response = _post(auth_client, BODY, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert WorkoutSession.objects.count() == 0


@pytest.fixture
def committed_user(django_db_setup, django_db_blocker):
    """A user and the catalog committed for real (threads use their own connections).

    Not ``transactional_db``: its flush would also empty tables that migrations seed for other
    apps. What this fixture commits it deletes again.
    """
    with django_db_blocker.unblock():
        existing = set(Exercise.objects.values_list("id", flat=True))
        exercise_catalog_load()
        user = UserFactory()
        try:
            yield user
        finally:
            user.delete()
            Exercise.objects.exclude(id__in=existing).delete()
            connection.close()


def test_twenty_concurrent_retries_create_one_session(committed_user):
    user = committed_user
    clients = [client_for(user) for _ in range(20)]
    barrier = threading.Barrier(len(clients))
    results: list[tuple[int, dict]] = []
    errors: list[BaseException] = []

    def retry(client):
        try:
            barrier.wait()
            response = _post(client, BODY, "concurrent-key")
            results.append((response.status_code, response.json()))
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=retry, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == 20
    assert {status for status, _ in results} == {201}
    assert len({body["session"]["id"] for _, body in results}) == 1
    assert WorkoutSession.objects.filter(user=user).count() == 1
    assert SetLog.objects.filter(session__user=user).count() == 3
    assert IdempotencyRecord.objects.filter(user=user).count() == 1
