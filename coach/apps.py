"""App configuration for the coach."""

from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "coach"

    def ready(self) -> None:
        from coach import programs, signals

        signals.connect()
        programs.connect()
