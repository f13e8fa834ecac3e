"""Input and output serializers of /api/chat/classify."""

from __future__ import annotations

from rest_framework import serializers

from coach.classify.intents import Intent
from core.serializers import Serializer

MAX_MESSAGE_CHARS = 1000


class ClassifyInputSerializer(Serializer):
    message = serializers.CharField(max_length=MAX_MESSAGE_CHARS)


class IntentScoreSerializer(Serializer):
    intent = serializers.ChoiceField(Intent.choices)
    confidence = serializers.FloatField()


class ClassifyOutputSerializer(Serializer):
    intent = serializers.ChoiceField(Intent.choices)
    confidence = serializers.FloatField()
    alternatives = IntentScoreSerializer(many=True)
