"""Input and output serializers for the coach endpoints."""

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
