"""Input and output serializers of /api/chat/classify."""

from __future__ import annotations

from rest_framework import serializers

from coach.classify.intents import Intent

MAX_MESSAGE_CHARS = 1000


class ClassifyInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=MAX_MESSAGE_CHARS)


class IntentScoreSerializer(serializers.Serializer):
    intent = serializers.ChoiceField(Intent.choices)
    confidence = serializers.FloatField()


class ClassifyOutputSerializer(serializers.Serializer):
    intent = serializers.ChoiceField(Intent.choices)
    confidence = serializers.FloatField()
    alternatives = IntentScoreSerializer(many=True)
