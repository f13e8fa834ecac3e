"""Serializers for the training resources: input and output kept apart where they differ."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.serializers import ModelSerializer, Serializer
from training import limits
from training.models import (
    SET_MEASURE_MESSAGE,
    Equipment,
    Exercise,
    Injury,
    Muscle,
    Pattern,
    PersonalRecord,
    RecordKind,
    RunSession,
    SetLog,
    WorkoutSession,
)
from training.units import from_kg, metres_to
from training.validators import validate_not_before_earliest, validate_not_in_future

DATE_VALIDATORS = [validate_not_before_earliest, validate_not_in_future]


def unit_context(user: Any) -> dict[str, str]:
    """Serializer context with the athlete's units (``weight_unit``, ``distance_unit``)."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return {}
    return {"weight_unit": profile.weight_unit, "distance_unit": profile.distance_unit}


def _unit(context: dict[str, Any], kind: str = "weight") -> str:
    return context.get(f"{kind}_unit", "kg" if kind == "weight" else "km")


class ExerciseFilterSerializer(Serializer):
    """``GET /api/exercises/`` filters: words, and one value of a vocabulary each."""

    q = serializers.CharField(
        required=False, allow_blank=True, help_text="Words in the name or aliases"
    )
    muscle = serializers.ChoiceField(choices=Muscle.choices, required=False)
    equipment = serializers.ChoiceField(choices=Equipment.choices, required=False)
    pattern = serializers.ChoiceField(choices=Pattern.choices, required=False)


class PersonalRecordFilterSerializer(Serializer):
    """``GET /api/personal-records/?exercise=<id>``."""

    exercise = serializers.IntegerField(required=False, min_value=1)


class ExerciseSerializer(ModelSerializer):
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


class SetInputSerializer(ModelSerializer):
    id = serializers.IntegerField(required=False)
    exercise = serializers.PrimaryKeyRelatedField(queryset=Exercise.objects.all())

    class Meta:
        model = SetLog
        fields = [
            "id",
            "exercise",
            "order",
            "reps",
            "weight_kg",
            "rpe",
            "rir",
            "is_bodyweight",
            "is_warmup",
            "duration_s",
            "distance_m",
            "per_side",
        ]
        extra_kwargs = {"order": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if all(attrs.get(field) is None for field in ("reps", "duration_s", "distance_m")):
            raise serializers.ValidationError({"reps": [SET_MEASURE_MESSAGE]}, code="no_measure")
        exercise = attrs.get("exercise")
        needs_weight = exercise is not None and not exercise.bodyweight
        if needs_weight and attrs.get("weight_kg") is None and not attrs.get("is_bodyweight"):
            raise serializers.ValidationError(
                {"weight_kg": ["A weight is required unless the set is bodyweight."]}
            )
        return attrs


class SetOutputSerializer(ModelSerializer):
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
            "is_warmup",
            "duration_s",
            "distance_m",
            "per_side",
            "weight",
            "unit",
        ]

    def get_weight(self, obj: SetLog) -> float | None:
        return from_kg(obj.weight_kg, _unit(self.context))

    def get_unit(self, obj: SetLog) -> str:
        return _unit(self.context)


class WorkoutInputSerializer(ModelSerializer):
    started_at = serializers.DateTimeField(validators=DATE_VALIDATORS)
    sets = SetInputSerializer(many=True, required=False, max_length=limits.MAX_SETS_PER_WORKOUT)

    class Meta:
        model = WorkoutSession
        fields = ["started_at", "ended_at", "notes", "source", "session_rpe", "sets"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        started = attrs.get("started_at", getattr(self.instance, "started_at", None))
        ended = attrs.get("ended_at", getattr(self.instance, "ended_at", None))
        if started and ended and ended < started:
            raise serializers.ValidationError(
                {"ended_at": ["Must not be before started_at."]}, code="invalid_range"
            )
        return attrs


class WorkoutOutputSerializer(ModelSerializer):
    sets = SetOutputSerializer(many=True, read_only=True)

    class Meta:
        model = WorkoutSession
        fields = [
            "id",
            "started_at",
            "ended_at",
            "notes",
            "source",
            "session_rpe",
            "sets",
            "created_at",
        ]


class PersonalRecordSerializer(ModelSerializer):
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    # not get_value: that name is Field.get_value, which reads input (and its docstring leaked)
    value = serializers.SerializerMethodField(method_name="value_in_unit")
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
            "duration_s",
            "distance_m",
            "achieved_at",
            "set_log",
        ]
        read_only_fields = fields

    def value_in_unit(self, obj: PersonalRecord) -> float | None:
        """The record in `unit`: a hold's seconds, else the load in the athlete's weight unit."""
        if obj.kind == RecordKind.LONGEST_HOLD:
            return float(obj.duration_s) if obj.duration_s is not None else None
        return from_kg(obj.value_kg, _unit(self.context))

    def get_unit(self, obj: PersonalRecord) -> str:
        """The value's unit: seconds for a hold, else the athlete's weight unit."""
        return "s" if obj.kind == RecordKind.LONGEST_HOLD else _unit(self.context)


class SplitSerializer(Serializer):
    distance_m = serializers.FloatField(
        min_value=limits.MIN_SPLIT_DISTANCE_M, max_value=limits.MAX_SPLIT_DISTANCE_M
    )
    duration_s = serializers.IntegerField(
        min_value=limits.MIN_SPLIT_DURATION_S, max_value=limits.MAX_SPLIT_DURATION_S
    )


class RunSerializer(ModelSerializer):
    started_at = serializers.DateTimeField(validators=DATE_VALIDATORS)
    splits = SplitSerializer(many=True, required=False, max_length=limits.MAX_SPLITS)
    pace_s_per_km = serializers.FloatField(read_only=True, allow_null=True)
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
            "rpe",
            "calories",
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


class InjurySerializer(ModelSerializer):
    onset_date = serializers.DateField(validators=DATE_VALIDATORS)

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
