"""Whether Redis answers, as this process sees it: one log line per change, a count per failure.

Every Redis client of the project (the raw client in ``core.redis``, the django-redis cache)
takes its connections from ``ObservedConnectionPool``, which reports each failed connection
here. The first failure logs one line ("unreachable") and raises the ``redis_unreachable``
flag; later failures only count (``redis_errors`` {kind}); the first connection that works again
logs one line ("answers again") and clears the flag. No traceback per call: during an outage a
busy process would otherwise write thousands.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import redis
from redis.exceptions import (
    BusyLoadingError,
    ReadOnlyError,
    RedisError,
    ResponseError,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core import metrics

logger = logging.getLogger(__name__)

UNREACHABLE_FLAG = "redis_unreachable"


def error_kind(exc: BaseException) -> str:
    """A short label for a Redis failure (metrics, logs)."""
    if isinstance(exc, BusyLoadingError):
        return "loading"
    if isinstance(exc, RedisTimeoutError):
        return "timeout"
    if isinstance(exc, RedisConnectionError | OSError):
        return "connection"
    if isinstance(exc, ReadOnlyError):
        return "readonly"
    if isinstance(exc, ResponseError) and str(exc).startswith("BUSY"):
        return "busy"
    return "redis"


class Availability:
    """One Redis address: up, or down since a time with a count of failed calls."""

    timer = staticmethod(time.monotonic)

    def __init__(self, address: str) -> None:
        self.address = address
        self.down_since: float | None = None
        self.failures = 0
        self._lock = threading.Lock()

    def failed(self, exc: BaseException) -> None:
        kind = error_kind(exc)
        metrics.incr("redis_errors", kind=kind)
        with self._lock:
            self.failures += 1
            if self.down_since is not None:
                return
            self.down_since = self.timer()
        detail = f"{type(exc).__name__}: {exc}"
        logger.error(
            "Redis at %s unreachable (%s); caching, shared limits and metrics degrade until it "
            "answers",
            self.address,
            detail,
        )
        metrics.flag(UNREACHABLE_FLAG, True, detail)

    def answered(self) -> None:
        if self.down_since is None:  # the common case: one attribute read per command
            return
        with self._lock:
            if self.down_since is None:
                return
            down_for, failures = self.timer() - self.down_since, self.failures
            self.down_since, self.failures = None, 0
        logger.warning(
            "Redis at %s answers again after %.1f s (%d failed calls)",
            self.address,
            down_for,
            failures,
        )
        metrics.flag(UNREACHABLE_FLAG, False)


_by_address: dict[str, Availability] = {}
_registry_lock = threading.Lock()


def availability(address: str) -> Availability:
    """The process-wide record for ``address`` (``host:port`` or a socket path)."""
    record = _by_address.get(address)
    if record is None:
        with _registry_lock:
            record = _by_address.setdefault(address, Availability(address))
    return record


class ObservedConnectionPool(redis.ConnectionPool):
    """redis-py's pool, reporting whether its connections could be made.

    redis-py reconnects a pool's connections by itself on their next use; with the embedded
    Valkey's fixed port the address stays right across a restart, so clients recover alone.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = self.connection_kwargs
        address = options.get("path") or f"{options.get('host')}:{options.get('port')}"
        self.availability = availability(str(address))

    def get_connection(self, *args: Any, **kwargs: Any) -> Any:
        try:
            connection = super().get_connection(*args, **kwargs)
        except (RedisError, OSError) as exc:
            self.availability.failed(exc)
            raise
        self.availability.answered()
        return connection
