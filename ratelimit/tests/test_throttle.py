"""The throttle through the API: tiers, windows, headers, exemptions, identities."""

from __future__ import annotations

import random
from collections import Counter
from typing import cast

import jwt
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from conftest import client_for
from core import metrics
from ratelimit.clients import client_ip
from ratelimit.models import TierLimit

pytestmark = [pytest.mark.django_db, pytest.mark.urls("ratelimit.tests.urls")]

CHEAP, EXPENSIVE = "/api/rltest/cheap", "/api/rltest/expensive"


def _fresh_ip_client() -> APIClient:
    """A client from an address no other test uses (anonymous buckets are per IP)."""
    return APIClient(REMOTE_ADDR=f"203.0.{random.randrange(256)}.{random.randrange(1, 255)}")


def _statuses(client: APIClient, path: str, count: int, **extra: str) -> list[int]:
    return [client.get(path, **extra).status_code for _ in range(count)]


@pytest.mark.parametrize(("tier", "hourly"), [("free", 60), ("premium", 300)])
def test_the_hourly_limit_is_exact_per_tier(test_routes, tier, hourly):
    client = client_for(UserFactory(tier=tier))
    assert _statuses(client, CHEAP, hourly) == [200] * hourly
    refused = client.get(CHEAP)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert refused.json()["error"]["fields"]["window"] == "hour"
    assert refused["X-RateLimit-Limit"] == str(hourly)
    assert refused["X-RateLimit-Remaining"] == "0"
    assert refused["X-RateLimit-Tier"] == tier
    assert 3590 < int(refused["Retry-After"]) <= 3600


@pytest.mark.parametrize(("tier", "per_minute"), [("free", 10), ("premium", 50)])
def test_the_expensive_per_minute_limit_is_exact(test_routes, tier, per_minute):
    client = client_for(UserFactory(tier=tier))
    assert _statuses(client, EXPENSIVE, per_minute) == [200] * per_minute
    refused = client.get(EXPENSIVE)
    assert refused.status_code == 429
    assert refused.json()["error"]["fields"]["window"] == "ai-minute"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert client.get(CHEAP).status_code == 200  # the general windows still admit


def test_headers_on_success_follow_the_draft_and_are_exposed(test_routes):
    client = client_for(UserFactory(tier="free"))
    client.get(CHEAP)
    response = client.get(EXPENSIVE)
    assert response.status_code == 200
    assert response["RateLimit-Policy"] == '"hour";q=60;w=3600, "ai-minute";q=10;w=60'
    assert response["RateLimit"] == '"hour";r=58;t=3600, "ai-minute";r=9;t=60'
    assert response["X-RateLimit-Limit"] == "10"  # the tightest window
    assert response["X-RateLimit-Remaining"] == "9"
    assert response["X-RateLimit-Reset"] == "60"
    assert response["X-RateLimit-Tier"] == "free"
    exposed = response["Access-Control-Expose-Headers"]
    for name in ("X-RateLimit-Remaining", "RateLimit-Policy", "RateLimit", "Retry-After"):
        assert name in exposed
    assert "Retry-After" not in response


def test_refusal_headers_name_every_window(test_routes):
    client = client_for(UserFactory(tier="free"))
    _statuses(client, EXPENSIVE, 10)
    refused = client.get(EXPENSIVE)
    assert refused.status_code == 429
    assert refused["RateLimit"].startswith('"hour";r=50;t=')
    assert '"ai-minute";r=0;t=' in refused["RateLimit"]
    assert refused.json()["error"]["fields"]["retry_after"] == int(refused["Retry-After"])


def test_exempt_paths_and_options_never_touch_redis(test_routes, rl_keys):
    user = UserFactory(tier="free")
    client = client_for(user)
    assert _statuses(client, "/api/rltest/exempt", 70) == [200] * 70
    assert client.options(CHEAP).status_code == 200
    assert "X-RateLimit-Limit" not in client.get("/api/rltest/exempt")
    assert rl_keys(f"u:{user.pk}") == []


def test_admin_tier_is_never_limited_and_never_touches_redis(test_routes, rl_keys):
    user = UserFactory(tier="admin")
    client = client_for(user)
    assert _statuses(client, EXPENSIVE, 70) == [200] * 70
    response = client.get(CHEAP)
    assert response["X-RateLimit-Tier"] == "admin"
    assert "X-RateLimit-Limit" not in response
    assert rl_keys(f"u:{user.pk}") == []


def test_a_forged_tier_claim_is_rejected_by_authentication(test_routes):
    from accounts.tokens import TierTokenObtainPairSerializer

    user = UserFactory(tier="free")
    token = str(TierTokenObtainPairSerializer.get_token(user).access_token)
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["tier"] = "admin"
    forged = jwt.encode(claims, "not-the-signing-key-of-this-project-at-all", algorithm="HS256")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert client.get(CHEAP).status_code == 401


