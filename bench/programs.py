"""Program generation: 200 strength and 200 running programs from random questionnaires.

    python -m bench.programs [--count N] [--seed S]

Times one program's generation plus the validator (what runs before a save), from a questionnaire
drawn at random within the endpoints' bounds, over the shipped catalog with random injuries mapped
through training.regions. Prints p50/p95 per kind and the validator pass rate (targets: p95 <=
150 ms, 100 % pass).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta

TARGET_P95_MS = 150.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def strength_case(rng: random.Random, options, injury, regions):  # type: ignore[no-untyped-def]
    from accounts.models import Equipment
    from programs.strength import StrengthQuestionnaire

    equipment = frozenset(e.value for e in Equipment if rng.random() < 0.5)
    mains = [o.id for o in options if o.slug in {"barbell-back-squat", "barbell-bench-press"}]
    q = StrengthQuestionnaire(
        goal=rng.choice(["strength", "hypertrophy", "general_fitness"]),
        experience_level=rng.choice(["beginner", "intermediate", "advanced"]),
        days_per_week=rng.randint(2, 6),
        session_minutes=rng.randint(30, 120),
        equipment=equipment,
        weeks=rng.randint(4, 16),
        start_date=date(2027, 1, 4) + timedelta(days=rng.randint(0, 365)),
        one_rep_max_kg={eid: rng.uniform(40, 220) for eid in mains if rng.random() < 0.5},
        plate_kg=rng.choice([2.5, 2.26796]),
    )
    hurt = [injury(r, rng.randint(1, 10)) for r in rng.sample(regions, rng.randint(0, 2))]
    return q, hurt


def running_case(rng: random.Random):  # type: ignore[no-untyped-def]
    from programs.running import MIN_CURRENT_KM, MIN_WEEKS, RunningQuestionnaire

    goal = rng.choice(["5k", "10k", "half", "marathon", "base"])
    runs = rng.randint(3, 7)
    floor = max(runs * 4.0, MIN_CURRENT_KM[goal])
    distance = rng.choice([5000.0, 10000.0, 21097.5])
    return RunningQuestionnaire(
        goal=goal,
        race_distance_m=distance,
        race_time_s=rng.uniform(190, 420) * distance / 1000,
        runs_per_week=runs,
        current_weekly_km=rng.uniform(floor, floor + 60),
        weeks=rng.randint(MIN_WEEKS[goal], 24),
        start_date=date(2027, 1, 4) + timedelta(days=rng.randint(0, 365)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from programs.running import generate_running
    from programs.shipped import injury_regions, shipped_injury, shipped_options
    from programs.strength import ProgramInfeasible, generate_strength
    from programs.validation import validate

    rng = random.Random(args.seed)
    options, injury, regions = shipped_options(), shipped_injury, injury_regions()
    rows = []
    for kind in ("strength", "running"):
        timings, passed, infeasible = [], 0, 0
        for _ in range(args.count):
            case = strength_case(rng, options, injury, regions) if kind == "strength" else None
            q = running_case(rng) if kind == "running" else None
            start = time.perf_counter()
            try:
                if case is not None:
                    plan = generate_strength(case[0], options, case[1], {})
                else:
                    plan = generate_running(q)  # type: ignore[arg-type]
                ok = not validate(plan)
            except ProgramInfeasible:
                ok, infeasible = True, infeasible + 1  # refused with a reason: nothing to save
            timings.append((time.perf_counter() - start) * 1000)
            passed += ok
        rows.append((kind, timings, passed, infeasible))
    print(f"{'kind':<10}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'pass':>8}{'refused':>9}")
    for kind, timings, passed, infeasible in rows:
        print(
            f"{kind:<10}{len(timings):>5}{statistics.median(timings):>9.1f}"
            f"{percentile(timings, 0.95):>9.1f}{max(timings):>9.1f}"
            f"{passed / len(timings):>8.0%}{infeasible:>9}"
        )
    worst = max(percentile(t, 0.95) for _, t, _, _ in rows)
    all_pass = all(p == len(t) for _, t, p, _ in rows)
    print(f"target p95 <= {TARGET_P95_MS:g} ms: {'met' if worst <= TARGET_P95_MS else 'MISSED'}")
    print(f"validator pass rate 100 %: {'met' if all_pass else 'MISSED'}")
    return 0 if worst <= TARGET_P95_MS and all_pass else 1


if __name__ == "__main__":
    raise SystemExit(main())
