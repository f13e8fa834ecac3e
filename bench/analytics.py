"""The analytics endpoints on two years of history: cold and cached latency, and file analysis.

    python -m bench.analytics [--rounds N]

An athlete with about 400 workouts (6,000 sets), 300 runs and 500 check-ins over two years is
bulk-created on the dev database (then ANALYZEd) in a transaction rolled back at the end (Redis keys
live under a private prefix, deleted at the end). Requests go through the whole stack (URL map,
JWT-less forced authentication, the admin tier so the rate limiter stays out of the numbers) on
the offline provider.

  cold     the user's generation bumped before each request: context, numbers and narrative
           rebuilt (retrieval stays cached by the corpus version, as in production)
  cached   the same request again: the answer from the per-user response cache
  baseline GET /api/checkins/ (a one-query list through the same stack), for the machine's speed

Each endpoint's row also gives the database round trips of one cold request (context, numbers
and the pipeline's own; statements sent together count once), since on a loaded machine every
round trip waits for a core.

Then a 2-hour run recorded every second (7,201 points) as FIT, GPX and TCX: the parse
(``parse_activity``) and the analysis (``run_metrics``) timed apart and together, and the whole
upload through POST /api/running/analyze.
The load average is printed with the numbers: on a shared 2-core machine wall times scale with
it, so the CPU time this process spent per request (which excludes waiting for a core and the
database server's own work) is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

TARGETS_MS = {"cold_p95": 50.0, "cached_p95": 3.0, "file": 250.0}
DAYS = 730
FIT_CACHE = Path("var/bench/two-hour-run.fit")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build_history(user, exercises, today: date) -> None:  # type: ignore[no-untyped-def]
    """~400 workouts of 15 sets, 300 runs and 500 check-ins over two years (bulk inserts)."""
    from zoneinfo import ZoneInfo

    from training.checkins import CheckIn
    from training.models import RunSession, SetLog, WorkoutSession

    rng = random.Random(7)
    zone = ZoneInfo("UTC")
    start = today - timedelta(days=DAYS)
    sessions = []
    for offset in range(DAYS):
        day = start + timedelta(days=offset)
        if day.weekday() in (0, 2, 4, 5) and rng.random() < 0.96:
            begin = datetime.combine(day, datetime.min.time(), zone) + timedelta(hours=18)
            sessions.append(
                WorkoutSession(
                    user=user,
                    started_at=begin,
                    ended_at=begin + timedelta(minutes=rng.randint(45, 90)),
                    session_rpe=rng.choice([None, 6, 7, 8, 9]),
                )
            )
    WorkoutSession.objects.bulk_create(sessions)
    sets = []
    for index, session in enumerate(sessions):
        for order in range(15):
            exercise = exercises[(index + order // 3) % len(exercises)]
            base = 60 + 40 * (index / len(sessions)) + 10 * (order % 3)
            sets.append(
                SetLog(
                    session=session,
                    exercise=exercise,
                    order=order,
                    reps=rng.choice([3, 5, 5, 8, 10]),
                    weight_kg=Decimal(f"{base:.1f}"),
                    rpe=Decimal(rng.choice(["7", "7.5", "8", "8.5", "9"])),
                    is_warmup=order == 0,
                )
            )
    SetLog.objects.bulk_create(sets, batch_size=2000)
    runs = []
    for offset in range(0, DAYS, 2):
        if len(runs) >= 300:
            break
        day = start + timedelta(days=offset + 1)
        distance = rng.choice([5000.0, 8000.0, 10000.0, 16000.0])
        runs.append(
            RunSession(
                user=user,
                started_at=datetime.combine(day, datetime.min.time(), zone) + timedelta(hours=7),
                distance_m=distance,
                duration_s=round(distance / 1000 * rng.uniform(280, 340)),
                avg_hr=rng.randint(135, 165),
                rpe=rng.choice([None, 4, 5, 6, 8]),
            )
        )
    RunSession.objects.bulk_create(runs)
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                user=user,
                date=today - timedelta(days=offset),
                readiness=rng.randint(1, 5),
                soreness=rng.randint(1, 5),
                sleep_hours=Decimal(f"{rng.uniform(5, 9):.1f}"),
            )
            for offset in range(500)
        ]
    )
    print(f"history: {len(sessions)} workouts, {len(sets)} sets, {len(runs)} runs, 500 check-ins")


CPU_MS: list[float] = []  # this process's CPU time per request, beside the wall time


def timed(call) -> float:  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    CPU_MS.append((time.process_time() - cpu) * 1000)
    if response.status_code != 200:
        detail = getattr(response, "data", response.content[:300])
        raise SystemExit(f"unexpected {response.status_code}: {detail}")
    return elapsed


def post_file(client, name: str, data: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/api/running/analyze", {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )


def fit_file(points) -> bytes:  # type: ignore[no-untyped-def]
    """The 2-hour FIT file (writing it takes fit-tool ~20 s, so it is kept under var/bench)."""
    from training.tests.activity_fixtures import fit_bytes

    if FIT_CACHE.exists():
        return FIT_CACHE.read_bytes()
    data = fit_bytes(points)
    FIT_CACHE.parent.mkdir(parents=True, exist_ok=True)
    FIT_CACHE.write_bytes(data)
    return data


def former_fit_ms(data: bytes) -> float:
    """CPU ms of the FIT read as it was: fitdecode's defaults (its data processor on)."""
    import io

    import fitdecode

    started = time.process_time()
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                for name in ("timestamp", "distance", "heart_rate"):
                    frame.get_value(name, fallback=None)
    return (time.process_time() - started) * 1000


