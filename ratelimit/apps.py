"""App configuration for rate limiting."""

from django.apps import AppConfig


class RatelimitConfig(AppConfig):
    name = "ratelimit"
