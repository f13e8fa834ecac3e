"""Fatigue: the load metrics for one day, its ACWR zone and what the numbers flag.

Zones on the rolling ACWR follow Gabbett 2016 (Br J Sports Med 50:273): under 0.8 low, 0.8-1.3
the "sweet spot", 1.3-1.5 caution, over 1.5 high. Monotony over 2.0 is Foster's (1998) warning
level. A strain spike is this week's strain over 1.5x the mean of the three weeks before it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from analytics.athlete import Athlete
from analytics.loads import LoadEntry, load_entries, window
from training.science import load as science

DISPLAY_DAYS = 28
ZONE_LOW_BELOW = 0.8
ZONE_CAUTION_ABOVE = 1.3
ZONE_HIGH_ABOVE = 1.5
MONOTONY_WARNING = 2.0
STRAIN_SPIKE_RATIO = 1.5
STRAIN_BASELINE_WEEKS = 3

ACWR_LIMITS = (
    "ACWR is a monitoring flag, not an injury probability: the ratio's link with injury comes "
    "from team-sport cohorts, is disputed (Impellizzeri et al. 2020), and says nothing about "
    "any single athlete."
)
FLAG_TEXT = {
    "acwr_high": (
        "Your last 7 days carried more than 1.5x your 4-week average load: a sharp spike.",
        ACWR_LIMITS,
    ),
    "acwr_caution": (
        "Your last 7 days carried 1.3-1.5x your 4-week average load: building faster than usual.",
        ACWR_LIMITS,
    ),
    "acwr_low": (
        "Your last 7 days carried under 0.8x your 4-week average load: a lighter week, which "
        "is fine for recovery but loses fitness if it lasts.",
        ACWR_LIMITS,
    ),
    "monotony_high": (
        "Your daily loads this week are very uniform (monotony over 2.0): add easier days "
        "between hard ones.",
        "Monotony needs rest days to mean much: with few sessions logged it can swing widely.",
    ),
    "strain_spike": (
        "This week's strain (load x monotony) is over 1.5x the average of the three weeks "
        "before it.",
        "Foster linked strain spikes with illness in small groups of athletes; it is a prompt "
        "to check sleep and recovery, not a diagnosis.",
    ),
    "no_load_logged": (
        "No training load is logged for these 28 days: rate each workout and run with a "
        "session RPE (1-10) and keep its duration, and the numbers will follow.",
        "Only workouts with a session RPE and an end time, and runs with an RPE, count.",
    ),
    "missing_inputs": (
        "Some sessions have no RPE or no duration, so their load is not counted: the numbers "
        "understate your real load.",
        "Each missing session is listed in missing_inputs with the reason.",
    ),
}


def zone_for(acwr: float | None) -> str | None:
    """low | sweet_spot | caution | high on the rolling ACWR; None without a chronic load."""
    if acwr is None:
        return None
    if acwr < ZONE_LOW_BELOW:
        return "low"
    if acwr <= ZONE_CAUTION_ABOVE:
        return "sweet_spot"
    if acwr <= ZONE_HIGH_ABOVE:
        return "caution"
    return "high"


def _flag(code: str) -> dict[str, str]:
    message, limits = FLAG_TEXT[code]
    return {"code": code, "message": message, "limits": limits}


def strain_spike(daily: list[float]) -> bool:
    """This week's strain over 1.5x the mean strain of the three weeks before (when defined)."""
    current = science.strain(daily)
    if current is None:
        return False
    earlier = [
        science.strain(daily[: len(daily) - science.ACUTE_DAYS * weeks])
        for weeks in range(1, STRAIN_BASELINE_WEEKS + 1)
    ]
    defined = [value for value in earlier if value]
    if len(defined) < STRAIN_BASELINE_WEEKS:
        return False
    return current > STRAIN_SPIKE_RATIO * sum(defined) / len(defined)


def flags_for(summary: science.LoadSummary, daily: list[float], missing: bool) -> list[dict]:
    zone = zone_for(summary.acwr_rolling)
    codes = []
    if not any(daily[-DISPLAY_DAYS:]):
        codes.append("no_load_logged")
    elif zone in {"high", "caution", "low"}:
        codes.append(f"acwr_{zone}")
    if summary.monotony is not None and summary.monotony > MONOTONY_WARNING:
        codes.append("monotony_high")
    if strain_spike(daily):
        codes.append("strain_spike")
    if missing:
        codes.append("missing_inputs")
    return [_flag(code) for code in codes]


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def daily_loads(entries: list[LoadEntry], as_of: date) -> list[float]:
    """The 180 daily loads ending on ``as_of`` (sessions without a load add nothing)."""
    pairs = [(entry.day, entry.load) for entry in entries if entry.load is not None]
    return science.daily_series(pairs, as_of)


def fatigue_metrics(athlete: Athlete, as_of: date) -> dict[str, Any]:
    """The ``metrics`` of GET /api/analytics/fatigue."""
    first, last = window(as_of, science.HISTORY_DAYS)
    entries = load_entries(athlete, first, last)
    daily = daily_loads(entries, as_of)
    summary = science.summarise(daily)
    shown_from = as_of - timedelta(days=DISPLAY_DAYS - 1)
    missing = [
        entry.as_missing() for entry in entries if entry.load is None and entry.day >= shown_from
    ]
    dates = science.series_dates(as_of, DISPLAY_DAYS)
    return {
        "as_of": as_of.isoformat(),
        "acute_load": round(summary.acute_load, 1),
        "chronic_load": round(summary.chronic_load, 1),
        "acwr_rolling": _round(summary.acwr_rolling, 3),
        "acwr_ewma": _round(summary.acwr_ewma, 3),
        "monotony": _round(summary.monotony, 3),
        "strain": _round(summary.strain, 1),
        "ctl": round(summary.ctl, 1),
        "atl": round(summary.atl, 1),
        "tsb": round(summary.tsb, 1),
        "zone": zone_for(summary.acwr_rolling),
        "flags": flags_for(summary, daily, bool(missing)),
        "daily_loads": [
            {"date": day.isoformat(), "load": round(value, 1)}
            for day, value in zip(dates, daily[-DISPLAY_DAYS:], strict=True)
        ],
        "missing_inputs": missing,
    }
