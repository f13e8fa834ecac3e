"""Exporter exercise names mapped to the catalog by the voice matcher, and the mapping report.

Every name is matched twice (as written and in spoken form) and the surer match kept; the
athlete's overrides (a catalog id, or null to leave the name's sets out) win over both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from portability.names import spoken_form
from portability.records import ParseResult
from training.models import Exercise
from voice.matching import ExerciseMatcher, Match


@dataclass(frozen=True)
class MappedName:
    """One exporter name: where it goes, how sure, what else it could be, how many sets."""

    name: str
    exercise_id: int | None
    exercise_name: str | None
    confidence: float
    method: str
    needs_confirmation: bool
    sets: int
    candidates: tuple[dict[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        exercise = (
            {"id": self.exercise_id, "name": self.exercise_name}
            if self.exercise_id is not None
            else None
        )
        return {
            "name": self.name,
            "exercise": exercise,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "needs_confirmation": self.needs_confirmation,
            "sets": self.sets,
            "candidates": list(self.candidates),
        }


class CatalogMapper:
    """Exporter names to catalog matches; ``matcher_class`` is the seam (the one use of voice)."""

    matcher_class: type[ExerciseMatcher] = ExerciseMatcher

    def matches(self, names: Sequence[str]) -> list[Match]:
        matcher = self.matcher_class()
        written = matcher.match_many(list(names))
        spoken = matcher.match_many([spoken_form(name) for name in names])
        pairs = zip(written, spoken, strict=True)
        return [max(a, b, key=lambda match: match.confidence) for a, b in pairs]


def catalog_matches(names: Sequence[str]) -> list[Match]:
    """The voice matcher's answer for each name, as written or in spoken form, the surer one."""
    return CatalogMapper().matches(names)


def mapping_build(parsed: ParseResult) -> list[MappedName]:
    names = parsed.exercise_names
    counts = Counter(s.exercise_name for w in parsed.workouts for s in w.sets)
    return [
        MappedName(
            name=name,
            exercise_id=match.exercise.id if match.exercise else None,
            exercise_name=match.exercise.name if match.exercise else None,
            confidence=match.confidence,
            method=match.method,
            needs_confirmation=match.needs_confirmation,
            sets=counts[name],
            candidates=tuple(candidate.as_dict() for candidate in match.candidates),
        )
        for name, match in zip(names, catalog_matches(names), strict=True)
    ]


def mapping_needs_confirmation(report: Sequence[Mapping[str, Any]]) -> bool:
    return any(entry["needs_confirmation"] for entry in report)


def overrides_check(
    report: Sequence[Mapping[str, Any]], overrides: Mapping[str, int | None]
) -> dict[str, list[str]]:
    """Field errors for overrides naming an unknown exporter name or catalog id ({} = fine)."""
    errors: dict[str, list[str]] = {}
    known = {entry["name"] for entry in report}
    ids = {value for value in overrides.values() if value is not None}
    existing = set(Exercise.objects.filter(id__in=ids).values_list("id", flat=True))
    for name, exercise_id in overrides.items():
        if name not in known:
            errors[name] = ["This name is not in the file."]
        elif exercise_id is not None and exercise_id not in existing:
            errors[name] = [f"No exercise has id {exercise_id}."]
    return errors


def final_mapping(
    report: Sequence[Mapping[str, Any]], overrides: Mapping[str, int | None]
) -> dict[str, int | None]:
    """Exporter name -> catalog id (None: its sets are skipped), overrides applied."""
    mapping: dict[str, int | None] = {
        entry["name"]: entry["exercise"]["id"] if entry["exercise"] else None for entry in report
    }
    mapping.update(overrides)
    return mapping
