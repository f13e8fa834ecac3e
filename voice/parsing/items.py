"""Lexed items (a number with its meaning: weight, sets, reps, distance...) and their kinds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Item:
    kind: str
    text: str
    value: float = 0.0
    unit: str | None = None
    added: bool = False
    label: str = ""  # "marathon" / "half marathon" for distance items
    per_m: float = 0.0  # for a pace: the distance it is per (0 when not said)


# item kinds
NUM, WEIGHT, SETS, REPS, X, FOR, AT, OF, IN, WITH = (
    "num", "weight", "sets", "reps", "x", "for", "at", "of", "in", "with",
)  # fmt: skip
DIST, DUR, CLOCK, PACE, RPE, RIR, LAST, ALL, ADDED = (
    "dist", "dur", "clock", "pace", "rpe", "rir", "last", "all", "added",
)  # fmt: skip
SEP, FILLER, WORD = "sep", "filler", "word"
CORRECTABLE = frozenset({NUM, WEIGHT, SETS, REPS, DIST, DUR, CLOCK, RPE, RIR})
