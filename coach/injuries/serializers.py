"""Input and output serializers of /api/injury/log and /api/injury/analyze."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.serializers import Serializer
from training.limits import MAX_NOTES_LENGTH
from training.models import InjuryRegion, InjuryStatus, Side

MAX_TEXT_CHARS = 2000


class InjuryInputSerializer(Serializer):
    """Structured fields, free ``text``, or both (a structured field wins over the text)."""

    text = serializers.CharField(max_length=MAX_TEXT_CHARS, required=False)
    body_region = serializers.ChoiceField(InjuryRegion.choices, required=False)
    side = serializers.ChoiceField(Side.choices, required=False)
    severity = serializers.IntegerField(min_value=1, max_value=10, required=False)
    onset_date = serializers.DateField(required=False)
    notes = serializers.CharField(max_length=MAX_NOTES_LENGTH, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("text") and not attrs.get("body_region"):
            raise serializers.ValidationError(
                {"text": ["Describe the injury in `text`, or give `body_region` and `severity`."]}
            )
        return attrs


class InjuryAnalyzeInputSerializer(InjuryInputSerializer):
    injury_id = serializers.IntegerField(min_value=1, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("injury_id"):
            return attrs
        return super().validate(attrs)


class InjuryOutputSerializer(Serializer):
    id = serializers.IntegerField()
    body_region = serializers.ChoiceField(InjuryRegion.choices)
    side = serializers.ChoiceField(Side.choices)
    severity = serializers.IntegerField()
    status = serializers.ChoiceField(InjuryStatus.choices)
    onset_date = serializers.DateField()
    notes = serializers.CharField()


class MechanismSerializer(Serializer):
    kind = serializers.CharField(allow_null=True)
    activity = serializers.CharField(allow_null=True)


class InjuryLogMetricsSerializer(Serializer):
    extracted = serializers.DictField(
        allow_null=True, help_text="What the rules read from `text` (null if none)."
    )
    source = serializers.ChoiceField(["structured", "rules", "rules+llm"])
    red_flags = serializers.ListField(child=serializers.CharField())
    clinician_referral = serializers.CharField(allow_null=True)
    professional_care = serializers.CharField()
    mechanism = MechanismSerializer(allow_null=True)


class ExerciseRefSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SortedExerciseSerializer(Serializer):
    exercise = ExerciseRefSerializer()
    sources = serializers.ListField(child=serializers.ChoiceField(["program", "recent_training"]))
    guidance = serializers.CharField()
    substitute = ExerciseRefSerializer(allow_null=True)


class SortedExercisesSerializer(Serializer):
    modify = SortedExerciseSerializer(many=True)
    substitute = SortedExerciseSerializer(many=True)
    avoid = SortedExerciseSerializer(many=True)


class AffectedSerializer(Serializer):
    body_regions = serializers.ListField(child=serializers.CharField())
    primary_muscles = serializers.ListField(child=serializers.CharField())
    movement_patterns = serializers.ListField(child=serializers.CharField())
    catalog_exercises_loading = serializers.IntegerField()


class ReturnStepSerializer(Serializer):
    step = serializers.IntegerField()
    name = serializers.CharField()
    do = serializers.CharField()
    move_on_when = serializers.CharField()


class InjurySummarySerializer(Serializer):
    body_region = serializers.CharField()
    side = serializers.CharField()
    severity = serializers.IntegerField()


class ReplacementSerializer(Serializer):
    replaced = serializers.IntegerField()
    by = serializers.IntegerField()


class SubstitutionsAppliedSerializer(Serializer):
    program_id = serializers.IntegerField()
    changed = serializers.IntegerField(help_text="Prescriptions changed across the program.")
    replacements = ReplacementSerializer(many=True)


class InjuryAnalyzeMetricsSerializer(Serializer):
    injury = InjurySummarySerializer()
    tier = serializers.ChoiceField(["modify", "substitute", "avoid"])
    affected = AffectedSerializer()
    exercises = SortedExercisesSerializer()
    run_guidance = serializers.CharField(allow_null=True)
    return_to_training = ReturnStepSerializer(many=True)
    red_flags = serializers.ListField(child=serializers.CharField())
    clinician_referral = serializers.CharField(allow_null=True)
    professional_care = serializers.CharField()
    applied = SubstitutionsAppliedSerializer(required=False, help_text="Only with `?apply=1`.")
