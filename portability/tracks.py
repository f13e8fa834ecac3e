"""A recorded activity's samples turned into a run: distance, time, heart rate, climb, splits."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime

from portability.records import ParsedRun

SPLIT_M = 1000.0
MIN_LAST_SPLIT_M = 100.0
ACTIVITY_WORDS = (
    ("run", "run"),
    ("jog", "run"),
    ("bik", "bike"),
    ("cycl", "bike"),
    ("ride", "bike"),
    ("walk", "walk"),
    ("hik", "walk"),
    ("swim", "swim"),
    ("row", "row"),
)


@dataclass(frozen=True)
class Sample:
    time: datetime
    distance_m: float | None = None  # cumulative from the start
    heart_rate: int | None = None
    elevation_m: float | None = None


def activity_of(label: str | None) -> str:
    """The file's sport ("Running", "cycling", "Biking", "walking") as one of our activities."""
    text = (label or "").lower()
    for word, activity in ACTIVITY_WORDS:
        if word in text:
            return activity
    return "run"


def run_from_samples(
    samples: list[Sample],
    *,
    activity: str,
    source_name: str,
    distance_m: float | None = None,
    duration_s: float | None = None,
) -> ParsedRun | None:
    """The run the samples describe; totals the file states win over sums of the samples."""
    timed = sorted((s for s in samples if s.time is not None), key=lambda s: s.time)
    if not timed:
        return None
    elapsed = (timed[-1].time - timed[0].time).total_seconds()
    total_s = duration_s if duration_s else elapsed
    distances = [s.distance_m for s in timed if s.distance_m is not None]
    total_m = distance_m if distance_m else (distances[-1] if distances else None)
    rates = [s.heart_rate for s in timed if s.heart_rate]
    return ParsedRun(
        activity=activity,
        started_at=timed[0].time,
        duration_s=max(1, round(total_s)),
        distance_m=round(total_m, 1) if total_m else None,
        avg_hr=round(sum(rates) / len(rates)) if rates else None,
        max_hr=max(rates) if rates else None,
        elevation_gain_m=climb(timed),
        splits=splits(timed),
        source_name=source_name,
    )


def climb(samples: list[Sample]) -> float | None:
    """Metres climbed: the sum of every rise between consecutive samples."""
    heights = [s.elevation_m for s in samples if s.elevation_m is not None]
    if len(heights) < 2:
        return None
    return round(sum(max(0.0, b - a) for a, b in itertools.pairwise(heights)), 1)


def splits(samples: list[Sample]) -> list[dict[str, float | int | None]]:
    """One entry per kilometre (the time at each boundary interpolated), plus the remainder."""
    points = [s for s in samples if s.distance_m is not None]
    if len(points) < 2:
        return []
    result: list[dict[str, float | int | None]] = []
    start_time, start_m = points[0].time, points[0].distance_m or 0.0
    boundary = start_m + SPLIT_M
    rates: list[int] = []
    for before, after in itertools.pairwise(points):
        if after.heart_rate:
            rates.append(after.heart_rate)
        d0, d1 = before.distance_m or 0.0, after.distance_m or 0.0
        while d1 >= boundary:
            fraction = (boundary - d0) / (d1 - d0) if d1 > d0 else 1.0
            crossing = before.time + (after.time - before.time) * fraction
            result.append(
                _split(boundary - start_m, (crossing - start_time).total_seconds(), rates)
            )
            start_time, start_m, rates = crossing, boundary, []
            boundary += SPLIT_M
    last = points[-1]
    remainder = (last.distance_m or 0.0) - start_m
    if remainder >= MIN_LAST_SPLIT_M:
        result.append(_split(remainder, (last.time - start_time).total_seconds(), rates))
    return result


def _split(distance_m: float, duration_s: float, rates: list[int]) -> dict[str, float | int | None]:
    return {
        "distance_m": round(distance_m, 1),
        "duration_s": round(duration_s, 1),
        "avg_hr": round(sum(rates) / len(rates)) if rates else None,
    }
