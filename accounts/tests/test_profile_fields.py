"""Profile heart rates and time zone: human ranges and IANA names, else a 400."""

import pytest

from conftest import client_for

pytestmark = pytest.mark.django_db


def test_profile_heart_rates_and_timezone_round_trip(user):
    client = client_for(user)
    assert client.get("/api/me").data["profile"]["timezone"] == "UTC"
    profile = {"resting_hr": 52, "max_hr": 188, "timezone": "Europe/Paris"}
    response = client.patch("/api/me", {"profile": profile}, format="json")
    assert response.status_code == 200, response.data
    assert {key: response.data["profile"][key] for key in profile} == profile
    user.profile.refresh_from_db()
    assert (user.profile.resting_hr, user.profile.timezone) == (52, "Europe/Paris")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", "../../etc/passwd"),
        ("timezone", ""),
        ("resting_hr", 10),
        ("resting_hr", 200),
        ("max_hr", 60),
        ("max_hr", 300),
    ],
)
def test_profile_field_outside_its_range_is_400(user, field, value):
    response = client_for(user).patch("/api/me", {"profile": {field: value}}, format="json")
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]["profile"]
