"""Loads on the bar: plate rounding, the 5/3/1 tables, and starting loads from an e1RM."""

from __future__ import annotations

import math

from programs import limits
from training.science.rpe import load_for
from training.units import KG_PER_LB

LB_PLATE_KG = float(KG_PER_LB) * limits.PLATE_LB

# Wendler, 5/3/1 (2nd ed., 2011): training max = 90 % of 1RM; three work sets per week of the
# cycle as (fraction of training max, reps), the last set "+" (as many as possible).
TRAINING_MAX = 0.90
WENDLER_WEEKS = (
    ((0.65, 5), (0.75, 5), (0.85, 5)),
    ((0.70, 3), (0.80, 3), (0.90, 3)),
    ((0.75, 5), (0.85, 3), (0.95, 1)),
)
WENDLER_DELOAD = ((0.40, 5), (0.50, 5), (0.60, 5))
# Training-max increase per cycle: 5 lb upper body, 10 lb lower body (about 2.5 / 5 kg).
CYCLE_INCREMENT_PLATES = {"upper": 1, "lower": 2}


def plate_kg(unit_system: str) -> float:
    """The smallest jump on a plate-loaded bar: 2.5 kg, or 5 lb for imperial athletes."""
    return LB_PLATE_KG if unit_system == "imperial" else limits.PLATE_KG


def round_to_plate(kg: float, plate: float, *, down: bool = False) -> float:
    """The nearest multiple of the plate step (or the one below), stored to 0.01 kg."""
    steps = kg / plate
    steps = math.floor(steps + 1e-9) if down else math.floor(steps + 0.5)
    return round(max(steps, 1) * plate, 2)


def deload_ceiling(heaviest_kg: float) -> float:
    """The heaviest load a deload may prescribe after a week whose heaviest was this: 90 % of
    it, with half of the 0.01 kg loads are stored to (a plate-rounded 90 % may sit a hair
    above)."""
    return heaviest_kg * limits.DELOAD_LOAD_RATIO + limits.LOAD_STORED_TOLERANCE_KG


def training_max(one_rm: float) -> float:
    return one_rm * TRAINING_MAX


def wendler_sets(one_rm: float, week: int) -> list[tuple[float, int]]:
    """(kg before rounding, reps) of the three work sets in cycle week 1-3, or 4 (deload)."""
    table = WENDLER_DELOAD if week == 4 else WENDLER_WEEKS[week - 1]
    tm = training_max(one_rm)
    return [(tm * fraction, reps) for fraction, reps in table]


def start_load(e1rm: float, reps: int, rpe: float, plate: float) -> float:
    """A first working load from the RPE chart, rounded down to the plate (start conservative)."""
    return round_to_plate(load_for(e1rm, min(reps, 12), rpe), plate, down=True)
