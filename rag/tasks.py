"""Celery: ingestion as a task, and the embedder and the lexicon warmed when a worker process
starts."""

from typing import Any

from celery import shared_task
from celery.signals import worker_process_init


@shared_task(name="rag.ingest_knowledge")
def ingest_knowledge_task(path: str | None = None, rebuild: bool = False) -> dict[str, Any]:
    """The same work as ``manage.py ingest_knowledge``; returns the summary."""
    from pathlib import Path

    from rag.ingestion import KnowledgeIngestor

    return KnowledgeIngestor(root=Path(path) if path else None, rebuild=rebuild).run().as_dict()


@worker_process_init.connect
def warm_embedder(**kwargs: Any) -> None:
    """Load the model (and fill the ONNX export once) and the lexicon's matcher before the first
    task needs them."""
    from core.embeddings import get_embedder
    from rag import lexicon

    get_embedder().embed_query("warm up")
    lexicon.warm()
