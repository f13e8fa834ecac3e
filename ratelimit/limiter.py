"""Sliding-window limiters: the shared one in Redis (one Lua call) and a per-process fallback."""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from redis.commands.core import Script

SCRIPT_PATH = Path(__file__).with_name("sliding_window.lua")


@dataclass(frozen=True)
class Window:
    name: str
    limit: int
    seconds: float


@dataclass(frozen=True)
class WindowState:
    window: Window
    used: int
    reset: float  # seconds until quota frees up

    @property
    def remaining(self) -> int:
        return max(0, self.window.limit - self.used)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    states: tuple[WindowState, ...] = ()
    blocked: WindowState | None = None
    source: str = "redis"  # redis | fallback | fail_open | none

    @property
    def retry_after(self) -> float:
        """Seconds until every full window admits again (0 when allowed)."""
        if self.allowed:
            return 0.0
        return max(s.reset for s in self.states if s.used >= s.window.limit)

    @property
    def tightest(self) -> WindowState | None:
        """The window to report in the single-valued ``X-RateLimit-*`` headers."""
        if self.blocked is not None:
            return self.blocked
        if not self.states:
            return None
        return min(self.states, key=lambda s: (s.remaining, -s.reset))


@cache
def _script() -> Script:
    """The sliding-window script (EVALSHA, loaded when the server lacks it)."""
    from core.redis import lua_script

    return lua_script(SCRIPT_PATH.read_bytes())


class RedisLimiter:
    """Checks and records one request in every window with one ``EVALSHA``."""

    clock_offset_us = 0  # tests move Redis's clock forward with this seam

    def __init__(self) -> None:
        self._counter = itertools.count(random.randrange(1000))

    def key(self, identity: str, window: Window) -> str:
        from core.redis import redis_key

        return redis_key("rl", "{" + identity + "}", window.name)

    def hit(self, identity: str, windows: Sequence[Window], client=None) -> Decision:  # type: ignore[no-untyped-def]
        """Admit (and record in all windows) or refuse (recording nothing); may raise RedisError."""
        if client is None:
            from core.redis import get_redis

            client = get_redis()
        keys = [self.key(identity, w) for w in windows]
        args: list[int | str] = [f"{next(self._counter) % 1000:03d}", int(self.clock_offset_us)]
        for w in windows:
            args += [w.limit, int(w.seconds * 1_000_000)]
        raw = _script()(keys=keys, args=args, client=client)
        return _decision(raw, windows, "redis")


def _decision(raw: Sequence[int], windows: Sequence[Window], source: str) -> Decision:
    allowed, blocked = int(raw[0]) == 1, int(raw[1])
    states = tuple(
        WindowState(w, int(raw[2 + 2 * i]), max(0.0, int(raw[3 + 2 * i]) / 1_000_000))
        for i, w in enumerate(windows)
    )
    return Decision(allowed, states, states[blocked - 1] if blocked else None, source)


class LocalLimiter:
    """The same algorithm in process memory, for when Redis is unreachable.

    Bounded: at most ``max_identities`` clients (least recently seen dropped first), and a log
    never holds more entries than its limit.
    """

    timer = staticmethod(time.monotonic)
    max_identities = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._logs: OrderedDict[str, deque[float]] = OrderedDict()

    def clear(self) -> None:
        with self._lock:
            self._logs.clear()

    def hit(self, identity: str, windows: Sequence[Window]) -> Decision:
        now = self.timer()
        with self._lock:
            logs = []
            for w in windows:
                key = f"{identity}:{w.name}"
                log = self._logs.get(key)
                if log is None:
                    log = self._logs[key] = deque()
                self._logs.move_to_end(key)
                while log and log[0] <= now - w.seconds:
                    log.popleft()
                logs.append(log)
            full = [
                i
                for i, (w, log) in enumerate(zip(windows, logs, strict=True))
                if len(log) >= w.limit
            ]
            if not full:
                for log in logs:
                    log.append(now)
            while len(self._logs) > self.max_identities:
                self._logs.popitem(last=False)
            states = []
            for w, log in zip(windows, logs, strict=True):
                index = max(0, len(log) - w.limit)
                reset = log[index] + w.seconds - now if log else w.seconds
                states.append(WindowState(w, len(log), max(0.0, reset)))
        blocked = states[full[0]] if full else None
        return Decision(not full, tuple(states), blocked, "fallback")
