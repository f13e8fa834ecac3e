"""Program serializers: the questionnaires (input) and the nested program (output), kept apart."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Equipment, ExperienceLevel
from core.serializers import ModelSerializer, Serializer
from programs import limits
from programs.models import GenerationJob, PrescribedExercise, PrescribedRun, Program
from programs.running import MIN_CURRENT_KM, MIN_WEEKS, RACE_DISTANCE_M
from programs.selectors import program_validation, programs_for
from programs.sources import local_today
from training.limits import MAX_RUN_DISTANCE_M, MAX_RUN_DURATION_S
from training.models import Exercise

STRENGTH_GOALS = ("strength", "hypertrophy", "general_fitness")
RUNNING_GOALS = ("5k", "10k", "half", "marathon", "base")


class StrengthQuestionnaireSerializer(Serializer):
    goal = serializers.ChoiceField(choices=STRENGTH_GOALS, required=False)
    experience_level = serializers.ChoiceField(choices=ExperienceLevel.choices, required=False)
    days_per_week = serializers.IntegerField(
        min_value=2,
        max_value=6,
        required=False,
        error_messages={
            "max_value": "A strength plan has 2-6 training days a week: muscles need at least "
            "one full rest day.",
            "min_value": "A strength plan has at least 2 training days a week.",
        },
    )
    session_minutes = serializers.IntegerField(
        min_value=30,
        max_value=120,
        required=False,
        error_messages={
            "min_value": "Sessions need at least 30 minutes: less leaves no time to warm up and "
            "do the work sets with their rest.",
            "max_value": "Sessions are at most 120 minutes.",
        },
    )
    equipment = serializers.ListField(
        child=serializers.ChoiceField(choices=Equipment.choices), required=False, max_length=30
    )
    weeks = serializers.IntegerField(
        min_value=limits.MIN_STRENGTH_WEEKS, max_value=limits.MAX_STRENGTH_WEEKS, required=False
    )
    one_rep_max_kg = serializers.DictField(
        child=serializers.FloatField(min_value=1, max_value=limits.MAX_LOAD_KG), required=False
    )
    start_date = serializers.DateField(required=False)

    def validate_one_rep_max_kg(self, value: dict[str, float]) -> dict[str, float]:
        if not all(key.isdigit() for key in value):
            raise serializers.ValidationError("Keys are exercise ids.")
        known = set(
            Exercise.objects.filter(pk__in=[int(k) for k in value]).values_list("pk", flat=True)
        )
        unknown = sorted(k for k in value if int(k) not in known)
        if unknown:
            raise serializers.ValidationError(f"No exercise with id {', '.join(unknown)}.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        days, minutes = attrs.get("days_per_week"), attrs.get("session_minutes")
        if days == 6 and minutes is not None and minutes < 40:
            raise serializers.ValidationError(
                {"session_minutes": "Six sessions a week need at least 40 minutes each."}
            )
        return attrs


class RecentRaceSerializer(Serializer):
    distance_m = serializers.FloatField(min_value=1500, max_value=MAX_RUN_DISTANCE_M)
    time_s = serializers.FloatField(min_value=180, max_value=MAX_RUN_DURATION_S)


class RunningQuestionnaireSerializer(Serializer):
    goal = serializers.ChoiceField(choices=RUNNING_GOALS)
    recent_race = RecentRaceSerializer()
    runs_per_week = serializers.IntegerField(
        min_value=3,
        max_value=7,
        error_messages={
            "min_value": "A plan has 3-7 runs a week.",
            "max_value": "A plan has 3-7 runs a week.",
        },
    )
    current_weekly_km = serializers.FloatField(min_value=0, max_value=limits.MAX_WEEKLY_KM)
    # The lower bound depends on the goal (a marathon needs 12 weeks): checked in validate().
    weeks = serializers.IntegerField(
        min_value=1, max_value=limits.MAX_RUNNING_WEEKS, required=False
    )
    race_date = serializers.DateField(required=False)
    start_date = serializers.DateField(required=False)

    def validate_recent_race(self, value: dict[str, float]) -> dict[str, float]:
        pace = value["time_s"] / (value["distance_m"] / 1000)
        if not 150 <= pace <= 720:
            raise serializers.ValidationError(
                "That race works out at a pace outside 2:30-12:00 per km; check distance and time."
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        goal, runs, km = attrs["goal"], attrs["runs_per_week"], attrs["current_weekly_km"]
        errors: dict[str, str] = {}
        needed = max(runs * limits.MIN_WEEKLY_KM_PER_RUN, MIN_CURRENT_KM[goal])
        if km < needed:
            errors["current_weekly_km"] = (
                f"{runs} runs a week for a {goal} plan start from at least {needed:g} km a week; "
                "run fewer days or build a base first."
            )
        race_date, start = attrs.get("race_date"), attrs.get("start_date")
        if race_date is not None and goal not in RACE_DISTANCE_M:
            errors["race_date"] = "A base-building plan has no race."
        weeks = attrs.get("weeks")
        if race_date is not None:
            first = start or local_today(self.context["request"].user)
            weeks = (race_date - first).days // 7 + 1 if race_date >= first else 0
            if weeks and "weeks" in attrs and attrs["weeks"] != weeks:
                errors["weeks"] = f"The race date gives {weeks} weeks, not {attrs['weeks']}."
        weeks = weeks if weeks is not None else 12
        low = MIN_WEEKS[goal]
        if not low <= weeks <= limits.MAX_RUNNING_WEEKS:
            field = "race_date" if race_date is not None else "weeks"
            errors.setdefault(
                field,
                f"A {goal} plan needs {low}-{limits.MAX_RUNNING_WEEKS} weeks; this gives {weeks}.",
            )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class PrescribedExerciseSerializer(ModelSerializer):
    exercise_name = serializers.CharField(source="exercise.name")
    load_kg = serializers.FloatField(allow_null=True)
    rpe = serializers.FloatField(allow_null=True)

    class Meta:
        model = PrescribedExercise
        fields = [
            "exercise", "exercise_name", "order", "sets", "reps", "reps_min", "reps_max",
            "percent_1rm", "load_kg", "rpe", "rir", "rest_s", "note",
        ]  # fmt: skip


class PrescribedRunSerializer(ModelSerializer):
    class Meta:
        model = PrescribedRun
        fields = [
            "type", "distance_m", "duration_s", "quality_m", "pace_min_s_per_km",
            "pace_max_s_per_km", "hr_zone", "reps", "rep_distance_m", "recovery_s", "note",
        ]  # fmt: skip


class ProgramSessionSerializer(Serializer):
    weekday = serializers.IntegerField()
    planned_date = serializers.DateField()
    title = serializers.CharField()
    exercises = PrescribedExerciseSerializer(many=True)
    runs = PrescribedRunSerializer(many=True)


class ProgramWeekSerializer(Serializer):
    index = serializers.IntegerField()
    focus = serializers.CharField()
    deload = serializers.BooleanField()
    sessions = ProgramSessionSerializer(many=True)


class ViolationSerializer(Serializer):
    code = serializers.CharField()
    week = serializers.IntegerField(allow_null=True)
    session = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()


class ValidationResultSerializer(Serializer):
    violations = ViolationSerializer(many=True)


class AdjustmentSerializer(Serializer):
    region = serializers.CharField()
    severity = serializers.IntegerField()
    action = serializers.CharField()
    exercise = serializers.CharField()
    replacement = serializers.CharField(required=False)
    message = serializers.CharField()


class ProgramOutputSerializer(ModelSerializer):
    weeks = ProgramWeekSerializer(many=True)
    validation = serializers.SerializerMethodField()
    adjustments = AdjustmentSerializer(many=True)

    class Meta:
        model = Program
        fields = [
            "id", "kind", "goal", "status", "start_date", "race_date", "race_distance_m",
            "generator", "generator_version", "facts", "adjustments", "narrative", "citations",
            "provider", "weeks", "validation",
        ]  # fmt: skip

    @extend_schema_field(ValidationResultSerializer)
    def get_validation(self, program: Program) -> dict[str, Any]:
        return program_validation(program)


class AdherenceInputSerializer(Serializer):
    weeks = serializers.IntegerField(min_value=1, max_value=26, default=4)


class AdherenceWeekSerializer(Serializer):
    week_start = serializers.DateField()
    program_weeks = serializers.ListField(child=serializers.IntegerField())
    planned_sessions = serializers.IntegerField()
    completed_sessions = serializers.IntegerField()
    planned_hard_sets = serializers.IntegerField()
    completed_hard_sets = serializers.IntegerField()
    adherence = serializers.FloatField(allow_null=True)


class MissedWeekdaySerializer(Serializer):
    weekday = serializers.IntegerField()
    missed = serializers.IntegerField()


class MissedTypeSerializer(Serializer):
    type = serializers.CharField()
    missed = serializers.IntegerField()


class RealignmentSerializer(Serializer):
    action = serializers.ChoiceField(choices=["shift", "repeat_week"])
    days = serializers.IntegerField()
    week = serializers.IntegerField()
    missed_in_a_row = serializers.IntegerField()
    message = serializers.CharField()


class AdherenceMetricsSerializer(Serializer):
    programs = serializers.ListField(child=serializers.IntegerField())
    weeks = AdherenceWeekSerializer(many=True)
    planned_sessions = serializers.IntegerField()
    completed_sessions = serializers.IntegerField()
    adherence = serializers.FloatField(allow_null=True)
    current_streak_weeks = serializers.IntegerField()
    longest_streak_weeks = serializers.IntegerField()
    most_missed_weekdays = MissedWeekdaySerializer(many=True)
    most_missed_session_types = MissedTypeSerializer(many=True)
    realignment = RealignmentSerializer(allow_null=True)


class ProgramMetricsSerializer(Serializer):
    """The generate endpoints' numbers: the plan's facts and how it was checked."""

    program_id = serializers.IntegerField()
    kind = serializers.CharField()
    generator = serializers.CharField()
    weeks = serializers.IntegerField()
    sessions = serializers.IntegerField()
    facts = serializers.DictField()
    adjustments = AdjustmentSerializer(many=True)
    proposal = serializers.DictField()


class GenerationJobSerializer(ModelSerializer):
    program = serializers.SerializerMethodField()

    class Meta:
        model = GenerationJob
        fields = ["id", "kind", "status", "errors", "created_at", "updated_at", "program"]

    @extend_schema_field(ProgramOutputSerializer(allow_null=True))
    def get_program(self, job: GenerationJob) -> dict[str, Any] | None:
        if job.program_id is None:
            return None
        program = programs_for(job.user).get(pk=job.program_id)
        return dict(ProgramOutputSerializer(program).data)
