"""Admin for coach conversations."""

from django.contrib import admin

from coach.models import Conversation, OnboardingState, Turn


class TurnInline(admin.TabularInline):
    model = Turn
    extra = 0
    readonly_fields = fields = ("role", "content", "provider", "model", "cached", "created_at")


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "title", "updated_at"]
    search_fields = ["user__email", "title"]
    raw_id_fields = ["user"]
    inlines = [TurnInline]


@admin.register(Turn)
class TurnAdmin(admin.ModelAdmin):
    list_display = ["id", "conversation", "role", "provider", "cached", "created_at"]
    list_filter = ["role", "provider", "cached"]
    search_fields = ["content"]
    raw_id_fields = ["conversation"]


@admin.register(OnboardingState)
class OnboardingStateAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "turns", "asked", "completed_at", "updated_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
