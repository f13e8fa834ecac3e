"""/api/checkins/: one per user per day, upserted by date, validated, and in the coach's context."""

from datetime import date, timedelta

import pytest

from training.checkins import CheckIn
from training.localtime import user_today

pytestmark = pytest.mark.django_db


def test_post_creates_then_replaces_the_days_checkin(user, auth_client):
    body = {"date": "2026-11-20", "readiness": 2, "soreness": 4, "sleep_hours": 6.5, "note": "x"}
    first = auth_client.post("/api/checkins/", body)
    assert first.status_code == 201, first.data
    assert first.data["readiness"] == 2
    again = auth_client.post("/api/checkins/", {**body, "readiness": 5, "note": "better"})
    assert again.status_code == 200, again.data
    assert again.data["id"] == first.data["id"]
    row = CheckIn.objects.get(user=user)
    assert (row.readiness, row.note, str(row.sleep_hours)) == (5, "better", "6.5")


def test_date_defaults_to_today_in_the_athletes_zone(user, auth_client):
    user.profile.timezone = "Pacific/Kiritimati"  # UTC+14: often already tomorrow
    user.profile.save()
    response = auth_client.post("/api/checkins/", {"readiness": 3, "soreness": 3})
    assert response.status_code == 201, response.data
    assert response.data["date"] == user_today(user).isoformat()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"readiness": 0, "soreness": 3}, "readiness"),
        ({"readiness": 6, "soreness": 3}, "readiness"),
        ({"readiness": 3, "soreness": 9}, "soreness"),
        ({"readiness": 3}, "soreness"),
        ({"readiness": 3, "soreness": 3, "sleep_hours": 25}, "sleep_hours"),
        ({"readiness": 3, "soreness": 3, "date": "not-a-date"}, "date"),
        (
            {"readiness": 3, "soreness": 3, "date": (date.today() + timedelta(days=3)).isoformat()},
            "date",
        ),
    ],
)
def test_bad_input_is_400_with_field_errors(auth_client, body, field):
    response = auth_client.post("/api/checkins/", body)
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]


def test_moving_a_checkin_onto_a_taken_day_is_refused(user, auth_client):
    a = CheckIn.objects.create(user=user, date=date(2026, 11, 1), readiness=3, soreness=3)
    CheckIn.objects.create(user=user, date=date(2026, 11, 2), readiness=3, soreness=3)
    response = auth_client.patch(f"/api/checkins/{a.pk}/", {"date": "2026-11-02"})
    assert response.status_code == 409
    assert response.data["error"]["code"] == "checkin_day_taken"
    assert "2026-11-02" in response.data["error"]["message"]
    a.refresh_from_db()
    assert a.date == date(2026, 11, 1)  # nothing changed
    assert CheckIn.objects.filter(user=user).count() == 2


def test_same_day_for_two_users_is_fine(user, other_user, auth_client, other_client):
    body = {"date": "2026-11-20", "readiness": 3, "soreness": 3}
    assert auth_client.post("/api/checkins/", body).status_code == 201
    assert other_client.post("/api/checkins/", body).status_code == 201
    assert CheckIn.objects.filter(date=date(2026, 11, 20)).count() == 2
