"""Input and ``metrics`` serializers of the analytics endpoints: fatigue, deload, insights, runs."""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework import serializers

from analytics.insights import DEFAULT_WEEKS, MAX_WEEKS
from core.serializers import Serializer
from training import limits
from training.localtime import user_today


class AsOfInputSerializer(Serializer):
    as_of = serializers.DateField(
        required=False, help_text="The day the numbers are for (default: today, your time zone)."
    )

    def validate_as_of(self, value: date) -> date:
        if value > user_today(self.context["request"].user):
            raise serializers.ValidationError("Must not be in the future.", code="in_future")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.setdefault("as_of", user_today(self.context["request"].user))
        return attrs


class InsightsInputSerializer(AsOfInputSerializer):
    weeks = serializers.IntegerField(min_value=1, max_value=MAX_WEEKS, default=DEFAULT_WEEKS)


class SplitInputSerializer(Serializer):
    distance_m = serializers.FloatField(
        min_value=limits.MIN_SPLIT_DISTANCE_M, max_value=limits.MAX_SPLIT_DISTANCE_M
    )
    duration_s = serializers.FloatField(
        min_value=limits.MIN_SPLIT_DURATION_S, max_value=limits.MAX_SPLIT_DURATION_S
    )
    avg_hr = serializers.IntegerField(
        required=False, min_value=limits.MIN_HEART_RATE, max_value=limits.MAX_HEART_RATE
    )


class RawRunSerializer(Serializer):
    started_at = serializers.DateTimeField(required=False)
    distance_m = serializers.FloatField(
        min_value=limits.MIN_RUN_DISTANCE_M, max_value=limits.MAX_RUN_DISTANCE_M
    )
    duration_s = serializers.IntegerField(
        min_value=limits.MIN_RUN_DURATION_S, max_value=limits.MAX_RUN_DURATION_S
    )
    avg_hr = serializers.IntegerField(
        required=False, min_value=limits.MIN_HEART_RATE, max_value=limits.MAX_HEART_RATE
    )
    max_hr = serializers.IntegerField(
        required=False, min_value=limits.MIN_HEART_RATE, max_value=limits.MAX_HEART_RATE
    )
    rpe = serializers.IntegerField(
        required=False, min_value=limits.MIN_RPE, max_value=limits.MAX_RPE
    )
    splits = SplitInputSerializer(many=True, required=False, max_length=limits.MAX_SPLITS)


