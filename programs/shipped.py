"""The shipped catalog and injury-region map as plain data, for runs without a database (the
property tests and ``bench.programs``): catalog ids are the entries' positions from 1."""

from __future__ import annotations

import json
from functools import cache

from programs.plan import ExerciseOption, InjuryConstraint
from training.regions import REGION_LOADS
from training.services import CATALOG_PATH


@cache
def _entries() -> tuple[dict, ...]:
    return tuple(json.loads(CATALOG_PATH.read_text()))


def shipped_options() -> list[ExerciseOption]:
    return [
        ExerciseOption(
            n, e["slug"], e["name"], e["pattern"], tuple(e["equipment"]),
            tuple(e["primary_muscles"]), e["category"], e["bodyweight"],
        )
        for n, e in enumerate(_entries(), start=1)
    ]  # fmt: skip


def injury_regions() -> list[str]:
    return [str(region) for region in REGION_LOADS]


def shipped_injury(region: str, severity: int) -> InjuryConstraint:
    """An injury with the ids that ``Exercise.objects.loading(region)`` would return."""
    load = REGION_LOADS[region]  # type: ignore[index]
    ids = frozenset(
        n
        for n, e in enumerate(_entries(), start=1)
        if set(e["loads_regions"]) & load.joints or set(e["primary_muscles"]) & load.primary_muscles
    )
    return InjuryConstraint(region, severity, ids)
