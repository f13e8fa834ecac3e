"""App configuration for the coach."""

from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "coach"

    def ready(self) -> None:
        from coach import programs, signals
        from coach.rendering import context_lines
        from core.llm.prompts import register_context_renderer

        signals.connect()
        programs.connect()
        register_context_renderer(context_lines)
