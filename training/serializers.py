"""Serializers for the training resources: input and output kept apart where they differ."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from training.models import (
    Exercise,
    Injury,
    PersonalRecord,
    RunSession,
    SetLog,
    WorkoutSession,
)
from training.units import from_kg, metres_to

MAX_SETS_PER_WORKOUT = 200
MAX_SPLITS = 500
FUTURE_TOLERANCE = timedelta(days=1)


def unit_context(user: Any) -> dict[str, str]:
    """Serializer context with the athlete's units (``weight_unit``, ``distance_unit``)."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return {}
    return {"weight_unit": profile.weight_unit, "distance_unit": profile.distance_unit}


def _unit(context: dict[str, Any], kind: str = "weight") -> str:
    return context.get(f"{kind}_unit", "kg" if kind == "weight" else "km")


def _not_in_future(value: Any) -> Any:
    now = timezone.now()
    limit = now + FUTURE_TOLERANCE if hasattr(value, "hour") else (now + FUTURE_TOLERANCE).date()
    if value > limit:
        raise serializers.ValidationError("Must not be in the future.", code="in_future")
    return value


class ExerciseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Exercise
        fields = [
            "id",
            "slug",
            "name",
            "aliases",
            "primary_muscles",
            "secondary_muscles",
            "equipment",
            "pattern",
            "category",
            "unilateral",
            "bodyweight",
            "loads_regions",
        ]


class SetInputSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False)
    exercise = serializers.PrimaryKeyRelatedField(queryset=Exercise.objects.all())

    class Meta:
        model = SetLog
        fields = ["id", "exercise", "order", "reps", "weight_kg", "rpe", "rir", "is_bodyweight"]
        extra_kwargs = {"order": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        exercise = attrs.get("exercise")
        needs_weight = exercise is not None and not exercise.bodyweight
        if needs_weight and attrs.get("weight_kg") is None and not attrs.get("is_bodyweight"):
            raise serializers.ValidationError(
                {"weight_kg": ["A weight is required unless the set is bodyweight."]}
            )
        return attrs


class SetOutputSerializer(serializers.ModelSerializer):
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    weight = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()

    class Meta:
        model = SetLog
        fields = [
            "id",
            "exercise",
            "exercise_name",
            "order",
            "reps",
            "weight_kg",
            "rpe",
            "rir",
            "is_bodyweight",
            "weight",
            "unit",
        ]

    def get_weight(self, obj: SetLog) -> float | None:
        return from_kg(obj.weight_kg, _unit(self.context))

    def get_unit(self, obj: SetLog) -> str:
        return _unit(self.context)


class WorkoutInputSerializer(serializers.ModelSerializer):
    started_at = serializers.DateTimeField(validators=[_not_in_future])
    sets = SetInputSerializer(many=True, required=False, max_length=MAX_SETS_PER_WORKOUT)

    class Meta:
        model = WorkoutSession
        fields = ["started_at", "ended_at", "notes", "source", "sets"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        started = attrs.get("started_at", getattr(self.instance, "started_at", None))
        ended = attrs.get("ended_at", getattr(self.instance, "ended_at", None))
        if started and ended and ended < started:
            raise serializers.ValidationError(
                {"ended_at": ["Must not be before started_at."]}, code="invalid_range"
            )
        return attrs


class WorkoutOutputSerializer(serializers.ModelSerializer):
    sets = SetOutputSerializer(many=True, read_only=True)

    class Meta:
        model = WorkoutSession
        fields = ["id", "started_at", "ended_at", "notes", "source", "sets", "created_at"]


class PersonalRecordSerializer(serializers.ModelSerializer):
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    value = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()

    class Meta:
        model = PersonalRecord
        fields = [
            "id",
            "exercise",
            "exercise_name",
            "kind",
            "reps",
            "value_kg",
            "value",
            "unit",
            "achieved_at",
            "set_log",
        ]
        read_only_fields = fields

    def get_value(self, obj: PersonalRecord) -> float | None:
        return from_kg(obj.value_kg, _unit(self.context))

    def get_unit(self, obj: PersonalRecord) -> str:
        return _unit(self.context)


class SplitSerializer(serializers.Serializer):
    distance_m = serializers.FloatField(min_value=1, max_value=100_000)
    duration_s = serializers.IntegerField(min_value=1, max_value=86_400)


class RunSerializer(serializers.ModelSerializer):
    started_at = serializers.DateTimeField(validators=[_not_in_future])
    splits = SplitSerializer(many=True, required=False, max_length=MAX_SPLITS)
    pace_s_per_km = serializers.FloatField(read_only=True)
    distance = serializers.SerializerMethodField()
    distance_unit = serializers.SerializerMethodField()

    class Meta:
        model = RunSession
        fields = [
            "id",
            "activity",
            "started_at",
            "distance_m",
            "duration_s",
            "avg_hr",
            "max_hr",
            "elevation_gain_m",
            "splits",
            "notes",
            "source",
            "pace_s_per_km",
            "distance",
            "distance_unit",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        avg = attrs.get("avg_hr", getattr(self.instance, "avg_hr", None))
        peak = attrs.get("max_hr", getattr(self.instance, "max_hr", None))
        if avg and peak and avg > peak:
            raise serializers.ValidationError({"avg_hr": ["Must not exceed max_hr."]})
        return attrs

    def get_distance(self, obj: RunSession) -> float | None:
        return metres_to(obj.distance_m, _unit(self.context, "distance"))

    def get_distance_unit(self, obj: RunSession) -> str:
        return _unit(self.context, "distance")


class InjurySerializer(serializers.ModelSerializer):
    onset_date = serializers.DateField(validators=[_not_in_future])

    class Meta:
        model = Injury
        fields = [
            "id",
            "body_region",
            "side",
            "severity",
            "status",
            "onset_date",
            "resolved_date",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        onset = attrs.get("onset_date", getattr(self.instance, "onset_date", None))
        resolved = attrs.get("resolved_date", getattr(self.instance, "resolved_date", None))
        if onset and resolved and resolved < onset:
            raise serializers.ValidationError({"resolved_date": ["Must not be before onset."]})
        return attrs
