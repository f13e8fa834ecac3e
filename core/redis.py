"""The Redis connection: its address, the raw client (Lua, counters, locks), the cache's factory.

``embedded://`` (``REDIS_URL`` unset) means the checkout's embedded Valkey, whose address is
resolved, and the server started, when a client first needs it (``resolve_url``); settings name
no address, so importing them starts nothing. Timeouts are short and retries off: a slow or dead
Redis must cost a request milliseconds, not seconds. Callers decide how to degrade when a call
fails; connection failures are logged once per outage (``core.redis_availability``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
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


class PendingWrites:
    """Ids whose write to Redis failed, to be sent again before this process trusts what Redis
    holds for anyone: a write missed during an outage must not let data from before it be
    served once Redis is back.

    ``send(write)`` hands every pending id, sorted, to ``write`` (one call for all of them)
    and forgets them when it returns; when it raises they stay pending and the error
    propagates. The emptiness test takes no lock, so the common case costs one truth test."""

    def __init__(self) -> None:
        self._ids: set[int] = set()
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self._ids)

    def add(self, id_: int) -> None:
        with self._lock:
            self._ids.add(id_)

    def send(self, write: Callable[[list[int]], object]) -> int:
        """How many ids ``write`` took (0 when none was pending)."""
        if not self._ids:
            return 0
        with self._lock:
            pending = sorted(self._ids)
            if pending:
                write(pending)
                self._ids.difference_update(pending)
        return len(pending)

    def clear(self) -> None:
        with self._lock:
            self._ids.clear()


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: object) -> None:
    if setting in {"REDIS_URL", "REDIS_KEY_PREFIX"}:
        _client.cache_clear()


class ConnectionFactory(DjangoRedisConnectionFactory):
    """django-redis's factory (``CACHES[...]["OPTIONS"]["CONNECTION_FACTORY"]``), where
    ``LOCATION = "embedded://"`` is the embedded Valkey."""

    def make_connection_params(self, url: str) -> dict[str, Any]:
        return super().make_connection_params(resolve_url(url))
