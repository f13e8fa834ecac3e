"""The shipped catalog's entries checked against the vocabularies before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from training.vocabulary import BodyRegion, Category, Equipment, Muscle, Pattern

REQUIRED_FIELDS = ("slug", "name", "pattern")
# Each catalog field that holds vocabulary, and the vocabulary it holds
VOCABULARY_FIELDS: dict[str, type[models.TextChoices]] = {
    "primary_muscles": Muscle,
    "secondary_muscles": Muscle,
    "equipment": Equipment,
    "pattern": Pattern,
    "category": Category,
    "loads_regions": BodyRegion,
}
FIELDS = frozenset({*REQUIRED_FIELDS, *VOCABULARY_FIELDS, "aliases", "unilateral", "bodyweight"})


class CatalogError(ValueError):
    """The catalog file holds values outside the vocabularies; nothing was loaded."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the exercise catalog: {shown}{more}")


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def entry_problems(entry: dict[str, Any]) -> list[str]:
    """What is wrong with one entry ("squat-x: equipment 'barbel' is not a Equipment")."""
    label = entry.get("slug", "<no slug>")
    problems = [f"{label}: missing {field}" for field in REQUIRED_FIELDS if field not in entry]
    problems += [f"{label}: unknown field {key!r}" for key in sorted(set(entry) - FIELDS)]
    for field, choices in VOCABULARY_FIELDS.items():
        if field not in entry:
            continue
        known = set(choices.values)
        problems += [
            f"{label}: {field} {value!r} is not a {choices.__name__}"
            for value in _values(entry[field])
            if value not in known
        ]
    return problems


def catalog_validate(entries: Iterable[dict[str, Any]]) -> None:
    """Raise ``CatalogError`` listing every problem in ``entries``; return if there is none."""
    problems = [problem for entry in entries for problem in entry_problems(entry)]
    if problems:
        raise CatalogError(problems)
