"""The embedded Valkey restarted: same port, data kept, every client back on its own, quiet logs."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import cache

from conftest import client_for
from core import embedded, metrics
from core.redis import get_redis, redis_key
from ratelimit.policy import policy_store
from ratelimit.resilience import limiter

pytestmark = pytest.mark.django_db

WORKOUTS = "/api/workouts/"
RECONNECT_WITHIN_S = 10


@pytest.fixture
def checkout_valkey(tmp_path, settings):
    """A Valkey started the way the project starts its own (stored port, append-only file)."""
    directory = tmp_path / "valkey"
    url = embedded.ensure_valkey(directory)
    settings.REDIS_URL = url
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
    policy_store.clear()
    limiter.reset()
    yield directory, url
    embedded.stop_valkey(directory)
    policy_store.clear()
    limiter.reset()
    metrics.recorder.reset()


def _source(response) -> str:  # type: ignore[no-untyped-def]
    return response.wsgi_request.ratelimit.decision.source


def test_restarted_valkey_keeps_counters_and_clients_reconnect(
    user, checkout_valkey, settings, caplog
):
    directory, url = checkout_valkey
    settings.RATELIMIT_BREAKER_SECONDS = 1  # the limiter probes Redis again a second after opening
    client = client_for(user)
    first = client.get(WORKOUTS)
    assert (first.status_code, _source(first), first["X-RateLimit-Remaining"]) == (
        200,
        "redis",
        "59",
    )
    cache.set("restart:kept", "yes", 600)
    metrics.incr("restart_probe")
    assert metrics.flush()

    caplog.set_level(logging.INFO)
    assert embedded.stop_valkey(directory)
    during = [client.get(WORKOUTS) for _ in range(settings.RATELIMIT_BREAKER_FAILURES + 1)]
    assert {(r.status_code, _source(r)) for r in during} == {(200, "fallback")}
    assert [cache.get("restart:kept") for _ in range(5)] == [None] * 5  # down: misses, no error

    assert embedded.ensure_valkey(directory) == url  # the same port, so no client holds a stale URL
    deadline = time.monotonic() + RECONNECT_WITHIN_S
    back = client.get(WORKOUTS)
    while _source(back) != "redis" and time.monotonic() < deadline:
        time.sleep(0.1)
        back = client.get(WORKOUTS)
    assert _source(back) == "redis"
    assert back["X-RateLimit-Remaining"] == "58"  # the request before the restart still counts
    assert cache.get("restart:kept") == "yes"
    assert metrics.flush()
    totals = get_redis().hgetall(redis_key("metrics", "total"))
    assert totals[b"c|restart_probe"] == b"1"
    assert int(totals[b"c|redis_errors|kind=connection"]) >= 5

    lines = [r for r in caplog.records if r.name == "core.redis_availability"]
    assert [r.levelname for r in lines] == ["ERROR", "WARNING"]  # unreachable, answers again
    assert "unreachable" in lines[0].getMessage()
    assert "answers again" in lines[1].getMessage()
    assert not any(r.exc_info for r in caplog.records)
    assert metrics.recorder.local_flags()["redis_unreachable"]["active"] is False


def test_a_write_during_the_outage_retires_the_cached_context_once_valkey_is_back(
    user, checkout_valkey
):
    from coach.cache import context_invalidate, user_generation

    directory, url = checkout_valkey
    before = context_invalidate(user.pk)
    assert before is not None
    assert user_generation(user.pk) == before

    assert embedded.stop_valkey(directory)
    assert context_invalidate(user.pk) is None  # the write's bump cannot reach Valkey
    assert embedded.ensure_valkey(directory) == url

    deadline = time.monotonic() + RECONNECT_WITHIN_S
    generation = user_generation(user.pk)
    while generation is None and time.monotonic() < deadline:
        time.sleep(0.1)
        generation = user_generation(user.pk)
    # the missed bump is sent before the first read: what was cached before the write is dead
    assert generation == before + 1
    assert user_generation(user.pk) == before + 1  # sent once, not on every read
