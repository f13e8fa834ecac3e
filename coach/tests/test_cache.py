"""cached_build (stampede lock), generation keys under a racing writer, and the AI answer cache."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.core.cache import cache
from django.db import connection

from coach.cache import (
    AIRequest,
    AIResult,
    ai_cache_get,
    ai_cache_set,
    ai_cached_build,
    context_invalidate,
    user_generation,
)
from coach.context import ContextSection, UserContextBuilder, build_context
from core import cache as voicefit_cache
from core.cache import cached_build
from training.models import Injury


def _key() -> str:
    return f"test:{uuid.uuid4().hex}"


def _run_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(index):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    return results


def test_hit_returns_cached_value_without_building():
    key = _key()
    cache.set(key, {"v": 1}, 60)
    assert cached_build(key, 60, lambda: pytest.fail("built on a hit")) == {"v": 1}


def test_twenty_concurrent_misses_build_once():
    key, builds = _key(), []

    def build():
        builds.append(1)
        time.sleep(0.2)
        return {"built": True}

    results = _run_threads(20, lambda: cached_build(key, 60, build, cache_type="test"))
    assert len(builds) == 1
    assert results == [{"built": True}] * 20


def test_waiters_build_themselves_when_the_holder_is_too_slow():
    key, builds = _key(), []
    from core.redis import get_redis

    get_redis().set(voicefit_cache.build_lock_key(key), "someone-else", px=5000)  # a stuck holder
    value = cached_build(key, 60, lambda: builds.append(1) or "mine", wait_timeout=0.05)
    assert value == "mine"
    assert builds == [1]
    assert cache.get(key) == "mine"


def test_none_and_rejected_results_are_not_cached():
    key = _key()
    assert cached_build(key, 60, lambda: None) is None
    assert cached_build(key, 60, lambda: {"partial": 1}, cacheable=lambda v: False) == {
        "partial": 1
    }
    assert cache.get(key) is None


def test_lock_is_released_after_a_failed_build():
    key = _key()
    with pytest.raises(ValueError, match="boom"):
        cached_build(key, 60, lambda: (_ for _ in ()).throw(ValueError("boom")))
    from core.redis import get_redis

    assert get_redis().get(voicefit_cache.build_lock_key(key)) is None


def test_redis_down_builds_every_time(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    builds = []
    assert cached_build(_key(), 60, lambda: builds.append(1) or 7) == 7
    assert builds == [1]


# --- the race: a slow reader must never leave stale data under the live key ---------------------
class _Gate(ContextSection):
    """Runs after the real sections: tells the test the data is read, then waits for the writer."""

    name = "gate"
    read = threading.Event()
    proceed = threading.Event()

    def build(self, user, now, parts):
        type(self).read.set()
        assert type(self).proceed.wait(10)
        return None


@pytest.fixture
def committed_user(django_db_setup, django_db_blocker):
    """A user committed for real (the reader thread has its own connection), deleted after.

    Not ``transactional_db``: its flush would also empty tables that migrations seed.
    """
    from accounts.models import Profile, User

    with django_db_blocker.unblock():
        user = User.objects.create_user(f"race-{uuid.uuid4().hex[:8]}@example.com", "pw-123456!")
        Profile.objects.get_or_create(user=user)
        try:
            yield user
        finally:
            user.delete()
            connection.close()


def test_slow_reader_racing_a_writer_leaves_no_stale_live_key(committed_user):
    from coach.context import CONTEXT_SECTIONS

    user = committed_user

    class SlowBuilder(UserContextBuilder):
        sections = [*CONTEXT_SECTIONS, _Gate]

    _Gate.read.clear()
    _Gate.proceed.clear()
    stale: dict = {}

    def reader():
        try:
            stale.update(SlowBuilder().build_context(user))
        finally:
            connection.close()

    thread = threading.Thread(target=reader)
    thread.start()
    assert _Gate.read.wait(10)  # the reader has read the old data
    Injury.objects.create(user=user, body_region="knee", severity=6, onset_date="2024-01-01")
    _Gate.proceed.set()  # the writer has committed (and bumped); now the reader caches
    thread.join(10)
    assert stale["injuries"]["avoid_regions"] == []  # the reader did cache old data...
    assert build_context(user)["injuries"]["avoid_regions"] == ["knee"]  # ...but not live


# --- AI answers ---------------------------------------------------------------------------------
def _request(user_id=None, prompt=None):
    return AIRequest(
        prompt=prompt or f"what is rpe {uuid.uuid4().hex}",
        model="m1",
        provider="offline",
        template_version="v1",
        user_id=user_id,
    )


def test_general_key_hashes_prompt_model_provider_and_template():
    base = _request(prompt="same")
    assert base.key() == f"ai:general:{base.digest()}"
    assert base.ttl() == 86400
    variants = [
        AIRequest("same ", "m1", "offline", "v1"),
        AIRequest("same", "m2", "offline", "v1"),
        AIRequest("same", "m1", "xai", "v1"),
        AIRequest("same", "m1", "offline", "v2"),
    ]
    assert len({base.key(), *(v.key() for v in variants)}) == 5


@pytest.mark.django_db
def test_personal_key_carries_user_and_generation(user):
    request = _request(user_id=user.pk, prompt="my squat")
    generation = user_generation(user.pk)
    assert request.key() == f"ai:user:{user.pk}:g{generation}:{request.digest()}"
    assert request.ttl() == 3600
    assert ai_cache_set(request, {"answer": "x"}, complete=True)
    assert ai_cache_get(request) == {"answer": "x"}
    context_invalidate(user.pk)
    assert ai_cache_get(request) is None


def test_incomplete_or_error_answers_are_refused():
    request = _request()
    assert ai_cache_set(request, {"answer": "half"}, complete=False) is False
    assert ai_cache_set(request, {"error": "upstream"}, complete=True) is False
    assert ai_cache_set(request, {}, complete=True) is False
    assert ai_cache_get(request) is None
    assert ai_cache_set(request, {"answer": "whole"}, complete=True) is True
    assert ai_cache_get(request) == {"answer": "whole"}


def test_ai_cached_build_reports_cached_and_skips_truncated():
    request, calls = _request(), []

    def truncated():
        calls.append(1)
        return AIResult({"answer": "cut"}, complete=False)

    assert ai_cached_build(request, truncated) == ({"answer": "cut"}, False)
    assert ai_cached_build(request, truncated) == ({"answer": "cut"}, False)
    assert len(calls) == 2
    full = lambda: AIResult({"answer": "done"}, complete=True)  # noqa: E731
    assert ai_cached_build(request, full) == ({"answer": "done"}, False)
    assert ai_cached_build(request, lambda: pytest.fail("rebuilt")) == ({"answer": "done"}, True)


def test_a_miss_costs_two_round_trips_and_a_hit_one(redis_round_trips):
    from core.redis import get_redis

    key, sent = _key(), redis_round_trips
    assert cached_build(key, 60, lambda: {"built": 1}) == {"built": 1}
    assert len(sent) == 2  # read-or-lock, then store-and-release in one pipeline
    assert get_redis().get(voicefit_cache.build_lock_key(key)) is None
    assert 55_000 < get_redis().pttl(voicefit_cache.raw_cache_key(key)) <= 60_000
    sent.clear()
    assert cached_build(key, 60, lambda: pytest.fail("built on a hit")) == {"built": 1}
    assert len(sent) == 1
    assert cache.get(key) == {"built": 1}  # stored as Django's cache stores it


def test_a_rejected_value_releases_the_lock_without_storing(monkeypatch):
    from core.redis import get_redis

    key = _key()
    assert cached_build(key, 60, lambda: {"partial": 1}, cacheable=lambda v: False)
    assert get_redis().get(voicefit_cache.build_lock_key(key)) is None
    assert cache.get(key) is None
