"""Input and output serializers of the onboarding endpoints."""

from __future__ import annotations

from rest_framework import serializers

from accounts.serializers import ProfileSerializer

MAX_TEXT_CHARS = 2000


class ExtractInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT_CHARS)


class MessageInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=MAX_TEXT_CHARS)


class FieldValueSerializer(serializers.Serializer):
    value = serializers.JSONField()
    confidence = serializers.FloatField()


class ExtractMetricsSerializer(serializers.Serializer):
    fields = serializers.DictField(
        child=FieldValueSerializer(), help_text="Profile field names (plus age, injuries, race)."
    )
    missing = serializers.ListField(child=serializers.CharField())


class ConversationMetricsSerializer(serializers.Serializer):
    fields = serializers.DictField(child=FieldValueSerializer())
    added = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    next_field = serializers.CharField(allow_null=True)
    turns = serializers.IntegerField()


class ConversationStateSerializer(serializers.Serializer):
    fields = serializers.DictField(child=FieldValueSerializer())
    missing = serializers.ListField(child=serializers.CharField())
    question = serializers.CharField(allow_null=True)
    complete = serializers.BooleanField()
    turns = serializers.IntegerField()
    profile = ProfileSerializer(allow_null=True)
