"""Which catalog exercises a plan may prescribe, ranked per movement pattern, safe for injuries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from programs.plan import ExerciseOption, InjuryConstraint

# Bodyweight is never "equipment" an athlete lacks.
ALWAYS_AVAILABLE = frozenset({"bodyweight"})

# Held for time or carried for distance: a prescription in sets x reps cannot express them.
TIMED_SLUGS = frozenset(
    {
        "plank", "side-plank", "high-plank", "hollow-hold", "l-sit", "dead-hang", "wall-sit",
        "handstand-hold", "copenhagen-plank", "bear-crawl", "mountain-climber", "flutter-kick",
        "lateral-band-walk", "wall-walk",
    }
)  # fmt: skip
# Skills that take months to learn: never a default pick for a generated plan.
SKILL_SLUGS = frozenset(
    {
        "handstand-push-up", "one-arm-push-up", "archer-push-up", "bar-muscle-up",
        "ring-muscle-up", "kipping-pull-up", "pistol-squat", "dragon-flag", "toes-to-bar",
        "windshield-wiper", "turkish-get-up", "nordic-hamstring-curl", "reverse-nordic",
        "behind-the-neck-press", "zercher-squat", "overhead-squat", "sissy-squat",
        "skater-squat", "ghd-sit-up", "neck-curl", "neck-extension", "neck-side-flexion",
        "barbell-21s", "jm-press", "tate-press", "kroc-row", "gorilla-row", "renegade-row",
    }
)  # fmt: skip
PRESCRIBABLE_PATTERNS = frozenset(
    {
        "squat", "hinge", "lunge", "horizontal_push", "vertical_push", "horizontal_pull",
        "vertical_pull", "core", "isolation_upper", "isolation_lower",
    }
)  # fmt: skip

# The lifts a coach reaches for first, per pattern; the rest of the catalog follows in order.
PREFERRED = {
    "squat": (
        "barbell-back-squat", "safety-bar-squat", "front-squat", "hack-squat", "leg-press",
        "goblet-squat", "belt-squat", "smith-machine-squat", "dumbbell-squat", "air-squat",
    ),
    "hinge": (
        "conventional-deadlift", "trap-bar-deadlift", "sumo-deadlift", "romanian-deadlift",
        "dumbbell-romanian-deadlift", "barbell-hip-thrust", "kettlebell-deadlift",
        "dumbbell-deadlift", "kettlebell-swing", "back-extension", "glute-bridge",
    ),
    "horizontal_push": (
        "barbell-bench-press", "dumbbell-bench-press", "incline-dumbbell-bench-press",
        "machine-chest-press", "cable-chest-press", "smith-machine-bench-press",
        "dumbbell-floor-press", "push-up", "incline-push-up", "parallel-bar-dip",
    ),
    "vertical_push": (
        "overhead-press", "seated-dumbbell-shoulder-press", "standing-dumbbell-shoulder-press",
        "machine-shoulder-press", "landmine-press", "kettlebell-overhead-press",
        "arnold-press", "pike-push-up",
    ),
    "horizontal_pull": (
        "barbell-row", "one-arm-dumbbell-row", "seated-cable-row", "chest-supported-dumbbell-row",
        "machine-row", "kettlebell-row", "inverted-row", "ring-row", "face-pull",
        "band-pull-apart",
    ),
    "vertical_pull": (
        "pull-up", "lat-pulldown", "chin-up", "neutral-grip-pull-up", "assisted-pull-up",
        "neutral-grip-lat-pulldown", "negative-pull-up",
    ),
    "lunge": (
        "bulgarian-split-squat", "dumbbell-reverse-lunge", "reverse-lunge", "dumbbell-step-up",
        "split-squat", "walking-lunge", "forward-lunge", "lateral-lunge",
    ),
    "isolation_upper": (
        "dumbbell-lateral-raise", "dumbbell-curl", "triceps-pushdown", "cable-lateral-raise",
        "hammer-curl", "overhead-dumbbell-triceps-extension", "face-pull", "cable-curl",
        "dumbbell-rear-delt-fly", "band-pull-apart",
    ),
    "isolation_lower": (
        "lying-leg-curl", "leg-extension", "standing-calf-raise", "single-leg-calf-raise",
        "seated-leg-curl", "cable-glute-kickback", "stability-ball-hamstring-curl",
        "donkey-kick", "side-lying-leg-raise",
    ),
    "core": (
        "dead-bug", "pallof-press", "cable-crunch", "hanging-knee-raise", "ab-wheel-rollout",
        "bird-dog", "reverse-crunch", "lying-leg-raise", "russian-twist", "crunch",
    ),
}  # fmt: skip


def needed_equipment(option: ExerciseOption) -> frozenset[str]:
    """Everything the entry lists but bodyweight: an exercise is used only when all of it is there
    (the catalog lists a bench press as ``barbell, bench``)."""
    return frozenset(option.equipment) - ALWAYS_AVAILABLE


def usable(option: ExerciseOption, equipment: frozenset[str]) -> bool:
    return needed_equipment(option) <= equipment | ALWAYS_AVAILABLE


@dataclass(frozen=True)
class Choice:
    """The pick for a slot and what the athlete's injuries did to it."""

    option: ExerciseOption | None
    action: str = "chosen"  # chosen | kept | replaced | dropped
    injury: InjuryConstraint | None = None
    replaced: ExerciseOption | None = None


