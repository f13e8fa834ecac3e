"""Cardio clauses: activity, distance, duration from a time, a clock or a pace."""

from __future__ import annotations

from dataclasses import dataclass

from voice.parsing.entries import Activity, CardioEntry, Unit, whole
from voice.parsing.items import CLOCK, DIST, DUR, IN, NUM, PACE, Item
from voice.parsing.vocabulary import ACTIVITY_WORDS, DIST_UNITS, MAX_SPEED_M_S, MILE_M, PACE_BASE_M


@dataclass
class CardioDraft:
    activity: Activity
    distance_m: float | None
    duration_s: float | None
    name: str
    clock_guess: bool = False  # duration came from an ambiguous "m:ss" reading

    def complete_with(self, said: CardioReading) -> None:
        """A follow-up clause fills what the draft lacks and changes nothing it has."""
        if self.distance_m is None:
            self.distance_m = said.distance_m
        if self.duration_s is None:
            self.duration_s, self.clock_guess = said.duration_s, said.clock_guess


@dataclass(frozen=True)
class CardioReading:
    """What one cardio clause says; the activity is None when no activity word was said."""

    activity: Activity | None
    label: str
    distance_m: float | None
    duration_s: float | None
    clock_guess: bool


def read_cardio(clause: list[Item], default_unit: Unit) -> CardioReading:
    """Activity, distance and duration of a clause; "a half marathon" alone is a run."""
    activity = next((ACTIVITY_WORDS[i.text] for i in clause if i.text in ACTIVITY_WORDS), None)
    label = next((i.label for i in clause if i.kind == DIST and i.label), "")
    distance = next((i.value for i in clause if i.kind == DIST), None)
    duration, clock_guess = cardio_duration(clause)
    if activity is None and label:
        activity = "run"
    if duration is None and distance is not None and activity is not None:
        duration = paced_duration(clause, activity, distance, default_unit)
    return CardioReading(activity, label, distance, duration, clock_guess)


def cardio_duration(clause: list[Item]) -> tuple[float | None, bool]:
    """Seconds from "24 minutes 30 seconds", "7:45", "in 24", "in seven forty five"."""
    for item in clause:
        if item.kind == DUR:
            return item.value, False
        if item.kind == CLOCK:
            return item.value, item.text.count(":") == 1
    for i, item in enumerate(clause[:-1]):
        nxt = clause[i + 1]
        if item.kind != IN or nxt.kind != NUM:
            continue
        after = clause[i + 2] if i + 2 < len(clause) else None
        if after is not None and after.kind == NUM and after.value < 60:
            return nxt.value * 60 + after.value, True  # "in 24 30"
        if nxt.value >= 100 and nxt.value % 100 < 60:
            return (nxt.value // 100) * 60 + nxt.value % 100, True  # "in seven forty five"
        return nxt.value * 60, False  # "in 24": minutes
    return None, False


def paced_duration(
    clause: list[Item], activity: Activity, distance: float, default_unit: Unit
) -> float | None:
    """Distance times pace; a pace said without its distance is per the spoken distance unit."""
    pace = next((item for item in clause if item.kind == PACE), None)
    if pace is None:
        return None
    per = pace.per_m or PACE_BASE_M.get(activity, 0.0)
    if not per:
        dist = next(item for item in clause if item.kind == DIST)
        spoken_unit = DIST_UNITS.get(dist.text.rsplit(" ", 1)[-1], 1.0)
        per = spoken_unit if spoken_unit > 1 else MILE_M if default_unit == "lb" else 1000.0
    return pace.value * distance / per


def finish_cardio(draft: CardioDraft) -> CardioEntry:
    duration = draft.duration_s
    if (
        draft.clock_guess
        and duration
        and draft.distance_m
        and draft.distance_m / duration > MAX_SPEED_M_S[draft.activity]
    ):
        duration *= 60  # "half marathon in 1:45" means 1 h 45 min, not 1 min 45 s
    distance = round(draft.distance_m, 3) if draft.distance_m is not None else None
    return CardioEntry(
        activity=draft.activity,
        distance_m=distance,
        duration_s=whole(duration),
        spoken_name=draft.name,
    )
