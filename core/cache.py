"""The stampede-protected get-or-build that every expensive cached value goes through.

On a miss one caller takes a Redis lock (``SET NX PX``) and builds; concurrent callers poll the
cache until the value appears or their wait runs out, so 20 simultaneous misses cost one build.

When Django's cache and the raw client share one server (the default), a miss costs two round
trips after the first read: one script reads the value again and takes the lock atomically, and
one pipeline stores the value and releases the lock. Otherwise the same steps run one by one.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache

from core import metrics
from core.redis import get_redis, redis_key

logger = logging.getLogger(__name__)

T = TypeVar("T")

# KEYS[1] a lock, ARGV[1] its token: the lock is deleted only by its holder.
RELEASE_LOCK = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""

# The value if it is there, else the lock if free: {value} or {false, 1 if taken by us}.
_GET_OR_LOCK = """
local v = redis.call('GET', KEYS[1])
if v then return {v} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {false, 1} end
return {false, 0}
"""

POLL_INTERVAL_S = 0.01


def build_lock_key(key: str) -> str:
    """The lock a miss of ``key`` is built under."""
    return redis_key("lock", key)


def release_lock(key: str, token: str) -> None:
    """Release the build lock of ``key`` if ``token`` holds it (on failure it expires by itself)."""
    try:
        get_redis().eval(RELEASE_LOCK, 1, build_lock_key(key), token)
    except Exception:
        logger.debug("lock release failed for %s", key, exc_info=True)


def shares_server() -> bool:
    """Whether Django's cache lives on the raw client's server (then scripts can read it)."""
    return bool(settings.CACHES["default"]["LOCATION"] == settings.REDIS_URL)


def raw_cache_key(key: str) -> str:
    """The Redis key Django's cache stores ``key`` under (prefix and version applied)."""
    return str(cache.make_key(key))


def decode_cached(raw: bytes) -> Any:
    """A raw value read from Redis, as Django's cache would return it."""
    return cache.client.decode(raw)  # type: ignore[attr-defined]


def encode_cached(value: Any) -> Any:
    """A value as Django's cache would write it."""
    return cache.client.encode(value)  # type: ignore[attr-defined]


def cached_build(
    key: str,
    ttl: int,
    build: Callable[[], T],
    *,
    cache_type: str = "other",
    lock_timeout: float = 30.0,
    wait_timeout: float = 5.0,
    cacheable: Callable[[T], bool] | None = None,
    known_miss: bool = False,
) -> T:
    """The cached value under ``key``, or ``build()`` computed once across all processes.

    On a miss one caller takes a Redis lock (``SET NX PX``) and builds; concurrent callers poll
    the cache until the value appears or ``wait_timeout`` passes (then they build it themselves).
    A ``None`` result, or one ``cacheable`` rejects, is returned but not stored. With Redis down
    every caller builds without caching. ``known_miss``: the caller has just looked (and
    counted the miss), so skip the first read.
    """
    if shares_server():
        return _cached_build_scripted(
            key, ttl, build, cache_type, lock_timeout, wait_timeout, cacheable, known_miss
        )
    value = None if known_miss else cache.get(key)
    if value is not None:
        metrics.incr("cache_hits", cache=cache_type)
        return value
    if not known_miss:
        metrics.incr("cache_misses", cache=cache_type)

    token = secrets.token_hex(8)
    lock_key = build_lock_key(key)
    try:
        owner = bool(get_redis().set(lock_key, token, nx=True, px=int(lock_timeout * 1000)))
    except Exception as exc:
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        return _build_and_store(key, ttl, build, cache_type, cacheable, store=False)

    if not owner:
        value = _wait_for(key, wait_timeout, cache_type)
        if value is not None:
            return value
        return _build_and_store(key, ttl, build, cache_type, cacheable, store=True)

    try:
        value = cache.get(key)  # the previous holder may have finished between our get and set
        if value is not None:
            return value
        return _build_and_store(key, ttl, build, cache_type, cacheable, store=True)
    finally:
        release_lock(key, token)


def _cached_build_scripted(
    key: str,
    ttl: int,
    build: Callable[[], T],
    cache_type: str,
    lock_timeout: float,
    wait_timeout: float,
    cacheable: Callable[[T], bool] | None,
    known_miss: bool,
) -> T:
    """One script reads the value or, when it is missing, takes the lock (a hit: one round
    trip); the builder then stores the value and releases the lock in one pipeline."""
    token = secrets.token_hex(8)
    lock_key, raw_key = build_lock_key(key), raw_cache_key(key)
    client = get_redis()
    try:
        reply = client.eval(_GET_OR_LOCK, 2, raw_key, lock_key, token, int(lock_timeout * 1000))
    except Exception as exc:
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        if not known_miss:
            metrics.incr("cache_misses", cache=cache_type)
        return _build_and_store(key, ttl, build, cache_type, cacheable, store=False)
    if reply[0] is not None:  # a hit (or the previous holder finished since the caller looked)
        if not known_miss:
            metrics.incr("cache_hits", cache=cache_type)
        return cast(T, decode_cached(reply[0]))
    if not known_miss:
        metrics.incr("cache_misses", cache=cache_type)
    if not reply[1]:
        value = _wait_for(key, wait_timeout, cache_type)
        if value is not None:
            return cast(T, value)
        return _build_and_store(key, ttl, build, cache_type, cacheable, store=True)

    released = False
    try:
        value = _build_and_store(key, ttl, build, cache_type, cacheable, store=False)
        store = value is not None and (cacheable is None or cacheable(value))
        pipe = client.pipeline(transaction=False)
        if store:
            pipe.set(raw_key, encode_cached(value), px=int(ttl * 1000))
        pipe.eval(RELEASE_LOCK, 1, lock_key, token)
        released = True  # by the pipeline, or (if Redis fails now) by the lock's own expiry
        try:
            pipe.execute()
        except Exception as exc:  # the value is returned uncached
            metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
            return value
        if store:
            metrics.incr("cache_sets", cache=cache_type)
        return value
    finally:
        if not released:  # the build raised: let the next caller build
            try:
                client.eval(RELEASE_LOCK, 1, lock_key, token)
            except Exception:
                logger.debug("lock release failed for %s", key, exc_info=True)


def _wait_for(key: str, wait_timeout: float, cache_type: str) -> Any:
    """The value another process is building under ``key``, or None if it is not there in time."""
    deadline = time.monotonic() + wait_timeout
    while time.monotonic() < deadline:
        time.sleep(POLL_INTERVAL_S)
        value = cache.get(key)
        if value is not None:
            metrics.incr("cache_wait_hit", cache=cache_type)
            return value
    metrics.incr("cache_wait_timeout", cache=cache_type)
    return None


def _build_and_store(
    key: str,
    ttl: int,
    build: Callable[[], T],
    cache_type: str,
    cacheable: Callable[[T], bool] | None,
    *,
    store: bool,
) -> T:
    started = time.perf_counter()
    value = build()
    metrics.observe("cache_build_ms", (time.perf_counter() - started) * 1000, cache=cache_type)
    metrics.incr("cache_builds", cache=cache_type)
    if store and value is not None and (cacheable is None or cacheable(value)):
        cache.set(key, value, ttl)
        metrics.incr("cache_sets", cache=cache_type)
    return value
