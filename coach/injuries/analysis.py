"""An injury against the athlete's training: what loads it, sorted into modify/substitute/avoid."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from coach.injuries import guidance
from coach.swap.catalog import CatalogExercise, CatalogSnapshot, catalog_snapshot
from coach.swap.scorer import SwapRequest, rank_alternatives
from programs.models import Kind, PrescribedExercise, Status
from training.models import SetLog
from training.regions import region_load

RECENT_DAYS = 28


@dataclass(frozen=True)
class InjuryFacts:
    """The injury being analysed, saved or not."""

    body_region: str
    side: str
    severity: int
    red_flags: tuple[str, ...] = ()


def recent_exercise_ids(user: Any, days: int = RECENT_DAYS) -> list[int]:
    since = timezone.now() - timedelta(days=days)
    rows = SetLog.objects.filter(session__user=user, session__started_at__gte=since)
    return list(rows.values_list("exercise_id", flat=True).distinct())


def program_exercise_ids(user: Any) -> list[int]:
    """Every exercise prescribed in the athlete's active strength program."""
    rows = PrescribedExercise.objects.filter(
        session__week__program__user=user,
        session__week__program__kind=Kind.STRENGTH,
        session__week__program__status=Status.ACTIVE,
    )
    return list(rows.values_list("exercise_id", flat=True).distinct())


def _entry(
    exercise: CatalogExercise, tier: str, sources: list[str], substitute: CatalogExercise | None
) -> dict[str, Any]:
    advice = {
        guidance.MODIFY: guidance.MODIFY_GUIDANCE,
        guidance.SUBSTITUTE: guidance.SUBSTITUTE_GUIDANCE,
        guidance.AVOID: guidance.AVOID_GUIDANCE,
    }[tier]
    return {
        "exercise": exercise.as_ref(),
        "sources": sources,
        "guidance": advice,
        "substitute": substitute.as_ref() if substitute else None,
    }


def _substitute(
    exercise: CatalogExercise,
    facts: InjuryFacts,
    catalog: CatalogSnapshot,
    available: frozenset[str] | None,
) -> CatalogExercise | None:
    request = SwapRequest(exercise, available, restricted_regions=frozenset({facts.body_region}))
    ranked = rank_alternatives(request, catalog.exercises, limit=1)
    return ranked[0].exercise if ranked else None


def injury_analysis(
    *, user: Any, facts: InjuryFacts, available: frozenset[str] | None = None
) -> dict[str, Any]:
    """The ``metrics`` of /api/injury/analyze (JSON-safe); substitutes use ``available``
    equipment (None: any)."""
    catalog = catalog_snapshot()
    tier = guidance.tier_for(facts.severity)
    load = region_load(facts.body_region)
    sources: dict[int, list[str]] = {}
    for source, ids in (
        ("program", program_exercise_ids(user)),
        ("recent_training", recent_exercise_ids(user)),
    ):
        for exercise_id in ids:
            sources.setdefault(exercise_id, []).append(source)
    sorted_into: dict[str, list[dict[str, Any]]] = {
        guidance.MODIFY: [],
        guidance.SUBSTITUTE: [],
        guidance.AVOID: [],
    }
    for exercise_id, where in sorted(sources.items()):
        exercise = catalog.get(exercise_id)
        if exercise is None or not exercise.loads_region(facts.body_region):
            continue
        substitute = (
            _substitute(exercise, facts, catalog, available)
            if tier == guidance.SUBSTITUTE
            else None
        )
        sorted_into[tier].append(_entry(exercise, tier, where, substitute))
    loading = [e for e in catalog.exercises if e.loads_region(facts.body_region)]
    patterns = [p for p, _ in Counter(e.pattern for e in loading).most_common(5)]
    red_flags = list(facts.red_flags)
    return {
        "injury": {
            "body_region": facts.body_region,
            "side": facts.side,
            "severity": facts.severity,
        },
        "tier": tier,
        "affected": {
            "body_regions": sorted({facts.body_region, *load.joints}),
            "primary_muscles": sorted(load.primary_muscles),
            "movement_patterns": patterns,
            "catalog_exercises_loading": len(loading),
        },
        "exercises": sorted_into,
        "run_guidance": guidance.run_guidance(facts.body_region, facts.severity),
        "return_to_training": [dict(step) for step in guidance.RETURN_STEPS],
        "red_flags": red_flags,
        "clinician_referral": guidance.clinician_referral(red_flags),
        "professional_care": guidance.PROFESSIONAL_CARE,
    }
