"""App configuration for voice logging."""

from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "voice"
