"""Staff edits and deletes of sets in the admin move the records like any other write."""

from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory
from training.models import PersonalRecord
from training.tests.factories import ExerciseFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_set_corrected_in_the_admin_loses_its_record(staff_client, user):
    from training.services import workout_log_create

    bench = ExerciseFactory()
    session, _ = workout_log_create(
        user=user,
        data={"started_at": WorkoutFactory.build().started_at},
        sets=[{"exercise": bench, "reps": 1, "weight_kg": Decimal("200")}],
    )
    set_log = session.sets.get()
    page = staff_client.get(f"/admin/training/setlog/{set_log.pk}/change/")
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data.update({"weight_kg": "80", "order": "0", "reps": "1"})
    response = staff_client.post(f"/admin/training/setlog/{set_log.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(PersonalRecord.objects.values_list("value_kg", flat=True)) == {Decimal("80.00")}


def test_sets_deleted_in_the_admin_take_their_records_along(staff_client, user):
    from training.services import workout_sets_append

    session = WorkoutFactory(user=user)
    bench = ExerciseFactory()
    workout_sets_append(session=session, sets=[{"exercise": bench, "reps": 3, "weight_kg": 100}])
    assert PersonalRecord.objects.count() == 2
    set_log = session.sets.get()
    response = staff_client.post(
        "/admin/training/setlog/",
        {"action": "delete_selected", "_selected_action": [set_log.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not PersonalRecord.objects.exists()
