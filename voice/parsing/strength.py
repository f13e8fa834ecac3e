"""Strength clauses to sets: groups of "3 sets of 8 at 185", RPE/RIR modifiers, expansion."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from voice.parsing.clauses import is_name_word
from voice.parsing.entries import Confirmation, SetSpec, StrengthEntry, Unit, whole
from voice.parsing.items import (
    ADDED,
    ALL,
    AMRAP,
    AT,
    DIST,
    DROP,
    DUR,
    FILLER,
    FIRST,
    FOR,
    IN,
    LAPS,
    LAST,
    NUM,
    OF,
    ORDINAL,
    RANGE,
    REPS,
    RIR,
    RPE,
    SETS,
    SIDE,
    WEIGHT,
    WITH,
    WORD,
    Item,
    X,
    unuse,
    use,
)
from voice.parsing.vocabulary import BODYWEIGHT_HOLD_RE, BODYWEIGHT_RE, DIST_UNITS

# A group with more sets than this is not expanded: "squat 500 sets of 5" is left for a human.
MAX_EXPANDED_SETS = 100
MAX_LISTED_REPS = 100  # a number in a rep list above this is a load, not a count
MAX_LISTED_HOLDS = 6  # "plank for 60 seconds, then 45 and 40": bare times of more holds


@dataclass
class Group:
    """Sets said together: "3 sets of 8 at 185", "4 x 20 m at 90 kg", "3 x 45 seconds"."""

    sets: float | None = None
    reps: float | None = None
    weight: float | None = None
    unit: str | None = None
    added: bool = False
    rpe: float | None = None
    rir: float | None = None
    last_rpe: float | None = None
    last_rir: float | None = None
    duration: float | None = None
    distance: float | None = None
    per_side: bool = False
    range_item: Item | None = None  # "6 to 8": the reps are a target, asked about
    listed: bool = False  # one count of a rep list ("15, 12, 10 at 40 pounds")
    items: list[Item] = field(default_factory=list)  # what it took its values from

    @property
    def has_work(self) -> bool:
        return self.reps is not None or self.duration is not None or self.distance is not None


@dataclass
class Modifier:
    kind: str  # RPE or RIR
    value: float
    last_only: bool
    all_groups: bool


@dataclass
class StrengthDraft:
    name: str
    groups: list[Group] = field(default_factory=list)
    pending: list[Modifier] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # every item of its clauses
    per_set: tuple[str, list[float]] | None = None  # "rpe 6 6 7 7 8": one rating per set
    pending_side: bool = False
    first: tuple[str, int, float] | None = None  # "first two at RPE 7": kind, sets, value
    indexed: list[tuple[str, int, float]] = field(default_factory=list)  # "second set rpe 8"
    # "last set max reps, got 8": the next count is a set of its own at the same load; with
    # ``amrap_last`` it is the last of the sets already said, not one more
    amrap: bool = False
    amrap_last: bool = False
    # "3 sets at 95, 5, 5 and 7": sets said before their counts, one count each
    announced_left: int = 0
    failed_last: bool = False  # "last set to failure": a count said alone next is its reps
    confirm: Confirmation | None = None  # what the parser must ask: "curls 3 12 at 30"


WORK = (NUM, REPS, RANGE, DUR, DIST)  # what a set is made of: reps, a time or a distance


class StrengthBuilder:
    """Applies one clause's items to a strength draft (a small left-to-right grammar)."""

    def __init__(self, draft: StrengthDraft, items: list[Item]) -> None:
        self.draft = draft
        self.items = [item for item in items if item.kind != FILLER]
        self.made_group = False
        self.made: list[Group] = []  # the groups this clause made
        self.last_only = False
        self.all_groups = False
        self.first: int | None = None  # "first two at RPE 7", "first two for 5"
        self.ordinal: int | None = None  # "third set rpe 9": the set the next rating is of

    def at(self, i: int) -> Item | None:
        return self.items[i] if 0 <= i < len(self.items) else None

    def kind(self, i: int) -> str:
        item = self.at(i)
        return item.kind if item else ""

    @property
    def current(self) -> Group | None:
        return self.draft.groups[-1] if self.draft.groups else None

    def new_group(self, work: Item | None = None, **values: object) -> Group:
        group = Group(**values)  # type: ignore[arg-type]
        self.draft.groups.append(group)
        self.made_group = True
        self.made.append(group)
        for mod in self.draft.pending:
            self.apply_modifier(mod, [group])
        self.draft.pending.clear()
        group.per_side, self.draft.pending_side = self.draft.pending_side, False
        if work is not None:
            self.put_work(group, work)
        return group

    @staticmethod
    def put_work(group: Group, item: Item) -> None:
        use(item)
        group.items.append(item)
        if item.kind == DUR:
            group.duration = item.value
        elif item.kind == DIST:
            group.distance = item.value
        else:
            group.reps = item.value
            if item.kind == RANGE:
                group.range_item = item

    def set_weight(self, item: Item, added: bool = False) -> None:
        use(item)
        cur = self.current
        dropped_from = _dropped_from(self.draft.groups, item)
        if cur is None or cur.weight is not None:
            cur = self.new_group()
        cur.items.append(item)
        cur.weight, cur.unit = item.value, item.unit
        if dropped_from is not None and dropped_from.weight is not None:
            cur.weight, cur.unit = dropped_from.weight - item.value, dropped_from.unit
        cur.added = cur.added or added or item.added
        for group in reversed(self.draft.groups[:-1]):
            if not (group.listed and group.weight is None and cur.listed):
                break
            group.weight, group.unit, group.added = cur.weight, cur.unit, cur.added
        if cur.sets is None or is_bodyweight(self.draft.name):
            return
        for group in reversed(self.draft.groups[:-1]):
            if group.weight is not None or not group.has_work or group.sets is None:
                break  # "2 sets of 10 and 1 set of 8 at 140": one load for both
            group.weight, group.unit, group.added = cur.weight, cur.unit, cur.added

    def set_work(self, item: Item) -> None:
        cur = self.current
        if cur is None or cur.has_work:
            cur = self.new_group()
        elif cur.sets is not None and cur.sets > 1 and item in self.items:
            k = self.items.index(item)
            same = [it for it in self.items[k:] if it.kind == item.kind]
            if all(it.kind in (item.kind, FILLER) for it in self.items[k:]):
                if len(same) == cur.sets:
                    cur.sets = None  # "3 sets, 45, 50 and 60 seconds": one time per set
                elif len(same) > 1:
                    cur = self.new_group()  # "5 sets, 40, 35 and 30 seconds": the count asks
        self.put_work(cur, item)

    def weight_reps(self, weight: Item, reps: Item) -> Group:
        cur = self.current
        listed = cur is not None and cur.listed and cur.weight is None  # "15, 12, 10 at 40"
        group = self.new_group(work=reps, listed=listed)
        self.set_weight(weight)
        return group

    def run(self) -> None:
        i = 0
        while i < len(self.items):
            i = self.step(i)

    def step(self, i: int) -> int:
        item = self.items[i]
        kind, nxt = item.kind, self.at(i + 1)
        quantity = (NUM, WEIGHT)
        if kind in (SETS, LAPS):
            return self.sets(i)
        if kind in quantity and self.kind(i + 1) == X and self.kind(i + 2) in WORK:
            return self.times(i)
        cur = self.current
        if kind == X and self.kind(i + 1) == NUM and cur and cur.has_work and cur.sets is None:
            use(item, self.items[i + 1])  # "20 seconds a side x 3"
            cur.sets = self.items[i + 1].value
            return i + 2
        if kind in (DUR, DIST) and self.kind(i + 1) == X and self.kind(i + 2) == NUM:
            use(self.items[i + 1], self.items[i + 2])  # "30 seconds x 3", "20 meters x 4"
            self.new_group(work=item, sets=self.items[i + 2].value)
            return i + 3
        if self.for_homophone(i):  # "squat 225 4 5"
            use(item)
            cur = self.current
            if cur is not None and cur.weight is not None and not cur.has_work:
                self.put_work(cur, self.items[i + 1])
            else:
                self.weight_reps(self.items[i - 1], self.items[i + 1])
            return i + 2
        if kind == WEIGHT and self.kind(i + 1) == FOR and self.kind(i + 3) == X:
            self.set_weight(item)  # "rows 1 plate for 3 x 10"
            return i + 2
        if kind in quantity and self.kind(i + 1) == FOR and self.kind(i + 2) in WORK:
            self.weight_reps(item, self.items[i + 2])
            return i + 3
        if kind == NUM and self.kind(i + 1) == AT and self.kind(i + 2) in quantity:
            listed = len(self.listed_run())
            if listed and listed + 1 == self.loads_from(i + 2) and item.value.is_integer():
                self.new_group(work=item, listed=True)  # "12, 10 and 8 at 30, 35 and 40"
                paired = self.weights_per_listed(i + 2)
                assert paired is not None
                return paired
            self.weight_reps(self.items[i + 2], item)  # "8 at 185": reps, then weight
            return i + 3
        if kind == REPS and item.text.endswith("times") and self.repeats_current():
            assert self.current is not None
            self.current.sets = item.value  # "sled push fifty feet three times"
            use(item)
            return i + 1
        if kind == REPS and item.text.endswith("times") and not (cur and cur.has_work):
            j = i + 2 if self.kind(i + 1) == FOR else i + 1
            target = self.at(j)
            if target is not None and target.kind in (DUR, DIST):
                use(item)  # "plank three times for a minute": the holds, then each one's time
                self.new_group(work=target, sets=item.value).items.append(item)
                return j + 1
        if kind == IN and self.kind(i + 1) == DUR and self.current and self.current.reps:
            return i + 2  # "3 sets of 20 in 5 minutes": a time the log has no place for
        if kind == REPS and self.draft.amrap and cur is not None and cur.has_work:
            self.bare_number(i)  # "last set 8 reps": the max set's count
            return i + 1
        if kind in (REPS, RANGE, DUR, DIST):
            self.set_work(item)
            return i + 1
        if kind == AT and item.text == "@" and self.rated_at(i):
            use(nxt)  # "225 x 3 @ 9": the RPE of that set
            assert cur is not None
            assert nxt is not None
            cur.rpe = nxt.value
            return i + 2
        if kind in (AT, WITH, OF) and nxt is not None and nxt.kind in quantity:
            paired = self.weights_per_listed(i + 1)
            if paired is not None:
                return paired  # "curls 12, 10 and 8 at 30, 35 and 40": one load per set
            self.set_weight(nxt)
            return i + 2
        if kind == ADDED:
            if nxt is not None and nxt.kind in quantity:
                self.set_weight(nxt, added=True)
                return i + 2
            if self.current is not None and self.current.weight is not None:
                self.current.added = True
            return i + 1
        if kind == FOR and nxt is not None and nxt.kind in WORK:
            if nxt.kind == NUM and self.draft.amrap and cur is not None and cur.has_work:
                self.bare_number(i + 1)  # "last set for 6"
            else:
                self.set_work(nxt)
            return i + 2
        if kind == WEIGHT:
            self.set_weight(item)
            return i + 1
        if kind == DROP:
            if cur is not None and cur.weight is not None and cur.weight > item.value:
                self.new_group(weight=cur.weight - item.value, unit=cur.unit, added=cur.added)
            return i + 1
        if kind == NUM:
            self.bare_number(i)
            return i + 1
        if kind == SIDE:
            if self.current is not None and self.current.has_work:
                self.current.per_side = True  # "3 x 10 each leg"
                for group in self.listed_with_current():
                    group.per_side = True  # "holds of 30 and 25 seconds each side"
            else:
                self.draft.pending_side = True
        elif (
            kind == RIR
            and self.last_only
            and item.text.endswith(("failure", "fail"))
            and any(it.kind == NUM for it in self.items[i + 1 :])
        ):
            use(item)  # "the last one to failure": a max set, its count said next
            self.draft.amrap, self.draft.amrap_last = True, True
            self.last_only = False
        elif kind in (RPE, RIR):
            if kind == RIR and self.last_only and item.text.endswith(("failure", "fail")):
                self.draft.failed_last = True  # "last set to failure, got 16": may be counted
            return self.modifier(i)
        elif kind == LAST:
            self.last_only = True
            if self.count_follows(i):
                self.draft.amrap, self.draft.amrap_last = True, True  # "the last one I got 9"
                self.last_only = False
        elif kind == AMRAP:
            self.draft.amrap, self.draft.amrap_last = True, self.last_only
            self.last_only = False
        elif kind == FIRST:
            return self.first_sets(i)
        elif kind == ORDINAL:
            self.ordinal = int(item.value)
        elif kind == ALL:
            self.all_groups = True
        return i + 1

    def listed_run(self) -> list[Group]:
        """The rep list this clause just said, still without a load ("12, 10 and 8")."""
        listed: list[Group] = []
        for group in reversed(self.made):
            if not (group.listed and group.weight is None and group.reps is not None):
                break
            listed.insert(0, group)
        return listed

    def loads_from(self, j: int) -> int:
        k = j
        while self.kind(k) in (NUM, WEIGHT):
            k += 1
        return k - j

    def weights_per_listed(self, j: int) -> int | None:
        """As many loads from ``j`` as the rep list just said: one each, in order."""
        listed = self.listed_run()
        k = j + self.loads_from(j)
        if len(listed) < 2 or k - j != len(listed):
            return None
        loads = self.items[j:k]
        unit = loads[-1].unit
        for group, load in zip(listed, loads, strict=True):
            use(load)
            group.items.append(load)
            group.weight, group.unit = load.value, load.unit or unit
        return k

    def listed_with_current(self) -> list[Group]:
        """The groups this clause made just before the current one, of its kind, unloaded."""
        cur = self.current
        assert cur is not None
        timed = cur.duration is not None
        run: list[Group] = []
        for group in reversed(self.made[:-1] if self.made and self.made[-1] is cur else []):
            same = (group.duration is not None) == timed and (group.reps is not None) != timed
            if not same or group.weight != cur.weight or group.per_side:
                break
            run.append(group)
        return run

    def rated_at(self, i: int) -> bool:
        """ "@ 9" after a loaded set, with nothing after it: an RPE, as lifters write it."""
        cur, nxt = self.current, self.at(i + 1)
        return (
            cur is not None
            and cur.has_work
            and cur.weight is not None
            and cur.rpe is None
            and nxt is not None
            and nxt.kind == NUM
            and 1 <= nxt.value <= 10
            and (self.at(i + 2) is None or self.kind(i + 3) == X)  # "@ 9 and 245 x 1 @ 9.5"
        )

    def count_follows(self, i: int) -> bool:
        """A bare count follows "last set" in its clause, before any rating: its reps."""
        cur = self.current
        if cur is None or not cur.has_work or cur.reps is None or not (cur.sets or 0) > 1:
            return False
        for item in self.items[i + 1 :]:
            if item.kind in (NUM, REPS):
                return item.value.is_integer()
            if item.kind != FOR:
                return False
        return False

    def first_sets(self, i: int) -> int:
        """ "3 sets at 225, first two for 5": the first sets get the reps, the rest come later;
        "first two at RPE 7": those sets get the rating."""
        count, cur = self.items[i].value, self.current
        work = i + 2 if self.kind(i + 1) == FOR else i + 1  # "first two for 5", "first one 45 s"
        if (
            self.kind(work) in WORK
            and (work == i + 2 or self.kind(work) in (DUR, DIST))
            and cur is not None
            and not cur.has_work
            and cur.sets is not None
            and count < cur.sets
        ):
            self.draft.announced_left = whole(cur.sets - count) or 0
            cur.sets = count
            use(self.items[i])
            self.put_work(cur, self.items[work])
            return work + 1
        k = i + 1 if self.kind(i + 1) == AT else i
        if self.kind(k + 1) == RPE or self.kind(k + 1) == RIR:
            rating = self.items[k + 1]
            use(rating, self.items[i])
            self.draft.first = (rating.kind, int(count), rating.value)
            return k + 2
        return i + 1

    def for_homophone(self, i: int) -> bool:
        """ "squat 225 4 5": speech-to-text writes "for" as 4 between a load and the reps."""
        item, before = self.items[i], self.at(i - 1)
        return (
            item.kind == NUM
            and item.value == 4
            and before is not None
            and before.kind == NUM
            and before.value >= 20
            and self.kind(i + 1) == NUM
            and self.kind(i + 2) != NUM
        )

    def repeats_current(self) -> bool:
        cur = self.current
        return cur is not None and cur.sets is None and (cur.distance or cur.duration) is not None

    def sets(self, i: int) -> int:
        """ "3 sets of 8", "3 sets x 8", or a trailing "... 3 sets" multiplying the group."""
        count = self.items[i].value
        use(self.items[i])
        j = i + 1
        if self.kind(j) in (OF, X):
            j += 1
        target = self.at(j)
        cur = self.current
        if target is not None and self.listed_counts(j) == count:
            return j  # "4 sets: 12, 10, 10, 8": the list says each set
        if target is not None and target.kind in (DUR, DIST):
            k = j
            while self.kind(k) == target.kind:
                k += 1
            if k - j == count > 1:
                return j  # "three sets of 45, 50 and 60 seconds": one time per set
        if target is not None and target.kind in WORK and self.kind(j + 1) != X:
            if cur is not None and cur.weight is not None and not cur.has_work and cur.sets is None:
                cur.sets = count  # "275 for 3 sets of 5"
                self.put_work(cur, target)
            else:
                self.new_group(work=target, sets=count)
            return j + 1
        if cur is not None and cur.sets is None and (cur.has_work or cur.weight is not None):
            cur.sets = count
            cur.items.append(self.items[i])
        else:  # "4 sets: 12, 10, 10, 8": the count the sets said next must match (``settle``)
            self.new_group(sets=count).items.append(self.items[i])
        return i + 1

    def times(self, i: int) -> int:
        """ "5x5", "135x10", "185 x 8 x 3", "3x10x135": sets x reps, or weight x reps."""
        first, second = self.items[i], self.items[i + 2]
        if second.kind in (DUR, DIST) and first.kind == NUM and first.value > 1:
            k = i + 2
            while self.kind(k) == second.kind:
                k += 1
            if k - (i + 2) == first.value:
                use(first, self.items[i + 1])
                return i + 2  # "3 x 30, 30 and 25 seconds": one time per set
        third = self.at(i + 4) if self.kind(i + 3) == X else None
        if third is not None and third.kind not in (NUM, WEIGHT):
            third = None
        use(first, second, third)
        cur = self.current
        counted = second.kind in (DUR, DIST)  # "20 x 1 minute": twenty sets, not 20 lb
        if first.kind == WEIGHT or (first.value >= 20 and not counted):
            group = self.weight_reps(first, second)
            if third is not None:
                group.sets = third.value
        elif cur is not None and cur.weight is not None and not cur.has_work and cur.sets is None:
            cur.sets = first.value  # "100 kg 3 by 5"
            self.put_work(cur, second)
        else:
            self.new_group(work=second, sets=first.value)
            if third is not None:
                self.set_weight(third)
        return i + (5 if third is not None else 3)

    def listed_counts(self, j: int) -> int:
        """How many whole numbers follow one another from ``j`` (a rep list's length)."""
        k = j
        while self.kind(k) == NUM and self.items[k].value.is_integer():
            k += 1
        return k - j if k - j > 1 else 0

    def in_list(self, i: int) -> bool:
        """ "curls 15, 12, 10 at 40 pounds": counts one after another, each a set."""
        value, cur = self.items[i].value, self.current
        if not value.is_integer() or not 0 < value <= MAX_LISTED_REPS:
            return False
        starts = (
            self.kind(i + 1) == NUM
            and self.kind(i + 2) != X  # "overhead press 95 3 by 8": a load, then sets x reps
            and (cur is None or cur.has_work or cur.weight is None)
        )
        return starts or (cur is not None and cur.listed)

    def bare_number(self, i: int) -> None:
        """A number with nothing to say what it is; decide from what the group lacks."""
        item = self.items[i]
        value = item.value
        nxt = self.at(i + 1)
        cur = self.current
        use(item)
        draft = self.draft
        if draft.failed_last and len(self.items) == 1 and cur is not None and cur.has_work:
            draft.failed_last = False  # "3 x 10, last set to failure, got 16": the max set's count
            if cur.last_rir == 0:
                cur.last_rir = None
            draft.amrap, draft.amrap_last = True, True
        if cur is not None and cur.has_work and (draft.amrap or draft.announced_left > 0):
            if draft.amrap and draft.amrap_last and draft.announced_left == 0:
                last = next((g for g in reversed(draft.groups) if g.sets and g.sets > 1), None)
                if last is cur:
                    cur.sets = (cur.sets or 1) - 1  # "3 x 5, last set max reps, got 8"
            draft.amrap = draft.amrap_last = False
            draft.announced_left = max(draft.announced_left - 1, 0)
            group = self.new_group(weight=cur.weight, unit=cur.unit, added=cur.added)
            if cur.reps is None and (cur.duration is not None or cur.distance is not None):
                use(item)  # "2 sets, first one 45 seconds and then 38": a time like the first
                group.items.append(item)
                group.duration = item.value if cur.duration is not None else None
                group.distance = item.value if cur.duration is None else None
                group.per_side = cur.per_side
            else:
                self.put_work(group, item)
        elif self.another_hold(cur):
            assert cur is not None  # "plank for 60 seconds, then 45": one more hold (or carry)
            group = self.new_group(weight=cur.weight, unit=cur.unit, added=cur.added)
            use(item)
            group.items.append(item)
            group.per_side = cur.per_side
            if cur.duration is not None:
                group.duration = value
            else:  # "50 yards and then 40": in the unit said before
                group.distance = value * _distance_unit(cur)
        elif (nxt is not None and is_name_word(nxt) and value.is_integer()) or (
            is_bodyweight(self.draft.name) and self.kind(i - 1) not in (AT, WITH, OF, ADDED)
        ):
            self.new_group(work=item, listed=self.in_list(i))  # "20 pushups", "pull ups 10, 8"
        elif _more_reps_at_same_weight(cur, value) and self.kind(i - 1) not in (AT, WITH, OF):
            assert cur is not None
            self.new_group(work=item, weight=cur.weight, unit=cur.unit, added=cur.added)
        elif self.in_list(i):
            self.new_group(work=item, listed=True)
        elif cur is not None and cur.weight is None and cur.has_work:
            self.set_weight(item)  # "3x10 135"
        elif cur is not None and not cur.has_work and cur.weight is not None:
            if cur.sets is not None and cur.sets > 1 and self.counts_follow(i):
                draft.announced_left = whole(cur.sets - 1) or 0  # "3 sets at 95, 5, 5, 7"
                cur.sets = None
            self.put_work(cur, item)
        elif value >= 20 or self.kind(i + 1) in (REPS, FOR):
            self.set_weight(item)
        else:
            self.set_work(item)

    def another_hold(self, cur: Group | None) -> bool:
        """A number said alone after a single hold is the time of one more; after a loaded
        carry, its distance (after an unloaded one it may be the load)."""
        if cur is None or cur.reps is not None or cur.sets is not None:
            return False
        if len(self.items) > MAX_LISTED_HOLDS or any(it.kind != NUM for it in self.items):
            return False  # "then 41 and 35": each one more hold, said alone in its clause
        counted = any(it.kind == SETS for g in self.draft.groups for it in g.items)
        if len(self.items) > 1 and counted:
            return False  # "2 sets, first one 50 seconds, then 41 and 35": not one more each
        return cur.duration is not None or (cur.distance is not None and cur.weight is not None)

    def counts_follow(self, i: int) -> bool:
        """More counts come after this one, or a max set is still to be counted."""
        later = [it for it in self.items[i + 1 :] if it.kind in (NUM, AMRAP, LAST)]
        return self.draft.amrap or (bool(later) and later[0].kind == NUM)

    def modifier(self, i: int) -> int:
        item = self.items[i]
        use(item)
        if self.ordinal is not None:
            self.draft.indexed.append((item.kind, self.ordinal - 1, item.value))
            self.ordinal = None
            return i + 1
        ratings = [item.value]
        j = i + 1
        while self.kind(j) == NUM and self.items[j].value <= 10:
            ratings.append(self.items[j].value)  # "rpe 6 6 7 7 8", "RIR 2, 1, 0"
            use(self.items[j])
            j += 1
        if len(ratings) > 1:
            self.draft.per_set = (item.kind, ratings)
            return j
        end = i + 1
        k = i + 1
        while self.kind(k) == WORD and self.items[k].text in ("on", "the", "in", "for", "my"):
            k += 1
        if self.kind(k) == LAST and self.draft.groups:
            self.last_only, end = True, k + 1  # "rpe 8 on the last set"
        mod = Modifier(item.kind, item.value, self.last_only, self.all_groups)
        self.last_only = self.all_groups = False
        later_quantity = any(it.kind in (SETS, REPS, NUM, WEIGHT) for it in self.items[end:])
        groups = self.draft.groups
        if not groups or (not self.made_group and later_quantity):
            self.draft.pending.append(mod)
            return end
        self.apply_modifier(mod, groups if mod.all_groups else [groups[-1]])
        return end

    @staticmethod
    def apply_modifier(mod: Modifier, groups: list[Group]) -> None:
        for group in groups:
            if mod.kind == RPE and mod.last_only:
                group.last_rpe = mod.value
            elif mod.kind == RPE:
                group.rpe = mod.value
            elif mod.last_only:
                group.last_rir = mod.value
            else:
                group.rir = mod.value


