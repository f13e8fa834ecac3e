"""Estimated one-rep max: Epley (1985), Brzycki (1993) and the RIR-adjusted effective-reps form.

Both equations are fitted to sets of roughly 1-12 repetitions; outside that range their error grows
fast (LeSuer et al. 1997, J Strength Cond Res 11:211), so they refuse it. The RIR adjustment counts
the repetitions left in reserve as if performed (effective reps = reps + RIR; Zourdos et al. 2016,
J Strength Cond Res 30:267), with RIR = 10 - RPE when only the RPE was rated.
"""

from __future__ import annotations

MIN_REPS = 1
MAX_REPS = 12
MAX_RPE = 10.0


def _check_reps(reps: int) -> None:
    if not MIN_REPS <= reps <= MAX_REPS:
        raise ValueError(f"e1RM equations hold for {MIN_REPS}-{MAX_REPS} reps, not {reps}")


def epley(weight: float, reps: int) -> float:
    """Epley: ``w * (1 + r / 30)``; a single is its own 1RM."""
    _check_reps(reps)
    if reps == 1:
        return float(weight)
    return weight * (1 + reps / 30)


def brzycki(weight: float, reps: int) -> float:
    """Brzycki: ``w * 36 / (37 - r)``."""
    _check_reps(reps)
    return weight * 36 / (37 - reps)


def rir_from_rpe(rpe: float) -> float:
    """Repetitions in reserve implied by an RPE rating (RPE 10 = 0 in reserve)."""
    if not 0 <= rpe <= MAX_RPE:
        raise ValueError(f"RPE runs 0-10, not {rpe}")
    return MAX_RPE - rpe


def e1rm_adjusted(
    weight: float, reps: int, *, rir: float | None = None, rpe: float | None = None
) -> float:
    """Epley over effective reps (reps + RIR); RIR from RPE when only RPE is known, else 0."""
    _check_reps(reps)
    if rir is None:
        rir = rir_from_rpe(rpe) if rpe is not None else 0.0
    if rir < 0:
        raise ValueError(f"reps in reserve cannot be negative, not {rir}")
    effective = reps + rir
    if effective <= 1:
        return float(weight)
    return weight * (1 + effective / 30)
