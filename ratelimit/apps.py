"""App configuration for rate limiting."""

from django.apps import AppConfig


class RatelimitConfig(AppConfig):
    name = "ratelimit"
    verbose_name = "Rate limiting"

    def ready(self) -> None:
        from ratelimit import signals  # noqa: F401  (connects the policy-version receivers)
