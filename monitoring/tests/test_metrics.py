"""The recording API: buffered counters, histograms and flags flushed to shared Redis hashes."""

from __future__ import annotations

import json
from typing import cast

import pytest

from core import metrics
from core.redis import get_redis, redis_key


def _total() -> dict[str, str]:
    raw = cast(dict[bytes, bytes], get_redis().hgetall(redis_key("metrics", "total")))
    return {k.decode(): v.decode() for k, v in raw.items()}


def test_incr_is_buffered_until_flush_then_shared_in_redis():
    metrics.incr("cache_hits", cache="user_context")
    metrics.incr("cache_hits", 2, cache="user_context")
    metrics.incr("cache_misses", cache="user_context")
    assert metrics.flush() is True
    total = _total()
    assert total["c|cache_hits|cache=user_context"] == "3"
    assert total["c|cache_misses|cache=user_context"] == "1"


def test_counters_land_in_minute_and_hour_buckets_with_ttl():
    metrics.incr("x", tier="free")
    metrics.flush()
    minute = int(metrics.recorder.timer()) // 60
    key = redis_key("metrics", "m", minute)
    assert get_redis().hget(key, "c|x|tier=free") == b"1"
    assert 0 < get_redis().ttl(key) <= metrics.MINUTE_TTL_S
    assert get_redis().hget(redis_key("metrics", "h", minute // 60), "c|x|tier=free") == b"1"


def test_labels_are_sorted_and_sanitised():
    metrics.incr("req", endpoint="/a|b", tier="free")
    metrics.incr("req", tier="free", endpoint="/a|b")
    metrics.flush()
    assert _total()["c|req|endpoint=/a/b|tier=free"] == "2"
    assert metrics.parse_series("req|endpoint=/a/b|tier=free") == (
        "req",
        {"endpoint": "/a/b", "tier": "free"},
    )


def test_observe_builds_histogram_with_sum_and_count():
    for value in (0.3, 0.3, 7.0, 120000.0):
        metrics.observe("build_ms", value, cache="user_context")
    metrics.flush()
    total = _total()
    base = "h|build_ms|cache=user_context"
    assert total[f"{base}|#3"] == "2"  # 0.3 ms: the bucket up to 0.5 ms
    assert total[f"{base}|#7"] == "1"  # 7 ms: the bucket up to 10 ms
    assert total[f"{base}|#{len(metrics.BUCKETS_MS)}"] == "1"
    assert total[f"{base}|#count"] == "4"
    assert float(total[f"{base}|#sum"]) == pytest.approx(120007.6)


def test_flag_is_kept_in_process_and_mirrored_while_active():
    metrics.flag("redis_unreachable", True, "ConnectionError")
    assert metrics.recorder.local_flags()["redis_unreachable"]["active"] is True
    metrics.flush()
    stored = json.loads(get_redis().get(redis_key("metrics", "flag", "redis_unreachable")))
    assert stored["detail"] == "ConnectionError"
    assert get_redis().ttl(redis_key("metrics", "flag", "redis_unreachable")) > 0
    metrics.flag("redis_unreachable", False)
    metrics.flush()
    assert get_redis().get(redis_key("metrics", "flag", "redis_unreachable")) is None


def test_flag_keeps_its_since_while_it_stays_raised():
    metrics.flag("limiter_errors", True, "a")
    since = metrics.recorder.local_flags()["limiter_errors"]["since"]
    metrics.flag("limiter_errors", True, "b")
    assert metrics.recorder.local_flags()["limiter_errors"]["since"] == since


def test_flush_against_dead_redis_keeps_the_buffer_and_never_raises(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    metrics.incr("kept")
    metrics.flag("redis_unreachable", True, "down")
    assert metrics.flush() is False
    assert metrics.recorder.local_flags()["redis_unreachable"]["active"] is True
    settings.REDIS_URL = settings.CACHES["default"]["LOCATION"]
    assert metrics.flush() is True
    assert _total()["c|kept"] == "1"


def test_recording_never_raises_on_odd_input():
    metrics.observe("weird", "not a number")  # type: ignore[arg-type]
    metrics.incr("weird", None)  # type: ignore[arg-type]
    metrics.flag("weird", True, object())  # type: ignore[arg-type]
    assert metrics.flush() is True
    assert isinstance(metrics.recorder.local_flags()["weird"]["detail"], str)


def test_a_successful_flush_clears_the_redis_flag_a_failed_one_raises_it(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    metrics.incr("x")
    assert metrics.flush() is False
    assert metrics.recorder.local_flags()["redis_unreachable"]["active"] is True
    settings.REDIS_URL = settings.CACHES["default"]["LOCATION"]
    assert metrics.flush() is True
    assert metrics.recorder.local_flags()["redis_unreachable"]["active"] is False