def _distance_unit(group: Group) -> float:
    """Metres per unit of the distance a group was said in ("50 yards": 0.9144)."""
    said = next((item for item in group.items if item.kind == DIST), None)
    return DIST_UNITS.get(said.text.rsplit(" ", 1)[-1], 1.0) if said is not None else 1.0


def _dropped_from(groups: list[Group], item: Item) -> Group | None:
    """ "225 for 5, dropped 50 pounds": a load after a drop verb that is at most half the last
    load is the drop, not the new load ("dropped to 135", "drop 60" after 80 are loads)."""
    last = next((g for g in reversed(groups) if g.weight is not None and g.has_work), None)
    if not item.drop or last is None or last.weight is None:
        return None
    if item.unit is not None and last.unit is not None and item.unit != last.unit:
        return None
    return last if item.value <= last.weight / 2 else None


def _more_reps_at_same_weight(group: Group | None, value: float) -> bool:
    """ "225 for 5, 5 and 4": a list of rep counts, each no more than the one before."""
    return (
        group is not None
        and group.weight is not None
        and group.reps is not None
        and value.is_integer()
        and 0 < value <= group.reps
    )


def is_bodyweight(name: str) -> bool:
    return bool(BODYWEIGHT_RE.search(name))


def _countable(group: Group) -> bool:
    """The group's count of sets is one it is expanded to ("500 sets of 5" is not)."""
    count = whole(group.sets if group.sets is not None else 1)
    return count is not None and 1 <= count <= MAX_EXPANDED_SETS


