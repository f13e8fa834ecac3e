"""Data portability: imports from other apps, exports, account deletion."""

from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "portability"
    verbose_name = "Data portability"

    def ready(self) -> None:
        from portability import signals

        signals.connect()
