"""Non-trivial reads on the training domain."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet

from training.models import Exercise, SetLog, WorkoutSession


def catalog_version() -> str:
    """A short fingerprint of the catalog that changes whenever an exercise changes."""
    stats = Exercise.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    raw = f"{stats['count']}:{stats['changed'].isoformat() if stats['changed'] else ''}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def workouts_for(user: Any) -> QuerySet[WorkoutSession]:
    """A user's sessions with their sets and exercises prefetched (two extra queries)."""
    return WorkoutSession.objects.filter(user=user).prefetch_related(
        Prefetch("sets", queryset=SetLog.objects.select_related("exercise"))
    )
