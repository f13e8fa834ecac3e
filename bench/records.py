"""Cost of recomputing personal records on every write, against an athlete's history size.

    python -m bench.records [--rounds N]

For athletes with 0, 100 and 400 earlier sessions of the same four lifts (five sets each), it
times ``workout_log_create`` of a 20-set session and ``set_log_update`` of one set (the voice
correction path), both of which recompute the records of the exercises they touch. Everything
runs inside a transaction that is rolled back, so nothing is left behind. Printed: median and
p95 in ms, and the ratio to the same write for an athlete with no history (measured in this run).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

HISTORIES = (0, 100, 400)
SETS_PER_SESSION = 5
LIFTS = 4


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _time_rolled_back(func: Callable[[], object], rounds: int) -> list[float]:
    from django.db import transaction

    out = []
    for _ in range(rounds):
        with transaction.atomic():
            started = time.perf_counter()
            func()
            out.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    return out


def _athlete(history: int):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from accounts.models import Profile, User
    from training.models import Exercise, SetLog, WorkoutSession

    tag = uuid.uuid4().hex[:8]
    user = User.objects.create_user(f"bench-{tag}@example.com", "bench-password-1")
    Profile.objects.get_or_create(user=user)
    lifts = [
        Exercise.objects.create(slug=f"bench-{tag}-{i}", name=f"Bench {tag} {i}", pattern="squat")
        for i in range(LIFTS)
    ]
    now = timezone.now()
    sessions = WorkoutSession.objects.bulk_create(
        WorkoutSession(user=user, started_at=now - timedelta(days=history - day + 1))
        for day in range(history)
    )
    SetLog.objects.bulk_create(
        SetLog(
            session=session,
            exercise=lifts[n % LIFTS],
            order=k,
            reps=5,
            weight_kg=Decimal(60 + (n % 40) + k),
        )
        for n, session in enumerate(sessions)
        for k in range(SETS_PER_SESSION)
    )
    return user, lifts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from training import services
    from training.records import personal_records_recompute

    results: dict[int, tuple[list[float], list[float]]] = {}
    with transaction.atomic():
        for history in HISTORIES:
            user, lifts = _athlete(history)
            personal_records_recompute(user_id=user.pk, exercise_ids=[e.pk for e in lifts])
            rows = [
                {"exercise": lifts[i % LIFTS], "reps": 5, "weight_kg": Decimal(100 + i)}
                for i in range(LIFTS * SETS_PER_SESSION)
            ]
            session, _ = services.workout_log_create(
                user=user, data={"started_at": timezone.now()}, sets=rows
            )
            last = session.sets.order_by("-order").first()
            assert last is not None

            def create(user=user, rows=rows) -> object:  # type: ignore[no-untyped-def]
                return services.workout_log_create(
                    user=user, data={"started_at": timezone.now()}, sets=rows
                )

            def correct(last=last) -> object:  # type: ignore[no-untyped-def]
                return services.set_log_update(set_log=last, data={"weight_kg": Decimal("150")})

            results[history] = (
                _time_rolled_back(create, args.rounds),
                _time_rolled_back(correct, args.rounds),
            )
        transaction.set_rollback(True)

    base_create, base_correct = (percentile(v, 0.5) for v in results[0])
    print(f"rounds per cell: {args.rounds} (all rolled back)")
    print("history sessions | create 20 sets: p50 / p95 ms (x base) | correct 1 set: same")
    for history, (create_ms, correct_ms) in results.items():
        c50, c95 = percentile(create_ms, 0.5), percentile(create_ms, 0.95)
        u50, u95 = percentile(correct_ms, 0.5), percentile(correct_ms, 0.95)
        print(
            f"{history:16d} | {c50:8.2f} / {c95:8.2f} (x{c50 / base_create:4.2f})"
            f"           | {u50:7.2f} / {u95:7.2f} (x{u50 / base_correct:4.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
