"""Admin for the training domain."""

from django.contrib import admin

from training.checkins import CheckIn
from training.models import Exercise, Injury, PersonalRecord, RunSession, SetLog, WorkoutSession


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
        "rpe",
        "rir",
        "is_warmup",
    ]
    list_filter = ["is_bodyweight", "is_warmup"]
    search_fields = ["exercise__name", "session__user__email"]
    raw_id_fields = ["session", "exercise"]


@admin.register(PersonalRecord)
class PersonalRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "kind", "reps", "value_kg", "achieved_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "exercise__name"]
    raw_id_fields = ["user", "exercise", "set_log"]


@admin.register(RunSession)
class RunSessionAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "activity", "started_at", "distance_m", "duration_s", "rpe"]
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
