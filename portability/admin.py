"""Admin for import and export jobs (read-mostly: the workers write them)."""

from django.contrib import admin

from portability.models import ExportJob, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "user",
        "format",
        "status",
        "sessions_created",
        "runs_created",
        "created_at",
    ]
    list_filter = ["format", "status"]
    search_fields = ["user__email", "file_name"]
    raw_id_fields = ["user"]
    readonly_fields = ["content_hash", "mapping", "skipped", "error", "created_at", "finished_at"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "status", "size_bytes", "expires_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
