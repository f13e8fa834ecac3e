"""Input and output serializers for the coach endpoints, and the AI endpoints' response shape."""

from __future__ import annotations

from rest_framework import serializers

MAX_QUESTION_CHARS = 2000


class AskInputSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=MAX_QUESTION_CHARS)
    stream = serializers.BooleanField(default=False)
    conversation_id = serializers.IntegerField(required=False, min_value=1)


class CitationSerializer(serializers.Serializer):
    n = serializers.IntegerField()
    chunk_id = serializers.IntegerField()
    title = serializers.CharField()
    namespace = serializers.CharField()


class UsageSerializer(serializers.Serializer):
    prompt_tokens = serializers.IntegerField()
    completion_tokens = serializers.IntegerField()
    total_tokens = serializers.IntegerField()


class AskOutputSerializer(serializers.Serializer):
    answer = serializers.CharField()
    citations = CitationSerializer(many=True)
    provider = serializers.CharField()
    model = serializers.CharField()
    cached = serializers.BooleanField()
    usage = UsageSerializer()
    conversation_id = serializers.IntegerField()


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField()


class ErrorSerializer(serializers.Serializer):
    """The API's error shape: ``{"error": {"code", "message", "fields"}}``."""

    error = ErrorDetailSerializer()


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
