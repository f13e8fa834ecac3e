"""gunicorn settings for `make run` and the container: threaded workers, the embedder warmed.

Used as ``gunicorn -c python:voicefit.gunicorn voicefit.wsgi``. Each worker loads the embedding
model, fits the chat-intent model and loads the lexicon's matcher in a background thread as soon
as it starts, so the first coach answer or classification does not pay for them; requests are
served meanwhile.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

worker_class = "gthread"
threads = 8
graceful_timeout = 5
# Seconds an idle keep-alive connection stays open. gunicorn's default (2) closes connections
# that clients and proxies still hold, and a request sent as it closes one gets no answer (the
# load test's clients, who pause 1-3 s, saw it). Longer than a proxy's idle timeout (nginx's and
# most load balancers' 60 s): the proxy closes idle connections first. Idle connections wait in
# the worker's poller, not in a thread.
keepalive = 75
accesslog = "-"

logger = logging.getLogger(__name__)


def _warm_models() -> None:
    try:
        from coach.classify.model import intent_model
        from core.embeddings import get_embedder
        from rag import lexicon

        get_embedder().embed_query("warm up")
        intent_model()  # fitted once per process from the labelled messages
        lexicon.warm()
    except Exception:  # a cold model is slower, never broken: the first request loads it
        logger.warning("model warm-up failed", exc_info=True)


def post_worker_init(worker: Any) -> None:
    threading.Thread(target=_warm_models, name="model-warm-up", daemon=True).start()
