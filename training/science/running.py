"""Running formulas: pace, Daniels-Gilbert VDOT and training paces, max HR, Karvonen zones, TRIMP.

Sources: Daniels & Gilbert, *Oxygen Power* (1979) for the VO2-velocity and %VO2max-duration curves;
Daniels, *Daniels' Running Formula* (3rd ed., 2014) for the E/M/T/I/R intensities; Tanaka, Monahan &
Seals 2001 (J Am Coll Cardiol 37:153) for max HR = 208 - 0.7 x age; Karvonen et al. 1957 for zones
on heart-rate reserve; Banister 1991 for the training impulse (TRIMP).
"""

from __future__ import annotations

import itertools
import math

from training.units import METRES_PER_MILE

METRES_PER_KM = 1000.0
MARATHON_M = 42195.0

# Daniels' intensities as fractions of VDOT, (fast end, slow end). T (88 %) and I (97.5 %) sit in
# the middle of their bands and reproduce the book's tables (VDOT 49: T 4:20/km, I 3:59/km); E's
# table value is ~67 % (VDOT 49: 8:40/mi); R is ~106 % (I minus 6 s per 400 m). M is not a band of
# VDOT but the marathon pace the VDOT predicts, +/- 1 % of intensity.
PACE_BANDS = {
    "E": (0.72, 0.62),
    "T": (0.90, 0.86),
    "I": (1.00, 0.95),
    "R": (1.08, 1.04),
}
MARATHON_BAND = 0.01

KARVONEN_BOUNDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
TANAKA_INTERCEPT = 208.0
TANAKA_SLOPE = 0.7
# Banister's weighting y = a * e^(b * HRr), by sex.
TRIMP_WEIGHTS = {"male": (0.64, 1.92), "female": (0.86, 1.67)}


def pace_s_per_km(distance_m: float | None, duration_s: float | None) -> float | None:
    """Seconds per kilometre, or None when either side is missing or zero (or the pace is not
    finite: 3000 s over 1e-310 m)."""
    if not distance_m or not duration_s or distance_m <= 0 or duration_s <= 0:
        return None
    pace = duration_s / (distance_m / METRES_PER_KM)
    return pace if math.isfinite(pace) else None


def pace_s_per_mi(distance_m: float | None, duration_s: float | None) -> float | None:
    """Seconds per mile, or None when either side is missing or zero."""
    per_km = pace_s_per_km(distance_m, duration_s)
    return None if per_km is None else per_km * METRES_PER_MILE / METRES_PER_KM


def vo2_cost(velocity_m_per_min: float) -> float:
    """Oxygen cost (ml/kg/min) of running at a velocity: -4.60 + 0.182258 v + 0.000104 v^2."""
    v = velocity_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def velocity_for_vo2(vo2: float) -> float:
    """The velocity (m/min) whose oxygen cost is ``vo2``: the positive root of ``vo2_cost``."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def vo2max_fraction(minutes: float) -> float:
    """The fraction of VO2max sustainable for a race lasting ``minutes``."""
    return (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def vdot(distance_m: float, time_s: float) -> float:
    """Daniels-Gilbert VDOT of a race: the VO2 cost of its speed over the sustainable fraction."""
    if distance_m <= 0 or time_s <= 0:
        raise ValueError("VDOT needs a positive distance and time")
    minutes = time_s / 60
    return vo2_cost(distance_m / minutes) / vo2max_fraction(minutes)


def race_time_s(vdot_value: float, distance_m: float) -> float:
    """The race time over ``distance_m`` that a VDOT predicts (bisection on ``vdot``)."""
    fast, slow = 1.0, 60.0 * 60 * 24
    for _ in range(100):
        mid = (fast + slow) / 2
        if vdot(distance_m, mid) > vdot_value:
            fast = mid
        else:
            slow = mid
    return (fast + slow) / 2


def _pace_at(vdot_value: float, fraction: float) -> float:
    return 60 * METRES_PER_KM / velocity_for_vo2(vdot_value * fraction)


def training_paces(vdot_value: float) -> dict[str, tuple[float, float]]:
    """E/M/T/I/R paces as (fast, slow) seconds per km for a VDOT."""
    marathon_s = race_time_s(vdot_value, MARATHON_M)
    marathon_fraction = vo2max_fraction(marathon_s / 60)
    paces = {
        key: (_pace_at(vdot_value, hi), _pace_at(vdot_value, lo))
        for key, (hi, lo) in PACE_BANDS.items()
    }
    paces["M"] = (
        _pace_at(vdot_value, marathon_fraction + MARATHON_BAND),
        _pace_at(vdot_value, marathon_fraction - MARATHON_BAND),
    )
    return {key: paces[key] for key in ("E", "M", "T", "I", "R")}


def tanaka_max_hr(age: float) -> float:
    """Age-predicted maximal heart rate: 208 - 0.7 x age (Tanaka 2001)."""
    return TANAKA_INTERCEPT - TANAKA_SLOPE * age


def karvonen_zones(rest: float, max_hr: float) -> list[tuple[float, float]]:
    """Five zones, (low, high) bpm, at 50-60-70-80-90-100 % of heart-rate reserve."""
    if max_hr <= rest:
        raise ValueError("max HR must be above resting HR")
    reserve = max_hr - rest
    bounds = [rest + reserve * share for share in KARVONEN_BOUNDS]
    return list(itertools.pairwise(bounds))


def hr_zone(hr: float, zones: list[tuple[float, float]]) -> int | None:
    """The 1-based zone a heart rate falls in; None below zone 1, zone 5 above its top."""
    if hr < zones[0][0]:
        return None
    for number, (_low, high) in enumerate(zones, start=1):
        if hr < high:
            return number
    return len(zones)


def heart_rate_reserve_fraction(hr_avg: float, hr_rest: float, hr_max: float) -> float:
    """HRr = (HRavg - HRrest) / (HRmax - HRrest), clamped to 0-1."""
    if hr_max <= hr_rest:
        raise ValueError("max HR must be above resting HR")
    return min(1.0, max(0.0, (hr_avg - hr_rest) / (hr_max - hr_rest)))


def trimp(
    minutes: float, hr_avg: float, hr_rest: float, hr_max: float, sex: str | None = None
) -> float:
    """Banister TRIMP = minutes x HRr x a e^(b HRr); both weightings averaged for unknown sex."""
    hrr = heart_rate_reserve_fraction(hr_avg, hr_rest, hr_max)
    weights = [TRIMP_WEIGHTS[sex]] if sex in TRIMP_WEIGHTS else list(TRIMP_WEIGHTS.values())
    factor = sum(a * math.exp(b * hrr) for a, b in weights) / len(weights)
    return minutes * hrr * factor
