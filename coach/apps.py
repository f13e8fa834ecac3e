"""App configuration for the coach."""

from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "coach"
