"""Admin for the training domain; staff edits of sets and workouts recompute the records too."""

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from training import services
from training.checkins import CheckIn
from training.models import Exercise, Injury, PersonalRecord, RunSession, SetLog, WorkoutSession
from training.records import personal_records_recompute


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "pattern", "category", "bodyweight", "unilateral", "updated_at"]
    list_filter = ["pattern", "category", "bodyweight", "unilateral"]
    search_fields = ["name", "slug", "search_text"]
    readonly_fields = ["created_at", "updated_at"]


class SetLogInline(admin.TabularInline):
    model = SetLog
    extra = 0
    raw_id_fields = ["exercise"]


@admin.register(WorkoutSession)
class WorkoutSessionAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "started_at", "session_rpe", "source", "created_at"]
    list_filter = ["source", "started_at"]
    search_fields = ["user__email", "notes"]
    raw_id_fields = ["user"]
    date_hierarchy = "started_at"
    inlines = [SetLogInline]

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        session = form.instance
        before = set(SetLog.objects.filter(session=session).values_list("exercise_id", flat=True))
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            after = set(session.sets.values_list("exercise_id", flat=True))
            personal_records_recompute(user_id=session.user_id, exercise_ids=before | after)

    def delete_model(self, request: HttpRequest, obj: WorkoutSession) -> None:
        services.workout_log_delete(session=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[WorkoutSession]) -> None:
        for session in queryset:
            services.workout_log_delete(session=session)


@admin.register(SetLog)
class SetLogAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "session",
        "exercise",
        "reps",
        "weight_kg",
        "duration_s",
        "distance_m",
        "per_side",
        "rpe",
        "rir",
        "is_warmup",
    ]
    list_filter = ["is_bodyweight", "is_warmup", "per_side"]
    search_fields = ["exercise__name", "session__user__email"]
    raw_id_fields = ["session", "exercise"]

    def save_model(self, request: HttpRequest, obj: SetLog, form: ModelForm, change: bool) -> None:
        before: int | None = form.initial.get("exercise")  # the exercise a changed set had
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            exercise_ids = {obj.exercise_id} | ({before} if before else set())
            personal_records_recompute(user_id=obj.session.user_id, exercise_ids=exercise_ids)

    def delete_model(self, request: HttpRequest, obj: SetLog) -> None:
        services.set_log_delete(set_log=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[SetLog]) -> None:
        for set_log in queryset.select_related("session"):
            services.set_log_delete(set_log=set_log)


@admin.register(PersonalRecord)
class PersonalRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "kind", "reps", "value_kg", "achieved_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "exercise__name"]
    raw_id_fields = ["user", "exercise", "set_log"]


@admin.register(RunSession)
class RunSessionAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "user",
        "activity",
        "started_at",
        "distance_m",
        "duration_s",
        "calories",
        "rpe",
    ]
    list_filter = ["activity", "source"]
    search_fields = ["user__email", "notes"]
    raw_id_fields = ["user"]
    date_hierarchy = "started_at"


@admin.register(Injury)
class InjuryAdmin(admin.ModelAdmin):
    list_display = ["user", "body_region", "side", "severity", "status", "onset_date"]
    list_filter = ["status", "body_region", "side"]
    search_fields = ["user__email", "notes"]
    raw_id_fields = ["user"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "date", "readiness", "soreness", "sleep_hours"]
    list_filter = ["date"]
    search_fields = ["user__email", "note"]
    raw_id_fields = ["user"]
    date_hierarchy = "date"
