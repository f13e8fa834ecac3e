"""Registration, tokens with the tier claim, and /api/me."""

import base64
import json

import jwt
import pytest
from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import Tier, User
from accounts.services import user_register
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def _token_pair(api_client, email, password=TEST_PASSWORD):
    return api_client.post("/api/auth/token", {"email": email, "password": password})


def test_register_creates_free_user_with_profile_and_tokens(api_client):
    response = api_client.post(
        "/api/auth/register",
        {
            "email": "New.Runner@Example.com",
            "password": "a-long-unusual-passphrase",
            "tier": "admin",
            "profile": {"unit_system": "metric", "goals": ["endurance"]},
        },
    )
    assert response.status_code == 201, response.data
    user = User.objects.get(email="new.runner@example.com")
    assert user.tier == Tier.FREE
    assert user.profile.unit_system == "metric"
    assert response.data["user"]["tier"] == "free"
    assert AccessToken(response.data["tokens"]["access"])["tier"] == "free"


def test_register_rejects_weak_password_and_duplicate_email(api_client):
    weak = api_client.post("/api/auth/register", {"email": "a@example.com", "password": "123"})
    assert weak.status_code == 400
    assert weak.data["error"]["code"] == "validation_error"
    assert "password" in weak.data["error"]["fields"]

    UserFactory(email="taken@example.com")
    dup = api_client.post(
        "/api/auth/register", {"email": "TAKEN@example.com", "password": "another-fine-pass-77"}
    )
    assert dup.status_code == 400
    assert "email" in dup.data["error"]["fields"]


def test_token_carries_tier_and_refresh_carries_current_tier(api_client):
    user = UserFactory(tier=Tier.PREMIUM)
    pair = _token_pair(api_client, user.email)
    assert pair.status_code == 200
    assert AccessToken(pair.data["access"])["tier"] == "premium"

    user.tier = Tier.FREE
    user.save()
    refreshed = api_client.post("/api/auth/token/refresh", {"refresh": pair.data["refresh"]})
    assert refreshed.status_code == 200
    assert AccessToken(refreshed.data["access"])["tier"] == "free"


def test_refresh_for_deleted_user_is_401_not_500(api_client):
    user = UserFactory()
    pair = _token_pair(api_client, user.email)
    user.delete()
    response = api_client.post("/api/auth/token/refresh", {"refresh": pair.data["refresh"]})
    assert response.status_code == 401
    assert response.data["error"]["code"] == "no_active_account"


def test_wrong_password_is_401_in_error_shape(api_client):
    user = UserFactory()
    response = _token_pair(api_client, user.email, "not-the-password")
    assert response.status_code == 401
    assert set(response.data["error"]) == {"code", "message", "fields"}


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_forged_tokens_are_rejected(api_client):
    user = UserFactory()
    genuine = AccessToken.for_user(user)
    claims = {**genuine.payload, "tier": "admin"}

    other_key = jwt.encode(claims, "not-our-key-but-long-enough-for-hs256!", algorithm="HS256")
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    for token in (other_key, unsigned):
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        response = api_client.get("/api/me")
        assert response.status_code == 401
        assert response.data["error"]["code"] in {"token_not_valid", "authentication_failed"}

    signed = jwt.encode(claims, settings.SIMPLE_JWT["SIGNING_KEY"], algorithm="HS256")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {signed}")
    assert api_client.get("/api/me").data["tier"] == "free"


def test_anonymous_gets_401_in_error_shape(api_client):
    response = api_client.get("/api/me")
    assert response.status_code == 401
    assert response.data == {
        "error": {
            "code": "not_authenticated",
            "message": "Authentication credentials were not provided.",
            "fields": {},
        }
    }


def test_me_get_and_patch_profile_never_tier(user):
    client = client_for(user)
    response = client.patch(
        "/api/me",
        {"tier": "admin", "profile": {"unit_system": "metric", "training_days_per_week": 4}},
    )
    assert response.status_code == 200, response.data
    assert response.data["profile"]["unit_system"] == "metric"
    assert response.data["profile"]["weight_unit"] == "kg"
    user.refresh_from_db()
    assert user.tier == Tier.FREE
    assert user.profile.training_days_per_week == 4


def test_me_patch_rejects_out_of_range_profile(user):
    response = client_for(user).patch("/api/me", {"profile": {"training_days_per_week": 9}})
    assert response.status_code == 400
    assert "training_days_per_week" in response.data["error"]["fields"]["profile"]


def test_an_account_registered_without_a_password_cannot_sign_in_with_one(api_client):
    user = user_register(email="tokens-only@example.com", password=None)
    assert not user.has_usable_password()
    assert user.profile is not None
    for guess in ("", "None", "!"):
        assert _token_pair(api_client, user.email, guess).status_code in {400, 401}
    assert client_for(user).get("/api/me").status_code == 200  # a token it is handed works


def test_patch_me_with_nothing_to_change_changes_nothing(auth_client, user):
    """The schema's PATCH body has no required field: an empty one is a 200, not a 400."""
    before = auth_client.get("/api/me").json()
    response = auth_client.patch("/api/me", {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["profile"]["timezone"] == before["profile"]["timezone"]


def test_profile_time_zone_is_an_iana_name(auth_client):
    body = {"profile": {"timezone": "Mars/Olympus_Mons"}}
    refused = auth_client.patch("/api/me", body, format="json")
    assert refused.status_code == 400
    assert "timezone" in refused.json()["error"]["fields"]["profile"]
    taken = auth_client.patch("/api/me", {"profile": {"timezone": "Europe/Paris"}}, format="json")
    assert taken.status_code == 200
    assert taken.json()["profile"]["timezone"] == "Europe/Paris"
