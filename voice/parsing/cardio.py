"""Cardio clauses: activity, distance, duration from a time, a clock or a pace."""

from __future__ import annotations

from dataclasses import dataclass, field

from training.units import METRES_PER_MILE
from voice.parsing.entries import Activity, CardioEntry, Confirmation, Split, Unit, whole
from voice.parsing.items import (
    AT,
    CAL,
    CLOCK,
    DIST,
    DUR,
    IN,
    LAPS,
    NOTE,
    NUM,
    PACE,
    Item,
    X,
    unuse,
    use,
)
from voice.parsing.vocabulary import (
    ACTIVITY_WORDS,
    DIST_UNITS,
    INTERVAL_WORDS,
    MAX_REPEATS,
    MAX_SPEED_M_S,
    MIN_REPEAT_M,
    PACE_BASE_M,
    RECOVERY_WORDS,
)


@dataclass
class CardioDraft:
    activity: Activity
    distance_m: float | None
    duration_s: float | None
    name: str
    clock_guess: bool = False  # duration came from an ambiguous "m:ss" reading
    calories: float | None = None
    items: list[Item] = field(default_factory=list)  # every item of its clauses
    splits: list[Split] = field(default_factory=list)
    recovery_s: float | None = None
    recovery_m: float | None = None

    def recover(self, clause: list[Item]) -> bool:
        """ "90 seconds jog between", "30 seconds easy": the rest between the repeats."""
        if not self.splits or not any(item.text in RECOVERY_WORDS for item in clause):
            return False
        rest = _recovery(clause)
        if rest is None:
            return False
        self.recovery_s, self.recovery_m = rest
        return True

    def split_times(self, clause: list[Item]) -> bool:
        """ "splits 4:35, 4:30, 4:28": one time per equal part of the distance."""
        clocks = [item for item in clause if item.kind in (CLOCK, DUR, PACE)]
        if not any(item.text in ("splits", "split") for item in clause) or not clocks:
            return False
        part = self.distance_m / len(clocks) if self.distance_m else None
        self.splits = [Split(part, whole(item.value)) for item in clocks]
        use(*clocks)
        return True

    def complete_with(self, said: CardioReading) -> None:
        """A follow-up clause fills what the draft lacks and changes nothing it has."""
        if self.distance_m is None:
            self.distance_m = said.distance_m
        else:
            unuse(*said.distance_items)
        if self.duration_s is None:
            self.duration_s, self.clock_guess = said.duration_s, said.clock_guess
        else:
            unuse(*said.duration_items)
        if self.calories is None:
            self.calories = said.calories
        else:
            unuse(*said.calorie_items)


@dataclass(frozen=True)
class CardioReading:
    """What one cardio clause says; the activity is None when no activity word was said."""

    activity: Activity | None
    label: str
    distance_m: float | None
    duration_s: float | None
    clock_guess: bool
    calories: float | None = None
    distance_items: tuple[Item, ...] = ()
    duration_items: tuple[Item, ...] = ()
    calorie_items: tuple[Item, ...] = ()


def read_cardio(clause: list[Item], default_unit: Unit) -> CardioReading:
    """Activity, distance and duration of a clause; "a half marathon" alone is a run."""
    activity = next((ACTIVITY_WORDS[i.text] for i in clause if i.text in ACTIVITY_WORDS), None)
    label = next((i.label for i in clause if i.kind == DIST and i.label), "")
    dist = next((i for i in clause if i.kind == DIST), None)
    laps = next((i for i in clause if i.kind == LAPS), None)
    distance = dist.value if dist is not None else None
    if distance is not None and laps is not None:
        distance *= laps.value  # "40 lengths of a 25 meter pool"
    duration, clock_guess, duration_items = cardio_duration(clause)
    cal = next((i for i in clause if i.kind == CAL), None)
    if activity is None and label:
        activity = "run"
    pace = next((item for item in clause if item.kind == PACE), None)
    paced_as = activity or "run"
    if pace is not None and duration is None and distance is not None and pace.per_m >= 0:
        duration = pace.value * distance / _pace_per(pace, paced_as, dist, default_unit)
        duration_items = (pace,)
    elif pace is not None and pace.value > 0 and distance is None and duration is not None:
        distance = duration / pace.value * _pace_per(pace, paced_as, None, default_unit)
        duration_items = (*duration_items, pace)  # "40 minutes at 8 minute mile pace"
    distance_items = tuple(i for i in (dist, laps) if i is not None)
    use(*distance_items, *duration_items, cal)
    return CardioReading(
        activity,
        label,
        distance,
        duration,
        clock_guess,
        cal.value if cal is not None else None,
        distance_items,
        duration_items,
        (cal,) if cal is not None else (),
    )


@dataclass(frozen=True)
class Repeats:
    """ "8 times 200 meters in 38 seconds": how many, and each one's distance and time."""

    count: int
    distance_m: float | None
    duration_s: float | None
    recovery_s: float | None
    recovery_m: float | None