def _expand(group: Group, unit: str | None, bodyweight: bool, hold: bool) -> list[SetSpec]:
    count = whole(group.sets if group.sets is not None else 1)
    if count is None or count < 1 or count > MAX_EXPANDED_SETS or not group.has_work:
        unuse(*group.items)  # "my max is 275": a load with no set is not logged, so it asks
        return []
    reps = None if group.range_item is not None else whole(group.reps)
    if reps is None and group.range_item is None and group.reps is not None:
        return []
    sets = []
    for k in range(count):
        final = k == count - 1
        rpe = group.last_rpe if final and group.last_rpe is not None else group.rpe
        rir = group.last_rir if final and group.last_rir is not None else group.rir
        sets.append(
            SetSpec(
                reps=reps,
                weight=float(group.weight) if group.weight is not None else None,
                unit=unit,  # type: ignore[arg-type]
                rpe=float(rpe) if rpe is not None else None,
                rir=whole(rir),
                added_load=group.weight is not None
                and (group.added or bodyweight or (hold and group.duration is not None)),
                duration_s=whole(group.duration),
                distance_m=round(group.distance, 3) if group.distance is not None else None,
                per_side=group.per_side,
            )
        )
    return sets


def settle(draft: StrengthDraft) -> None:
    """A load said with no set ("my max is 275") is not logged: its number is not used.

    A count of sets said before them ("3 sets, 12, 10, 10") is used when the sets said next
    add up to it; otherwise it asks ("4 101 sets: 12, 10, 10, 8")."""
    for k, group in enumerate(draft.groups):
        if group.has_work and _countable(group):
            continue
        if group.weight is None and group.sets is not None and group.items:
            after: list[Group] = []
            for later in draft.groups[k + 1 :]:
                if not later.has_work:
                    break
                after.append(later)
            if sum(later.sets or 1 for later in after) == group.sets:
                continue
        unuse(*group.items)


