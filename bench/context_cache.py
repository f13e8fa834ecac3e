"""build_context uncached vs cached for an athlete with six months of history, and metrics cost.

    python -m bench.context_cache [--uncached N] [--cached N]

The athlete (about 100 sessions, 1,500 sets, 50 runs, records and injuries) is created inside a
transaction that is rolled back at the end, and the Redis keys the run wrote (under a private
key prefix) are deleted, so nothing is left behind. Targets: cached p95 <= 2 ms and at least 20x
faster than uncached. Metrics recording cost is measured against an empty call in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal

TARGET_CACHED_P95_MS = 2.0
TARGET_SPEEDUP = 20.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _athlete():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from accounts.models import Profile, User
    from training.models import Exercise, Injury, PersonalRecord, RunSession, SetLog, WorkoutSession

    tag = uuid.uuid4().hex[:8]
    user = User.objects.create_user(f"bench-{tag}@example.com", "bench-password-1")
    Profile.objects.get_or_create(user=user, defaults={"training_days_per_week": 4})
    patterns = ["squat", "hinge", "horizontal_push", "vertical_push", "horizontal_pull"]
    exercises = [
        Exercise.objects.create(
            slug=f"bench-{tag}-{i}",
            name=f"Bench {tag} {i}",
            pattern=patterns[i % len(patterns)],
            primary_muscles=[["quads", "hamstrings", "chest", "shoulders", "lats"][i % 5]],
            secondary_muscles=["triceps"] if i % 2 else ["glutes"],
        )
        for i in range(10)
    ]
    now = timezone.now()
    sessions = WorkoutSession.objects.bulk_create(
        WorkoutSession(user=user, started_at=now - timedelta(days=day, hours=1))
        for day in range(0, 182)
        if day % 7 in (0, 2, 4, 5)
    )
    SetLog.objects.bulk_create(
        SetLog(
            session=session,
            exercise=exercises[(n + k) % len(exercises)],
            order=k,
            reps=5 + k % 4,
            weight_kg=Decimal(60 + (k * 7) % 50),
            rpe=Decimal("8.0"),
        )
        for n, session in enumerate(sessions)
        for k in range(15)
    )
    RunSession.objects.bulk_create(
        RunSession(
            user=user,
            started_at=now - timedelta(days=day, hours=6),
            distance_m=6000 + day,
            duration_s=1800,
        )
        for day in range(1, 182, 3)
    )
    PersonalRecord.objects.bulk_create(
        PersonalRecord(
            user=user,
            exercise=exercises[i % 10],
            kind="e1rm",
            value_kg=Decimal(80 + i),
            achieved_at=now - timedelta(days=180 - i),
        )
        for i in range(120)
    )
    Injury.objects.create(user=user, body_region="knee", severity=3, onset_date=now.date())
    Injury.objects.create(
        user=user, body_region="wrist", severity=2, onset_date=now.date(), status="resolved"
    )
    return user, len(sessions), SetLog.objects.filter(session__user=user).count()


def _time_ms(func, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        func()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _ns_per_call(func, calls: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter_ns()
    for _ in range(calls):
        func()
    return (time.perf_counter_ns() - started) / calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uncached", type=int, default=100)
    parser.add_argument("--cached", type=int, default=2000)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    prefix = f"vfbench-{uuid.uuid4().hex[:8]}"
    settings.REDIS_KEY_PREFIX = prefix
    settings.CACHES["default"]["KEY_PREFIX"] = prefix

    from coach.context import build_context
    from core import metrics
    from core.redis import get_redis

    try:
        with transaction.atomic():
            user, n_sessions, n_sets = _athlete()
            build_context(user, use_cache=False)  # warm the connection and code paths
            uncached = _time_ms(lambda: build_context(user, use_cache=False), args.uncached)
            build_context(user)  # fill the cache
            cached = _time_ms(lambda: build_context(user), args.cached)
            transaction.set_rollback(True)

        def empty(*a: object, **k: object) -> None:
            return None

        calls = 200_000
        base_ns = _ns_per_call(lambda: empty("cache_hits", cache="user_context"), calls)
        incr_ns = _ns_per_call(lambda: metrics.incr("cache_hits", cache="user_context"), calls)
        observe_ns = _ns_per_call(
            lambda: metrics.observe("cache_build_ms", 1.7, cache="user_context"), calls
        )
        flag_ns = _ns_per_call(lambda: metrics.flag("bench_flag", False), calls)
        flush_started = time.perf_counter()
        metrics.incr("bench_probe")
        metrics.flush()
        flush_ms = (time.perf_counter() - flush_started) * 1000
    finally:
        client = get_redis()
        keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
        if keys:
            client.delete(*keys)

    u50, u95 = percentile(uncached, 0.5), percentile(uncached, 0.95)
    c50, c95 = percentile(cached, 0.5), percentile(cached, 0.95)
    print(f"athlete: {n_sessions} sessions, {n_sets} sets over 26 weeks (rolled back after)")
    print(f"uncached build_context  n={len(uncached):5d}  p50={u50:7.3f} ms  p95={u95:7.3f} ms")
    print(f"cached   build_context  n={len(cached):5d}  p50={c50:7.3f} ms  p95={c95:7.3f} ms")
    print(f"speedup  p50 x{u50 / c50:.1f}  p95 x{u95 / c95:.1f}")
    print(
        f"metrics  empty call {base_ns:.0f} ns | incr {incr_ns:.0f} ns"
        f" | observe {observe_ns:.0f} ns | flag {flag_ns:.0f} ns (per call, {calls} calls)"
        f" | flush round trip {flush_ms:.2f} ms"
    )
    ok = c95 <= TARGET_CACHED_P95_MS and u95 / c95 >= TARGET_SPEEDUP
    print(
        f"target cached p95 <= {TARGET_CACHED_P95_MS} ms and >= {TARGET_SPEEDUP:.0f}x: "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