def read_repeats(clause: list[Item]) -> Repeats | None:
    """Repeats said as "N x <distance or time>", with a time each and a recovery if said."""
    for k, item in enumerate(clause[:-1]):
        said_as_repeats = (
            k + 2 < len(clause)
            and clause[k + 1].kind in (DIST, DUR)
            and clause[k + 2].text in INTERVAL_WORDS
        )  # "5 1k repeats"
        if item.kind != NUM or not item.value.is_integer():
            continue
        if said_as_repeats:
            each = clause[k + 1]
        elif k + 2 < len(clause) and clause[k + 1].kind == X:
            each = clause[k + 2]
        else:
            continue
        metres = each.kind == NUM and each.value >= MIN_REPEAT_M  # "6 x 800"
        if not (2 <= item.value <= MAX_REPEATS and (each.kind in (DIST, DUR) or metres)):
            continue
        rest = clause[clause.index(each) + 1 :]
        time = None if each.kind == DUR else _repeat_time(rest)
        recovery = _recovery(rest) or (None, None)
        use(item, clause[k + 1], each, time)
        return Repeats(
            count=int(item.value),
            distance_m=None if each.kind == DUR else each.value,
            duration_s=each.value if each.kind == DUR else time.value if time else None,
            recovery_s=recovery[0],
            recovery_m=recovery[1],
        )
    return None


def _repeat_time(rest: list[Item]) -> Item | None:
    """ "in 38 seconds", "at 2:50", "in 85": each repeat's time."""
    for k, item in enumerate(rest[:-1]):
        if item.kind in (IN, AT) and rest[k + 1].kind in (DUR, CLOCK):
            return rest[k + 1]
        if item.kind == IN and rest[k + 1].kind == NUM:
            return rest[k + 1]
    return None


def _recovery(items: list[Item]) -> tuple[float | None, float | None] | None:
    """ "90 seconds jog between" (seconds), "with a 400 jog", "200 meter jog" (metres)."""
    for k, item in enumerate(items):
        if item.kind == NOTE and item.text.rsplit(" ", 1)[-1] in RECOVERY_WORDS:
            use(item)
            return item.value, None  # "with 2 minutes rest"
        after = items[k + 1] if k + 1 < len(items) else None
        if after is None or after.text not in RECOVERY_WORDS:
            continue
        if item.kind == DUR:
            use(item)
            return item.value, None
        if item.kind == DIST or (item.kind == NUM and item.value >= MIN_REPEAT_M):
            use(item)
            return None, item.value
    return None


def cardio_duration(clause: list[Item]) -> tuple[float | None, bool, tuple[Item, ...]]:
    """Seconds from "24 minutes 30 seconds", "7:45", "in 24", "in seven forty five"."""
    for item in clause:
        if item.kind == DUR:
            return item.value, False, (item,)
        if item.kind == CLOCK:
            return item.value, item.text.count(":") == 1, (item,)
    for i, item in enumerate(clause[:-1]):
        nxt = clause[i + 1]
        if item.kind != IN or nxt.kind != NUM:
            continue
        after = clause[i + 2] if i + 2 < len(clause) else None
        if after is not None and after.kind == NUM and after.value < 60:
            return nxt.value * 60 + after.value, True, (nxt, after)  # "in 24 30"
        if nxt.value >= 100 and nxt.value % 100 < 60:
            minutes, seconds = nxt.value // 100, nxt.value % 100
            return minutes * 60 + seconds, True, (nxt,)  # "in seven forty five"
        return nxt.value * 60, False, (nxt,)  # "in 24": minutes
    return None, False, ()


def _pace_per(pace: Item, activity: str, dist: Item | None, default_unit: Unit) -> float:
    """The distance a pace is per: as said, else the sport's, else the spoken or usual unit."""
    per = pace.per_m or PACE_BASE_M.get(activity, 0.0)
    if per:
        return per
    spoken_unit = DIST_UNITS.get(dist.text.rsplit(" ", 1)[-1], 1.0) if dist is not None else 1.0
    return spoken_unit if spoken_unit > 1 else METRES_PER_MILE if default_unit == "lb" else 1000.0


def repeat_draft(repeats: Repeats, activity: Activity, name: str) -> CardioDraft:
    """One session whose splits are the repeats; its totals are their sums (the work only)."""
    distance = repeats.distance_m
    duration = repeats.duration_s
    split = Split(
        round(distance, 3) if distance is not None else None,
        whole(duration),
    )
    draft = CardioDraft(
        activity,
        distance * repeats.count if distance is not None else None,
        duration * repeats.count if duration is not None else None,
        name,
    )
    draft.splits = [split] * repeats.count
    draft.recovery_s, draft.recovery_m = repeats.recovery_s, repeats.recovery_m
    return draft


def finish_cardio(draft: CardioDraft, confirm: Confirmation | None = None) -> CardioEntry:
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
        calories=whole(draft.calories),
        splits=list(draft.splits),
        recovery_s=whole(draft.recovery_s),
        recovery_m=round(draft.recovery_m, 3) if draft.recovery_m is not None else None,
        needs_confirmation=confirm,
    )