def former_gpx_ms(data: bytes) -> float:
    """CPU ms of the GPX read as it was: gpxpy.parse of the whole document."""
    import gpxpy

    started = time.process_time()
    gpxpy.parse(data.decode("utf-8-sig"))
    return (time.process_time() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from accounts.services import user_register
    from analytics.athlete import athlete_for
    from analytics.running import RunData, run_metrics
    from coach.cache import context_invalidate
    from core.llm import reset_providers
    from training.activity_files import parse_activity
    from training.models import Exercise, RunSession
    from training.services import exercise_catalog_load
    from training.tests.activity_fixtures import gpx_bytes, synthetic_run, tcx_bytes

    prefix = f"vfbench-{uuid.uuid4().hex[:8]}"
    settings.REDIS_KEY_PREFIX = prefix
    settings.CACHES["default"]["KEY_PREFIX"] = prefix
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    for name in ("LLM_PROVIDER", "LLM_BASE_URL", "XAI_API_KEY", "KIMI_API_KEY", "OPENAI_API_KEY"):
        setattr(settings, name, "")
    reset_providers()
    call_command("migrate", verbosity=0)
    exercise_catalog_load()
    points = synthetic_run(7200, pace_s_per_km=330, fade_s_per_km=20, hr_start=135, hr_end=160)
    fit, gpx, tcx = fit_file(points), gpx_bytes(points), tcx_bytes(points)
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    try:
        with transaction.atomic():
            user = user_register(email=f"{prefix}@example.com", password="bench-pass-1234")
            user.tier = "admin"
            user.save()
            profile = user.profile
            profile.resting_hr, profile.max_hr, profile.unit_system = 50, 190, "metric"
            profile.save()
            lifts = list(Exercise.objects.filter(category="strength", bodyweight=False)[:12])
            today = athlete_for(user).today
            build_history(user, lifts, today)
            with connection.cursor() as cursor:  # the statistics autovacuum would gather
                cursor.execute(
                    "ANALYZE training_workoutsession, training_setlog, training_runsession, "
                    "training_checkin"
                )
            context_invalidate(user.pk)
            run_id = RunSession.objects.filter(user=user).order_by("-started_at").first().pk
            client = APIClient()
            client.force_authenticate(user)
            requests = {
                "baseline": lambda: client.get("/api/checkins/"),
                "fatigue": lambda: client.get("/api/analytics/fatigue"),
                "deload": lambda: client.get("/api/analytics/deload"),
                "insights": lambda: client.get("/api/workout/insights"),
                "insights 52w": lambda: client.get("/api/workout/insights", {"weeks": 52}),
                "running (id)": lambda: client.post(
                    "/api/running/analyze", {"run_id": run_id}, format="json"
                ),
            }
            print(
                f"rounds: {args.rounds}; times in ms (targets: cold p95 <= "
                f"{TARGETS_MS['cold_p95']:.0f}, cached p95 <= {TARGETS_MS['cached_p95']:.0f})"
            )
            print(
                f"{'endpoint':14} {'cold p50':>9} {'cold p95':>9} {'cached p50':>11} "
                f"{'cached p95':>11} {'cpu cold p50':>13} {'cpu cached p50':>15} "
                f"{'cold DB trips':>13}"
            )
            for name, call in requests.items():
                timed(call)  # warm: retrieval cached, model loaded, connections open
                cold, cached, cold_cpu, cached_cpu = [], [], [], []
                for _ in range(args.rounds):
                    context_invalidate(user.pk)
                    cold.append(timed(call))
                    cold_cpu.append(CPU_MS[-1])
                    cached.append(timed(call))
                    cached_cpu.append(CPU_MS[-1])
                context_invalidate(user.pk)
                with CaptureQueriesContext(connection) as queries:
                    timed(call)
                print(
                    f"{name:14} {percentile(cold, 0.5):9.2f} {percentile(cold, 0.95):9.2f} "
                    f"{percentile(cached, 0.5):11.2f} {percentile(cached, 0.95):11.2f} "
                    f"{percentile(cold_cpu, 0.5):13.2f} {percentile(cached_cpu, 0.5):15.2f} "
                    f"{len(queries.captured_queries):13d}"
                )
            athlete = athlete_for(user)
            print(
                f"\n2-hour run, 1 s samples ({len(points)} points); target <= "
                f"{TARGETS_MS['file']:.0f} ms"
            )
            print(
                f"{'file':5} {'bytes':>9} {'parse p50':>10} {'analyse p50':>12} "
                f"{'parse+analyse p50':>18} {'p95':>8} {'cpu p50':>8} {'upload p50':>11} {'p95':>8}"
            )
            started = time.perf_counter()
            ElementTree.fromstring(gpx)  # noqa: S314 - the file generated above
            baseline_ms = (time.perf_counter() - started) * 1000
            print(f"baseline: the standard library's XML parse of the GPX alone: {baseline_ms:.1f}")
            former = {  # the median of three reads each
                "fit": sorted(former_fit_ms(fit) for _ in range(3))[1],
                "gpx": sorted(former_gpx_ms(gpx) for _ in range(3))[1],
            }
            print(
                "baseline: the former readers on the same files, parse only (cpu ms): "
                f"fitdecode with its default data processor {former['fit']:.1f}, "
                f"gpxpy.parse {former['gpx']:.1f}"
            )
            for kind, data in (("fit", fit), ("gpx", gpx), ("tcx", tcx)):
                direct, upload, parsed, analysed, direct_cpu, parse_cpu_ms = [], [], [], [], [], []
                for round_ in range(max(3, args.rounds // 3)):
                    started, cpu = time.perf_counter(), time.process_time()
                    activity = parse_activity(data, f"run.{kind}")
                    parsed.append((time.perf_counter() - started) * 1000)
                    parse_cpu_ms.append((time.process_time() - cpu) * 1000)
                    run_metrics(
                        athlete,
                        RunData(
                            distance_m=activity.distance_m,
                            duration_s=activity.duration_s,
                            started_at=activity.started_at,
                            avg_hr=activity.avg_hr,
                            max_hr=activity.max_hr,
                            samples=activity.samples,
                        ),
                    )
                    direct.append((time.perf_counter() - started) * 1000)
                    analysed.append(direct[-1] - parsed[-1])
                    direct_cpu.append((time.process_time() - cpu) * 1000)
                    context_invalidate(user.pk)
                    name = f"r{round_}.{kind}"
                    upload.append(timed(partial(post_file, client, name, data)))
                if kind in former:
                    parse_cpu = percentile(parse_cpu_ms, 0.5)
                    ratio = f"  (parse cpu {parse_cpu:.1f}: {former[kind] / parse_cpu:.1f}x faster)"
                else:
                    ratio = ""
                print(
                    f"{kind:5} {len(data):9d} {percentile(parsed, 0.5):10.1f} "
                    f"{percentile(analysed, 0.5):12.1f} {percentile(direct, 0.5):18.1f} "
                    f"{percentile(direct, 0.95):8.1f} {percentile(direct_cpu, 0.5):8.1f} "
                    f"{percentile(upload, 0.5):11.1f} {percentile(upload, 0.95):8.1f}{ratio}"
                )
            print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
            transaction.set_rollback(True)
    finally:
        cache.delete_pattern("*")
    return 0


if __name__ == "__main__":
    sys.exit(main())
