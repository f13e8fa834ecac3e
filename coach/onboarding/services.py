"""Writes of the onboarding conversation: the per-user state, and the profile when complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from accounts.models import Profile
from accounts.serializers import ProfileSerializer
from accounts.services import profile_update
from coach.models import OnboardingState
from coach.onboarding.conversation import Turn, onboarding_turn
from training.models import Injury, InjuryStatus, Side
from training.services import injury_log_create

ONBOARDING_INJURY_NOTE = "Told during onboarding."

PROFILE_FIELDS = frozenset(ProfileSerializer.Meta.fields) - set(
    ProfileSerializer.Meta.read_only_fields
)


def profile_data(fields: dict[str, dict[str, Any]], today: date) -> dict[str, Any]:
    """The Profile's validated values from the state (an age said becomes a birth year)."""
    values = {name: item["value"] for name, item in fields.items() if name in PROFILE_FIELDS}
    age = fields.get("age", {}).get("value")
    if age is not None and "birth_year" not in values:
        values["birth_year"] = today.year - int(age)
    serializer = ProfileSerializer(data=values, partial=True)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@dataclass(frozen=True)
class InjuriesLogged:
    """What completion did with the injuries told: logged now, and heard without a severity."""

    logged: list[Injury] = field(default_factory=list)
    unrated: list[dict[str, Any]] = field(default_factory=list)


def onboarding_injuries_log(
    *, user: Any, injuries: list[dict[str, Any]], today: date
) -> InjuriesLogged:
    """Log the injuries the conversation heard, through training's service, once: an injury
    already open for the same region and side is not logged again (a repeated completion adds
    nothing), and one told without a severity is not logged (no number is invented)."""
    open_now = set(
        Injury.objects.filter(user=user)
        .exclude(status=InjuryStatus.RESOLVED)
        .values_list("body_region", "side")
    )
    result = InjuriesLogged()
    for item in injuries:
        region, side = item["body_region"], item.get("side") or Side.NONE
        if item.get("severity") is None:
            result.unrated.append(item)
            continue
        if (region, side) in open_now:
            continue
        data = {
            "body_region": region,
            "side": side,
            "severity": item["severity"],
            "onset_date": today,  # the day it was told; the onset itself was not said
            "notes": ONBOARDING_INJURY_NOTE,
        }
        result.logged.append(injury_log_create(user=user, data=data))
        open_now.add((region, side))
    return result


@transaction.atomic
def onboarding_message_apply(
    *, user: Any, message: str, today: date
) -> tuple[OnboardingState, Turn, Profile | None, InjuriesLogged]:
    """Merge one message into the user's state; write the profile (and log the injuries told)
    once nothing is missing."""
    state, _ = OnboardingState.objects.select_for_update().get_or_create(user=user)
    turn = onboarding_turn(state.fields, state.asked, message, today)
    state.fields = turn.fields
    state.asked = turn.next_field or ""
    state.turns += 1
    profile = None
    injuries = InjuriesLogged()
    if turn.complete:
        try:
            profile = profile_update(user=user, data=profile_data(turn.fields, today))
        except ValidationError as exc:
            raise ValidationError({"message": exc.detail}) from exc
        told = turn.fields.get("injuries", {}).get("value") or []
        injuries = onboarding_injuries_log(user=user, injuries=told, today=today)
        state.completed_at = timezone.now()
    state.save()
    return state, turn, profile, injuries


def onboarding_state_reset(*, user: Any) -> int:
    """Forget the conversation (the profile keeps what was written); returns rows deleted."""
    deleted, _ = OnboardingState.objects.filter(user=user).delete()
    return deleted
