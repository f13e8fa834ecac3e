"""Input and output of the staff-only retrieval inspection endpoint."""

from rest_framework import serializers

from core.serializers import Serializer
from rag.namespaces import NAMESPACES


class SearchInputSerializer(Serializer):
    query = serializers.CharField(max_length=1000, trim_whitespace=True)
    k = serializers.IntegerField(min_value=1, max_value=50, default=10)
    namespaces = serializers.ListField(
        child=serializers.ChoiceField(choices=NAMESPACES), required=False, max_length=9
    )


class SearchResultSerializer(Serializer):
    id = serializers.IntegerField()
    namespace = serializers.CharField()
    title = serializers.CharField()
    heading = serializers.CharField()
    source_file = serializers.CharField()
    text = serializers.CharField()
    score = serializers.FloatField()


class SearchOutputSerializer(Serializer):
    namespaces = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())
    results = SearchResultSerializer(many=True)
