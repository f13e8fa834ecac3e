"""Training load: Foster session RPE, ACWR (rolling and EWMA), monotony, strain, CTL/ATL/TSB.

Sources: Foster et al. 2001 (J Strength Cond Res 15:109) for session load = session RPE x minutes,
monotony and strain; Hulin et al. 2016 / Gabbett 2016 for the 7:28-day acute:chronic ratio;
Williams et al. 2017 (Br J Sports Med 51:209) for the EWMA form with lambda = 2 / (N + 1);
Banister's fitness-fatigue model as used by Coggan for CTL (42 d) / ATL (7 d) / TSB. Every function
takes the daily loads oldest first, ending on ``as_of``; a day with nothing logged is a 0.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
CHRONIC_WEEKS = CHRONIC_DAYS / ACUTE_DAYS
HISTORY_DAYS = 180
CTL_DAYS = 42
ATL_DAYS = 7


def session_load(rpe: float | None, minutes: float | None) -> float | None:
    """Foster's session load (arbitrary units); None when the RPE or the duration is missing."""
    if rpe is None or minutes is None or minutes <= 0:
        return None
    return float(rpe) * float(minutes)


def daily_series(
    loads: Iterable[tuple[date, float]], as_of: date, days: int = HISTORY_DAYS
) -> list[float]:
    """Sum ``(day, load)`` pairs into one value per day for the ``days`` ending on ``as_of``."""
    start = as_of - timedelta(days=days - 1)
    series = [0.0] * days
    for day, load in loads:
        if start <= day <= as_of:
            series[(day - start).days] += load
    return series


def series_dates(as_of: date, days: int) -> list[date]:
    """The calendar days that a series of ``days`` values ending on ``as_of`` covers."""
    return [as_of - timedelta(days=days - 1 - offset) for offset in range(days)]


def acute_load(daily: Sequence[float]) -> float:
    """Sum of the last 7 daily loads."""
    return float(sum(daily[-ACUTE_DAYS:]))


def chronic_load(daily: Sequence[float]) -> float:
    """Sum of the last 28 daily loads divided by 4 (a weekly average)."""
    return float(sum(daily[-CHRONIC_DAYS:])) / CHRONIC_WEEKS


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def acwr_rolling(daily: Sequence[float]) -> float | None:
    """Acute : chronic workload ratio on rolling sums; None with no chronic load."""
    return _ratio(acute_load(daily), chronic_load(daily))


def ewma(daily: Sequence[float], span: int) -> float:
    """Williams' EWMA from 0: x_t = lambda load_t + (1 - lambda) x_(t-1), lambda = 2 / (N + 1)."""
    smoothing = 2 / (span + 1)
    value = 0.0
    for load in daily:
        value = smoothing * load + (1 - smoothing) * value
    return value


def acwr_ewma(daily: Sequence[float]) -> float | None:
    """EWMA_7 / EWMA_28 over the whole series; None with no chronic load."""
    return _ratio(ewma(daily, ACUTE_DAYS), ewma(daily, CHRONIC_DAYS))


def monotony(daily: Sequence[float]) -> float | None:
    """Mean / population standard deviation of the last 7 days; None when the deviation is 0."""
    week = daily[-ACUTE_DAYS:]
    deviation = statistics.pstdev(week)
    return None if deviation == 0 else statistics.fmean(week) / deviation


def strain(daily: Sequence[float]) -> float | None:
    """Weekly load x monotony; None when monotony is undefined."""
    value = monotony(daily)
    return None if value is None else acute_load(daily) * value


def fitness_fatigue(daily: Sequence[float], span: int) -> list[float]:
    """Every day's x_t = x_(t-1) + (load_t - x_(t-1)) / N, from 0 (CTL for 42, ATL for 7)."""
    values, value = [], 0.0
    for load in daily:
        value += (load - value) / span
        values.append(value)
    return values


@dataclass(frozen=True)
class LoadSummary:
    """Every load metric for one ``as_of``, from the daily loads ending on it."""

    acute_load: float
    chronic_load: float
    acwr_rolling: float | None
    acwr_ewma: float | None
    monotony: float | None
    strain: float | None
    ctl: float
    atl: float
    tsb: float

    def as_dict(self) -> dict[str, float | None]:
        return asdict(self)


def summarise(daily: Sequence[float]) -> LoadSummary:
    """All load metrics for a series ending on ``as_of`` (TSB from the day before)."""
    ctl_series = fitness_fatigue(daily, CTL_DAYS)
    atl_series = fitness_fatigue(daily, ATL_DAYS)
    previous = len(daily) - 2
    tsb = ctl_series[previous] - atl_series[previous] if previous >= 0 else 0.0
    return LoadSummary(
        acute_load=acute_load(daily),
        chronic_load=chronic_load(daily),
        acwr_rolling=acwr_rolling(daily),
        acwr_ewma=acwr_ewma(daily),
        monotony=monotony(daily),
        strain=strain(daily),
        ctl=ctl_series[-1] if ctl_series else 0.0,
        atl=atl_series[-1] if atl_series else 0.0,
        tsb=tsb,
    )


def loads_by_day(loads: Mapping[date, float]) -> list[tuple[date, float]]:
    """Pairs from a day -> load mapping, in day order."""
    return sorted(loads.items())
