"""Over-admission under concurrency: our Lua limiter against DRF's UserRateThrottle.

4 processes x 50 threads fire 200 requests at once at a limit of 50 for one client, 5 rounds.
Run: python -m bench.ratelimit_accuracy
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import uuid

LIMIT, PROCESSES, PER_PROCESS, ROUNDS = 50, 4, 50, 5


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    os.environ.setdefault("REDIS_KEY_PREFIX", f"vfbench-{uuid.uuid4().hex[:8]}")
    import django

    django.setup()


def _ours(identity: str):  # type: ignore[no-untyped-def]
    from ratelimit.limiter import RedisLimiter, Window

    limiter, windows = RedisLimiter(), [Window("hour", LIMIT, 3600)]
    return lambda: limiter.hit(identity, windows).allowed


def _drf(identity: str):  # type: ignore[no-untyped-def]
    from rest_framework.throttling import UserRateThrottle

    class Throttle(UserRateThrottle):
        rate = f"{LIMIT}/hour"

        def get_cache_key(self, request, view):  # type: ignore[no-untyped-def]
            return f"throttle_bench_{identity}"

    return lambda: Throttle().allow_request(None, None)


def _worker(kind: str, identity: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    attempt = (_ours if kind == "ours" else _drf)(identity)
    admitted: list[bool] = []
    threads = [
        threading.Thread(target=lambda: admitted.append(attempt())) for _ in range(PER_PROCESS)
    ]
    barrier.wait()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(sum(admitted))


def run(kind: str) -> list[int]:
    ctx = multiprocessing.get_context("fork")
    admitted_per_round = []
    for _ in range(ROUNDS):
        identity = f"bench:{uuid.uuid4().hex[:12]}"
        barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
        procs = [
            ctx.Process(target=_worker, args=(kind, identity, barrier, results))
            for _ in range(PROCESSES)
        ]
        for proc in procs:
            proc.start()
        admitted_per_round.append(sum(results.get(timeout=60) for _ in procs))
        for proc in procs:
            proc.join(timeout=60)
    return admitted_per_round


def _cleanup() -> None:
    from django.conf import settings
    from django.core.cache import cache

    from core.redis import get_redis

    redis = get_redis()
    keys = list(redis.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}*", count=1000))
    if keys:
        redis.delete(*keys)
    cache.delete_pattern("throttle_bench_*")


def main() -> None:
    _setup()
    total = PROCESSES * PER_PROCESS
    print(
        f"{total} concurrent requests ({PROCESSES} processes x {PER_PROCESS} threads), "
        f"limit {LIMIT}, {ROUNDS} rounds"
    )
    try:
        for kind, label in (("drf", "DRF UserRateThrottle (django-redis)"), ("ours", "ours (Lua)")):
            admitted = run(kind)
            over = [a - LIMIT for a in admitted]
            print(f"{label:40s} admitted {admitted}  over-admit {over}  worst {max(over)}")
    finally:
        _cleanup()


if __name__ == "__main__":
    main()
