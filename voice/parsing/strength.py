"""Strength clauses to sets: groups of "3 sets of 8 at 185", RPE/RIR modifiers, expansion."""

from __future__ import annotations

from dataclasses import dataclass, field

from voice.parsing.clauses import is_name_word
from voice.parsing.entries import SetSpec, StrengthEntry, Unit, whole
from voice.parsing.items import (
    ADDED,
    ALL,
    AT,
    FOR,
    LAST,
    NUM,
    OF,
    REPS,
    RIR,
    RPE,
    SETS,
    WEIGHT,
    WITH,
    Item,
    X,
)
from voice.parsing.vocabulary import BODYWEIGHT_RE

# A group with more sets than this is not expanded: "squat 500 sets of 5" is left for a human.
MAX_EXPANDED_SETS = 100


@dataclass
class Group:
    """Sets said together: "3 sets of 8 at 185"."""

    sets: float | None = None
    reps: float | None = None
    weight: float | None = None
    unit: str | None = None
    added: bool = False
    rpe: float | None = None
    rir: float | None = None
    last_rpe: float | None = None
    last_rir: float | None = None


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


class StrengthBuilder:
    """Applies one clause's items to a strength draft (a small left-to-right grammar)."""

    def __init__(self, draft: StrengthDraft, items: list[Item]) -> None:
        self.draft = draft
        self.items = items
        self.made_group = False
        self.last_only = False
        self.all_groups = False

    def at(self, i: int) -> Item | None:
        return self.items[i] if 0 <= i < len(self.items) else None

    def kind(self, i: int) -> str:
        item = self.at(i)
        return item.kind if item else ""

    @property
    def current(self) -> Group | None:
        return self.draft.groups[-1] if self.draft.groups else None

    def new_group(self, **values: object) -> Group:
        group = Group(**values)  # type: ignore[arg-type]
        self.draft.groups.append(group)
        self.made_group = True
        for mod in self.draft.pending:
            self.apply_modifier(mod, [group])
        self.draft.pending.clear()
        return group

    def set_weight(self, item: Item, added: bool = False) -> None:
        cur = self.current
        if cur is None or cur.weight is not None:
            cur = self.new_group()
        cur.weight, cur.unit = item.value, item.unit
        cur.added = cur.added or added or item.added

    def set_reps(self, value: float) -> None:
        cur = self.current
        if cur is None or cur.reps is not None:
            cur = self.new_group()
        cur.reps = value

    def weight_reps(self, weight: Item, reps: float) -> Group:
        group = self.new_group(reps=reps)
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
        if kind == SETS:
            return self.sets(i)
        if kind in quantity and self.kind(i + 1) == X and self.kind(i + 2) in (NUM, REPS):
            return self.times(i)
        if kind in quantity and self.kind(i + 1) == FOR and self.kind(i + 2) in (NUM, REPS):
            self.weight_reps(item, self.items[i + 2].value)
            return i + 3
        if kind == NUM and self.kind(i + 1) == AT and self.kind(i + 2) in quantity:
            self.weight_reps(self.items[i + 2], item.value)  # "8 at 185": reps, then weight
            return i + 3
        if kind == REPS:
            self.set_reps(item.value)
            return i + 1
        if kind in (AT, WITH, OF) and nxt is not None and nxt.kind in quantity:
            self.set_weight(nxt)
            return i + 2
        if kind == ADDED:
            if nxt is not None and nxt.kind in quantity:
                self.set_weight(nxt, added=True)
                return i + 2
            if self.current is not None and self.current.weight is not None:
                self.current.added = True
            return i + 1
        if kind == FOR and nxt is not None and nxt.kind == NUM:
            self.set_reps(nxt.value)
            return i + 2
        if kind == WEIGHT:
            self.set_weight(item)
            return i + 1
        if kind == NUM:
            self.bare_number(i)
            return i + 1
        if kind in (RPE, RIR):
            self.modifier(i)
        elif kind == LAST:
            self.last_only = True
        elif kind == ALL:
            self.all_groups = True
        return i + 1

    def sets(self, i: int) -> int:
        """ "3 sets of 8", "3 sets x 8", or a trailing "... 3 sets" multiplying the group."""
        count = self.items[i].value
        j = i + 1
        if self.kind(j) in (OF, X):
            j += 1
        target = self.at(j)
        cur = self.current
        if target is not None and target.kind in (NUM, REPS) and self.kind(j + 1) != X:
            if cur is not None and cur.weight is not None and cur.reps is None and cur.sets is None:
                cur.sets, cur.reps = count, target.value  # "275 for 3 sets of 5"
            else:
                self.new_group(sets=count, reps=target.value)
            return j + 1
        if (
            cur is not None
            and cur.sets is None
            and (cur.reps is not None or cur.weight is not None)
        ):
            cur.sets = count
        else:
            self.new_group(sets=count)
        return i + 1

    def times(self, i: int) -> int:
        """ "5x5", "135x10", "185 x 8 x 3", "3x10x135": sets x reps, or weight x reps."""
        first, second = self.items[i], self.items[i + 2]
        third = self.at(i + 4) if self.kind(i + 3) == X else None
        if third is not None and third.kind not in (NUM, WEIGHT):
            third = None
        cur = self.current
        if first.kind == WEIGHT or first.value >= 20:
            group = self.weight_reps(first, second.value)
            if third is not None:
                group.sets = third.value
        elif cur is not None and cur.weight is not None and cur.reps is None and cur.sets is None:
            cur.sets, cur.reps = first.value, second.value  # "100 kg 3 by 5"
        else:
            self.new_group(sets=first.value, reps=second.value)
            if third is not None:
                self.set_weight(third)
        return i + (5 if third is not None else 3)

    def bare_number(self, i: int) -> None:
        """A number with nothing to say what it is; decide from what the group lacks."""
        value = self.items[i].value
        nxt = self.at(i + 1)
        cur = self.current
        if (nxt is not None and is_name_word(nxt) and value.is_integer()) or (
            is_bodyweight(self.draft.name) and self.kind(i - 1) not in (AT, WITH, OF, ADDED)
        ):
            self.new_group(reps=value)  # "20 pushups", "pull ups 10, 8, 6"
        elif _more_reps_at_same_weight(cur, value) and self.kind(i - 1) not in (AT, WITH, OF):
            assert cur is not None
            self.new_group(reps=value, weight=cur.weight, unit=cur.unit, added=cur.added)
        elif cur is not None and cur.weight is None and cur.reps is not None:
            self.set_weight(self.items[i])  # "3x10 135"
        elif cur is not None and cur.reps is None and cur.weight is not None:
            cur.reps = value
        elif value >= 20 or self.kind(i + 1) in (REPS, FOR):
            self.set_weight(self.items[i])
        else:
            self.set_reps(value)

    def modifier(self, i: int) -> None:
        item = self.items[i]
        mod = Modifier(item.kind, item.value, self.last_only, self.all_groups)
        self.last_only = self.all_groups = False
        later_quantity = any(it.kind in (SETS, REPS, NUM, WEIGHT) for it in self.items[i + 1 :])
        groups = self.draft.groups
        if not groups or (not self.made_group and later_quantity):
            self.draft.pending.append(mod)
            return
        self.apply_modifier(mod, groups if mod.all_groups else [groups[-1]])

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


def finish_strength(draft: StrengthDraft, default_unit: Unit) -> StrengthEntry | None:
    """Expand groups to sets; None when nothing countable was said."""
    spoken_units = [g.unit for g in draft.groups if g.weight is not None and g.unit]
    bodyweight = is_bodyweight(draft.name)
    sets: list[SetSpec] = []
    last_unit: str | None = None
    for group in draft.groups:
        reps, count = whole(group.reps), whole(group.sets if group.sets is not None else 1)
        if reps is None or count is None or count < 1 or count > MAX_EXPANDED_SETS:
            continue
        unit: str | None = None
        if group.weight is not None:
            last_unit = group.unit or last_unit
            unit = group.unit or last_unit or (spoken_units[0] if spoken_units else default_unit)
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
                    added_load=group.weight is not None and (group.added or bodyweight),
                )
            )
    if not sets:
        return None
    return StrengthEntry(spoken_name=draft.name, sets=sets)
