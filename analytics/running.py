"""Running analysis of one run: pace, splits, drift, heart-rate zones, TRIMP, VDOT, and how it
compares with the athlete's recent runs of a similar distance.

Pace drift compares the second half with the first by distance (a positive number: slower at the
end). Aerobic decoupling (Pa:HR, Friel) compares speed per heartbeat over the first and second
half by time: (EF1 - EF2) / EF1 x 100, EF = speed / HR; under 5 % is read as aerobically
coupled. VDOT is given for race-like efforts only (RPE >= 8 or marked as a race), since an easy
run says little about race fitness.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from analytics.athlete import Athlete
from training.activity_files import Sample
from training.models import RunSession
from training.science import running as science
from training.science.load import session_load

RACE_RPE = 8
MIN_VDOT_DISTANCE_M = 1500
SIMILAR_DISTANCE = 0.2
RECENT_WEEKS = 4
KM = 1000.0


@dataclass
class RunData:
    """One run however it arrived (a stored run, raw data or a parsed file)."""

    distance_m: float | None
    duration_s: float
    started_at: datetime | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    rpe: float | None = None
    race: bool = False
    splits: list[dict[str, Any]] = field(
        default_factory=list
    )  # [{distance_m, duration_s, avg_hr?}]
    samples: list[Sample] = field(default_factory=list)
    run_id: int | None = None


def _time_at(samples: Sequence[Sample], distance: float) -> float:
    """Seconds from the start when ``distance`` metres were reached (linear between samples)."""
    previous = samples[0]
    for sample in samples[1:]:
        if sample.distance_m is not None and sample.distance_m >= distance:
            before = previous.distance_m or 0.0
            span = sample.distance_m - before
            share = (distance - before) / span if span else 1.0
            return previous.t_s + (sample.t_s - previous.t_s) * share
        previous = sample
    return samples[-1].t_s


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def splits_from_samples(samples: Sequence[Sample]) -> list[dict[str, Any]]:
    """Per-kilometre splits (the last one partial) with the mean HR of the samples in each."""
    timed = [s for s in samples if s.distance_m is not None]
    if len(timed) < 2:
        return []
    origin = timed[0].distance_m or 0.0
    total = (timed[-1].distance_m or 0.0) - origin
    splits, start_t, start_d, index = [], timed[0].t_s, 0.0, 0
    hr_bucket: list[float] = []
    boundary = KM
    for sample in timed[1:]:
        covered = (sample.distance_m or 0.0) - origin
        while covered >= boundary and boundary <= total:
            end_t = _time_at(timed, origin + boundary)
            splits.append(_split(index + 1, boundary - start_d, end_t - start_t, hr_bucket))
            index, start_t, start_d, hr_bucket = index + 1, end_t, boundary, []
            boundary += KM
        if sample.hr:
            hr_bucket.append(sample.hr)
    rest = total - start_d
    if rest >= 1:
        splits.append(_split(index + 1, rest, timed[-1].t_s - start_t, hr_bucket))
    return splits


def _split(km: int, distance: float, duration: float, rates: list[float]) -> dict[str, Any]:
    pace = science.pace_s_per_km(distance, duration)
    hr = _mean(rates)
    return {
        "km": km,
        "distance_m": round(distance, 1),
        "duration_s": round(duration, 1),
        "pace_s_per_km": round(pace, 1) if pace else None,
        "avg_hr": round(hr, 1) if hr else None,
    }


def splits_from_list(splits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored or sent splits, in the same shape (their own distances, in order)."""
    result = []
    for index, split in enumerate(splits, start=1):
        distance, duration = split.get("distance_m"), split.get("duration_s")
        if not distance or not duration:
            continue
        result.append(
            _split(
                index,
                float(distance),
                float(duration),
                [split["avg_hr"]] if split.get("avg_hr") else [],
            )
        )
    return result


def pace_drift_pct(splits: list[dict[str, Any]]) -> float | None:
    """Second half's pace against the first's, by distance (positive: slower at the end)."""
    total = sum(s["distance_m"] for s in splits)
    if len(splits) < 2 or not total:
        return None
    halves = [[0.0, 0.0], [0.0, 0.0]]  # [distance, duration] of each half
    covered = 0.0
    for split in splits:
        distance, duration = split["distance_m"], split["duration_s"]
        first_part = min(distance, max(0.0, total / 2 - covered))
        share = first_part / distance
        halves[0][0] += first_part
        halves[0][1] += duration * share
        halves[1][0] += distance - first_part
        halves[1][1] += duration * (1 - share)
        covered += distance
    first, second = (h[1] / h[0] for h in halves)
    return round((second - first) / first * 100, 2)


def hr_drift_pct(samples: Sequence[Sample]) -> float | None:
    """Aerobic decoupling (Pa:HR) over the two halves by time; None without HR and distance."""
    usable = [s for s in samples if s.hr and s.distance_m is not None]
    if len(usable) < 4:
        return None
    middle = usable[0].t_s + (usable[-1].t_s - usable[0].t_s) / 2
    halves = [[s for s in usable if s.t_s <= middle], [s for s in usable if s.t_s >= middle]]
    ratios = []
    for half in halves:
        seconds = half[-1].t_s - half[0].t_s
        metres = (half[-1].distance_m or 0.0) - (half[0].distance_m or 0.0)
        heart = statistics.fmean(s.hr for s in half if s.hr)
        if seconds <= 0 or heart <= 0:
            return None
        ratios.append(metres / seconds / heart)
    if not ratios[0]:
        return None
    return round((ratios[0] - ratios[1]) / ratios[0] * 100, 2)


