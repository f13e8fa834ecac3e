"""The swap answer for one athlete: their equipment and injuries, the reason, the ranked list."""

from __future__ import annotations

from typing import Any

from coach.swap.catalog import CatalogExercise, CatalogSnapshot
from coach.swap.reasons import constraints_from_reason
from coach.swap.scorer import SwapRequest, rank_alternatives
from training.models import Injury, InjuryStatus

SWAP_INJURY_SEVERITY = 4  # "never an exercise loading a region injured at severity >= 4"


def injured_regions(user: Any) -> set[str]:
    """Regions of the athlete's current injuries at severity 4 or more."""
    rows = Injury.objects.filter(
        user=user,
        status__in=[InjuryStatus.ACTIVE, InjuryStatus.RECOVERING],
        severity__gte=SWAP_INJURY_SEVERITY,
    )
    return set(rows.values_list("body_region", flat=True))


def profile_equipment(user: Any) -> frozenset[str] | None:
    """The profile's equipment; None when the athlete has not said (nothing is ruled out)."""
    profile = getattr(user, "profile", None)
    equipment = list(getattr(profile, "equipment_available", None) or [])
    return frozenset(equipment) if equipment else None


def swap_alternatives(
    *,
    user: Any,
    original: CatalogExercise,
    catalog: CatalogSnapshot,
    reason: str = "",
    equipment: list[str] | None = None,
) -> dict[str, Any]:
    """The ``metrics`` of /api/chat/swap-exercise-enhanced (JSON-safe)."""
    available = frozenset(equipment) if equipment else profile_equipment(user)
    constraints = constraints_from_reason(reason, original.equipment)
    injured = injured_regions(user)
    request = SwapRequest(
        original=original,
        available=available,
        excluded=constraints.excluded_equipment,
        restricted_regions=frozenset(injured) | constraints.restricted_regions,
    )
    alternatives = rank_alternatives(request, catalog.exercises)
    return {
        "original": original.as_ref(),
        "alternatives": [a.as_dict() for a in alternatives],
        "constraints": {
            "equipment_available": sorted(available) if available is not None else None,
            "excluded_equipment": sorted(constraints.excluded_equipment),
            "injured_regions": sorted(injured),
            "reason_regions": sorted(constraints.restricted_regions),
        },
    }
