"""A circuit breaker: after consecutive failures, skip Redis for a while, then probe once."""

from __future__ import annotations

import threading
import time

from django.conf import settings


class CircuitBreaker:
    """Closed (use Redis), open (skip it until ``open_until``), then one probe at a time."""

    timer = staticmethod(time.monotonic)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.failures = 0
        self.open_until = 0.0
        self._probing = False

    def closed(self) -> bool:
        return self.failures < settings.RATELIMIT_BREAKER_FAILURES

    def allow(self) -> bool:
        """Whether this call may try Redis."""
        if self.closed():
            return True
        with self._lock:
            if self._probing or self.timer() < self.open_until:
                return False
            self._probing = True
            return True

    def remaining(self) -> float:
        return max(0.0, self.open_until - self.timer())

    def success(self) -> bool:
        """Record a success; True when this closed an open breaker."""
        if not self.failures:
            return False
        with self._lock:
            was_open = not self.closed()
            self.failures, self._probing = 0, False
            return was_open

    def failure(self) -> bool:
        """Record a failure; True when this opened the breaker (or re-opened it after a probe)."""
        with self._lock:
            self.failures += 1
            self._probing = False
            if self.closed():
                return False
            self.open_until = self.timer() + settings.RATELIMIT_BREAKER_SECONDS
            return True

    def reset(self) -> None:
        with self._lock:
            self.failures, self.open_until, self._probing = 0, 0.0, False