def test_session_users_get_their_tier_from_the_database(test_routes, client):
    client.force_login(UserFactory(tier="premium"))
    response = client.get(CHEAP)
    assert response.status_code == 200
    assert response["X-RateLimit-Tier"] == "premium"
    assert response["X-RateLimit-Limit"] == "300"


def test_the_key_is_the_user_not_the_token(test_routes):
    user = UserFactory(tier="free")
    first, second = client_for(user), client_for(user)
    _statuses(first, CHEAP, 30)
    assert second.get(CHEAP)["X-RateLimit-Remaining"] == "29"


def test_spoofed_forwarded_for_from_an_untrusted_peer_lands_in_one_bucket(test_routes):
    client = _fresh_ip_client()
    statuses = [
        client.get(
            "/api/rltest/public", HTTP_X_FORWARDED_FOR=f"10.{random.randrange(256)}.0.{i}"
        ).status_code
        for i in range(61)
    ]
    assert statuses == [200] * 60 + [429]


def test_forwarded_for_is_believed_behind_a_trusted_proxy(test_routes, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client = APIClient()
    for i in range(70):
        response = client.get("/api/rltest/public", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == "59"


def test_sign_in_and_sign_up_are_limited_per_ip(test_routes):
    client = _fresh_ip_client()
    body = {"email": "nobody@example.com", "password": "wrong-password"}
    statuses = [client.post("/api/auth/token", body).status_code for _ in range(10)]
    assert statuses == [401] * 10
    refused = client.post("/api/auth/register", {"email": "x@example.com", "password": "x"})
    assert refused.status_code == 429
    assert refused.json()["error"]["fields"]["window"] == "auth-minute"
    assert refused["X-RateLimit-Tier"] == "anonymous"


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.9", "1.2.3.4", [], "203.0.113.9"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1", ["10.0.0.0/8"], "198.51.100.7"),
        ("10.0.0.2", "10.0.0.5", ["10.0.0.0/8"], "10.0.0.5"),
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "1.2.3.4, not-an-ip", ["10.0.0.0/8"], "invalid"),
        ("2001:db8:1:2:3:4:5:6", "", [], "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.1", "", [], "192.0.2.1"),
        ("", "", [], "unknown"),
    ],
)
def test_client_ip(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    meta = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_ip(meta) == expected


def test_junk_identities_create_no_key_without_a_ttl(test_routes, settings, rl_keys):
    from core.redis import get_redis

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client = APIClient()
    junk = ["", "x" * 300, "{u:1}", "1.2.3.4}:hour", "::1%eth0", "999.1.1.1", "\x00", "a,b,,c"]
    for value in junk:
        client.get("/api/rltest/public", HTTP_X_FORWARDED_FOR=value)
    keys = rl_keys()
    ttls = {key: get_redis().pttl(key) for key in keys}  # -1: no TTL; -2: expired since the scan
    assert keys
    assert -1 not in ttls.values(), ttls
    assert all(key.count(b"{") == 1 for key in keys)


def _decision_totals() -> Counter[str]:
    """Decisions recorded so far, as monitoring reads them: flushed to Redis's running totals
    (the buffer itself is emptied once a second by the flusher, so it holds only the latest)."""
    from core.redis import get_redis, redis_key

    assert metrics.flush()
    totals: Counter[str] = Counter()
    raw = cast(dict[bytes, bytes], get_redis().hgetall(redis_key("metrics", "total")))
    for field, value in raw.items():
        kind, _, series = field.decode().partition("|")
        name, labels = metrics.parse_series(series)
        wanted = {"tier": "free", "endpoint_class": "expensive"}
        if kind == "c" and name == "ratelimit_decisions" and wanted.items() <= labels.items():
            totals[labels["outcome"]] += int(value)
    return totals


def test_decisions_are_counted_for_monitoring(test_routes):
    client = client_for(UserFactory(tier="free"))
    before = _decision_totals()
    _statuses(client, EXPENSIVE, 11)
    grew = _decision_totals() - before
    assert grew == Counter(allowed=10, throttled=1)


def test_a_changed_limit_applies_without_a_restart(test_routes, django_capture_on_commit_callbacks):
    client = client_for(UserFactory(tier="free"))
    assert client.get(CHEAP)["X-RateLimit-Limit"] == "60"
    with django_capture_on_commit_callbacks(execute=True):
        TierLimit.objects.filter(tier="free").update(hourly_limit=2)
        TierLimit.objects.get(tier="free").save()
    from ratelimit.policy import policy_store

    policy_store._checked_at = 0.0  # the next request re-validates now instead of within 1 s
    assert client.get(CHEAP)["X-RateLimit-Limit"] == "2"
    refused = client.get(CHEAP)
    assert refused.status_code == 429
    assert settings.RATELIMIT_POLICY_CHECK_SECONDS <= 2
