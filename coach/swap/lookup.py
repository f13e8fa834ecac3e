"""The exercise a swap starts from: a catalog id, or a spoken name matched like voice logging."""

from __future__ import annotations

import threading
from collections import OrderedDict

from rapidfuzz import process
from rest_framework import status
from rest_framework.exceptions import APIException

from coach.swap.catalog import CatalogExercise, CatalogSnapshot
from voice.matching import ExerciseMatcher

CLOSEST_COUNT = 3
RESOLVED_MEMO_SIZE = 2048


class ExerciseNotFound(APIException):
    status_code = status.HTTP_404_NOT_FOUND
    default_code = "exercise_not_found"

    def __init__(self, spoken: str, closest: list[str]) -> None:
        super().__init__(f"No catalog exercise matches {spoken!r}.")
        self.closest = closest


def closest_names(spoken: str, catalog: CatalogSnapshot) -> list[str]:
    names = [e.name for e in catalog.exercises]
    return [name for name, _, _ in process.extract(spoken, names, limit=CLOSEST_COUNT)]


class _ResolvedNames:
    """Names this process has resolved, per catalog version: a repeat costs no matching and no
    Redis read (the matcher's own cache). Only confident matches are kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._ids: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: str, text: str) -> int | None:
        with self._lock:
            found = self._ids.get((version, text))
            if found is not None:
                self._ids.move_to_end((version, text))
            return found

    def put(self, version: str, text: str, exercise_id: int) -> None:
        with self._lock:
            self._ids[(version, text)] = exercise_id
            while len(self._ids) > self.size:
                self._ids.popitem(last=False)


_resolved = _ResolvedNames(RESOLVED_MEMO_SIZE)


def resolve_exercise(spoken: str, catalog: CatalogSnapshot) -> CatalogExercise:
    """The catalog entry for an id or a name; ``ExerciseNotFound`` with the closest names."""
    text = spoken.strip()
    if text.isdigit():
        found = catalog.get(int(text))
        if found is None:
            raise ExerciseNotFound(text, [])
        return found
    known = _resolved.get(catalog.version, text)
    if known is not None and (exercise := catalog.get(known)) is not None:
        return exercise
    match = ExerciseMatcher(catalog.version).match(text)
    if match.exercise is None or match.needs_confirmation:
        candidates = [c.exercise.name for c in match.candidates]
        raise ExerciseNotFound(text, candidates or closest_names(text, catalog))
    found = catalog.get(match.exercise.id)
    if found is None:  # the match cache outlived a catalog change
        raise ExerciseNotFound(text, closest_names(text, catalog))
    _resolved.put(catalog.version, text, found.id)
    return found
