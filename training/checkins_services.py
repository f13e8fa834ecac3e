"""The write path for check-ins: upsert by day, update, delete (signals bump the context)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from training.checkins import ONE_PER_DAY, CheckIn


class CheckInDayTaken(Exception):
    """The change would give the user two check-ins on one day; nothing was changed."""


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
    """Change fields of one check-in; moving it onto a day that has one raises
    ``CheckInDayTaken``. The database's unique constraint decides, so two requests moving
    check-ins onto the same free day cannot both succeed."""
    for field, value in data.items():
        setattr(checkin, field, value)
    try:
        with transaction.atomic():
            checkin.save()
    except IntegrityError as exc:
        if getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None) == ONE_PER_DAY:
            raise CheckInDayTaken(f"There is already a check-in on {checkin.date}.") from exc
        raise
    return checkin


@transaction.atomic
def checkin_delete(*, checkin: CheckIn) -> None:
    checkin.delete()
