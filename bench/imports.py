"""A five-year Strong export through the import path: time per step and peak memory.

    python -m bench.imports [--weeks 260] [--per-week 4]

The export (about 1,000 sessions and 25,000 sets, written by the fixture generator in Strong's
layout, in pounds) is imported for a new athlete by the same services the API and the
management command use: check and store, read and map, confirm, write. Everything runs inside
one transaction that is rolled back at the end, in a private media folder and Redis key prefix,
so nothing is left behind. Target: the whole import in <= 60 s on this machine. The voice
matcher's one-off embedding of the catalog (a running worker keeps it) is timed apart.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from datetime import datetime

TARGET_S = 60.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--per-week", type=int, default=4)
    parser.add_argument("--extra-sets", type=int, default=3, help="more sets per session")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from accounts.models import Profile, User
    from core.redis import get_redis
    from portability import services
    from portability.archive import Upload
    from portability.mapping import catalog_matches
    from portability.tests.fixtures.generate import sessions, strong_csv
    from training.models import PersonalRecord, SetLog, WorkoutSession
    from training.services import exercise_catalog_load

    prefix = f"vfbench-{uuid.uuid4().hex[:8]}"
    settings.REDIS_KEY_PREFIX = prefix
    settings.CACHES["default"]["KEY_PREFIX"] = prefix
    media = tempfile.TemporaryDirectory(prefix="vfbench-media-")
    settings.MEDIA_ROOT = media.name

    rows = sessions(
        start=datetime(2020, 1, 6),
        weeks=args.weeks,
        per_week=args.per_week,
        unit="lb",
        seed=5,
        extra_sets=args.extra_sets,
    )
    data = strong_csv(rows).encode()
    print(f"export: {len(rows):,} rows, {len(data) / 2**20:.1f} MB, {args.weeks} weeks")
    try:
        with transaction.atomic():
            exercise_catalog_load()
            started = time.perf_counter()
            catalog_matches(["Leg Raise Parallel Bars"])  # builds the catalog's embeddings once
            warm_s = time.perf_counter() - started
            user = User.objects.create_user(f"bench-{prefix}@example.com", "bench-password-1")
            Profile.objects.create(user=user, unit_system="imperial")
            rss_before = _rss_mb()
            steps: dict[str, float] = {}

            started = time.perf_counter()
            job, _ = services.import_job_create(
                user=user,
                uploads=[Upload("strong.csv", data)],
                format="strong",
                weight_unit="lb",
                timezone_name="Europe/London",
                queue=False,
            )
            steps["check and store"] = time.perf_counter() - started
            started = time.perf_counter()
            job = services.import_job_read(job=job)
            steps["read and map"] = time.perf_counter() - started
            unsure = [entry["name"] for entry in job.mapping if entry["needs_confirmation"]]
            started = time.perf_counter()
            job = services.import_job_confirm(job=job, overrides={}, queue=False)
            job = services.import_job_run(job=job)
            steps["write (one transaction)"] = time.perf_counter() - started
            total = sum(steps.values())

            sessions_n = WorkoutSession.objects.filter(user=user).count()
            sets_n = SetLog.objects.filter(session__user=user).count()
            records_n = PersonalRecord.objects.filter(user=user).count()
            transaction.set_rollback(True)
    finally:
        client = get_redis()
        keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
        if keys:
            client.delete(*keys)
        media.cleanup()

    print(f"status: {job.status}; names to confirm: {unsure}")
    print(f"created: {sessions_n:,} sessions, {sets_n:,} sets, {records_n:,} records")
    print(
        f"skipped: {job.rows_skipped:,} rows ({job.skipped[0]['reason'] if job.skipped else '-'})"
    )
    print(f"catalog embedding warm-up (once per worker): {warm_s:.1f} s")
    for name, seconds in steps.items():
        print(f"  {name:<26} {seconds:6.1f} s")
    print(
        f"import total: {total:.1f} s (target <= {TARGET_S:.0f} s) -> "
        f"{'OK' if total <= TARGET_S else 'OVER'}; {sets_n / total:,.0f} sets/s"
    )
    print(f"peak RSS: {_rss_mb():.0f} MB (before the import {rss_before:.0f} MB)")
    return 0 if total <= TARGET_S and job.status == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
