"""Voice request validation and the schema an LLM's answer must pass before it is used."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.serializers import Serializer

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
    reps = serializers.IntegerField(min_value=1, max_value=1000)
    weight = serializers.FloatField(min_value=0, max_value=100_000, allow_null=True, default=None)
    unit = serializers.ChoiceField(choices=["kg", "lb"], allow_null=True, default=None)
    rpe = serializers.FloatField(min_value=1, max_value=10, allow_null=True, default=None)
    rir = serializers.IntegerField(min_value=0, max_value=10, allow_null=True, default=None)
    added_load = serializers.BooleanField(default=False)


class LLMStrengthEntrySerializer(Serializer):
    kind = serializers.ChoiceField(choices=["strength"])
    spoken_name = serializers.CharField(max_length=120)
    sets = LLMSetSerializer(many=True, min_length=1, max_length=MAX_LLM_SETS)


class LLMCardioEntrySerializer(Serializer):
    kind = serializers.ChoiceField(choices=["cardio"])
    activity = serializers.ChoiceField(choices=["run", "bike", "row", "swim", "walk"])
    distance_m = serializers.FloatField(
        min_value=0, max_value=10_000_000, allow_null=True, default=None
    )
    duration_s = serializers.IntegerField(
        min_value=1, max_value=10_000_000, allow_null=True, default=None
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
