"""What every importer produces: workouts with sets, runs with splits, and skipped rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass
class ParsedSet:
    exercise_name: str
    row: int
    reps: int | None = None
    weight_kg: Decimal | None = None
    rpe: Decimal | None = None
    duration_s: int | None = None
    distance_m: float | None = None
    is_warmup: bool = False


@dataclass
class ParsedWorkout:
    started_at: datetime
    title: str
    ended_at: datetime | None = None
    notes: str = ""
    sets: list[ParsedSet] = field(default_factory=list)

    @property
    def natural_key(self) -> str:
        """One athlete cannot start two sessions in the same second: the start is the key."""
        return f"workout:{self.started_at.isoformat(timespec='seconds')}"


@dataclass
class ParsedRun:
    activity: str
    started_at: datetime
    duration_s: int
    distance_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    elevation_gain_m: float | None = None
    splits: list[dict[str, float | int | None]] = field(default_factory=list)
    notes: str = ""
    source_name: str = ""

    @property
    def natural_key(self) -> str:
        return f"run:{self.started_at.isoformat(timespec='seconds')}"


@dataclass(frozen=True)
class Skipped:
    """A row (or file) left out, and why, in words the athlete understands."""

    reason: str
    row: int | None = None
    file: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "file": self.file, "reason": self.reason}


@dataclass
class ParseResult:
    workouts: list[ParsedWorkout] = field(default_factory=list)
    runs: list[ParsedRun] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    rows_read: int = 0

    def extend(self, other: ParseResult) -> None:
        self.workouts += other.workouts
        self.runs += other.runs
        self.skipped += other.skipped
        self.rows_read += other.rows_read

    @property
    def exercise_names(self) -> list[str]:
        """Every distinct exporter exercise name, in first-seen order."""
        seen: dict[str, None] = {}
        for workout in self.workouts:
            for parsed_set in workout.sets:
                seen.setdefault(parsed_set.exercise_name, None)
        return list(seen)
