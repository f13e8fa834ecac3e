"""Redis failing: fail open but bounded, alert, recover by itself; one EVALSHA per request."""

from __future__ import annotations

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError, ResponseError

from accounts.tests.factories import UserFactory
from conftest import client_for
from core import metrics
from core.redis import get_redis
from ratelimit.resilience import error_kind, limiter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("ratelimit.tests.urls")]

CHEAP, EXPENSIVE = "/api/rltest/cheap", "/api/rltest/expensive"


def _unreachable_flag() -> dict | None:
    return metrics.recorder.local_flags().get("redis_unreachable")


def test_redis_stopped_mid_test_falls_back_alerts_and_recovers(
    test_routes, private_valkey, settings
):
    settings.RATELIMIT_BREAKER_SECONDS = 0  # probe Redis again on the next request
    client = client_for(UserFactory(tier="free"))
    assert [client.get(EXPENSIVE).status_code for _ in range(4)] == [200] * 4

    private_valkey.stop()
    during = [client.get(EXPENSIVE) for _ in range(11)]
    # The per-process fallback applies the same policy from zero: 10 admitted, the 11th refused.
    assert [r.status_code for r in during] == [200] * 10 + [429]
    assert during[-1].json()["error"]["fields"]["window"] == "ai-minute"
    assert _unreachable_flag()["active"] is True
    assert limiter.breaker.failures >= settings.RATELIMIT_BREAKER_FAILURES

    private_valkey.start()  # an empty Redis: the script must be loaded again (NOSCRIPT)
    back = client.get(CHEAP)
    assert back.status_code == 200
    assert back["X-RateLimit-Remaining"] == "59"  # counted in (the restarted) Redis again
    assert _unreachable_flag()["active"] is False
    assert limiter.breaker.failures == 0


def test_the_breaker_skips_redis_while_open(test_routes, private_valkey, settings):
    settings.RATELIMIT_BREAKER_SECONDS = 60
    client = client_for(UserFactory(tier="free"))
    private_valkey.stop()
    for _ in range(settings.RATELIMIT_BREAKER_FAILURES + 5):
        assert client.get(CHEAP).status_code == 200
    errors = sum(
        value
        for (_, (name, _labels)), value in metrics.recorder._counters.items()
        if name == "ratelimit_errors"
    )
    assert errors == settings.RATELIMIT_BREAKER_FAILURES
    private_valkey.start()
    fallback_count = settings.RATELIMIT_BREAKER_FAILURES + 5 + 1
    assert client.get(CHEAP)["X-RateLimit-Remaining"] == str(60 - fallback_count)
    assert limiter.breaker.failures > 0


def test_expensive_endpoints_can_fail_closed(test_routes, private_valkey, settings):
    settings.RATELIMIT_FAIL_CLOSED_EXPENSIVE = True
    client = client_for(UserFactory(tier="free"))
    private_valkey.stop()
    refused = client.get(EXPENSIVE)
    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "rate_limiter_unavailable"
    assert int(refused["Retry-After"]) >= 1
    assert client.get(CHEAP).status_code == 200  # general endpoints still fail open


def test_without_fallback_it_fails_open(test_routes, private_valkey, settings):
    settings.RATELIMIT_FALLBACK_ENABLED = False
    client = client_for(UserFactory(tier="free"))
    private_valkey.stop()
    assert [client.get(EXPENSIVE).status_code for _ in range(12)] == [200] * 12


def test_exactly_one_evalsha_per_limited_request(test_routes, private_valkey):
    client = client_for(UserFactory(tier="premium"))
    client.get(EXPENSIVE)  # loads the script and the policy version
    redis = get_redis()
    redis.config_resetstat()
    for path in [CHEAP, EXPENSIVE] * 10:
        assert client.get(path).status_code == 200
    stats = redis.info("commandstats")
    assert stats["cmdstat_evalsha"]["calls"] == 20
    assert "cmdstat_eval" not in stats
    assert "cmdstat_script|load" not in stats


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (RedisConnectionError("refused"), "connection"),
        (ReadOnlyError("READONLY You can't write against a read only replica."), "readonly"),
        (ResponseError("BUSY Redis is busy running a script."), "busy"),
    ],
)
def test_error_kinds(exc, kind):
    assert error_kind(exc) == kind
