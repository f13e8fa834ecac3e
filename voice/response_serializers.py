"""Output serializers of the voice endpoints: what parse and log answer, down to each set."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from core.schema import ErrorDetail
from core.serializers import Serializer
from training.serializers import PersonalRecordSerializer, RunSerializer, WorkoutOutputSerializer

# Who read an entry: the rules, or the LLM for a segment the rules could not parse.
PARSE_SOURCES = ("rules", "llm")


class ReasonSerializer(Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    words = serializers.CharField(required=False, help_text="The words of the transcript.")


class MatchedExerciseSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    confidence = serializers.FloatField()


class VoiceSetSerializer(Serializer):
    reps = serializers.IntegerField(allow_null=True)
    weight = serializers.FloatField(allow_null=True, help_text="null for bodyweight.")
    unit = serializers.ChoiceField(["kg", "lb"], allow_null=True)
    rpe = serializers.FloatField(allow_null=True)
    rir = serializers.IntegerField(allow_null=True)
    added_load = serializers.BooleanField()
    duration_s = serializers.IntegerField(allow_null=True)
    distance_m = serializers.FloatField(allow_null=True)
    per_side = serializers.BooleanField()


class StrengthEntrySerializer(Serializer):
    kind = serializers.ChoiceField(["strength"])
    spoken_name = serializers.CharField()
    exercise = MatchedExerciseSerializer(allow_null=True)
    bodyweight = serializers.BooleanField()
    sets = VoiceSetSerializer(many=True)
    needs_confirmation = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)
    candidates = MatchedExerciseSerializer(many=True)
    source = serializers.ChoiceField(PARSE_SOURCES)


class VoiceSplitSerializer(Serializer):
    distance_m = serializers.FloatField(allow_null=True)
    duration_s = serializers.IntegerField(allow_null=True)


class CardioEntrySerializer(Serializer):
    kind = serializers.ChoiceField(["cardio"])
    activity = serializers.ChoiceField(["run", "bike", "row", "swim", "walk", "ski"])
    spoken_name = serializers.CharField()
    distance_m = serializers.FloatField(allow_null=True)
    duration_s = serializers.IntegerField(allow_null=True)
    splits = VoiceSplitSerializer(many=True)
    recovery_s = serializers.IntegerField(allow_null=True)
    recovery_m = serializers.FloatField(allow_null=True)
    calories = serializers.IntegerField(allow_null=True)
    needs_confirmation = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)
    source = serializers.ChoiceField(PARSE_SOURCES)


def _entry() -> PolymorphicProxySerializer:
    return PolymorphicProxySerializer(
        component_name="VoiceEntry",
        serializers={"strength": StrengthEntrySerializer, "cardio": CardioEntrySerializer},
        resource_type_field_name="kind",
        many=True,
    )


class VoiceParseResponseSerializer(Serializer):
    entries = _entry()
    unparsed = serializers.ListField(child=serializers.CharField())
    source = serializers.ChoiceField(PARSE_SOURCES)


class VoiceLogResponseSerializer(VoiceParseResponseSerializer):
    session = WorkoutOutputSerializer(allow_null=True)
    runs = RunSerializer(many=True)
    amended_set_id = serializers.IntegerField(allow_null=True)
    new_personal_records = PersonalRecordSerializer(many=True)


class VoiceRejectedSerializer(Serializer):
    """Nothing was logged: the error, and the entries (or reasons) to confirm."""

    error = ErrorDetail
    entries = _entry()
    unparsed = serializers.ListField(child=serializers.CharField(), required=False)
    source = serializers.ChoiceField(PARSE_SOURCES, required=False)
    reasons = ReasonSerializer(many=True, required=False)
