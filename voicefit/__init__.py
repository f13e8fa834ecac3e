"""The VoiceFit project package: settings, URLs, Celery app and shared plumbing."""

from voicefit.celery import app as celery_app

__all__ = ["celery_app"]
