"""Staff tune the limits here; every process applies a saved change within seconds."""

from django.contrib import admin

from ratelimit.models import ExemptPath, ExpensiveEndpoint, TierLimit


@admin.register(TierLimit)
class TierLimitAdmin(admin.ModelAdmin):
    list_display = ["tier", "hourly_limit", "minute_limit", "expensive_minute_limit", "updated_at"]
    list_editable = ["hourly_limit", "minute_limit", "expensive_minute_limit"]


@admin.register(ExpensiveEndpoint)
class ExpensiveEndpointAdmin(admin.ModelAdmin):
    list_display = ["pattern", "note", "updated_at"]
    search_fields = ["pattern"]


@admin.register(ExemptPath)
class ExemptPathAdmin(admin.ModelAdmin):
    list_display = ["pattern", "note", "updated_at"]
    search_fields = ["pattern"]
