"""A lock-protected get-or-build on Django's cache, so a miss is built once, not by everyone."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

MISSING = object()


class CacheGetOrBuild:
    """``cache.add`` is the lock; waiters poll briefly for the value, then build themselves
    (a slow or dead builder must not stall readers for long)."""

    lock_timeout = 30
    wait_seconds = 2.0
    poll_seconds = 0.02
    sleep = staticmethod(time.sleep)
    clock = staticmethod(time.monotonic)

    def get(self, key: str) -> Any:
        return cache.get(key, MISSING)

    def __call__(self, key: str, build: Callable[[], Any], ttl: int) -> tuple[Any, bool]:
        """Return ``(value, hit)``."""
        value = self.get(key)
        if value is not MISSING:
            return value, True
        lock_key = f"{key}:lock"
        if cache.add(lock_key, 1, self.lock_timeout):
            try:
                value = build()
                cache.set(key, value, ttl)
            finally:
                cache.delete(lock_key)
            return value, False
        deadline = self.clock() + self.wait_seconds
        while self.clock() < deadline:
            self.sleep(self.poll_seconds)
            value = self.get(key)
            if value is not MISSING:
                return value, True
        value = build()
        cache.set(key, value, ttl)
        return value, False
