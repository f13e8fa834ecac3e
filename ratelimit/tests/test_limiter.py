"""The Redis sliding window: exact counts, exact sliding, bounded memory, one atomic call."""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid

import pytest

from core.redis import get_redis
from ratelimit.limiter import LocalLimiter, RedisLimiter, Window


def _identity() -> str:
    return f"t:{uuid.uuid4().hex[:12]}"


def test_admits_exactly_the_limit_and_reports_usage():
    limiter, ident = RedisLimiter(), _identity()
    windows = [Window("hour", 5, 3600)]
    decisions = [limiter.hit(ident, windows) for _ in range(7)]
    assert [d.allowed for d in decisions] == [True] * 5 + [False] * 2
    assert [d.states[0].remaining for d in decisions] == [4, 3, 2, 1, 0, 0, 0]
    assert decisions[-1].blocked.window.name == "hour"
    assert 3599 < decisions[-1].retry_after <= 3600


def test_refused_request_is_recorded_in_no_window():
    limiter, ident = RedisLimiter(), _identity()
    hour, minute = Window("hour", 100, 3600), Window("ai-minute", 2, 60)
    for _ in range(2):
        assert limiter.hit(ident, [hour, minute]).allowed
    refused = limiter.hit(ident, [hour, minute])
    assert not refused.allowed
    assert refused.blocked.window == minute
    assert get_redis().zcard(limiter.key(ident, hour)) == 2
    assert limiter.hit(ident, [hour]).states[0].used == 3


def test_a_request_ages_out_exactly_after_its_window():
    limiter, ident = RedisLimiter(), _identity()
    windows = [Window("minute", 2, 60)]
    limiter.hit(ident, windows)
    limiter.clock_offset_us = 10_000_000
    limiter.hit(ident, windows)
    refused = limiter.hit(ident, windows)
    assert not refused.allowed
    frees_in_us = 10_000_000 + int(refused.blocked.reset * 1_000_000)
    assert 59_000_000 < frees_in_us <= 60_000_000

    limiter.clock_offset_us = frees_in_us - 50_000  # 50 ms before the oldest entry ages out
    assert not limiter.hit(ident, windows).allowed
    limiter.clock_offset_us = frees_in_us + 1_000
    admitted = limiter.hit(ident, windows)
    assert admitted.allowed
    assert admitted.states[0].used == 2


def test_retry_after_is_exact_after_the_limit_is_lowered_below_usage():
    limiter, ident = RedisLimiter(), _identity()
    for second in range(10):
        limiter.clock_offset_us = second * 1_000_000
        assert limiter.hit(ident, [Window("hour", 10, 3600)]).allowed
    # Staff lower the limit to 4: usage drops below it when the 7th entry (index 6) ages out,
    # which was recorded at +6 s: 3600 - (9 - 6) = 3597 s from now.
    refused = limiter.hit(ident, [Window("hour", 4, 3600)])
    assert not refused.allowed
    assert refused.states[0].used == 10
    assert 3596.9 < refused.retry_after <= 3597.0


def test_keys_share_a_hash_tag_expire_and_never_outgrow_the_limit():
    limiter, ident = RedisLimiter(), _identity()
    windows = [Window("hour", 20, 3600), Window("ai-minute", 5, 60)]
    for _ in range(40):
        limiter.hit(ident, windows)
    redis = get_redis()
    for window in windows:
        key = limiter.key(ident, window)
        assert "{" + ident + "}" in key
        assert redis.zcard(key) == 5
        assert 0 < redis.pttl(key) <= window.seconds * 1000


def test_members_are_unique_per_request():
    limiter, ident = RedisLimiter(), _identity()
    for _ in range(50):
        limiter.hit(ident, [Window("hour", 1000, 3600)])
    assert get_redis().zcard(limiter.key(ident, Window("hour", 1000, 3600))) == 50


def test_the_app_servers_clock_changes_nothing(monkeypatch):
    limiter, ident = RedisLimiter(), _identity()
    windows = [Window("minute", 3, 60)]
    limiter.hit(ident, windows)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 60)
    shifted = [limiter.hit(ident, windows) for _ in range(3)]
    assert [d.allowed for d in shifted] == [True, True, False]
    assert 59 < shifted[-1].retry_after <= 60


def _fire(identity: str, count: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    limiter, windows = RedisLimiter(), [Window("hour", 50, 3600)]
    admitted = []

    def one() -> None:
        admitted.append(limiter.hit(identity, windows).allowed)

    threads = [threading.Thread(target=one) for _ in range(count)]
    barrier.wait()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(sum(admitted))


def test_four_processes_firing_200_requests_at_a_limit_of_50_admit_exactly_50():
    ctx = multiprocessing.get_context("fork")
    identity, barrier, results = _identity(), ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_fire, args=(identity, 50, barrier, results)) for _ in range(4)]
    for proc in procs:
        proc.start()
    admitted = sum(results.get(timeout=30) for _ in procs)
    for proc in procs:
        proc.join(timeout=30)
    assert admitted == 50


def test_local_fallback_limits_and_slides():
    limiter = LocalLimiter()
    clock = [1000.0]
    limiter.timer = lambda: clock[0]
    windows = [Window("hour", 3, 3600), Window("ai-minute", 2, 60)]
    assert [limiter.hit("a", windows).allowed for _ in range(3)] == [True, True, False]
    refused = limiter.hit("a", windows)
    assert refused.blocked.window.name == "ai-minute"
    assert refused.retry_after == pytest.approx(60)
    clock[0] += 60
    assert limiter.hit("a", windows).allowed
    assert not limiter.hit("a", windows).allowed  # the hour window is full now