class RunAnalyzeInputSerializer(Serializer):
    """Exactly one of ``run_id``, ``run`` (raw data) or ``file`` (GPX, TCX or FIT, multipart)."""

    run_id = serializers.IntegerField(required=False, min_value=1)
    run = RawRunSerializer(required=False)
    file = serializers.FileField(required=False, allow_empty_file=False)
    rpe = serializers.IntegerField(
        required=False,
        min_value=limits.MIN_RPE,
        max_value=limits.MAX_RPE,
        help_text="The run's RPE when the file or the stored run has none.",
    )
    race = serializers.BooleanField(default=False, help_text="Treat the run as a race effort.")
    save = serializers.BooleanField(default=False, help_text="Store an uploaded run (file or run).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [key for key in ("run_id", "run", "file") if attrs.get(key) is not None]
        if len(given) != 1:
            raise serializers.ValidationError(
                {key: ["Send exactly one of run_id, run or file."] for key in given or ["run_id"]}
            )
        if attrs["save"] and "run_id" in given:
            raise serializers.ValidationError({"save": ["A stored run is already saved."]})
        return attrs


# --- metrics (the OpenAPI shape of each response's ``metrics``) ---------------------------------
class FlagSerializer(Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    limits = serializers.CharField()


class DailyLoadSerializer(Serializer):
    date = serializers.DateField()
    load = serializers.FloatField()


class MissingInputSerializer(Serializer):
    kind = serializers.ChoiceField(choices=["workout", "run"])
    id = serializers.IntegerField()
    date = serializers.DateField()
    reason = serializers.CharField()


class FatigueMetricsSerializer(Serializer):
    as_of = serializers.DateField()
    acute_load = serializers.FloatField()
    chronic_load = serializers.FloatField()
    acwr_rolling = serializers.FloatField(allow_null=True)
    acwr_ewma = serializers.FloatField(allow_null=True)
    monotony = serializers.FloatField(allow_null=True)
    strain = serializers.FloatField(allow_null=True)
    ctl = serializers.FloatField()
    atl = serializers.FloatField()
    tsb = serializers.FloatField()
    zone = serializers.ChoiceField(
        choices=["low", "sweet_spot", "caution", "high"], allow_null=True
    )
    flags = FlagSerializer(many=True)
    daily_loads = DailyLoadSerializer(many=True)
    missing_inputs = MissingInputSerializer(many=True)


class LiftRefSerializer(Serializer):
    exercise_id = serializers.IntegerField()
    name = serializers.CharField()


class DeloadSignalsSerializer(Serializer):
    acwr_rolling = serializers.FloatField(allow_null=True)
    stalled_lifts = LiftRefSerializer(many=True)
    low_readiness_streak = serializers.IntegerField()
    weeks_since_deload = serializers.IntegerField(allow_null=True)


class DeloadLiftSerializer(LiftRefSerializer):
    working_sets_per_session = serializers.FloatField()
    deload_sets_per_session = serializers.IntegerField()
    top_load_kg = serializers.FloatField(allow_null=True)
    deload_load_kg = serializers.FloatField(allow_null=True)


class DeloadPrescriptionSerializer(Serializer):
    volume_change_pct = serializers.ListField(child=serializers.IntegerField())
    load_change_pct = serializers.IntegerField()
    rir_change = serializers.IntegerField()
    frequency = serializers.CharField()
    duration_days = serializers.IntegerField()
    lifts = DeloadLiftSerializer(many=True)


class DeloadMetricsSerializer(Serializer):
    recommended = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    signals = DeloadSignalsSerializer()
    prescription = DeloadPrescriptionSerializer(allow_null=True)


class MuscleWeekSerializer(Serializer):
    week_start = serializers.DateField()
    muscle = serializers.CharField()
    sets = serializers.FloatField()


class LandmarksSerializer(Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    basis = serializers.CharField()
    weekly_mean = serializers.DictField(child=serializers.FloatField())
    under = serializers.ListField(child=serializers.CharField())
    over = serializers.ListField(child=serializers.CharField())


class LiftPointSerializer(Serializer):
    date = serializers.DateField()
    e1rm_epley = serializers.FloatField()
    e1rm_brzycki = serializers.FloatField()
    e1rm_adjusted = serializers.FloatField()


class LiftSerializer(LiftRefSerializer):
    points = LiftPointSerializer(many=True)
    change_pct = serializers.FloatField(allow_null=True)


class StalledLiftSerializer(LiftRefSerializer):
    e1rm_kg = serializers.FloatField()
    exposures = serializers.IntegerField()


class RepBracketSerializer(LiftRefSerializer):
    reps = serializers.CharField()
    weight_kg = serializers.FloatField()


class WeekSummarySerializer(Serializer):
    week_start = serializers.DateField()
    tonnage_kg = serializers.FloatField()
    sets = serializers.IntegerField()
    avg_rpe = serializers.FloatField(allow_null=True)


class InsightsMetricsSerializer(Serializer):
    weeks = serializers.IntegerField()
    as_of = serializers.DateField()
    hard_sets_by_muscle = MuscleWeekSerializer(many=True)
    landmarks = LandmarksSerializer()
    lifts = LiftSerializer(many=True)
    stalled_lifts = StalledLiftSerializer(many=True)
    prs_by_rep_bracket = RepBracketSerializer(many=True)
    weekly = WeekSummarySerializer(many=True)


class AnalyzedSplitSerializer(Serializer):
    km = serializers.IntegerField()
    distance_m = serializers.FloatField()
    duration_s = serializers.FloatField()
    pace_s_per_km = serializers.FloatField(allow_null=True)
    avg_hr = serializers.FloatField(allow_null=True)


class RecentComparisonSerializer(Serializer):
    runs = serializers.IntegerField()
    avg_pace_s_per_km = serializers.FloatField(allow_null=True)
    pace_diff_pct = serializers.FloatField(allow_null=True)
    avg_hr = serializers.FloatField(allow_null=True)


class RunMetricsSerializer(Serializer):
    run_id = serializers.IntegerField(allow_null=True)
    date = serializers.DateField()
    distance_m = serializers.FloatField(allow_null=True)
    duration_s = serializers.FloatField()
    pace_s_per_km = serializers.FloatField(allow_null=True)
    avg_hr = serializers.FloatField(allow_null=True)
    splits = AnalyzedSplitSerializer(many=True)
    pace_drift_pct = serializers.FloatField(allow_null=True)
    hr_drift_pct = serializers.FloatField(allow_null=True)
    hr_zones = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()), allow_null=True
    )
    hr_max_source = serializers.CharField()
    time_in_zones_s = serializers.DictField(child=serializers.FloatField(), allow_null=True)
    trimp = serializers.FloatField(allow_null=True)
    session_load = serializers.FloatField(allow_null=True)
    race_like = serializers.BooleanField()
    vdot = serializers.FloatField(allow_null=True)
    training_paces = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()), allow_null=True
    )
    compared_to_recent = RecentComparisonSerializer(allow_null=True)
    missing_inputs = serializers.ListField(child=serializers.CharField())
