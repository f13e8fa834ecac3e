"""Admin for idempotency records (read-only: they are written by the voice-log endpoint)."""

from django.contrib import admin

from voice.models import IdempotencyRecord


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "key", "response_status", "created_at"]
    search_fields = ["key", "user__email"]
    readonly_fields = [
        "user",
        "key",
        "request_hash",
        "response_status",
        "response_body",
        "created_at",
        "updated_at",
    ]
