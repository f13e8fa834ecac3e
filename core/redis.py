"""The Redis connection: its address, the raw client (Lua, counters, locks), the cache's factory.

``embedded://`` (``REDIS_URL`` unset) means the checkout's embedded Valkey, whose address is
resolved, and the server started, when a client first needs it (``resolve_url``); settings name
no address, so importing them starts nothing. Timeouts are short and retries off: a slow or dead
Redis must cost a request milliseconds, not seconds. Callers decide how to degrade when a call
fails; connection failures are logged once per outage (``core.redis_availability``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import redis
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django_redis.pool import ConnectionFactory as DjangoRedisConnectionFactory
from redis.backoff import NoBackoff
from redis.commands.core import Script
from redis.retry import Retry

from core.embedded import EMBEDDED_REDIS_URL
from core.redis_availability import ObservedConnectionPool


def is_embedded(url: str) -> bool:
    """Whether ``url`` stands for the checkout's embedded Valkey."""
    return url in {"", EMBEDDED_REDIS_URL}


def resolve_url(url: str) -> str:
    """``url``, or for ``embedded://`` the embedded Valkey's address (started if not running)."""
    return _embedded_url() if is_embedded(url) else url


@cache
def _embedded_url() -> str:
    from core.embedded import ensure_secret_key, ensure_valkey

    ensure_secret_key()
    return ensure_valkey()


def redis_url() -> str:
    """Where ``settings.REDIS_URL`` points, resolved."""
    return resolve_url(settings.REDIS_URL)


@cache
def _client(url: str) -> redis.Redis:
    pool = ObservedConnectionPool.from_url(
        url,
        socket_connect_timeout=0.1,
        socket_timeout=0.1,
        retry_on_timeout=False,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=0,
        decode_responses=False,
    )
    return redis.Redis(connection_pool=pool)


def get_redis() -> redis.Redis:
    """The process-wide client for ``settings.REDIS_URL``."""
    return _client(redis_url())


def lua_script(body: bytes) -> Script:
    """redis-py's ``Script`` for a Lua body: called with ``keys``, ``args`` and a ``client``, it
    sends ``EVALSHA`` and loads the body once when the server does not have it (after a restart).
    A bytes body needs no client to hash it, so scripts can be module constants."""
    return Script(None, body)  # type: ignore[arg-type]  # the client is given per call


def redis_key(*parts: object) -> str:
    """A key under the project's prefix: ``redis_key("metrics", "x") -> "vf:metrics:x"``."""
    return ":".join([settings.REDIS_KEY_PREFIX, *(str(part) for part in parts)])


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: object) -> None:
    if setting in {"REDIS_URL", "REDIS_KEY_PREFIX"}:
        _client.cache_clear()


class ConnectionFactory(DjangoRedisConnectionFactory):
    """django-redis's factory (``CACHES[...]["OPTIONS"]["CONNECTION_FACTORY"]``), where
    ``LOCATION = "embedded://"`` is the embedded Valkey."""

    def make_connection_params(self, url: str) -> dict[str, Any]:
        return super().make_connection_params(resolve_url(url))