def _first_rated(sets: list[SetSpec], first: tuple[str, int, float] | None) -> list[SetSpec]:
    """ "first two at RPE 7": the rating on the first sets only."""
    if first is None:
        return sets
    kind, count, value = first
    field = {"rpe": float(value)} if kind == RPE else {"rir": whole(value)}
    return [dataclasses.replace(s, **field) if k < count else s for k, s in enumerate(sets)]


def _indexed(sets: list[SetSpec], indexed: list[tuple[str, int, float]]) -> list[SetSpec]:
    """ "first set rpe 7, second rpe 8": a rating on the set named by its place."""
    sets = list(sets)
    for kind, k, value in indexed:
        if 0 <= k < len(sets):
            field = {"rpe": float(value)} if kind == RPE else {"rir": whole(value)}
            sets[k] = dataclasses.replace(sets[k], **field)
    return sets


def _rated(sets: list[SetSpec], per_set: tuple[str, list[float]] | None) -> list[SetSpec]:
    """One rating per set when as many were said as there are sets."""
    if per_set is None or len(per_set[1]) != len(sets):
        return sets
    kind, values = per_set
    if kind == RPE:
        return [dataclasses.replace(s, rpe=float(v)) for s, v in zip(sets, values, strict=True)]
    return [dataclasses.replace(s, rir=whole(v)) for s, v in zip(sets, values, strict=True)]


