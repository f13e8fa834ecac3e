"""Every owner-scoped resource: another user can never read, list, change or delete it."""

from dataclasses import dataclass
from typing import Any

import pytest

from training.checkins import CheckIn
from training.models import Injury, PersonalRecord, RunSession, WorkoutSession
from training.tests.factories import (
    CheckInFactory,
    InjuryFactory,
    PersonalRecordFactory,
    RunFactory,
    SetLogFactory,
    WorkoutFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Resource:
    url: str
    model: type
    factory: Any
    change: dict
    writable: bool = True

    def __str__(self) -> str:
        return self.url


def _workout(user):
    return SetLogFactory(session=WorkoutFactory(user=user)).session


RESOURCES = [
    Resource("/api/workouts/", WorkoutSession, _workout, {"notes": "hijacked"}),
    Resource("/api/runs/", RunSession, lambda user: RunFactory(user=user), {"duration_s": 1}),
    Resource("/api/injuries/", Injury, lambda user: InjuryFactory(user=user), {"severity": 10}),
    Resource(
        "/api/personal-records/",
        PersonalRecord,
        lambda user: PersonalRecordFactory(user=user),
        {"value_kg": 999},
        writable=False,
    ),
    Resource("/api/checkins/", CheckIn, lambda user: CheckInFactory(user=user), {"readiness": 1}),
]


@pytest.fixture(params=RESOURCES, ids=str)
def resource(request) -> Resource:
    return request.param


def test_owner_can_read_and_list(resource, user, auth_client):
    obj = resource.factory(user)
    assert auth_client.get(f"{resource.url}{obj.pk}/").status_code == 200
    listed = auth_client.get(resource.url).data
    assert [row["id"] for row in listed["results"]] == [obj.pk]


def test_other_user_cannot_list(resource, user, other_client):
    resource.factory(user)
    assert other_client.get(resource.url).data["count"] == 0


def test_other_user_cannot_read(resource, user, other_client):
    obj = resource.factory(user)
    response = other_client.get(f"{resource.url}{obj.pk}/")
    assert response.status_code == 404
    assert response.data["error"]["code"] == "not_found"


@pytest.mark.parametrize("method", ["patch", "put"])
def test_other_user_cannot_change(resource, method, user, other_client):
    obj = resource.factory(user)
    before = resource.model.objects.filter(pk=obj.pk).values().get()
    response = getattr(other_client, method)(f"{resource.url}{obj.pk}/", resource.change)
    assert response.status_code == (404 if resource.writable else 405)
    assert resource.model.objects.filter(pk=obj.pk).values().get() == before


def test_other_user_cannot_delete(resource, user, other_client):
    obj = resource.factory(user)
    response = other_client.delete(f"{resource.url}{obj.pk}/")
    assert response.status_code == 404
    assert resource.model.objects.filter(pk=obj.pk).exists()


def test_owner_can_delete(resource, user, auth_client):
    obj = resource.factory(user)
    assert auth_client.delete(f"{resource.url}{obj.pk}/").status_code == 204
    assert not resource.model.objects.filter(pk=obj.pk).exists()


def test_anonymous_gets_401(resource, user, api_client):
    obj = resource.factory(user)
    for response in (api_client.get(resource.url), api_client.get(f"{resource.url}{obj.pk}/")):
        assert response.status_code == 401
        assert response.data["error"]["code"] == "not_authenticated"


def test_other_users_sets_cannot_be_grafted_into_own_workout(user, other_user, auth_client):
    """A set id from someone else's session is never updated through one's own session."""
    theirs = SetLogFactory(session=WorkoutFactory(user=other_user))
    mine = WorkoutFactory(user=user)
    response = auth_client.patch(
        f"/api/workouts/{mine.pk}/",
        {"sets": [{"id": theirs.pk, "exercise": theirs.exercise_id, "reps": 1, "weight_kg": 1}]},
    )
    assert response.status_code == 200
    theirs.refresh_from_db()
    assert (theirs.reps, theirs.session.user_id) == (5, other_user.pk)
    assert mine.sets.get().reps == 1
