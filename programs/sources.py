"""What a generator needs from the athlete's data: the catalog, open injuries, e1RMs, the start."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import Profile
from programs.plan import ExerciseOption, InjuryConstraint
from training.models import Exercise, Injury, InjuryStatus, PersonalRecord, RecordKind


def catalog_options() -> list[ExerciseOption]:
    rows = Exercise.objects.values_list(
        "id", "slug", "name", "pattern", "equipment", "primary_muscles", "category", "bodyweight"
    )
    return [
        ExerciseOption(pk, slug, name, pattern, tuple(eq), tuple(muscles), category, bodyweight)
        for pk, slug, name, pattern, eq, muscles, category, bodyweight in rows
    ]


def loading_ids(region: str) -> frozenset[int]:
    """Catalog ids of the exercises that load an injured body region."""
    return frozenset(Exercise.objects.loading(region).values_list("id", flat=True))


def open_injuries(user: Any) -> list[InjuryConstraint]:
    """Every injury not resolved, worst first."""
    rows = (
        Injury.objects.filter(user=user)
        .exclude(status=InjuryStatus.RESOLVED)
        .order_by("-severity")
        .values_list("body_region", "severity")
    )
    return [InjuryConstraint(region, severity, loading_ids(region)) for region, severity in rows]


def logged_e1rms(user: Any) -> dict[int, float]:
    """The newest estimated-1RM record per exercise (the records keep history)."""
    rows = (
        PersonalRecord.objects.filter(user=user, kind=RecordKind.ESTIMATED_1RM)
        .order_by("exercise_id", "-achieved_at", "-id")
        .distinct("exercise_id")
        .values_list("exercise_id", "value_kg")
    )
    return {exercise_id: float(value) for exercise_id, value in rows}


def profile_of(user: Any) -> Profile:
    return Profile.objects.filter(user=user).first() or Profile(user=user)


def local_today(user: Any) -> date:
    """Today where the athlete lives (their profile's time zone)."""
    return timezone.now().astimezone(ZoneInfo(profile_of(user).timezone or "UTC")).date()


def next_monday(day: date) -> date:
    """Plans start on a Monday: today if it is one, else the next."""
    return day + timedelta(days=(7 - day.weekday()) % 7)
