"""The exercise catalog as plain rows in memory, rebuilt when the catalog version changes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

from training.models import Exercise
from training.regions import region_load
from training.selectors import catalog_version


@dataclass(frozen=True)
class CatalogExercise:
    id: int
    name: str
    primary: frozenset[str]
    secondary: frozenset[str]
    equipment: frozenset[str]
    pattern: str
    category: str
    unilateral: bool
    bodyweight: bool
    loads: frozenset[str]

    def loads_region(self, injury_region: str) -> bool:
        """Whether this exercise loads an injury region (training.regions' one mapping)."""
        return region_load(injury_region).matches(self.loads, self.primary)

    def as_ref(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class CatalogSnapshot:
    version: str
    exercises: tuple[CatalogExercise, ...]

    def get(self, exercise_id: int) -> CatalogExercise | None:
        return self.by_id.get(exercise_id)

    @cached_property
    def by_id(self) -> dict[int, CatalogExercise]:
        return {e.id: e for e in self.exercises}


_snapshot: CatalogSnapshot | None = None
_lock = threading.Lock()


def _load(version: str) -> CatalogSnapshot:
    rows = Exercise.objects.values_list(
        "id",
        "name",
        "primary_muscles",
        "secondary_muscles",
        "equipment",
        "pattern",
        "category",
        "unilateral",
        "bodyweight",
        "loads_regions",
    )
    exercises = tuple(
        CatalogExercise(
            id=row[0],
            name=row[1],
            primary=frozenset(row[2]),
            secondary=frozenset(row[3]),
            equipment=frozenset(row[4]),
            pattern=row[5],
            category=row[6],
            unilateral=row[7],
            bodyweight=row[8],
            loads=frozenset(row[9]),
        )
        for row in rows
    )
    return CatalogSnapshot(version, exercises)


def catalog_snapshot() -> CatalogSnapshot:
    """The process's snapshot for the current catalog version (one aggregate query to check)."""
    global _snapshot
    version = catalog_version()
    if _snapshot is None or _snapshot.version != version:
        with _lock:
            if _snapshot is None or _snapshot.version != version:
                _snapshot = _load(version)
    return _snapshot
