"""gunicorn settings for `make run` and the container: threaded workers, the embedder warmed.

Used as ``gunicorn -c python:voicefit.gunicorn voicefit.wsgi``. Each worker loads the embedding
model in a background thread as soon as it starts, so the first coach answer does not pay for
it; requests are served meanwhile (one that needs the model waits for the same lock).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

worker_class = "gthread"
threads = 8
graceful_timeout = 5
accesslog = "-"

logger = logging.getLogger(__name__)


def _warm_embedder() -> None:
    try:
        from core.embeddings import get_embedder

        get_embedder().embed_query("warm up")
    except Exception:  # a cold model is slower, never broken: the first request loads it
        logger.warning("embedding model warm-up failed", exc_info=True)


def post_worker_init(worker: Any) -> None:
    threading.Thread(target=_warm_embedder, name="embedder-warm-up", daemon=True).start()
