"""The Celery application: configured from Django settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

app = Celery("voicefit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="voicefit.ping")
def ping() -> str:
    """A trivial task used by health checks and tests to prove the broker delivers."""
    return "pong"
