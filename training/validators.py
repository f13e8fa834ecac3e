"""Field validators for the storage bounds in ``training.limits``, shared by models and API."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from training import limits


def validate_run_distance(value: float | None) -> None:
    """A distance is 0 (not measured) or a real one: "1e-310 m" would make the pace infinite."""
    if value is None or value == 0:
        return
    if not limits.MIN_RUN_DISTANCE_M <= value <= limits.MAX_RUN_DISTANCE_M:
        raise ValidationError(
            f"Must be 0 (not measured) or from {limits.MIN_RUN_DISTANCE_M} "
            f"to {limits.MAX_RUN_DISTANCE_M:,} metres.",
            code="out_of_range",
        )


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def validate_not_before_earliest(value: date | datetime) -> None:
    """Training logged before 1900 is a typo or a fuzzer, not a history."""
    if _as_date(value) < limits.EARLIEST_DATE:
        raise ValidationError(
            f"Must not be before {limits.EARLIEST_DATE.isoformat()}.", code="too_early"
        )


def validate_not_in_future(value: date | datetime) -> None:
    """At most a day ahead of now (the athlete's clock and time zone may differ from ours)."""
    latest = timezone.now() + limits.FUTURE_TOLERANCE
    if isinstance(value, datetime):
        too_late = value > (latest if timezone.is_aware(value) else timezone.make_naive(latest))
    else:
        too_late = value > latest.date()
    if too_late:
        raise ValidationError("Must not be in the future.", code="in_future")
