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
    high: float = 0.0  # for a rep range: its top ("6 to 8")
    num_start: int = -1  # where its first and last number tokens are in the transcript
    num_end: int = -1
    used: bool = False  # its number went into an entry (see ``use``)
    drop: bool = False  # a load said after a drop verb: "dropped 30 pounds" may be the drop

    @property
    def has_number(self) -> bool:
        return self.num_start >= 0


def use(*items: Item | None) -> None:
    """Mark items whose numbers an entry took, for the every-number-accounted-for rule."""
    for item in items:
        if item is not None:
            item.used = True


def unuse(*items: Item) -> None:
    """An entry read these numbers, then kept what it had: "ran 5k in 24 minutes, 25 minutes"."""
    for item in items:
        item.used = False


# item kinds
NUM, WEIGHT, SETS, REPS, X, FOR, AT, OF, IN, WITH = (
    "num", "weight", "sets", "reps", "x", "for", "at", "of", "in", "with",
)  # fmt: skip
DIST, DUR, CLOCK, PACE, RPE, RIR, LAST, ALL, ADDED = (
    "dist", "dur", "clock", "pace", "rpe", "rir", "last", "all", "added",
)  # fmt: skip
SEP, FILLER, WORD = "sep", "filler", "word"
RANGE, CAL, LAPS, SIDE, SETTING = "range", "cal", "laps", "side", "setting"
DROP = "drop"  # "took a plate off each side": the load drops by ``value``
ORDINAL = "ordinal"  # "second set rpe 8": the set (1-based) a rating is said of
AMRAP, NOTE, FIRST = (
    "amrap",
    "note",
    "first",
)  # "as many as possible"; a time that is no set ("2 second pause")
CORRECTABLE = frozenset({NUM, WEIGHT, SETS, REPS, DIST, DUR, CLOCK, RPE, RIR})
