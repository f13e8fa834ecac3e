"""Registers the project package as an app so its management commands are found."""

from django.apps import AppConfig


class VoicefitConfig(AppConfig):
    name = "voicefit"
    verbose_name = "VoiceFit"
