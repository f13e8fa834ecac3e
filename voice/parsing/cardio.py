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
    FILLER,
    FOR,
    IN,
    LAPS,
    NOTE,
    NUM,
    OF,
    PACE,
    REPS,
    SETS,
    WORD,
    Item,
    X,
    unuse,
    use,
)
from voice.parsing.vocabulary import (
    ACTIVITY_WORDS,
    APPROXIMATE_WORDS,
    DIST_UNITS,
    EASY_SPIN_WORDS,
    INTERVAL_WORDS,
    LADDER_WORDS,
    LISTED_TIMES_LEAD,
    MAX_BARE_REPEAT_S,
    MAX_REPEATS,
    MAX_SPEED_M_S,
    MIN_REPEAT_M,
    MIN_REPEAT_SPEED_M_S,
    ONE_DISTANCE_WORDS,
    PACE_BASE_M,
    RECOVERY_HOW_WORDS,
    RECOVERY_MARKS,
    RECOVERY_WORDS,
    TIME_LEAD_WORDS,
    TRACK_LAP_M,
    WARM_UP_WORDS,
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
    awaiting_count: bool = False  # "800 meter repeats, 5 of them": the count comes next

    def recover(self, clause: list[Item], *, then_said: bool = False) -> bool:
        """ "90 seconds jog between", "30 seconds easy": the rest between the repeats.

        Easy running said after "then" with no word of a rest ("then 20 minutes easy"), or
        called a warm-up or cool-down, is a part of the session of its own."""
        said = any(
            {*item.text.split()[:1], *item.text.split()[-1:]} & RECOVERY_WORDS for item in clause
        )
        if not self.splits or not said or self.awaiting_count:
            return False  # "800s, 6 of them at 2:55 with 400 jog": the count comes first
        words = {word for item in clause for word in item.text.split()}
        if words & WARM_UP_WORDS or (then_said and not words & RECOVERY_MARKS):
            return False
        rest = _recovery(clause)
        if rest is None:
            # "walk back recovery", "jog down recovery": how, with nothing to log
            return not any(item.has_number for item in clause) and words <= RECOVERY_HOW_WORDS

        self.recovery_s, self.recovery_m = rest
        return True

    def split_times(self, clause: list[Item]) -> bool:
        """ "splits 4:35, 4:30, 4:28": one time per equal part of the distance."""
        clocks = [item for item in clause if item.kind in (CLOCK, DUR, PACE)]
        if not any(item.text in ("splits", "split") for item in clause) or not clocks:
            return False
        part = self.distance_m / len(clocks) if self.distance_m else None
        self.splits = [Split(part, whole(item.value)) for item in clocks]
        if self.duration_s is None:
            self.duration_s = sum(item.value for item in clocks)  # the run is its splits
        use(*clocks)
        return True

    def count_repeats(self, clause: list[Item]) -> bool:
        """ "400 meter repeats, 6 of them in 80 seconds": the count said after the repeat."""
        count = next((item for item in clause if item.kind == SETS), None)
        times = [item for item in clause if item.kind in (CLOCK, DUR)]
        if self.awaiting_count and count is None and len(times) >= 2 and len(times) == len(clause):
            use(*times)  # "1k repeats: 3:50, 3:48, 3:45": one time per repeat
            self.awaiting_count = False
            first = self.splits[0]
            self.splits = [Split(first.distance_m, whole(item.value)) for item in times]
            self.distance_m = first.distance_m * len(times) if first.distance_m else None
            self.duration_s = sum(item.value for item in times)
            return True
        if not self.awaiting_count or count is None or not 2 <= count.value <= MAX_REPEATS:
            return False
        use(count)
        self.awaiting_count = False
        self.splits = self.splits[:1] * int(count.value)
        if self.distance_m is not None:
            self.distance_m *= count.value
        if self.duration_s is not None:
            self.duration_s *= count.value
        rest = [item for item in clause if item is not count]
        recovery = _recovery(rest)
        if recovery is not None:
            self.recovery_s, self.recovery_m = recovery  # "6 of them at 2:55 with 400 jog"
            rest = [item for item in rest if not item.used]
        if any(item.kind in (DUR, CLOCK) for item in rest):
            self.each_repeat(rest)
        return True

    def listed_repeat_times(self, clause: list[Item]) -> bool:
        """ "5 x 1000 meters, 3:58, 3:55, 3:54, 3:52, 3:50", "8 x 400: 88, 87, ...": one time
        per repeat, said after the repeats (bare numbers are seconds)."""
        if len(self.splits) < 2 or any(split.duration_s is not None for split in self.splits):
            return False
        while clause and clause[0].kind == WORD and clause[0].text in LISTED_TIMES_LEAD:
            clause = clause[1:]  # "times were 2:50, 2:48, 2:47 and 2:45"
        if len(clause) != len(self.splits):
            return False
        clocks = all(item.kind in (CLOCK, DUR) for item in clause)
        bare = all(item.kind == NUM and 0 < item.value < MAX_BARE_REPEAT_S for item in clause)
        if not (clocks or bare):
            return False
        seconds = [_bare_seconds(item) if item.kind == NUM else item.value for item in clause]
        self.splits = [
            Split(s.distance_m, whole(t)) for s, t in zip(self.splits, seconds, strict=True)
        ]
        self.duration_s = sum(seconds)
        use(*clause)
        return True

    def each_repeat(self, clause: list[Item]) -> bool:
        """ "8 x 400 meter repeats, 75 seconds each": the time (or distance) of every repeat."""
        if self.listed_repeat_times(clause):
            return True
        if not self.splits or any(item.kind in (NUM, X, SETS) for item in clause):
            return False
        times = [item for item in clause if item.kind in (DUR, CLOCK)]
        dists = [item for item in clause if item.kind == DIST]
        first = self.splits[0]
        if len(times) == 1 and not dists and first.duration_s is None:
            slowest = MIN_REPEAT_SPEED_M_S.get(self.activity, 0.0)
            if first.distance_m and first.distance_m / max(times[0].value, 1) < slowest:
                return False  # "8 x 400, took 12 minutes": the whole session, not each repeat
            each = whole(times[0].value)
            self.splits = [Split(s.distance_m, each) for s in self.splits]
            self.duration_s = times[0].value * len(self.splits)
            use(times[0])
            return True
        if len(dists) == 1 and not times and first.distance_m is None:
            each_m = round(dists[0].value, 3)
            self.splits = [Split(each_m, s.duration_s) for s in self.splits]
            self.distance_m = dists[0].value * len(self.splits)
            use(dists[0])
            return True
        return False

    def complete_with(self, said: CardioReading) -> None:
        """A follow-up clause fills what the draft lacks and changes nothing it has.

        A repeat session's totals are its repeats': times that do not fit them ask."""
        if self.splits:
            unuse(*said.distance_items, *said.duration_items)
            if self.calories is None:
                self.calories = said.calories
            else:
                unuse(*said.calorie_items)
            return
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
    said = [i.text for i in clause if i.text in ACTIVITY_WORDS]
    named = [w for w in said if w != "treadmill"] or said  # "treadmill walk" is a walk
    activity = ACTIVITY_WORDS[named[0]] if named else None
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
    times: tuple[float, ...] = ()  # "5 x 1 km in 4:05, 4:02, 4:00, 3:58, 3:55": one each
    distances: tuple[float, ...] = ()  # "ladder 200, 400, 800": one each
    calories: float | None = None  # "echo bike 10 x 10 calories": each one's calories


def _repeat_each(clause: list[Item], k: int, rounds: bool) -> Item | None:
    """What one repeat is, for the count at ``k``: "6 x 800", "5 1k repeats", "5 rounds of
    200m", "8 hill sprints of 30 seconds"; None when the count is no repeat count."""
    item = clause[k]
    at = clause[k + 1 : k + 6]  # what is read after the count: never the whole clause
    if item.kind == SETS or (item.kind == REPS and item.text.split()[-1] in ("rep", "reps")):
        if not rounds or not at or at[0].kind != OF or len(at) < 2:
            return None  # "5 rounds of 200m", "6 reps of 400 meters"
        each = at[1]  # "5 rounds of 200m in 40 seconds each", "3 sets of 1 mile"
        if each.kind == NUM and each.value >= MIN_REPEAT_M and _repeat_time(at[2:]) is not None:
            return each  # "10 reps of 200 in 36 seconds": metres, each in a time
        rounds_of = item.text.endswith(("round", "rounds"))
        return (
            each if each.kind == DIST or (each.kind in (DUR, CAL) and rounds_of) else None
        )  # "5 rounds of 20 cals"
    if item.kind != NUM or not item.value.is_integer() or not at:
        return None
    if len(at) >= 2 and at[0].kind in (DIST, DUR) and at[1].text in INTERVAL_WORDS:
        return at[0]  # "5 1k repeats"
    if len(at) >= 2 and at[0].kind == X:
        return at[1]
    named = 0
    while named < len(at) and named < 3 and at[named].kind == WORD:
        named += 1  # "8 hill sprints of 30 seconds"
    if not any(w.text in INTERVAL_WORDS for w in at[:named]):
        return None
    rest = at[named + 1 :] if named < len(at) and at[named].kind == OF else at[named:]
    if rest and rest[0].kind == NUM and rest[0].value >= MIN_REPEAT_M:
        return rest[0]  # "10 repeats of 200": metres
    return rest[0] if rest and rest[0].kind in (DIST, DUR) else None


def read_repeats(
    clause: list[Item], *, rounds: bool = True, activity: str = "run", default_unit: Unit = "lb"
) -> Repeats | None:
    """Repeats said as "N x <distance or time>", with a time each and a recovery if said.

    ``rounds``: "5 rounds of 200m" counts as repeats (not after a lift with no activity said).
    Also "250 meters 8 times", "4 mile repeats" (four of a mile) and "hill sprints 8 times"
    (a count whose distance or time comes next).
    """
    found = _read_repeats(clause, rounds, activity, default_unit)
    for reworded in (_count_after, _counted_unit):
        if found is not None:
            return found
        said = reworded(clause)
        if said is not None:
            count, items = said
            kind, value = count.kind, count.value
            count.kind, count.value = NUM, _count_value(count)
            found = _read_repeats(items, rounds, activity, default_unit)
            if found is None:
                count.kind, count.value = kind, value
    return found if found is not None else _count_alone(clause)


def _count_value(count: Item) -> float:
    """The count in "8 times" (its value) or in "4 mile" (the number said before the unit)."""
    return count.value if count.kind != DIST else float(count.text.split()[0])


def _count_after(clause: list[Item]) -> tuple[Item, list[Item]] | None:
    """ "row 250 meters 8 times at 1:45 pace": the repeat, then its count."""
    for k, item in enumerate(clause[:-1]):
        count = clause[k + 1]
        if item.kind in (DIST, DUR) and count.kind == REPS and count.text.endswith(" times"):
            return count, [count, Item(X, ""), item, *clause[k + 2 :]]
    return None


def _counted_unit(clause: list[Item]) -> tuple[Item, list[Item]] | None:
    """ "4 mile repeats at 6:45": four repeats of a mile, each timed, when no count is said."""
    for k, item in enumerate(clause[:-1]):
        if item.kind in (NUM, SETS, X, REPS):
            return None  # a count said first: "6 x 2 mile repeats"
        words = item.text.split()
        if (
            item.kind == DIST
            and len(words) == 2
            and words[0].isdigit()
            and 2 <= int(words[0]) <= MAX_REPEATS
            and words[1] in ONE_DISTANCE_WORDS
            and clause[k + 1].text in INTERVAL_WORDS
            and _repeat_time(clause[k + 2 :]) is not None  # else the count may come next
        ):
            each = Item(DIST, words[1], DIST_UNITS[words[1]])
            return item, [*clause[:k], item, each, *clause[k + 1 :]]
    return None


def _count_alone(clause: list[Item]) -> Repeats | None:
    """ "hill sprints 8 times": repeats whose time or distance is said next."""
    counts = [item for item in clause if item.has_number]
    if len(counts) != 1 or not any(item.text in INTERVAL_WORDS for item in clause):
        return None
    count = counts[0]
    k = clause.index(count)
    named = clause[k + 1 :]
    counted_first = (
        count.kind == NUM
        and 0 < len(named) <= 3
        and all(item.kind == WORD for item in named)
        and named[-1].text in INTERVAL_WORDS
    )  # "8 hill repeats": their time or distance said next
    if not (count.kind == REPS and count.text.endswith(" times")) and not counted_first:
        return None
    if not (count.value.is_integer() and 2 <= count.value <= MAX_REPEATS):
        return None
    use(count)
    return Repeats(int(count.value), None, None, None, None)


def _read_repeats(
    clause: list[Item], rounds: bool, activity: str, default_unit: Unit
) -> Repeats | None:
    for k, item in enumerate(clause[:-2]):
        x = k + 2 if clause[k + 1].text in INTERVAL_WORDS else k + 1  # "200 meter repeats x 10"
        after = clause[x + 1] if x + 1 < len(clause) else None
        if item.kind == DIST and clause[x].kind == X and after is not None and after.kind == NUM:
            clause = [after, clause[x], item, *clause[x + 2 :]]  # "400m x 6": 6 x 400m
            break
    trailing = _trailing_count(clause) or _ladder(clause)
    if trailing is not None:
        return trailing
    for k, item in enumerate(clause[:-1]):
        each = _repeat_each(clause, k, rounds)
        if each is None:
            continue
        metres = each.kind == NUM and each.value >= MIN_REPEAT_M  # "6 x 800"
        if not (2 <= item.value <= MAX_REPEATS and (each.kind in (DIST, DUR, CAL) or metres)):
            continue
        rest = clause[clause.index(each) + 1 :]
        if each.kind == CAL:  # "echo bike 10 x 10 calories", "row 5 rounds of 20 cals"
            timed = _repeat_time(rest)
            recovery = _recovery(rest) or (None, None)
            use(item, each, timed[0] if timed else None)
            use(*(i for i in clause[k + 1 : clause.index(each)] if i.kind == X))
            return Repeats(
                count=int(item.value),
                distance_m=None,
                duration_s=timed[1] if timed else None,
                recovery_s=recovery[0],
                recovery_m=recovery[1],
                calories=each.value,
            )
        timed = None if each.kind == DUR else _repeat_time(rest)
        time = timed[0] if timed else None
        seconds = each.value if each.kind == DUR else timed[1] if timed else None
        pace = next((i for i in rest if i.kind == PACE), None)
        if seconds is None and pace is not None and each.kind != DUR:
            time = pace  # "5 x 500m at 1:50 split", "6 x 1 mile at 7 minute pace"
            seconds = pace.value * each.value / _pace_per(pace, activity, None, default_unit)
        recovery = _recovery(rest) or (None, None)
        use(item, each, time, *(i for i in clause[k + 1 : clause.index(each)] if i.kind == X))
        times = _listed_times(rest, time, int(item.value))
        return Repeats(
            count=int(item.value),
            distance_m=None if each.kind == DUR else each.value,
            duration_s=seconds,
            recovery_s=recovery[0],
            recovery_m=recovery[1],
            times=times,
        )
    return None


def _ladder(clause: list[Item]) -> Repeats | None:
    """ "ladder 200, 400, 800, 400, 200 with 200 jog", "200-400-600-400-200 ladder": repeats
    of the distances listed."""
    if not any(item.text in LADDER_WORDS for item in clause):
        return None
    said = [item for item in clause if item.kind != FILLER]  # "200-400-600": the dashes
    listed: list[Item] = []
    end = 0
    for k, item in enumerate(said):
        if _metres(item) and (not listed or k == end):
            listed.append(item)
            end = k + 1
        elif listed:
            break
    if len(listed) < 3:
        return None
    rest = said[end:]
    recovery = _recovery(rest) or (None, None)
    use(*listed)
    return Repeats(
        count=len(listed),
        distance_m=None,
        duration_s=None,
        recovery_s=recovery[0],
        recovery_m=recovery[1],
        distances=tuple(item.value for item in listed),
    )


def _trailing_count(clause: list[Item]) -> Repeats | None:
    """ "1 minute on, 1 minute off for 10 rounds": the repeat first, its count at the end."""
    count = next(
        (
            item
            for k, item in enumerate(clause)
            if k > 0
            and (
                (item.kind == SETS and clause[k - 1].kind == FOR)
                or (item.kind == NUM and clause[k - 1].kind == X and k == len(clause) - 1 > 1)
            )
        ),
        None,
    )  # "... for 10 rounds", "30 seconds hard 30 seconds easy times 10"
    each = next((item for item in clause if item.kind in (DIST, DUR)), None)
    if count is None or each is None or not 2 <= count.value <= MAX_REPEATS:
        return None
    rest = [item for item in clause[clause.index(each) + 1 :] if item is not count]
    recovery = _recovery(rest) or (None, None)
    use(count, each)
    return Repeats(
        count=int(count.value),
        distance_m=each.value if each.kind == DIST else None,
        duration_s=each.value if each.kind == DUR else None,
        recovery_s=recovery[0],
        recovery_m=recovery[1],
    )


def _listed_times(rest: list[Item], first: Item | None, count: int) -> tuple[float, ...]:
    """The time of each repeat when as many times as repeats are listed after the first.

    Bare numbers after a bare first time are seconds like it: "6 by 400 in 75, 74, 73"."""
    if first is None or first.kind not in (CLOCK, DUR, NUM) or first not in rest:
        return ()
    k = next(j for j, item in enumerate(rest) if item is first)
    kinds = (NUM,) if first.kind == NUM else (CLOCK, DUR)
    listed = [first]
    while k + 1 < len(rest) and rest[k + 1].kind in kinds:
        k += 1
        listed.append(rest[k])
    if len(listed) != count or count < 2:
        return ()
    use(*listed)
    return tuple(_bare_seconds(item) if item.kind == NUM else item.value for item in listed)


def _bare_seconds(item: Item) -> float:
    """A time said as a bare number: "85" is seconds, "two fifty" (250) is 2:50."""
    value = item.value
    if value >= 100 and value % 100 < 60 and value.is_integer():
        return value // 100 * 60 + value % 100
    return value


def _repeat_time(rest: list[Item]) -> tuple[Item, float] | None:
    """ "in 38 seconds", "at 2:50", "in 85", "at two fifty": each repeat's time in seconds."""
    rest = [item for item in rest if item.text not in APPROXIMATE_WORDS]  # "in about 85"
    for k, item in enumerate(rest[:-1]):
        after = rest[k + 1]
        if item.text in TIME_LEAD_WORDS and after.kind in (DUR, CLOCK):
            return after, after.value  # "averaging 82 seconds", "hitting 38 seconds"
        if item.kind in (IN, AT) and after.kind in (DUR, CLOCK):
            return after, after.value
        if item.kind in (IN, AT) and after.kind == NUM:
            return after, _bare_seconds(after)  # "in 85", "at two fifty"
    return None


def _recovery(items: list[Item]) -> tuple[float | None, float | None] | None:
    """ "90 seconds jog between" (seconds), "with a 400 jog", "200 meter jog" (metres)."""
    for k, item in enumerate(items):
        if item.kind == NOTE and {item.text.split()[0], item.text.split()[-1]} & RECOVERY_WORDS:
            use(item)
            return item.value, None  # "with 2 minutes rest"
        after = items[k + 1] if k + 1 < len(items) else None
        if after is None or after.text not in RECOVERY_WORDS | EASY_SPIN_WORDS:
            continue  # "with 2 minutes easy spin" on a bike is the recovery too
        if item.kind in (DUR, CLOCK):
            use(item)
            return item.value, None  # "90 seconds jog", "with 1:30 jog"
        if _metres(item):
            use(item)
            return None, item.value
        if item.kind == LAPS:
            use(item)
            return None, item.value * TRACK_LAP_M  # "with 1 lap jog between"
    for k, item in enumerate(items[:-1]):
        j = k + 2 if items[k + 1].kind == OF and k + 2 < len(items) else k + 1
        after = items[j]
        if item.text in ("off", "rest", "recovery") and after.kind in (DUR, CLOCK):
            use(after)
            return after.value, None  # "5 x 1000m off 90 seconds", "with a rest of 90 seconds"
        if item.text == "recovery" and j > k + 1 and _metres(after):
            use(after)
            return None, after.value  # "with a jog recovery of 200"
    return None


def _metres(item: Item) -> bool:
    """A distance, or a bare number large enough to be one ("with 200 jog")."""
    return item.kind == DIST or (item.kind == NUM and item.value >= MIN_REPEAT_M)


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
    if repeats.times:
        draft.splits = [Split(split.distance_m, whole(time)) for time in repeats.times]
        draft.duration_s = sum(repeats.times)
    if repeats.distances:
        draft.splits = [Split(round(metres, 3), None) for metres in repeats.distances]
        draft.distance_m = sum(repeats.distances)
    draft.recovery_s, draft.recovery_m = repeats.recovery_s, repeats.recovery_m
    if repeats.calories is not None:
        draft.calories = repeats.calories * repeats.count
        if distance is None and duration is None:
            draft.splits = []  # repeats counted in calories alone: nothing a split holds
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
