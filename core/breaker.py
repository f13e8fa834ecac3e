"""The circuit breaker every dependency call goes through (the Redis limiter, each LLM provider).

Closed -> open after ``threshold`` consecutive failures -> half-open once ``cooldown_s`` has
passed: one probe goes through; its success closes the breaker, its failure opens it again.
Per process and thread-safe. ``threshold`` and ``cooldown_s`` may be callables, so a breaker
built at import reads its settings when it is used. ``clock`` is the test seam.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


def _reader(value: float | Callable[[], float]) -> Callable[[], float]:
    return value if callable(value) else (lambda: value)


class CircuitBreaker:
    """Skips a failing dependency for a while, then lets one probe find out whether it is back."""

    clock: Callable[[], float] = staticmethod(time.monotonic)

    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"

    def __init__(
        self,
        name: str,
        threshold: int | Callable[[], int] = 5,
        cooldown_s: float | Callable[[], float] = 30.0,
    ) -> None:
        self.name = name
        self._threshold = _reader(threshold)
        self._cooldown_s = _reader(cooldown_s)
        self._lock = threading.Lock()
        self.failures = 0
        self._opened_at = 0.0
        self._probing = False

    @property
    def threshold(self) -> int:
        return max(1, int(self._threshold()))

    @property
    def cooldown_s(self) -> float:
        return float(self._cooldown_s())

    def closed(self) -> bool:
        """Whether calls go through freely (fewer than ``threshold`` failures in a row)."""
        return self.failures < self.threshold

    @property
    def state(self) -> str:
        if self.closed():
            return self.CLOSED
        return self.HALF_OPEN if self._cooled_down() else self.OPEN

    def _cooled_down(self) -> bool:
        return self.clock() - self._opened_at >= self.cooldown_s

    def retry_in(self) -> float:
        """Seconds until the next probe may go (0 when closed or cooled down)."""
        if self.closed():
            return 0.0
        return max(0.0, self.cooldown_s - (self.clock() - self._opened_at))

    def allow(self) -> bool:
        """Whether this call may go to the dependency (in half-open, only one at a time)."""
        if self.closed():
            return True
        with self._lock:
            if self._probing or not self._cooled_down():
                return False
            self._probing = True
            return True

    def release_probe(self) -> None:
        """A probe that ended without a verdict (cancelled, crashed) frees the slot."""
        with self._lock:
            self._probing = False

    def record_success(self) -> bool:
        """The dependency answered; True when this closed an open breaker (a recovery)."""
        if not self.failures and not self._probing:
            return False
        with self._lock:
            was_open = not self.closed()
            self.failures, self._probing = 0, False
        return was_open

    def record_failure(self) -> bool:
        """The dependency failed; True when this opened a closed breaker (an outage begins).

        A failed probe re-opens the breaker for another ``cooldown_s`` without reporting it:
        the outage it belongs to was reported when the breaker first opened.
        """
        with self._lock:
            was_closed = self.closed()
            self.failures += 1
            self._probing = False
            if self.closed():
                return False
            self._opened_at = self.clock()
            return was_closed

    def reset(self) -> None:
        with self._lock:
            self.failures, self._opened_at, self._probing = 0, 0.0, False
