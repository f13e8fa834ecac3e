"""The recording API: counters, latency histograms and flags, buffered in-process, shared via Redis.

Every call is a dictionary update under a lock (about a microsecond) and never raises into the
caller. A daemon thread flushes the buffer to Redis once a second in one pipeline, into
per-minute and per-hour hashes (with TTLs) and an all-time hash, so every worker process reads
the same numbers. Latencies are kept as fixed-bucket histograms, which add up across processes.

    from core import metrics
    metrics.incr("cache_hit", cache="user_context")
    metrics.observe("llm_latency_ms", 412.0, provider="offline")
    metrics.flag("redis_unreachable", True, "ConnectionError: ...")

Flags live in-process (they must work while Redis is down) and are mirrored to Redis with a
short TTL while active, so a process that dies cannot leave a flag raised forever.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from bisect import bisect_left
from typing import Any

logger = logging.getLogger(__name__)

# Upper bounds (ms) of the latency buckets; the last bucket is +Inf.
BUCKETS_MS: tuple[float, ...] = (
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    25.0,
    50.0,
    100.0,
    250.0,
    500.0,
    1000.0,
    2500.0,
    5000.0,
    10000.0,
    30000.0,
    60000.0,
)
MINUTE_TTL_S = 2 * 86400
HOUR_TTL_S = 8 * 86400
FLAG_TTL_S = 300
FLUSH_INTERVAL_S = 1.0
REDIS_FLAG = "redis_unreachable"

LabelKey = tuple[tuple[str, str], ...]
SeriesKey = tuple[str, LabelKey]


def series_id(name: str, labels: LabelKey) -> str:
    """The hash field for a series: ``name|k=v|k2=v2`` (labels sorted)."""
    if not labels:
        return name
    return name + "|" + "|".join(f"{k}={_clean(v)}" for k, v in labels)


def parse_series(field: str) -> tuple[str, dict[str, str]]:
    """The inverse of :func:`series_id`."""
    name, *parts = field.split("|")
    return name, dict(part.split("=", 1) for part in parts if "=" in part)


def _clean(value: object) -> str:
    return str(value).replace("|", "/").replace("=", ":")


def _labels(labels: dict[str, Any]) -> LabelKey:
    if not labels:
        return ()
    if len(labels) == 1:
        return tuple(labels.items())
    return tuple(sorted(labels.items()))


class Flag:
    """A condition raised by some code path, reported by the alerts endpoint."""

    __slots__ = ("active", "detail", "since", "updated")

    def __init__(self, active: bool, detail: str, since: float, updated: float) -> None:
        self.active = active
        self.detail = detail
        self.since = since
        self.updated = updated

    def as_dict(self, name: str) -> dict[str, Any]:
        return {"name": name, "active": self.active, "detail": self.detail, "since": self.since}


class Recorder:
    """The in-process buffer and its flusher; one per process (see the module-level functions)."""

    timer = staticmethod(time.time)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[tuple[int, SeriesKey], int] = {}
        self._hist: dict[tuple[int, SeriesKey], list[float]] = {}
        self._flags: dict[str, Flag] = {}
        self._dirty_flags: set[str] = set()
        self._thread: threading.Thread | None = None
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._after_fork)
        self.last_flush_error: str = ""

    # --- recording ---------------------------------------------------------------------------
    def incr(self, name: str, value: int = 1, **labels: Any) -> None:
        try:
            value = int(value)
            key = (int(self.timer()) // 60, (name, _labels(labels)))
            with self._lock:
                self._counters[key] = self._counters.get(key, 0) + value
            self._ensure_thread()
        except Exception:  # recording must never break the caller
            logger.debug("metrics.incr failed", exc_info=True)

    def observe(self, name: str, value: float, **labels: Any) -> None:
        try:
            value = float(value)
            key = (int(self.timer()) // 60, (name, _labels(labels)))
            index = bisect_left(BUCKETS_MS, value)
            with self._lock:
                hist = self._hist.get(key)
                if hist is None:
                    hist = self._hist[key] = [0.0] * (len(BUCKETS_MS) + 3)
                hist[index] += 1
                hist[-2] += value
                hist[-1] += 1
            self._ensure_thread()
        except Exception:
            logger.debug("metrics.observe failed", exc_info=True)

    def flag(self, name: str, active: bool, detail: str = "") -> None:
        try:
            now = self.timer()
            active, detail = bool(active), str(detail)[:500]
            with self._lock:
                current = self._flags.get(name)
                if current is not None and current.active == active and current.detail == detail:
                    current.updated = now
                    return
                since = current.since if current is not None and current.active == active else now
                self._flags[name] = Flag(active, detail, since, now)
                self._dirty_flags.add(name)
            self._ensure_thread()
        except Exception:
            logger.debug("metrics.flag failed", exc_info=True)

    def local_flags(self) -> dict[str, dict[str, Any]]:
        """This process's flags (what it knows even when Redis is down)."""
        with self._lock:
            return {name: flag.as_dict(name) for name, flag in self._flags.items()}

    # --- flushing ----------------------------------------------------------------------------
    def _after_fork(self) -> None:
        self._lock = threading.Lock()
        self._thread = None

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="metrics-flush", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(FLUSH_INTERVAL_S)
            self.flush()

    def _take(self) -> tuple[dict, dict, dict[str, Flag]]:
        with self._lock:
            counters, self._counters = self._counters, {}
            hist, self._hist = self._hist, {}
            flags = {name: self._flags[name] for name in self._dirty_flags}
            active = {n: f for n, f in self._flags.items() if f.active}
            self._dirty_flags = set()
        flags.update(active)  # active flags are re-mirrored on every flush to refresh their TTL
        return counters, hist, flags

    def _restore(self, counters: dict, hist: dict, flags: dict[str, Flag]) -> None:
        oldest = int(self.timer()) // 60 - MINUTE_TTL_S // 60
        with self._lock:
            for key, value in counters.items():
                if key[0] >= oldest:
                    self._counters[key] = self._counters.get(key, 0) + value
            for key, values in hist.items():
                if key[0] < oldest:
                    continue
                mine = self._hist.get(key)
                if mine is None:
                    self._hist[key] = values
                else:
                    for i, v in enumerate(values):
                        mine[i] += v
            self._dirty_flags.update(flags)

    def flush(self) -> bool:
        """Write the buffer to Redis in one pipeline; on failure keep it for the next try."""
        from core.redis import get_redis, redis_key

        counters, hist, flags = self._take()
        if not counters and not hist and not flags:
            return True
        try:
            pipe = get_redis().pipeline(transaction=False)
            touched = {
                **self._write_counters(pipe, counters),
                **self._write_histograms(pipe, hist),
            }
            for key, ttl in touched.items():
                pipe.expire(key, ttl)
            for name, flag in flags.items():
                flag_key = redis_key("metrics", "flag", name)
                if flag.active:
                    pipe.set(flag_key, json.dumps(flag.as_dict(name)), ex=FLAG_TTL_S)
                else:
                    pipe.delete(flag_key)
            pipe.execute()
        except Exception as exc:
            self.last_flush_error = f"{type(exc).__name__}: {exc}"
            self._restore(counters, hist, flags)
            self.flag(REDIS_FLAG, True, f"metrics flush: {self.last_flush_error}")
            return False
        self.last_flush_error = ""
        current = self._flags.get(REDIS_FLAG)
        if current is not None and current.active:
            self.flag(REDIS_FLAG, False)
        return True

    def _write_counters(self, pipe: Any, counters: dict) -> dict[str, int]:
        """Queue the counter increments; returns the keys written with their TTLs."""
        from core.redis import redis_key

        touched: dict[str, int] = {}
        total_key = redis_key("metrics", "total")
        for (minute, series), value in counters.items():
            field = "c|" + series_id(*series)
            for key, ttl in self._bucket_keys(minute):
                pipe.hincrby(key, field, value)
                touched[key] = ttl
            pipe.hincrby(total_key, field, value)
        return touched

    def _write_histograms(self, pipe: Any, hist: dict) -> dict[str, int]:
        """Queue the bucket counts, sums and counts; returns the keys written with their TTLs."""
        from core.redis import redis_key

        touched: dict[str, int] = {}
        total_key = redis_key("metrics", "total")
        for (minute, series), values in hist.items():
            base = "h|" + series_id(*series)
            for key, ttl in [*self._bucket_keys(minute), (total_key, 0)]:
                for index, count in enumerate(values[:-2]):
                    if count:
                        pipe.hincrby(key, f"{base}|#{index}", int(count))
                pipe.hincrbyfloat(key, f"{base}|#sum", values[-2])
                pipe.hincrby(key, f"{base}|#count", int(values[-1]))
                if ttl:
                    touched[key] = ttl
        return touched

    @staticmethod
    def _bucket_keys(minute: int) -> list[tuple[str, int]]:
        from core.redis import redis_key

        return [
            (redis_key("metrics", "m", minute), MINUTE_TTL_S),
            (redis_key("metrics", "h", minute // 60), HOUR_TTL_S),
        ]

    def reset(self) -> None:
        """Drop everything buffered in this process (tests)."""
        with self._lock:
            self._counters.clear()
            self._hist.clear()
            self._flags.clear()
            self._dirty_flags.clear()


recorder = Recorder()


def incr(name: str, value: int = 1, **labels: str) -> None:
    """Add ``value`` to the counter ``name`` with ``labels``."""
    recorder.incr(name, value, **labels)


def observe(name: str, value: float, **labels: str) -> None:
    """Record one observation (latencies in milliseconds) of ``name`` with ``labels``."""
    recorder.observe(name, value, **labels)


def flag(name: str, active: bool, detail: str = "") -> None:
    """Raise (``active=True``) or clear a named condition; works while Redis is down."""
    recorder.flag(name, active, detail)


def flush() -> bool:
    """Write what this process has buffered to Redis now; False when Redis refused it."""
    return recorder.flush()
