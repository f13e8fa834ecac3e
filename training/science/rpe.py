"""The RTS RPE chart (Tuchscherer, Reactive Training Systems): %1RM for 1-12 reps at RPE 6.5-10.

The published chart is one descending sequence read diagonally: each extra rep and each half
point of RPE below 10 moves one step down it (2 reps @10 = 1 rep @9 = 95.5 %). Between half
points the chart is interpolated linearly.
"""

from __future__ import annotations

# %1RM in chart order: 1 rep @10, then one step per half RPE point or half a rep.
RTS_SEQUENCE = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0,
    83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3,
    70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6,
)  # fmt: skip
MIN_REPS = 1
MAX_REPS = 12
MIN_RPE = 6.5
MAX_RPE = 10.0


def percent_1rm(reps: int, rpe: float) -> float:
    """The fraction of 1RM that ``reps`` at ``rpe`` represent (1 rep @10 -> 1.0)."""
    if not MIN_REPS <= reps <= MAX_REPS:
        raise ValueError(f"the RPE chart covers {MIN_REPS}-{MAX_REPS} reps, not {reps}")
    if not MIN_RPE <= rpe <= MAX_RPE:
        raise ValueError(f"the RPE chart covers RPE {MIN_RPE}-{MAX_RPE}, not {rpe}")
    position = (reps - 1) * 2 + (MAX_RPE - rpe) * 2
    low = int(position)
    high = min(low + 1, len(RTS_SEQUENCE) - 1)
    share = position - low
    percent = RTS_SEQUENCE[low] + (RTS_SEQUENCE[high] - RTS_SEQUENCE[low]) * share
    return percent / 100


def load_for(e1rm: float, reps: int, rpe: float) -> float:
    """The load for ``reps`` at ``rpe`` given an estimated 1RM (before plate rounding)."""
    return e1rm * percent_1rm(reps, rpe)


def e1rm_from(weight: float, reps: int, rpe: float) -> float:
    """The estimated 1RM implied by ``weight`` lifted for ``reps`` at ``rpe``."""
    return weight / percent_1rm(reps, rpe)
