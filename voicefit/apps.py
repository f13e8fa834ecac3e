"""Registers the project package as an app, for its management commands (bootstrap, embedded)."""

from django.apps import AppConfig


class VoicefitConfig(AppConfig):
    name = "voicefit"
    verbose_name = "VoiceFit"
