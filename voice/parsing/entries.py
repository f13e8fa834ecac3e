"""What the parser returns: performed sets, strength and cardio entries, the parse result."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Literal

Unit = Literal["kg", "lb"]
Activity = Literal["run", "bike", "row", "swim", "walk", "ski"]
ConfirmReason = Literal["rep_range", "unused_number", "ambiguous_count"]


@dataclass(frozen=True)
class Confirmation:
    """Why an entry must be confirmed, and the words of the transcript it is about."""

    reason: ConfirmReason
    words: str

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "words": self.words}


@dataclass(frozen=True)
class SetSpec:
    """One performed set: reps, or a duration (holds), or a distance (carries), and its load.

    ``reps`` is None for a hold, a carry, or a rep range (a target, which the entry asks about).
    """

    reps: int | None
    weight: float | None = None
    unit: Unit | None = None
    rpe: float | None = None
    rir: int | None = None
    added_load: bool = False
    duration_s: int | None = None
    distance_m: float | None = None
    per_side: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "reps": self.reps,
            "weight": self.weight,
            "unit": self.unit,
            "rpe": self.rpe,
            "rir": self.rir,
            "added_load": self.added_load,
            "duration_s": self.duration_s,
            "distance_m": self.distance_m,
            "per_side": self.per_side,
        }


@dataclass(frozen=True)
class StrengthEntry:
    """A lift and its sets; `spoken_name` is the phrase as said, resolved elsewhere."""

    spoken_name: str
    sets: list[SetSpec]
    needs_confirmation: Confirmation | None = None
    kind: Literal["strength"] = field(default="strength", init=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "spoken_name": self.spoken_name,
            "sets": [s.to_dict() for s in self.sets],
            "needs_confirmation": _confirmation(self.needs_confirmation),
        }


@dataclass(frozen=True)
class Split:
    """One repeat of an interval session, or one split of a run."""

    distance_m: float | None
    duration_s: int | None

    def to_dict(self) -> dict[str, object]:
        return {"distance_m": self.distance_m, "duration_s": self.duration_s}


@dataclass(frozen=True)
class CardioEntry:
    """A run, ride, row, swim, ski erg or walk: metres, seconds, and repeats when said."""

    activity: Activity
    distance_m: float | None
    duration_s: int | None
    spoken_name: str
    splits: list[Split] = field(default_factory=list)
    recovery_s: int | None = None
    recovery_m: float | None = None
    calories: int | None = None
    needs_confirmation: Confirmation | None = None
    kind: Literal["cardio"] = field(default="cardio", init=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "activity": self.activity,
            "distance_m": self.distance_m,
            "duration_s": self.duration_s,
            "spoken_name": self.spoken_name,
            "splits": [s.to_dict() for s in self.splits],
            "recovery_s": self.recovery_s,
            "recovery_m": self.recovery_m,
            "calories": self.calories,
            "needs_confirmation": _confirmation(self.needs_confirmation),
        }


Entry = StrengthEntry | CardioEntry


@dataclass(frozen=True)
class ParseResult:
    """Entries found in a transcript, and the segments that hold no training."""

    entries: list[Entry]
    unparsed: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [e.to_dict() for e in self.entries], "unparsed": list(self.unparsed)}


def _confirmation(value: Confirmation | None) -> dict[str, str] | None:
    return value.to_dict() if value is not None else None


SET_DEFAULTS: dict[str, Any] = {"duration_s": None, "distance_m": None, "per_side": False}
STRENGTH_DEFAULTS: dict[str, Any] = {"needs_confirmation": None}
CARDIO_DEFAULTS: dict[str, Any] = {
    "splits": [],
    "recovery_s": None,
    "recovery_m": None,
    "calories": None,
    "needs_confirmation": None,
}


def complete_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry dict with every key of today's shape; labels written before it lack some."""
    if entry.get("kind") == "cardio":
        return {**copy.deepcopy(CARDIO_DEFAULTS), **entry}
    sets = [{**SET_DEFAULTS, **s} for s in entry.get("sets", [])]
    return {**STRENGTH_DEFAULTS, **entry, "sets": sets}


def whole(value: float | None) -> int | None:
    """The nearest whole number; None for nothing, NaN or infinity."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return round(value)
