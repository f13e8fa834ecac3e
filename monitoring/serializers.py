"""Output serializers of the monitoring endpoints (they document the responses' shapes)."""

from __future__ import annotations

from rest_framework import serializers

from core.serializers import Serializer


class ComponentSerializer(Serializer):
    status = serializers.CharField(help_text="`ok`, `down`, `error`, `unchecked` or `degraded`")
    required = serializers.BooleanField()
    latency_ms = serializers.FloatField()
    detail = serializers.CharField(required=False)
    version = serializers.CharField(required=False)


class HealthSerializer(Serializer):
    status = serializers.ChoiceField(["ok", "degraded", "down"])
    components = serializers.DictField(child=ComponentSerializer())


class CacheRateSerializer(Serializer):
    hits = serializers.IntegerField()
    misses = serializers.IntegerField()
    sets = serializers.IntegerField()
    invalidations = serializers.IntegerField()
    hit_rate = serializers.FloatField(allow_null=True)


class TierRateSerializer(Serializer):
    requests = serializers.IntegerField()
    throttled = serializers.IntegerField()
    throttled_share = serializers.FloatField(allow_null=True)
    outcomes = serializers.DictField(child=serializers.IntegerField())


class LLMUsageSerializer(Serializer):
    calls = serializers.IntegerField()
    errors = serializers.IntegerField()
    error_rate = serializers.FloatField(allow_null=True)
    tokens = serializers.DictField(child=serializers.IntegerField())


class LatencySerializer(Serializer):
    count = serializers.IntegerField()
    p50_ms = serializers.FloatField(allow_null=True)
    p95_ms = serializers.FloatField(allow_null=True)
    mean_ms = serializers.FloatField(allow_null=True)


class SummaryWindowSerializer(Serializer):
    minutes = serializers.IntegerField()
    cache = serializers.DictField(child=CacheRateSerializer(), help_text="By cache type.")
    ratelimit = serializers.DictField(child=TierRateSerializer(), help_text="By tier.")
    ratelimit_errors = serializers.DictField(child=serializers.IntegerField())
    llm = serializers.DictField(child=LLMUsageSerializer(), help_text="By provider.")
    latency = serializers.DictField(
        child=serializers.DictField(child=LatencySerializer()),
        help_text="By metric, then by label value.",
    )


class SummarySerializer(Serializer):
    generated_at = serializers.FloatField(help_text="Unix time.")
    windows = serializers.DictField(child=SummaryWindowSerializer(), help_text="`hour`, `day`.")


class AlertSerializer(Serializer):
    name = serializers.CharField()
    severity = serializers.ChoiceField(["warning", "critical"])
    since = serializers.FloatField(allow_null=True, help_text="Unix time.")
    value = serializers.FloatField()
    detail = serializers.CharField()
    threshold = serializers.FloatField(required=False)
    cache = serializers.CharField(required=False)
    tier = serializers.CharField(required=False)
    provider = serializers.CharField(required=False)
    component = serializers.CharField(required=False)


class AlertsSerializer(Serializer):
    count = serializers.IntegerField()
    alerts = AlertSerializer(many=True)