class Catalog:
    """The prescribable catalog for one athlete: their equipment, ranked per pattern."""

    def __init__(
        self,
        options: Iterable[ExerciseOption],
        equipment: Iterable[str],
        injuries: Sequence[InjuryConstraint] = (),
    ) -> None:
        self.equipment = frozenset(equipment)
        self.injuries = tuple(injuries)
        self.by_pattern: dict[str, list[ExerciseOption]] = {}
        for option in options:
            if self._prescribable(option):
                self.by_pattern.setdefault(option.pattern, []).append(option)
        for pattern, rows in self.by_pattern.items():
            rank = {slug: n for n, slug in enumerate(PREFERRED.get(pattern, ()))}
            rows.sort(key=lambda o: (rank.get(o.slug, len(rank)), o.name))

    def _prescribable(self, option: ExerciseOption) -> bool:
        return (
            option.category == "strength"
            and option.pattern in PRESCRIBABLE_PATTERNS
            and option.slug not in TIMED_SLUGS | SKILL_SLUGS
            and usable(option, self.equipment)
        )

    def worst(self, option: ExerciseOption) -> InjuryConstraint | None:
        """The most severe open injury whose region the exercise loads."""
        hits = [i for i in self.injuries if option.id in i.loading_ids]
        return max(hits, key=lambda i: i.severity, default=None)

    def safe(self, option: ExerciseOption) -> bool:
        worst = self.worst(option)
        return worst is None or worst.severity < 4

    def choose(self, pattern: str, variant: int = 0, avoid: frozenset[int] = frozenset()) -> Choice:
        """The ``variant``-th pick for a pattern, after the injury rules: kept with a note at
        severity 1-3, replaced by a safe one at 4-6, dropped (see a clinician) at 7-10."""
        rows = [o for o in self.by_pattern.get(pattern, []) if o.id not in avoid]
        if not rows:
            return Choice(None, "unavailable")
        pick = rows[min(variant, len(rows) - 1)]
        worst = self.worst(pick)
        if worst is None:
            return Choice(pick)
        if worst.severity <= 3:
            return Choice(pick, "kept", worst)
        if worst.severity >= 7:
            return Choice(None, "dropped", worst, replaced=pick)
        safe = [o for o in rows if self.safe(o)]
        if not safe:
            return Choice(None, "dropped", worst, replaced=pick)
        return Choice(safe[min(variant, len(safe) - 1)], "replaced", worst, replaced=pick)

    def filler(self, patterns: Sequence[str], avoid: frozenset[int]) -> ExerciseOption | None:
        """A safe exercise from the first pattern that has one (sessions emptied by injuries)."""
        for pattern in patterns:
            for option in self.by_pattern.get(pattern, []):
                if option.id not in avoid and self.safe(option):
                    return option
        return None
