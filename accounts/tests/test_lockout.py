"""Login guessing: the admin form and the token endpoint lock an IP and an account out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/?next=/admin/"
TOKEN = "/api/auth/token"


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def _admin_login(client: Client, email: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(ADMIN_LOGIN, {"username": email, "password": password})


def _logged_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response["Location"] == "/admin/"


def admin_index_status(client: Client) -> int:
    return int(client.get("/admin/").status_code)


def _end_the_cool_off() -> None:
    """The attempts as if made a cool-off ago (the lockout ends when they are that old)."""
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)


def _ten_wrong_admin_passwords(client: Client, email: str) -> None:
    for attempt in range(1, 11):
        response = _admin_login(client, email, f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
        assert "Please enter the correct" in response.content.decode(), attempt


def test_the_eleventh_wrong_admin_password_is_refused_and_the_right_one_works_after(staff):
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert settings.AXES_FAILURE_LIMIT == 11
    _ten_wrong_admin_passwords(client, staff.email)

    eleventh = _admin_login(client, staff.email, "wrong-11")
    assert eleventh.status_code == 429
    assert eleventh.json()["error"]["code"] == "login_locked_out"
    assert int(eleventh["Retry-After"]) > 0
    refused = _admin_login(client, staff.email, TEST_PASSWORD)
    assert refused.status_code == 429  # locked: not even the right password
    assert "_auth_user_id" not in client.session

    _end_the_cool_off()
    assert _logged_in(_admin_login(client, staff.email, TEST_PASSWORD))


def test_the_eleventh_attempt_is_refused_even_with_the_right_password(staff):
    client = Client(REMOTE_ADDR="198.51.100.17")
    _ten_wrong_admin_passwords(client, staff.email)

    eleventh = _admin_login(client, staff.email, TEST_PASSWORD)
    assert eleventh.status_code == 429
    assert eleventh.json()["error"]["code"] == "login_locked_out"
    assert "_auth_user_id" not in client.session
    assert admin_index_status(client) == 302  # still signed out: the index sends to the login

    _end_the_cool_off()
    assert _logged_in(_admin_login(client, staff.email, TEST_PASSWORD))
    assert admin_index_status(client) == 200


def test_a_locked_ip_is_refused_for_every_account_and_an_account_from_every_ip(staff):
    other = UserFactory(is_staff=True)
    guesser = Client(REMOTE_ADDR="198.51.100.8")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _admin_login(guesser, staff.email, f"wrong-{attempt}")
    assert _admin_login(guesser, other.email, TEST_PASSWORD).status_code == 429  # the IP
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert _admin_login(elsewhere, staff.email, TEST_PASSWORD).status_code == 429  # the account
    assert _logged_in(_admin_login(elsewhere, other.email, TEST_PASSWORD))


def test_staff_clear_a_lockout_in_the_admin(staff):
    locked = UserFactory(is_staff=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _admin_login(Client(REMOTE_ADDR=f"198.51.100.{20 + attempt}"), locked.email, "wrong")
    assert _admin_login(Client(), locked.email, TEST_PASSWORD).status_code == 429

    admin = Client()
    admin.force_login(staff)
    changelist = admin.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    cleared = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert cleared.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _logged_in(_admin_login(Client(), locked.email, TEST_PASSWORD))


def test_the_token_endpoint_locks_out_in_the_error_shape(settings):
    settings.RATELIMIT_AUTH_PER_MINUTE = 1000  # the per-IP request limit is not what is tested
    settings.RATELIMIT_AUTH_PER_HOUR = 1000
    user = UserFactory()
    client = APIClient(REMOTE_ADDR="198.51.100.40")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        wrong = client.post(TOKEN, {"email": user.email, "password": f"no-{attempt}"})
        assert wrong.status_code == 401
    eleventh = client.post(TOKEN, {"email": user.email, "password": TEST_PASSWORD})
    assert eleventh.status_code == 429  # the right password, but the eleventh attempt
    assert "access" not in eleventh.json()
    assert eleventh.json()["error"]["code"] == "login_locked_out"
    assert eleventh.json()["error"]["fields"]["retry_after"] > 0
    assert int(eleventh["Retry-After"]) > 0
    again = client.post(TOKEN, {"email": user.email, "password": "no-12"})
    assert again.status_code == 429

    _end_the_cool_off()
    signed_in = client.post(TOKEN, {"email": user.email, "password": TEST_PASSWORD})
    assert signed_in.status_code == 200
    assert signed_in.json()["access"]
