"""Writes of the onboarding conversation: the per-user state, and the profile when complete."""

from __future__ import annotations

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


@transaction.atomic
def onboarding_message_apply(
    *, user: Any, message: str, today: date
) -> tuple[OnboardingState, Turn, Profile | None]:
    """Merge one message into the user's state; write the profile once nothing is missing."""
    state, _ = OnboardingState.objects.select_for_update().get_or_create(user=user)
    turn = onboarding_turn(state.fields, state.asked, message, today)
    state.fields = turn.fields
    state.asked = turn.next_field or ""
    state.turns += 1
    profile = None
    if turn.complete:
        try:
            profile = profile_update(user=user, data=profile_data(turn.fields, today))
        except ValidationError as exc:
            raise ValidationError({"message": exc.detail}) from exc
        state.completed_at = timezone.now()
    state.save()
    return state, turn, profile


def onboarding_state_reset(*, user: Any) -> int:
    """Forget the conversation (the profile keeps what was written); returns rows deleted."""
    deleted, _ = OnboardingState.objects.filter(user=user).delete()
    return deleted
