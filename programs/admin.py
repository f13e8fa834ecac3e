"""Admin for programs and generation jobs (read-mostly: programs are written by the generators)."""

from django.contrib import admin

from programs.models import GenerationJob, Program, ProgramWeek


class ProgramWeekInline(admin.TabularInline):
    model = ProgramWeek
    extra = 0
    fields = ("index", "focus", "deload")


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "kind", "goal", "status", "start_date", "week_count")
    list_filter = ("kind", "status")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
    inlines = [ProgramWeekInline]


@admin.register(GenerationJob)
class GenerationJobAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "kind", "status", "created_at")
    list_filter = ("kind", "status")
    raw_id_fields = ("user", "program")
