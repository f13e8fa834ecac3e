"""The Celery application: configured from Django settings under the CELERY_ namespace."""

import os
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

app = Celery("voicefit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _resolve_embedded_urls(sender: Celery, source: Any, **kwargs: Any) -> None:
    """``embedded://`` as the broker or result URL is the embedded Valkey, resolved when Celery
    is first used (sending a task, starting a worker), never when settings are imported."""
    from core.redis import resolve_url

    source["broker_url"] = resolve_url(source.broker_url or "")
    source["result_backend"] = resolve_url(source.result_backend or "")


@app.task(name="voicefit.ping")
def ping() -> str:
    """A trivial task used by health checks and tests to prove the broker delivers."""
    return "pong"
