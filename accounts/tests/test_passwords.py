"""Password change and reset: Django's validators, one-time expiring links, revoked tokens."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CHANGE = "/api/auth/password/change"
RESET = "/api/auth/password/reset"
CONFIRM = "/api/auth/password/reset/confirm"
NEW_PASSWORD = "a-brand-new-passphrase-42"


def _login(client, email, password=TEST_PASSWORD):
    return client.post("/api/auth/token", {"email": email, "password": password})


def _bearer(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def _emailed(field):
    return re.search(rf"{field}: (\S+)", mail.outbox[-1].body).group(1)


def test_change_needs_the_old_password_and_passes_djangos_validators(api_client):
    user = UserFactory()
    client = _bearer(_login(api_client, user.email).data["access"])
    wrong = client.post(CHANGE, {"old_password": "nope", "new_password": NEW_PASSWORD})
    assert wrong.status_code == 400
    assert "old_password" in wrong.json()["error"]["fields"]
    weak = client.post(CHANGE, {"old_password": TEST_PASSWORD, "new_password": "12345678"})
    assert weak.status_code == 400
    assert "new_password" in weak.json()["error"]["fields"]
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_change_revokes_every_other_session_and_hands_this_one_new_tokens(api_client):
    user = UserFactory()
    this_session = _login(api_client, user.email).data
    other_session = _login(api_client, user.email).data
    response = _bearer(this_session["access"]).post(
        CHANGE, {"old_password": TEST_PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 200, response.json()
    fresh = response.json()["tokens"]

    assert _bearer(other_session["access"]).get("/api/me").status_code == 401
    assert _bearer(this_session["access"]).get("/api/me").json()["error"]["code"] in {
        "token_revoked",
        "authentication_failed",
    }
    refreshed = api_client.post("/api/auth/token/refresh", {"refresh": other_session["refresh"]})
    assert refreshed.status_code == 401
    assert _bearer(fresh["access"]).get("/api/me").status_code == 200
    again = api_client.post("/api/auth/token/refresh", {"refresh": fresh["refresh"]})
    assert again.status_code == 200
    assert _login(api_client, user.email, NEW_PASSWORD).status_code == 200
    assert _login(api_client, user.email).status_code == 401


def test_reset_answers_the_same_for_known_and_unknown_emails(api_client):
    UserFactory(email="known@example.com")
    known = api_client.post(RESET, {"email": "Known@Example.com"})
    unknown = api_client.post(RESET, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert [message.to for message in mail.outbox] == [["known@example.com"]]


def test_reset_token_sets_the_password_once_and_revokes_old_tokens(api_client):
    user = UserFactory()
    old_access = _login(api_client, user.email).data["access"]
    api_client.post(RESET, {"email": user.email})
    uid, token = _emailed("uid"), _emailed("token")
    assert token in mail.outbox[-1].body.split("\n")[3]  # the link carries it too

    done = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": NEW_PASSWORD})
    assert done.status_code == 200, done.json()
    assert _login(api_client, user.email, NEW_PASSWORD).status_code == 200
    assert _bearer(old_access).get("/api/me").status_code == 401

    replay = api_client.post(
        CONFIRM, {"uid": uid, "token": token, "new_password": "yet-another-passphrase-7"}
    )
    assert replay.status_code == 400
    assert "token" in replay.json()["error"]["fields"]
    assert _login(api_client, user.email, NEW_PASSWORD).status_code == 200


def test_reset_token_expires(api_client, settings):
    class IssuedTwoHoursAgo(PasswordResetTokenGenerator):
        def _now(self):
            return datetime.now() - timedelta(hours=2)

    settings.PASSWORD_RESET_TIMEOUT = 3600
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    stale = IssuedTwoHoursAgo().make_token(user)
    response = api_client.post(CONFIRM, {"uid": uid, "token": stale, "new_password": NEW_PASSWORD})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    fresh = PasswordResetTokenGenerator().make_token(user)
    ok = api_client.post(CONFIRM, {"uid": uid, "token": fresh, "new_password": NEW_PASSWORD})
    assert ok.status_code == 200


def test_reset_confirm_rejects_garbage_and_weak_passwords(api_client):
    user = UserFactory()
    garbage = api_client.post(CONFIRM, {"uid": "!!", "token": "x", "new_password": NEW_PASSWORD})
    assert garbage.status_code == 400
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = PasswordResetTokenGenerator().make_token(user)
    weak = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": "password"})
    assert weak.status_code == 400
    assert "new_password" in weak.json()["error"]["fields"]


def test_reset_is_rate_limited_per_ip_like_sign_in(api_client, settings):
    statuses = [api_client.post(RESET, {"email": "x@example.com"}).status_code for _ in range(12)]
    assert statuses[:10] == [202] * 10
    assert statuses[-1] == 429