def finish_strength(
    draft: StrengthDraft, default_unit: Unit, text: str, confirm: Confirmation | None = None
) -> StrengthEntry | None:
    """Expand groups to sets; None when nothing countable was said.

    A rep range asks for confirmation (``text`` is the transcript its words are cut from),
    unless ``confirm`` already gives a reason.
    """
    spoken_units = [g.unit for g in draft.groups if g.weight is not None and g.unit]
    bodyweight = is_bodyweight(draft.name)
    hold = bool(BODYWEIGHT_HOLD_RE.search(draft.name))  # a timed plank's plate is added
    sets: list[SetSpec] = []
    last_unit: str | None = None
    ranges = [g.range_item for g in draft.groups if g.range_item is not None and g.has_work]
    for group in draft.groups:
        unit: str | None = None
        if group.weight is not None:
            last_unit = group.unit or last_unit
            unit = group.unit or last_unit or (spoken_units[0] if spoken_units else default_unit)
        sets.extend(_expand(group, unit, bodyweight, hold))
    if not sets:
        return None
    if ranges and confirm is None:
        span = ranges[0]
        confirm = Confirmation("rep_range", text[span.num_start : span.num_end])
    return StrengthEntry(
        spoken_name=draft.name,
        sets=_indexed(_first_rated(_rated(sets, draft.per_set), draft.first), draft.indexed),
        needs_confirmation=confirm,
    )
