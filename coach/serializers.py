"""Input and output serializers for the coach endpoints, and the AI endpoints' response shape."""

from __future__ import annotations

from rest_framework import serializers

from core.schema import ErrorResponse
from core.serializers import Serializer

MAX_QUESTION_CHARS = 2000

# The API's one error shape (core.schema), under the name the coach views document it by.
ErrorSerializer = ErrorResponse


class AskInputSerializer(Serializer):
    question = serializers.CharField(max_length=MAX_QUESTION_CHARS)
    stream = serializers.BooleanField(default=False)
    conversation_id = serializers.IntegerField(required=False, min_value=1)


class CitationSerializer(Serializer):
    n = serializers.IntegerField()
    chunk_id = serializers.IntegerField()
    title = serializers.CharField()
    namespace = serializers.CharField()


class UsageSerializer(Serializer):
    prompt_tokens = serializers.IntegerField()
    completion_tokens = serializers.IntegerField()
    total_tokens = serializers.IntegerField()


class AskOutputSerializer(Serializer):
    answer = serializers.CharField()
    citations = CitationSerializer(many=True)
    provider = serializers.CharField()
    model = serializers.CharField()
    cached = serializers.BooleanField()
    usage = UsageSerializer()
    conversation_id = serializers.IntegerField()


def ai_response_serializer(
    name: str, metrics_serializer: type[serializers.Serializer] | None
) -> type[serializers.Serializer]:
    """The response serializer of one AI endpoint (for its OpenAPI schema)."""
    metrics_field = metrics_serializer() if metrics_serializer else serializers.DictField()
    attrs = {
        "metrics": metrics_field,
        "narrative": serializers.CharField(),
        "citations": CitationSerializer(many=True),
        "provider": serializers.CharField(),
        "model": serializers.CharField(),
        "cached": serializers.BooleanField(),
        "usage": UsageSerializer(),
        "__module__": __name__,
    }
    return type(f"{name.removesuffix('View')}Response", (serializers.Serializer,), attrs)
