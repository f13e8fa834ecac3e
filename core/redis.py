"""The raw Redis connection for code that needs more than the cache API (Lua, counters, locks).

Timeouts are short and retries off: a slow or dead Redis must cost a request milliseconds, not
seconds. Callers decide how to degrade when a call fails.
"""

from __future__ import annotations

from functools import cache

import redis
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.backoff import NoBackoff
from redis.retry import Retry


@cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=0.1,
        socket_timeout=0.1,
        retry_on_timeout=False,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=0,
        decode_responses=False,
    )


def get_redis() -> redis.Redis:
    """The process-wide client for ``settings.REDIS_URL``."""
    return _client(settings.REDIS_URL)


def redis_key(*parts: object) -> str:
    """A key under the project's prefix: ``redis_key("metrics", "x") -> "vf:metrics:x"``."""
    return ":".join([settings.REDIS_KEY_PREFIX, *(str(part) for part in parts)])


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: object) -> None:
    if setting in {"REDIS_URL", "REDIS_KEY_PREFIX"}:
        _client.cache_clear()
