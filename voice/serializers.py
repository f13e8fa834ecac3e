"""Voice request validation and the schema an LLM's answer must pass before it is used."""

from __future__ import annotations

from typing import Any, get_args

from rest_framework import serializers

from core.serializers import Serializer
from training.limits import (
    MAX_RUN_CALORIES,
    MAX_SET_DISTANCE_M,
    MAX_SET_DURATION_S,
    MIN_RUN_CALORIES,
    MIN_SET_DISTANCE_M,
    MIN_SET_DURATION_S,
)
from voice.parsing.entries import Activity

MAX_TRANSCRIPT_CHARS = 2000
MAX_LLM_ENTRIES = 30
MAX_LLM_SETS = 50


class VoiceParseRequestSerializer(Serializer):
    transcript = serializers.CharField(max_length=MAX_TRANSCRIPT_CHARS, trim_whitespace=True)
    unit = serializers.ChoiceField(choices=["kg", "lb"], required=False)


class VoiceLogRequestSerializer(VoiceParseRequestSerializer):
    session_id = serializers.IntegerField(required=False, min_value=1)


# Printable ASCII without spaces, 1 to 255 characters.
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"


class IdempotencyKeySerializer(Serializer):
    key = serializers.RegexField(IDEMPOTENCY_KEY_PATTERN, max_length=255)


class LLMSetSerializer(Serializer):
    """One set: reps, or a time (a hold), or a distance (a carry); per side when said so."""

    reps = serializers.IntegerField(min_value=1, max_value=1000, allow_null=True, default=None)
    weight = serializers.FloatField(min_value=0, max_value=100_000, allow_null=True, default=None)
    unit = serializers.ChoiceField(choices=["kg", "lb"], allow_null=True, default=None)
    rpe = serializers.FloatField(min_value=1, max_value=10, allow_null=True, default=None)
    rir = serializers.IntegerField(min_value=0, max_value=10, allow_null=True, default=None)
    added_load = serializers.BooleanField(default=False)
    duration_s = serializers.IntegerField(
        min_value=MIN_SET_DURATION_S, max_value=MAX_SET_DURATION_S, allow_null=True, default=None
    )
    distance_m = serializers.FloatField(
        min_value=MIN_SET_DISTANCE_M, max_value=MAX_SET_DISTANCE_M, allow_null=True, default=None
    )
    per_side = serializers.BooleanField(default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if all(attrs.get(name) is None for name in ("reps", "duration_s", "distance_m")):
            raise serializers.ValidationError("A set has reps, a duration or a distance.")
        return attrs


class LLMStrengthEntrySerializer(Serializer):
    kind = serializers.ChoiceField(choices=["strength"])
    spoken_name = serializers.CharField(max_length=120)
    sets = LLMSetSerializer(many=True, min_length=1, max_length=MAX_LLM_SETS)


class LLMCardioEntrySerializer(Serializer):
    kind = serializers.ChoiceField(choices=["cardio"])
    activity = serializers.ChoiceField(choices=list(get_args(Activity)))
    distance_m = serializers.FloatField(
        min_value=0, max_value=10_000_000, allow_null=True, default=None
    )
    duration_s = serializers.IntegerField(
        min_value=1, max_value=10_000_000, allow_null=True, default=None
    )
    calories = serializers.IntegerField(
        min_value=MIN_RUN_CALORIES, max_value=MAX_RUN_CALORIES, allow_null=True, default=None
    )
    spoken_name = serializers.CharField(max_length=120, required=False, default="")


class LLMParseSerializer(Serializer):
    """What the model must answer: ``{"entries": [...]}``, each entry strength or cardio."""

    entries = serializers.ListField(child=serializers.DictField(), max_length=MAX_LLM_ENTRIES)

    def validate_entries(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        clean: list[dict[str, Any]] = []
        schemas: dict[str, type[serializers.Serializer]] = {
            "strength": LLMStrengthEntrySerializer,
            "cardio": LLMCardioEntrySerializer,
        }
        for entry in entries:
            kind: Any = entry.get("kind")
            schema = schemas.get(kind)
            if schema is None:
                raise serializers.ValidationError("Every entry needs kind strength or cardio.")
            serializer = schema(data=entry)
            serializer.is_valid(raise_exception=True)
            clean.append(dict(serializer.validated_data))
        return clean
