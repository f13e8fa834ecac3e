"""The write path for check-ins: upsert by day, update, delete (signals bump the context)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from training.checkins import CheckIn


@transaction.atomic
def checkin_upsert(*, user: Any, data: dict[str, Any]) -> tuple[CheckIn, bool]:
    """The user's check-in for ``data["date"]``, created or replaced; True when created."""
    values = {key: value for key, value in data.items() if key != "date"}
    checkin, created = CheckIn.objects.select_for_update().update_or_create(
        user=user, date=data["date"], defaults=values
    )
    return checkin, created


@transaction.atomic
def checkin_update(*, checkin: CheckIn, data: dict[str, Any]) -> CheckIn:
    """Change fields of one check-in (moving it onto a day that has one is refused upstream)."""
    for field, value in data.items():
        setattr(checkin, field, value)
    checkin.save()
    return checkin


@transaction.atomic
def checkin_delete(*, checkin: CheckIn) -> None:
    checkin.delete()