def time_in_zones(samples: Sequence[Sample], zones: list[tuple[float, float]]) -> dict[str, float]:
    """Seconds spent in each Karvonen zone (each sample's HR holds until the next sample)."""
    spent = {f"z{n}": 0.0 for n in range(1, len(zones) + 1)}
    spent["below_z1"] = 0.0
    for current, following in itertools.pairwise(samples):
        if not current.hr:
            continue
        zone = science.hr_zone(current.hr, zones)
        spent["below_z1" if zone is None else f"z{zone}"] += following.t_s - current.t_s
    return {key: round(value, 1) for key, value in spent.items()}


def compared_to_recent(athlete: Athlete, run: RunData, on: date) -> dict[str, Any] | None:
    """This run against the athlete's runs of the last 4 weeks within 20 % of its distance."""
    if not run.distance_m:
        return None
    low, high = run.distance_m * (1 - SIMILAR_DISTANCE), run.distance_m * (1 + SIMILAR_DISTANCE)
    since = datetime.combine(on - timedelta(weeks=RECENT_WEEKS), datetime.min.time(), athlete.zone)
    rows = RunSession.objects.filter(
        user_id=athlete.user_id,
        activity="run",
        started_at__gte=since,
        distance_m__gte=low,
        distance_m__lte=high,
    )
    if run.run_id is not None:
        rows = rows.exclude(pk=run.run_id)
    runs = list(rows.values_list("distance_m", "duration_s", "avg_hr"))
    if not runs:
        return {"runs": 0, "avg_pace_s_per_km": None, "pace_diff_pct": None, "avg_hr": None}
    paces = [duration / (distance / KM) for distance, duration, _hr in runs if distance]
    mean_pace = statistics.fmean(paces)
    rates = [hr for _d, _t, hr in runs if hr]
    pace = science.pace_s_per_km(run.distance_m, run.duration_s)
    return {
        "runs": len(runs),
        "avg_pace_s_per_km": round(mean_pace, 1),
        "pace_diff_pct": round((pace - mean_pace) / mean_pace * 100, 2) if pace else None,
        "avg_hr": round(statistics.fmean(rates), 1) if rates else None,
    }


def run_metrics(athlete: Athlete, run: RunData) -> dict[str, Any]:
    """The ``metrics`` of POST /api/running/analyze."""
    on = run.started_at.astimezone(athlete.zone).date() if run.started_at else athlete.today
    missing: list[str] = []
    pace = science.pace_s_per_km(run.distance_m, run.duration_s)
    splits = splits_from_samples(run.samples) if run.samples else splits_from_list(run.splits)
    hr_max, hr_max_source = athlete.hr_max(on)
    if run.max_hr and (hr_max is None or run.max_hr > hr_max):
        hr_max, hr_max_source = float(run.max_hr), "this run"
    rest = athlete.resting_hr
    zones = None
    if rest is None:
        missing.append("resting_hr: set it on your profile for heart-rate zones and TRIMP")
    if hr_max is None:
        missing.append("max_hr or birth_year: set one on your profile for heart-rate zones")
    if rest is not None and hr_max is not None and hr_max > rest:
        zones = science.karvonen_zones(rest, hr_max)
    trimp = None
    if zones and run.avg_hr and rest is not None and hr_max is not None:
        trimp = science.trimp(run.duration_s / 60, run.avg_hr, rest, hr_max, athlete.sex)
    race_like = run.race or (run.rpe is not None and run.rpe >= RACE_RPE)
    vdot = None
    if race_like and run.distance_m and run.distance_m >= MIN_VDOT_DISTANCE_M:
        vdot = round(science.vdot(run.distance_m, run.duration_s), 1)
    if run.rpe is None:
        missing.append("rpe: rate the run 1-10 for its training load")
    load = session_load(run.rpe, run.duration_s / 60)
    return {
        "run_id": run.run_id,
        "date": on.isoformat(),
        "distance_m": round(run.distance_m, 1) if run.distance_m else None,
        "duration_s": round(run.duration_s, 1),
        "pace_s_per_km": round(pace, 1) if pace else None,
        "avg_hr": round(run.avg_hr, 1) if run.avg_hr else None,
        "splits": splits,
        "pace_drift_pct": pace_drift_pct(splits),
        "hr_drift_pct": hr_drift_pct(run.samples),
        "hr_zones": [[round(low), round(high)] for low, high in zones] if zones else None,
        "hr_max_source": hr_max_source,
        "time_in_zones_s": time_in_zones(run.samples, zones) if zones and run.samples else None,
        "trimp": round(trimp, 1) if trimp is not None else None,
        "session_load": load,
        "race_like": race_like,
        "vdot": vdot,
        "training_paces": (
            {
                key: [round(fast), round(slow)]
                for key, (fast, slow) in science.training_paces(vdot).items()
            }
            if vdot
            else None
        ),
        "compared_to_recent": compared_to_recent(athlete, run, on),
        "missing_inputs": missing,
    }
