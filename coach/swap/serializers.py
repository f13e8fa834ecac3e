"""Input and output serializers of /api/chat/swap-exercise-enhanced."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Equipment
from coach.injuries.serializers import ExerciseRefSerializer
from core.serializers import Serializer

MAX_EXERCISE_CHARS = 120
MAX_REASON_CHARS = 500


class SwapInputSerializer(Serializer):
    exercise = serializers.CharField(
        max_length=MAX_EXERCISE_CHARS, help_text="A catalog id or the exercise's name as said."
    )
    reason = serializers.CharField(max_length=MAX_REASON_CHARS, required=False, allow_blank=True)
    equipment = serializers.ListField(
        child=serializers.ChoiceField(Equipment.choices),
        required=False,
        max_length=len(Equipment.choices),
        help_text="Overrides the profile's equipment for this answer.",
    )
    apply = serializers.IntegerField(
        min_value=1, required=False, help_text="A session id of your active program to change."
    )


class AlternativeSerializer(Serializer):
    exercise = ExerciseRefSerializer()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class SwapConstraintsSerializer(Serializer):
    equipment_available = serializers.ListField(child=serializers.CharField(), allow_null=True)
    excluded_equipment = serializers.ListField(child=serializers.CharField())
    injured_regions = serializers.ListField(child=serializers.CharField())
    reason_regions = serializers.ListField(child=serializers.CharField())


class SwapAppliedSerializer(Serializer):
    session_id = serializers.IntegerField()
    replaced = serializers.IntegerField(help_text="The exercise id taken out.")
    by = serializers.IntegerField(help_text="The best alternative's id, put in.")
    changed = serializers.IntegerField(help_text="Prescriptions changed in that session.")


class SwapMetricsSerializer(Serializer):
    original = ExerciseRefSerializer()
    alternatives = AlternativeSerializer(many=True)
    constraints = SwapConstraintsSerializer()
    applied = SwapAppliedSerializer(required=False, help_text="Only with `apply`.")
