"""Rank safe alternatives to an exercise; every number here comes from one named formula.

score = 0.45 x primary-muscle overlap (Jaccard) + 0.25 x same movement pattern
      + 0.10 x secondary-muscle overlap (Jaccard) + 0.10 x same unilateral/bilateral
      + 0.10 x same bodyweight/loaded

Hard rules before scoring: the same category, equipment the athlete has (bodyweight always) and
none the reason excludes, no exercise that loads a restricted injury region, and a primary muscle
or the movement pattern in common with the original.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.swap.catalog import CatalogExercise

WEIGHT_PRIMARY = 0.45
WEIGHT_PATTERN = 0.25
WEIGHT_SECONDARY = 0.10
WEIGHT_SIDEDNESS = 0.10
WEIGHT_LOADING = 0.10
MAX_ALTERNATIVES = 6
ALWAYS_AVAILABLE = frozenset({"bodyweight"})


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _words(values: Iterable[str]) -> str:
    return ", ".join(sorted(v.replace("_", " ") for v in values))


@dataclass(frozen=True)
class SwapRequest:
    """``available`` None means no equipment is known: everything but the excluded is allowed."""

    original: CatalogExercise
    available: frozenset[str] | None
    excluded: frozenset[str] = frozenset()
    restricted_regions: frozenset[str] = frozenset()

    def equipment_ok(self, candidate: CatalogExercise) -> bool:
        if candidate.equipment & self.excluded:
            return False
        if self.available is None:
            return True
        return candidate.equipment <= self.available | ALWAYS_AVAILABLE

    def safe(self, candidate: CatalogExercise) -> bool:
        return not any(candidate.loads_region(r) for r in self.restricted_regions)

    def related(self, candidate: CatalogExercise) -> bool:
        original = self.original
        return bool(candidate.primary & original.primary) or candidate.pattern == original.pattern

    def allows(self, candidate: CatalogExercise) -> bool:
        return (
            candidate.id != self.original.id
            and candidate.category == self.original.category
            and self.related(candidate)
            and self.equipment_ok(candidate)
            and self.safe(candidate)
        )


@dataclass(frozen=True)
class Alternative:
    exercise: CatalogExercise
    score: float
    reasons: list[str]

    def as_dict(self) -> dict[str, object]:
        return {"exercise": self.exercise.as_ref(), "score": self.score, "reasons": self.reasons}


def swap_score(original: CatalogExercise, candidate: CatalogExercise) -> float:
    """The module docstring's formula, rounded to 3 places."""
    score = (
        WEIGHT_PRIMARY * jaccard(original.primary, candidate.primary)
        + WEIGHT_PATTERN * (candidate.pattern == original.pattern)
        + WEIGHT_SECONDARY * jaccard(original.secondary, candidate.secondary)
        + WEIGHT_SIDEDNESS * (candidate.unilateral == original.unilateral)
        + WEIGHT_LOADING * (candidate.bodyweight == original.bodyweight)
    )
    return round(score, 3)


def reasons_for(request: SwapRequest, candidate: CatalogExercise) -> list[str]:
    original = request.original
    reasons = []
    shared = original.primary & candidate.primary
    if shared:
        reasons.append(f"works the same primary muscles ({_words(shared)})")
    if candidate.pattern == original.pattern:
        reasons.append(f"follows the same movement pattern ({original.pattern.replace('_', ' ')})")
    if candidate.unilateral == original.unilateral:
        reasons.append(
            "works one side at a time, like the original"
            if candidate.unilateral
            else "works both sides together, like the original"
        )
    equipment = candidate.equipment - ALWAYS_AVAILABLE
    reasons.append(f"uses {_words(equipment)}" if equipment else "needs no equipment")
    if request.excluded:
        reasons.append(f"no {_words(request.excluded)} needed")
    if request.restricted_regions:
        reasons.append(f"does not load your {_words(request.restricted_regions)}")
    return reasons


def rank_alternatives(
    request: SwapRequest, catalog: Iterable[CatalogExercise], limit: int = MAX_ALTERNATIVES
) -> list[Alternative]:
    """The best ``limit`` allowed exercises, highest score first (name breaks ties)."""
    allowed = [c for c in catalog if request.allows(c)]
    scored = sorted(
        ((swap_score(request.original, c), c) for c in allowed), key=lambda p: (-p[0], p[1].name)
    )
    return [Alternative(c, score, reasons_for(request, c)) for score, c in scored[:limit]]
