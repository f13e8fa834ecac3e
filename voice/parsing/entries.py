"""What the parser returns: performed sets, strength and cardio entries, the parse result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Unit = Literal["kg", "lb"]
Activity = Literal["run", "bike", "row", "swim", "walk"]


@dataclass(frozen=True)
class SetSpec:
    """One performed set."""

    reps: int
    weight: float | None = None
    unit: Unit | None = None
    rpe: float | None = None
    rir: int | None = None
    added_load: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "reps": self.reps,
            "weight": self.weight,
            "unit": self.unit,
            "rpe": self.rpe,
            "rir": self.rir,
            "added_load": self.added_load,
        }


@dataclass(frozen=True)
class StrengthEntry:
    """A lift and its sets; `spoken_name` is the phrase as said, resolved elsewhere."""

    spoken_name: str
    sets: list[SetSpec]
    kind: Literal["strength"] = field(default="strength", init=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "spoken_name": self.spoken_name,
            "sets": [s.to_dict() for s in self.sets],
        }


@dataclass(frozen=True)
class CardioEntry:
    """A run, ride, row, swim or walk, with distance in metres and duration in seconds."""

    activity: Activity
    distance_m: float | None
    duration_s: int | None
    spoken_name: str
    kind: Literal["cardio"] = field(default="cardio", init=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "activity": self.activity,
            "distance_m": self.distance_m,
            "duration_s": self.duration_s,
            "spoken_name": self.spoken_name,
        }


Entry = StrengthEntry | CardioEntry


@dataclass(frozen=True)
class ParseResult:
    """Entries found in a transcript, and the segments that hold no training."""

    entries: list[Entry]
    unparsed: list[str]

    def to_dict(self) -> dict[str, object]:
        return {"entries": [e.to_dict() for e in self.entries], "unparsed": list(self.unparsed)}


def whole(value: float | None) -> int | None:
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return round(value)
