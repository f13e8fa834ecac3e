"""Input and output serializers of the onboarding endpoints."""

from __future__ import annotations

from rest_framework import serializers

from accounts.serializers import ProfileSerializer
from core.serializers import Serializer

MAX_TEXT_CHARS = 2000


class ExtractInputSerializer(Serializer):
    text = serializers.CharField(max_length=MAX_TEXT_CHARS)


class MessageInputSerializer(Serializer):
    message = serializers.CharField(max_length=MAX_TEXT_CHARS)


class FieldValueSerializer(Serializer):
    value = serializers.JSONField()
    confidence = serializers.FloatField()


class ExtractMetricsSerializer(Serializer):
    fields = serializers.DictField(
        child=FieldValueSerializer(), help_text="Profile field names (plus age, injuries, race)."
    )
    missing = serializers.ListField(child=serializers.CharField())


class ConversationMetricsSerializer(Serializer):
    fields = serializers.DictField(child=FieldValueSerializer())
    added = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    next_field = serializers.CharField(allow_null=True)
    turns = serializers.IntegerField()
    injuries_logged = serializers.ListField(
        child=serializers.DictField(),
        help_text="Injuries logged when this message completed the profile "
        "(`id`, `body_region`, `side`, `severity`); one already open is not logged again.",
    )
    injuries_unrated = serializers.ListField(
        child=serializers.CharField(),
        help_text="Regions of injuries told without a severity: not logged (no number is "
        "invented).",
    )


class ConversationStateSerializer(Serializer):
    fields = serializers.DictField(child=FieldValueSerializer())
    missing = serializers.ListField(child=serializers.CharField())
    question = serializers.CharField(allow_null=True)
    complete = serializers.BooleanField()
    turns = serializers.IntegerField()
    profile = ProfileSerializer(allow_null=True)
